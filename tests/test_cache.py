"""The cache of parsed documents and built landscapes (issue 14): it never changes a result,
survives damaged entries and concurrent runs, makes runs incremental, and degrades to no
cache when its folder cannot be written."""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cli_process import child_env
from landscape_paths import DATA, FIXTURES, ROOT

from rivalscape.graph import pipeline
from rivalscape.graph.cache import ENV, Cache, default_cache_dir, digest

# Fixtures that together cover every reader: markdown forms, subjects, tables (csv, xlsx
# pairs), data files, CNCF, prose, and inputs that give warnings.
CASES = [DATA, FIXTURES / "mixed", FIXTURES / "tables_kumu_xlsx", FIXTURES / "tables_pairs",
         FIXTURES / "data_yaml", FIXTURES / "cncf_v1", FIXTURES / "read_prose",
         FIXTURES / "read_subject_title", FIXTURES / "warnings", FIXTURES / "cross_document"]
NAMES = {DATA: ["Modal Labs", "Open Source Integration"]}

LANDSCAPE = [sys.executable, "-c", "from rivalscape.cli.main import cli; cli()"]

QUERIES = [
    ("themes", "--json"), ("centrality", "--json"), ("segments", "--json"), ("validate",),
    ("export", "--format", "yaml"), ("export", "--format", "node-link"),
    ("report", "--format", "json"),
]


def _first_entity(invoke, data, cache_args) -> str:
    r = invoke("centrality", "--data", data, "--json", "--top", "1", *cache_args)
    return json.loads(r.stdout)["rows"][0]["name"]


def _answers(invoke, data, cache_args) -> list[tuple]:
    """stdout and stderr of every query command on ``data``."""
    out = []
    names = NAMES.get(data) or [_first_entity(invoke, data, cache_args)]
    runs = [*QUERIES, *[(cmd, name, "--json") for name in names for cmd in ("show", "competitors")],
            *[("show", name) for name in names]]
    for args in runs:
        r = invoke(args[0], "--data", data, *args[1:], *cache_args)
        out.append((args, r.exit_code, r.stdout, r.stderr))
    return out


@pytest.mark.parametrize("data", CASES, ids=lambda p: p.name)
def test_answers_are_the_same_bytes_with_and_without_the_cache(invoke, tmp_path, data):
    cache = ("--cache-dir", tmp_path / "cache")
    uncached = _answers(invoke, data, ("--no-cache",))
    cold = _answers(invoke, data, cache)  # fills the cache
    assert Cache(tmp_path / "cache").info()["entries"] > 0
    warm = _answers(invoke, data, cache)  # every answer from the cache
    assert cold == uncached
    assert warm == uncached
    assert all(code == 0 for args, code, *_ in uncached if args[0] != "validate"), uncached


def _outputs(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes()
            for name in ("landscape.html", "graph.json", "centrality.md", "report.md")}


@pytest.mark.parametrize("data", [DATA, FIXTURES / "tables_kumu_csv", FIXTURES / "mixed"],
                         ids=lambda p: p.name)
def test_build_outputs_are_the_same_bytes_with_and_without_the_cache(invoke, tmp_path, data):
    cache = ("--cache-dir", tmp_path / "cache")
    runs = {}
    for name, args in (("uncached", ("--no-cache",)), ("cold", cache), ("warm", cache)):
        r = invoke("build", "--data", data, "-o", tmp_path / name, *args)
        assert r.exit_code == 0, r.stderr
        runs[name] = (r.stdout, r.stderr.replace(str(tmp_path / name), "OUT"),
                      _outputs(tmp_path / name))
    assert runs["cold"] == runs["uncached"]
    assert runs["warm"] == runs["uncached"]


# --- damaged entries -------------------------------------------------------------------------


def _truncate(raw: bytes) -> bytes:
    return raw[: len(raw) // 2]


def _garble(raw: bytes) -> bytes:
    """A changed letter inside a name: the payload still unpickles, only the sha256 can tell."""
    if b"raphite" in raw:
        return raw.replace(b"raphite", b"rbphite")
    at = len(raw) // 2
    return raw[:at] + bytes([raw[at] ^ 0x01]) + raw[at + 1:]


def _garble_header(raw: bytes) -> bytes:
    return b"X" + raw[1:]


def _foreign(raw: bytes) -> bytes:
    return b"not ours at all\n" * 40


def _empty(raw: bytes) -> bytes:
    return b""


@pytest.mark.parametrize("damage", [_truncate, _garble, _garble_header, _foreign, _empty])
def test_damaged_entries_are_ignored_and_rebuilt(invoke, tmp_path, damage):
    folder = tmp_path / "cache"
    runs = [("show", "Graphite", "--json"), ("validate",)]  # validate needs every kind of entry
    data = ("--data", FIXTURES / "mixed")
    expected = [invoke(*run, *data, "--no-cache") for run in runs]
    assert expected[0].exit_code == 0
    for run in runs:
        invoke(*run, *data, "--cache-dir", folder)
    entries = list(Cache(folder).entries())
    assert {kind for kind, *_ in entries} == {"document", "structured", "graph", "landscape"}
    for _, path, _ in entries:
        path.write_bytes(damage(path.read_bytes()))
    for run, want in zip(runs, expected):
        r = invoke(*run, *data, "--cache-dir", folder)
        assert (r.exit_code, r.stdout, r.stderr) == (want.exit_code, want.stdout, want.stderr)
    cache = Cache(folder)  # rebuilt: every entry checks out again
    assert len(list(cache.entries())) == len(entries)
    for kind, path, _ in cache.entries():
        assert cache.get(kind, path.stem) is not None, path


def test_an_entry_under_another_key_is_not_served(tmp_path):
    cache = Cache(tmp_path)
    a, b = digest("a"), digest("b")
    cache.put("graph", a, "value of a")
    shutil.copy(tmp_path / "graph" / f"{a}.entry", tmp_path / "graph" / f"{b}.entry")
    assert cache.get("graph", a) == "value of a"
    assert cache.get("graph", b) is None


# --- concurrency -----------------------------------------------------------------------------


def _writer(folder: str, key: str, fill: str, rounds: int) -> None:
    cache = Cache(folder)
    for _ in range(rounds):
        cache.put("graph", key, fill * 200_000)


def test_two_processes_writing_one_entry_never_leave_a_broken_one(tmp_path):
    key = digest("shared")
    ctx = multiprocessing.get_context("spawn")
    writers = [ctx.Process(target=_writer, args=(str(tmp_path), key, fill, 40)) for fill in "ab"]
    for w in writers:
        w.start()
    cache = Cache(tmp_path)
    seen = set()
    while any(w.is_alive() for w in writers):
        value = cache.get("graph", key)
        if value is not None:
            seen.add(value[0])
            assert value in ("a" * 200_000, "b" * 200_000)
        else:  # once there, an entry is replaced whole: never seen missing or half-written
            assert not seen
    for w in writers:
        w.join()
        assert w.exitcode == 0
    assert cache.get("graph", key) in ("a" * 200_000, "b" * 200_000)
    assert not [p for p in (tmp_path / "graph").iterdir() if not p.name.endswith(".entry")]
    assert seen  # the reader did read entries while they were being replaced


def test_two_landscape_runs_at_once_share_one_cache(tmp_path):
    corpus = tmp_path / "corpus"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), "--entities", "600",
                    "--out", str(corpus), "--files", "6"], check=True, capture_output=True)
    env = child_env(**{ENV: str(tmp_path / "cache")})
    expected = subprocess.run([*LANDSCAPE, "centrality", "--json", "--data", str(corpus),
                               "--no-cache"], env=env, capture_output=True, check=True).stdout
    for _ in range(2):
        runs = [subprocess.Popen([*LANDSCAPE, "centrality", "--json", "--data", str(corpus)],
                                 env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                for _ in range(2)]
        for p in runs:
            out, err = p.communicate(timeout=300)
            assert p.returncode == 0, err
            assert out == expected
    cache = Cache(tmp_path / "cache")
    entries = list(cache.entries())
    assert len([e for e in entries if e[0] == "document"]) == 6
    for kind, path, _ in entries:
        assert cache.get(kind, path.stem) is not None


# --- incremental runs ------------------------------------------------------------------------


def _three_documents(folder: Path) -> None:
    folder.mkdir()
    for n, (company, rival) in enumerate([("Acme", "Globex"), ("Initech", "Hooli"),
                                          ("Umbrella", "Cyberdyne")]):
        (folder / f"doc{n}.md").write_text(
            f"### 1. {company.upper()}: Widgets\n\n- Founded: 2020\n- Funding: $5M Seed\n\n"
            f"- **vs. {rival}**: cheaper\n", encoding="utf-8")


@pytest.fixture
def counted(monkeypatch):
    """How many times each stage ran: documents parsed (by path), resolves."""
    counts = {"parsed": [], "resolved": 0}
    read, resolve = pipeline.read_markdown, pipeline.resolve

    def reading(text, path, display, **kw):
        counts["parsed"].append(path)
        return read(text, path, display, **kw)

    def resolving(*a, **kw):
        counts["resolved"] += 1
        return resolve(*a, **kw)

    monkeypatch.setattr(pipeline, "read_markdown", reading)
    monkeypatch.setattr(pipeline, "resolve", resolving)
    return counts


def test_editing_one_document_parses_only_that_document(tmp_path, counted):
    data = tmp_path / "data"
    _three_documents(data)
    cache = Cache(tmp_path / "cache")
    pipeline.load([data], cache=cache)
    assert sorted(counted["parsed"]) == ["doc0.md", "doc1.md", "doc2.md"]
    text = (data / "doc1.md").read_text() + "- **vs. Pied Piper**: faster\n"
    (data / "doc1.md").write_text(text)
    counted["parsed"].clear()
    loaded = pipeline.load([data], cache=cache)
    assert counted["parsed"] == ["doc1.md"]
    assert counted["resolved"] == 2  # the landscape changed: resolved again
    assert "pied-piper" in loaded.graph
    assert loaded.graph.nodes == pipeline.load([data]).graph.nodes


def test_a_second_run_with_nothing_changed_skips_reading_and_resolving(tmp_path, counted):
    data = tmp_path / "data"
    _three_documents(data)
    cache = Cache(tmp_path / "cache")
    first = pipeline.load([data], cache=cache)
    counted["parsed"].clear()
    again = pipeline.load([data], cache=cache)
    assert counted == {"parsed": [], "resolved": 1}
    assert again.diagnostics == first.diagnostics
    assert sorted(again.graph.edges(data=True)) == sorted(first.graph.edges(data=True))
    # the landscape and document records are made once when first asked for, then cached
    assert again.landscape == first.landscape and counted["resolved"] == 2
    third = pipeline.load([data], cache=cache)
    assert third.landscape == first.landscape and counted["resolved"] == 2
    assert [d.subject for d in third.documents] == [d.subject for d in first.documents]


def test_a_second_build_with_nothing_changed_skips_the_analysis(invoke, tmp_path, monkeypatch):
    from rivalscape.graph import report

    calls = []
    real = report.build_report
    monkeypatch.setattr(report, "build_report", lambda *a, **kw: calls.append(1) or real(*a, **kw))
    data = tmp_path / "data"
    _three_documents(data)
    args = ("build", "--data", data, "--cache-dir", tmp_path / "cache")
    first = invoke(*args, "-o", tmp_path / "one")
    assert first.exit_code == 0 and len(calls) == 1
    second = invoke(*args, "-o", tmp_path / "two")
    assert len(calls) == 1  # nothing changed: neither read, resolved nor analysed again
    assert _outputs(tmp_path / "two") == _outputs(tmp_path / "one")
    invoke(*args, "--exact", "-o", tmp_path / "three")
    assert len(calls) == 2  # another setting: analysed again
    (data / "doc0.md").write_text((data / "doc0.md").read_text() + "- **vs. Pied Piper**: faster\n")
    invoke(*args, "-o", tmp_path / "four")
    assert len(calls) == 3  # another landscape: analysed again
    assert second.stdout == first.stdout


def test_reading_settings_and_code_are_part_of_the_key(tmp_path, counted, monkeypatch):
    data = tmp_path / "data"
    _three_documents(data)
    cache = Cache(tmp_path / "cache")
    pipeline.load([data], cache=cache)
    counted["parsed"].clear()
    pipeline.load([data], cache=cache, subject="Acme")
    assert len(counted["parsed"]) == 3  # another --subject reads documents differently
    counted["parsed"].clear()
    pipeline.load([data], cache=cache, evidence="structural")
    assert counted["parsed"] == [] and counted["resolved"] == 3  # same records, other landscape
    monkeypatch.setattr(pipeline, "_code_version", lambda sources: digest("a changed reader", sources))
    pipeline.load([data], cache=cache)
    assert len(counted["parsed"]) == 3 and counted["resolved"] == 4


def test_the_reader_version_covers_the_readers_names_and_lexicon():
    covered = {Path(f).relative_to(pipeline._HERE).as_posix()
               for pattern in pipeline._READER_SOURCES for f in pipeline._HERE.glob(pattern)}
    must = {f.relative_to(pipeline._HERE).as_posix()
            for f in [*(pipeline._HERE / "ingest").glob("*.py"), pipeline._HERE / "names.py",
                      *(pipeline._HERE / "lexicon").iterdir()]}
    assert must and must <= covered


def test_moving_a_folder_keeps_the_parsed_documents(tmp_path, counted):
    """Records name their file by provenance (relative to the data folder); how a file is
    shown in messages is set again on the way out of the cache."""
    data = tmp_path / "data"
    _three_documents(data)
    (data / "doc2.md").write_text("no heading here\n")  # a warning naming the file
    cache = Cache(tmp_path / "cache")
    pipeline.load([data], cache=cache)
    moved = tmp_path / "elsewhere"
    data.rename(moved)
    counted["parsed"].clear()
    loaded = pipeline.load([moved], cache=cache)
    assert counted["parsed"] == []
    assert [d.path for d in loaded.diagnostics] == [str(moved / "doc2.md")]
    assert {doc.display for doc in loaded.documents} == {str(moved / f"doc{n}.md") for n in range(3)}


# --- where the cache is, and when it cannot be used ------------------------------------------


def test_default_cache_dir(monkeypatch, tmp_path):
    monkeypatch.delenv(ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "rivalscape"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_cache_dir() == tmp_path / "home" / ".cache" / "rivalscape"
    monkeypatch.setenv(ENV, str(tmp_path / "own"))
    assert default_cache_dir() == tmp_path / "own"


def test_the_suite_never_uses_the_real_cache_folder():
    import tempfile

    assert Path(os.environ[ENV]).parent == Path(tempfile.gettempdir())
    assert default_cache_dir() == Path(os.environ[ENV])


def test_cache_dir_option_and_environment(invoke, tmp_path, monkeypatch):
    monkeypatch.setenv(ENV, str(tmp_path / "from-env"))
    invoke("show", "Modal", "--data", DATA)
    assert Cache(tmp_path / "from-env").info()["entries"] == 2
    invoke("show", "Modal", "--data", DATA, "--cache-dir", tmp_path / "from-option")
    assert Cache(tmp_path / "from-option").info()["entries"] == 2
    invoke("show", "Modal", "--data", DATA, "--no-cache", "--cache-dir", tmp_path / "unused")
    assert not (tmp_path / "unused").exists()


@pytest.mark.parametrize("command", [("show", "Modal"), ("validate",), ("centrality",),
                                     ("diff", str(DATA), str(DATA))])
def test_an_unwritable_cache_folder_is_one_warning_never_a_failure(invoke, tmp_path, command):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    expected = invoke(*command, "--data", DATA, "--no-cache")
    r = invoke(*command, "--data", DATA, "--cache-dir", blocker / "cache")
    assert r.exit_code == expected.exit_code
    assert r.stdout == expected.stdout
    warnings = [line for line in r.stderr.splitlines() if "cache folder" in line]
    assert len(warnings) == 1 and "cannot be written" in warnings[0], r.stderr
    assert r.stderr.replace(warnings[0] + "\n", "") == expected.stderr


def test_cache_info_and_clear(invoke, tmp_path):
    folder = tmp_path / "cache"
    invoke("show", "Modal", "--data", DATA, "--cache-dir", folder)
    info = json.loads(invoke("cache", "info", "--json", "--cache-dir", folder).stdout)
    assert info["folder"] == str(folder)
    assert info["entries"] == 2 and info["kinds"]["document"]["entries"] == 1
    assert info["bytes"] == sum(p.stat().st_size for p in folder.rglob("*.entry"))
    text = invoke("cache", "info", "--cache-dir", folder).stdout
    assert f"folder: {folder}\nentries: 2 (1 document, 1 graph)\nsize: " in text
    r = invoke("cache", "clear", "--cache-dir", folder)
    assert r.exit_code == 0 and r.stdout.startswith("removed 2 entries")
    assert json.loads(invoke("cache", "info", "--json", "--cache-dir", folder).stdout)["entries"] == 0


def test_cache_info_json_matches_the_schema(invoke, tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "schema" / "landscape-cli.schema.json").read_text(encoding="utf-8"))
    invoke("show", "Modal", "--data", DATA, "--cache-dir", tmp_path)
    doc = json.loads(invoke("cache", "info", "--json", "--cache-dir", tmp_path).stdout)
    jsonschema.validate(doc, {**schema, "$ref": "#/$defs/cache_info"})
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**doc, "entries": "2"}, {**schema, "$ref": "#/$defs/cache_info"})


def test_old_entries_are_pruned(tmp_path):
    cache = Cache(tmp_path)
    keys = [digest(n) for n in range(6)]
    for n, key in enumerate(keys):
        cache.put("graph", key, n)
        os.utime(tmp_path / "graph" / f"{key}.entry", (1000 + n, 1000 + n))
    cache.get("graph", keys[0])  # used now: kept
    cache.prune("graph", keep=3)
    assert {path.stem for _, path, _ in cache.entries()} == {keys[0], keys[5], keys[4]}


def test_the_cache_folder_is_private(tmp_path):
    cache = Cache(tmp_path / "new" / "cache")
    cache.put("graph", digest("x"), 1)
    assert (tmp_path / "new" / "cache").stat().st_mode & 0o777 == 0o700
    assert (tmp_path / "new" / "cache" / "graph").stat().st_mode & 0o777 == 0o700


# --- claim classes kept between builds --------------------------------------------------------


def test_claim_classes_from_an_earlier_run_are_used_and_give_the_same_dimensions(shipped, monkeypatch):
    from rivalscape.graph.analysis import claims as C

    G = shipped.graph
    expected = C.claim_dimensions(G)
    known = {"a text no document holds": ("cost",)}
    assert C.claim_dimensions(G, known=known) == expected
    texts = {c["text"] for *_, d in G.edges(data=True) if d.get("kind") == "competes" for c in d["claims"]}
    assert set(known) == texts  # exactly the texts of G, the stranger dropped
    assert all(known[t] == tuple(C.classify_claim(t)) for t in texts)
    monkeypatch.setattr(C, "classify_claim", lambda *a, **k: pytest.fail("classified again"))
    assert C.claim_dimensions(G, known=dict(known)) == expected
    # another lexicon: what was kept for the default one is not used
    wrong = {t: ("cost",) for t in texts}
    with pytest.raises(pytest.fail.Exception, match="classified again"):
        C.claim_dimensions(G, C.load_lexicon(), known=wrong)


def test_a_build_after_an_edit_classifies_only_new_claim_texts_and_equals_an_uncached_build(
        invoke, tmp_path, monkeypatch):
    from rivalscape.graph.analysis import claims as C

    met = []
    real = C.classify_claim
    monkeypatch.setattr(C, "classify_claim", lambda text, *a, **k: met.append(text) or real(text, *a, **k))
    data = tmp_path / "data"
    _three_documents(data)
    args = ("build", "--data", data, "--cache-dir", tmp_path / "cache")
    assert invoke(*args, "-o", tmp_path / "one").exit_code == 0
    assert sorted(met) == ["cheaper"]
    (data / "doc0.md").write_text((data / "doc0.md").read_text() + "- **vs. Pied Piper**: faster\n"
                                  "- **vs. Hooli**: cheaper\n")
    met.clear()
    cached = invoke(*args, "-o", tmp_path / "cached")
    assert cached.exit_code == 0 and met == ["faster"]  # "cheaper" was kept
    uncached = invoke("build", "--data", data, "--no-cache", "-o", tmp_path / "uncached")
    assert _outputs(tmp_path / "cached") == _outputs(tmp_path / "uncached")
    assert cached.stdout == uncached.stdout
    kinds = [kind for kind, *_ in Cache(tmp_path / "cache").entries()]
    assert kinds.count("claims") == 1

"""`landscape build` writes the page's battlecards and, with --compare REV, marks what changed
since a git revision of the data folder (issue 13). The history is tests/history_repo.py."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from history_repo import git, make_history
from landscape_paths import DATA

from rivalscape.cli.main import cli
from rivalscape.graph import battlecard as bc
from rivalscape.graph.asof import as_of_dates
from rivalscape.graph.build_outputs import CARDS_LIMIT, build_outputs, card_pairs
from rivalscape.graph.diff import diff_graphs
from rivalscape.graph.pipeline import load
from rivalscape.graph.query import find_entity

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
CARD_NAME = re.compile(r"[a-z0-9-]+--vs--[a-z0-9-]+\.html\Z")


def build(*args):
    return CliRunner().invoke(cli, ["build", *map(str, args)])


def page_data(out: Path) -> dict:
    html = (out / "landscape.html").read_text("utf-8")
    text = re.search(r'<script type="application/json" id="landscape-data">(.*?)</script>', html, re.S)[1]
    return json.loads(text)


def ids(data: dict, which: str) -> tuple[list, list]:
    """``(node ids, edge id pairs)`` of the page's ``added`` or ``removed`` marks."""
    N, E, marks = data["nodes"], data["edges"], data["compare"][which]
    return ([N[i]["id"] for i in marks["nodes"]],
            sorted(tuple(sorted((N[E[k]["from"]]["id"], N[E[k]["to"]]["id"]))) for k in marks["edges"]))


# --------------------------------------------------------------------------- battlecards


@pytest.fixture(scope="module")
def shipped_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("shipped") / "out"
    r = build("--data", DATA, "--out", out)
    assert r.exit_code == 0, r.stderr
    return out, r


def test_build_writes_a_card_per_rivalry_and_the_page_links_each(shipped_build):
    out, r = shipped_build
    data = page_data(out)
    rivalries = [e for e in data["edges"] if e["kind"] == "competes"]
    assert len(rivalries) == 16 and all("card" in e for e in rivalries)
    assert not any("card" in e for e in data["edges"] if e["kind"] == "theme")
    files = sorted(p.name for p in (out / "battlecards").iterdir())
    assert len(files) == 17 and "index.html" in files
    assert sorted(e["card"] for e in rivalries) == sorted(f"battlecards/{f}" for f in files if f != "index.html")
    assert all(CARD_NAME.match(f) for f in files if f != "index.html")
    modal = data["nodes"].index(next(n for n in data["nodes"] if n["id"] == "modal-labs"))
    replicate = data["nodes"].index(next(n for n in data["nodes"] if n["id"] == "replicate"))
    edge = next(e for e in rivalries if {e["from"], e["to"]} == {modal, replicate})
    assert edge["card"] == "battlecards/modal-labs--vs--replicate.html"
    card = (out / edge["card"]).read_text("utf-8")
    assert "<h2>Modal Labs vs Replicate</h2>" in card and "<script" not in card
    assert f"wrote {out / 'battlecards'} (16 battlecards)" in r.stderr.splitlines()


def test_a_built_card_is_the_battlecard_command_s_card(shipped_build):
    """The build's card for a pair is `landscape battlecard A --vs B --format html` (no today,
    no staleness: the same input gives the same bytes), the segments reused from the report."""
    out, _ = shipped_build
    G = load([DATA]).graph
    dating = bc.Dating(as_of_dates([DATA]))
    expected = bc.render_battlecards(bc.battlecards(G, "modal-labs", "replicate", dating=dating), "html")
    card = (out / "battlecards" / "modal-labs--vs--replicate.html").read_text("utf-8")
    assert re.sub(r'<meta name="landscape-build" content="\w+">\n', "", card) == expected
    assert "As of" not in card and "No staleness threshold" in card


def test_cards_are_capped_most_central_first_and_the_note_says_so():
    G = load([DATA]).graph
    outputs, notes = build_outputs(G, cards_limit=3)
    names = [o.name for o in outputs if o.name.startswith("battlecards/")]
    assert len(names) == 4  # three cards and the index
    metrics = {n: {"pagerank": 1.0} for n in G}
    all_pairs, total = card_pairs(G, list(G), metrics, 100)
    assert total == 16 and len(all_pairs) == 16
    assert notes[-1] == ("battlecards: 3 battlecards for the page's 16 rivalries (the most central; "
                         "limit 3); the panel shows the command that makes any other")
    page = next(o for o in outputs if o.name == "landscape.html")
    html = "".join(p for p in page.parts if isinstance(p, str))
    data = json.loads(re.search(r'id="landscape-data">(.*?)</script>', html, re.S)[1])
    linked = [e for e in data["edges"] if "card" in e]
    assert len(linked) == 3
    # the most central pairs: those with the highest sum of the two ends' PageRank
    from rivalscape.graph.analysis import Settings, analyze
    pr = {n: m["pagerank"] for n, m in analyze(G, Settings()).node_metrics().items()}
    N = data["nodes"]
    score = lambda e: pr[N[e["from"]]["id"]] + pr[N[e["to"]]["id"]]  # noqa: E731
    rivalries = [e for e in data["edges"] if e["kind"] == "competes"]
    assert min(map(score, linked)) >= max(score(e) for e in rivalries if "card" not in e)
    assert CARDS_LIMIT == 1000


def test_card_names_are_safe_and_collisions_get_a_number():
    assert bc.slug("../../etc/passwd") == "etc-passwd"
    assert bc.slug(".hidden") == "hidden" and bc.slug("") == "entity" and bc.slug("\x1b[2J") == "2j"
    assert len(bc.slug("x" * 500)) == bc.SLUG_MAX
    names = bc.card_names([("a/b", "c"), ("a b", "c"), ("a-b", "c"), ("A.B", "c")])
    assert list(names.values()) == ["a-b--vs--c.html", "a-b--vs--c-2.html", "a-b--vs--c-3.html",
                                    "a-b--vs--c-4.html"]


def test_hostile_names_never_leave_the_cards_folder(tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "x.md").write_text(
        "---\nsubject: ../../Evil\n---\n# Notes\n\n"
        "- **vs. .hidden**: a\n- **vs. C:\\\\Windows**: b\n- **vs. Ünïcödé/..**: c\n"
        "- **vs. <script>alert(1)</script>**: d\n", encoding="utf-8")
    out = tmp_path / "out"
    r = build("--data", notes, "--out", out)
    assert r.exit_code == 0, r.stderr
    written = sorted(p.relative_to(out / ".landscape").as_posix() for p in (out / ".landscape").rglob("*")
                     if p.is_file() and p.name != "lock")
    cards = [w.split("/", 1)[1] for w in written if "/battlecards/" in w]
    assert cards == ["battlecards/evil--vs--alert.html", "battlecards/evil--vs--c-windows.html",
                     "battlecards/evil--vs--unicode.html", "battlecards/index.html"]
    assert r.stdout.endswith(", 3 rivalries\n")
    assert sorted(p.name for p in out.iterdir()) == [".landscape", "battlecards", "centrality.md", "graph.json",
                                                     "landscape.html", "report.md"]


# --------------------------------------------------------------------------- --compare


@pytest.fixture
def history(tmp_path):
    return make_history(tmp_path)


@needs_git
def test_compare_marks_what_was_added_since_a_revision(history, tmp_path):
    notes, commits = history
    out = tmp_path / "out"
    r = build("--data", notes, "--out", out, "--compare", commits[0])
    assert r.exit_code == 0, r.stderr
    data = page_data(out)
    assert ids(data, "added") == (["hooli", "vandelay"], [
        ("acme", "vandelay"), ("global-export", "theme:self-service"), ("global-export", "vandelay"),
        ("hooli", "initech")])
    assert ids(data, "removed") == ([], [("acme", "initech")])
    d = diff_graphs(load_revision_graph(commits[0], notes), load([notes]).graph)
    assert data["compare"]["summary"] == d["summary"] and len(d["summary"]) == 4
    assert data["compare"]["rev"] == commits[0]
    assert data["compare"]["totals"].startswith("In all: 2 entities added, 0 removed, 1 renamed; 3 rivalries added, 1 removed")
    # graph.json and the report are of the working tree alone
    G = nx.node_link_graph(json.loads((out / "graph.json").read_text()), edges="edges")
    assert not G.has_edge("acme", "initech")


def load_revision_graph(rev, notes):
    from rivalscape.graph.revisions import load_revision

    return load_revision(rev, notes).graph


@needs_git
def test_compare_draws_removed_entities_placed_by_the_layout(history, tmp_path):
    notes, commits = history
    (notes / "hooli.md").unlink()  # the working tree drops Hooli
    out, again = tmp_path / "out", tmp_path / "again"
    for folder in (out, again):
        r = build("--data", notes, "--out", folder, "--compare", "HEAD")
        assert r.exit_code == 0, r.stderr
    data = page_data(out)
    assert ids(data, "added") == ([], [])
    assert ids(data, "removed") == (["hooli"], [("hooli", "initech")])
    hooli = next(n for n in data["nodes"] if n["id"] == "hooli")
    assert isinstance(hooli["x"], (int, float)) and isinstance(hooli["y"], (int, float))
    assert hooli["sources"][0][0] is not None and data["strings"][hooli["sources"][0][0]] == "HEAD:hooli.md"
    assert data["total"]["nodes"] == 5 and data["total"]["kinds"]["company"] == 2  # the state now
    assert (out / "landscape.html").read_bytes() == (again / "landscape.html").read_bytes()


@needs_git
@pytest.mark.parametrize("rev, message", [
    ("no-such-rev", "no revision 'no-such-rev' in the git repository of"),
    ("--output=x", "'--output=x' is not a git revision"),
])
def test_a_bad_revision_is_a_usage_error_and_the_earlier_output_stays(history, tmp_path, rev, message):
    notes, _ = history
    out = tmp_path / "out"
    assert build("--data", notes, "--out", out).exit_code == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    r = build("--data", notes, "--out", out, "--compare", rev)
    assert r.exit_code == 2 and message in r.stderr and "Traceback" not in r.stderr
    assert r.stdout == ""
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


@needs_git
def test_compare_outside_a_git_repository_is_refused(tmp_path):
    plain = tmp_path / "plain"
    shutil.copytree(DATA, plain)
    r = build("--data", plain, "--out", tmp_path / "out", "--compare", "HEAD")
    assert r.exit_code == 2 and "is not in a git repository" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "out" / "landscape.html").exists()
    r = build("--data", plain, "--data", DATA, "--out", tmp_path / "out", "--compare", "HEAD")
    assert r.exit_code == 2 and "give one --data" in r.stderr


@needs_git
def test_without_compare_the_page_is_the_same_and_carries_no_trace_of_it(history, tmp_path):
    """Without --compare the page does not read git and holds no compare data: the same
    notes give the same page bytes inside a repository with history and outside any."""
    notes, _ = history
    plain = tmp_path / "plain"
    shutil.copytree(notes, plain)
    pages = []
    for folder in (notes, plain):
        out = tmp_path / f"out-{folder.name}"
        assert build("--data", folder, "--out", out).exit_code == 0
        # the build id hashes the whole set: the cards' lines carry git dates in the repository
        pages.append(re.sub(rb'<meta name="landscape-build" content="\w+">', b"", (out / "landscape.html").read_bytes()))
    assert pages[0] == pages[1]
    data = page_data(tmp_path / "out-notes")
    assert "compare" not in data
    assert set(data) == {"title", "documents", "note", "total", "kinds", "edgeStyles", "segmentColours",
                         "segmentOther", "searchSuffixes", "metrics", "physicsMaxNodes", "nodes", "edges",
                         "strings", "segmentNames", "settings", "cardCommand"}
    G = load([notes]).graph
    from rivalscape.graph.render import render_html

    assert render_html(G) == render_html(G, compare=None)


def test_files_in_a_folder_of_the_set_are_synced_together_else_one_by_one(monkeypatch, tmp_path):
    """A thousand cards fsync'ed one by one added seconds to a build: they are made durable
    by one syncfs of the staging folder's file system, or each in turn where there is none."""
    import os

    from rivalscape.graph import fileio
    from rivalscape.graph.output_set import Output, publish

    outputs = [Output("a.html", ["x"]), Output("battlecards/b.html", ["y"]), Output("battlecards/c.html", ["z"])]
    synced, fsynced = [], []
    real_fsync = os.fsync

    def fsync(fd):
        fsynced.append(os.path.basename(os.readlink(f"/proc/self/fd/{fd}")))
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(fileio, "_syncfs", lambda folder: synced.append(folder) or True)
    publish(tmp_path / "one", outputs)
    assert len(synced) == 1 and "a.html" in fsynced and not {"b.html", "c.html"} & set(fsynced)
    assert (tmp_path / "one" / "battlecards" / "c.html").read_text() == "z"
    fsynced.clear()
    monkeypatch.setattr(fileio, "_syncfs", lambda folder: False)
    publish(tmp_path / "two", outputs)
    assert {"a.html", "b.html", "c.html"} <= set(fsynced)

"""`landscape build` replaces its output set as a whole: killed, failed or concurrent runs
never leave a mix, every file carries one build id, leftovers are cleaned (issue 8, item 2)."""

from __future__ import annotations

import errno
import fcntl
import json
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys

import networkx as nx
import pytest
from click.testing import CliRunner
from cli_process import child_env
from landscape_paths import FIXTURES

from rivalscape.cli.main import cli
from rivalscape.graph import output_set

NAMES = ("landscape.html", "graph.json", "centrality.md", "report.md", "battlecards")
FILES = NAMES[:-1]
CARDS = "battlecards"  # a folder of the set: one battlecard per rivalry and index.html
OLD = FIXTURES / "dash_tagline"   # the set already in the folder
NEW = FIXTURES / "rival_forms"    # the set a run tries to publish
ID = re.compile(r"[0-9a-f]{16}")


def build(data, out):
    r = CliRunner().invoke(cli, ["build", "--data", str(data), "--out", str(out)],
                           catch_exceptions=False)
    return r


def build_ids(out) -> dict[str, str]:
    """The build id each file of the set in ``out`` carries; every file must parse."""
    html = (out / "landscape.html").read_text("utf-8")
    assert html.rstrip().endswith("</html>")
    data = json.loads((out / "graph.json").read_text("utf-8"))
    assert nx.node_link_graph(data, edges="edges").number_of_nodes() > 0
    ids = {"landscape.html": re.search(r'<meta name="landscape-build" content="(\w+)">', html)[1],
           "graph.json": data["build_id"]}
    for name in ("centrality.md", "report.md"):
        first = (out / name).read_text("utf-8").splitlines()[0]
        ids[name] = re.fullmatch(r"<!-- landscape build (\w+) -->", first)[1]
    for card in sorted((out / CARDS).iterdir()):
        ids[f"{CARDS}/{card.name}"] = re.search(r'<meta name="landscape-build" content="(\w+)">',
                                                card.read_text("utf-8"))[1]
    return ids


def snapshot(out) -> dict[str, bytes]:
    """What a person sees: each output as read through its name."""
    seen = {n: (out / n).read_bytes() for n in FILES if (out / n).exists()}
    if (out / CARDS).is_dir():
        seen.update({f"{CARDS}/{p.name}": p.read_bytes() for p in sorted((out / CARDS).iterdir())})
    return seen


def leftovers(out) -> list[str]:
    meta = sorted(os.listdir(out / ".landscape"))
    current = os.readlink(out / ".landscape" / "current")
    return [n for n in meta if n not in ("lock", "current", current)] + \
        [n for n in os.listdir(out) if n not in NAMES and n != ".landscape"]


@pytest.fixture(scope="module")
def sets(tmp_path_factory):
    """The old and the new set, each built once into a folder of its own."""
    root = tmp_path_factory.mktemp("sets")
    for name, data in (("old", OLD), ("new", NEW)):
        assert build(data, root / name).exit_code == 0
    return {k: (root / k, snapshot(root / k)) for k in ("old", "new")}


def test_every_file_carries_one_build_id_that_depends_only_on_the_content(sets, tmp_path):
    old_dir, _ = sets["old"]
    ids = build_ids(old_dir)
    assert len(set(ids.values())) == 1 and ID.fullmatch(ids["graph.json"])
    assert output_set.build_id_of(old_dir) == ids["graph.json"]
    assert build_ids(sets["new"][0])["graph.json"] != ids["graph.json"]
    assert build(OLD, tmp_path / "again").exit_code == 0
    assert snapshot(tmp_path / "again") == sets["old"][1]  # same input, same bytes, same id


def test_a_rebuild_replaces_the_set_and_leaves_nothing_behind(sets, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(sets["old"][0], out, symlinks=True)
    assert build(NEW, out).exit_code == 0
    assert snapshot(out) == sets["new"][1]
    assert leftovers(out) == []


# --- killed runs ----------------------------------------------------------------------------

# Every call that changes the file system during the write phase is a point a run can die at.
POINTS = ("open", "write", "fsync", "mkdir", "rename", "replace", "symlink", "link",
          "unlink", "rmdir", "chmod")


def _run_until(data, out, kill_at: int | None) -> int:
    """Fork; the child builds, counting file-system calls from the start of the write phase,
    and SIGKILLs itself at call number ``kill_at``. Returns the count (no kill) or -9."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child never returns to pytest
        try:
            os.close(r)
            count = [0, False]

            def counting(real):
                def call(*a, **kw):
                    if count[1]:
                        count[0] += 1
                        if count[0] == kill_at:
                            os.kill(os.getpid(), signal.SIGKILL)
                    return real(*a, **kw)
                return call

            for name in POINTS:
                setattr(os, name, counting(getattr(os, name)))
            real_publish = output_set.publish

            def publish(*a, **kw):
                count[1] = True
                return real_publish(*a, **kw)

            output_set.publish = publish
            result = build(data, out)
            count[1] = False
            os.write(w, f"{result.exit_code} {count[0]}".encode())
        finally:
            os._exit(0)
    os.close(w)
    _, status = os.waitpid(pid, 0)
    with os.fdopen(r) as f:
        reported = f.read()
    if os.WIFSIGNALED(status):
        assert os.WTERMSIG(status) == signal.SIGKILL
        return -9
    code, n = map(int, reported.split())
    assert code == 0
    return n


def _kill_points(template, tmp_path, runs: int, seed: int) -> list[int]:
    probe = tmp_path / "probe"
    shutil.copytree(template, probe, symlinks=True)
    total = _run_until(NEW, probe, None)
    assert total > 10
    rng = random.Random(seed)
    return sorted({1, total, *rng.sample(range(2, total), min(runs - 2, total - 2))})


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork to kill builds mid-write")
def test_a_build_killed_anywhere_in_the_write_phase_leaves_the_old_or_the_new_set(sets, tmp_path):
    old_dir, old = sets["old"]
    _, new = sets["new"]
    seen = set()
    for n in _kill_points(old_dir, tmp_path, runs=20, seed=8):
        out = tmp_path / f"kill{n}"
        shutil.copytree(old_dir, out, symlinks=True)
        assert _run_until(NEW, out, n) == -9
        now = snapshot(out)
        assert now in (old, new), f"killed at call {n}: a mixed set"
        assert len(set(build_ids(out).values())) == 1
        seen.add("old" if now == old else "new")
        assert build(NEW, out).exit_code == 0  # the next run cleans up and publishes
        assert snapshot(out) == new and leftovers(out) == [], f"killed at call {n}"
    assert seen == {"old", "new"}  # the kills did land on both sides of the swap


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork to kill builds mid-write")
def test_plain_files_of_an_older_version_are_replaced_as_a_set_too(sets, tmp_path):
    old_dir, old = sets["old"]
    _, new = sets["new"]
    plain = tmp_path / "plain"
    plain.mkdir()
    old = {name: old[name] for name in FILES}  # an older version wrote no battlecards
    for name, content in old.items():
        (plain / name).write_bytes(content)
    for n in _kill_points(plain, tmp_path, runs=12, seed=9):
        out = tmp_path / f"kill{n}"
        shutil.copytree(plain, out, symlinks=True)
        assert _run_until(NEW, out, n) == -9
        assert snapshot(out) in (old, new), f"killed at call {n}: a mixed set"
    out = tmp_path / "whole"
    shutil.copytree(plain, out)
    assert build(NEW, out).exit_code == 0
    assert snapshot(out) == new and leftovers(out) == []
    assert all(os.path.islink(out / n) for n in NAMES)


# The same kill in a process started as a person starts it (python, then the CLI), for a few
# of the points: the counting is set up before the CLI module is imported.
KILLER = """
import os, shutil, signal, sys  # shutil before the patching: it picks its rmtree by os's functions
count, kill_at = [0, False], int(sys.argv.pop(1))
def counting(real):
    def call(*a, **kw):
        if count[1]:
            count[0] += 1
            if count[0] == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)
        return real(*a, **kw)
    return call
for name in {points!r}:
    setattr(os, name, counting(getattr(os, name)))
import rivalscape.graph.output_set as s
real = s.publish
def publish(*a, **kw):
    count[1] = True
    return real(*a, **kw)
s.publish = publish
from rivalscape.cli.main import cli
cli()
"""


def test_a_killed_build_process_leaves_the_old_or_the_new_set(sets, tmp_path):
    old_dir, old = sets["old"]
    _, new = sets["new"]
    points = _kill_points(old_dir, tmp_path, runs=20, seed=8)
    for n in random.Random(3).sample(points, 4):
        out = tmp_path / f"proc{n}"
        shutil.copytree(old_dir, out, symlinks=True)
        r = subprocess.run([sys.executable, "-c", KILLER.format(points=POINTS), str(n), "build",
                            "--data", str(NEW), "--out", str(out)], capture_output=True,
                           env=child_env(), timeout=300)
        assert r.returncode == -signal.SIGKILL, r.stderr
        assert snapshot(out) in (old, new), f"killed at call {n}: a mixed set"
        assert len(set(build_ids(out).values())) == 1


# --- failed writes ----------------------------------------------------------------------------


def _limit_file_size():
    resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, 100_000))  # the page is ~500 KB


def test_a_full_disk_names_the_output_and_keeps_the_old_set(sets, tmp_path):
    """``ulimit -f``: the kernel refuses the page's bytes (EFBIG), as a full disk would."""
    out = tmp_path / "out"
    shutil.copytree(sets["old"][0], out, symlinks=True)
    env = child_env()
    r = subprocess.run([sys.executable, "-c", "from rivalscape.cli.main import cli; cli()", "build",
                        "--data", str(NEW), "--out", str(out)], capture_output=True, text=True,
                       env=env, preexec_fn=_limit_file_size, timeout=300)
    assert r.returncode == 1, r.stderr
    assert r.stdout == ""
    assert r.stderr == f"Error: {out / 'landscape.html'}: cannot write: File too large\n"
    assert snapshot(out) == sets["old"][1]
    assert leftovers(out) == []


def test_a_write_error_in_any_file_names_that_file(sets, tmp_path, monkeypatch):
    out = tmp_path / "out"
    shutil.copytree(sets["old"][0], out, symlinks=True)
    real_open = os.open

    def open_(path, flags, *a, **kw):  # the staged graph.json cannot be created
        if str(path).endswith("graph.json") and flags & os.O_CREAT:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        return real_open(path, flags, *a, **kw)

    monkeypatch.setattr(os, "open", open_)
    r = build(NEW, out)
    assert r.exit_code == 1
    assert r.stderr == f"Error: {out / 'graph.json'}: cannot write: No space left on device\n"
    monkeypatch.undo()
    assert snapshot(out) == sets["old"][1] and leftovers(out) == []


def test_a_failed_swap_names_the_folder_not_the_staging_folder(sets, tmp_path, monkeypatch):
    out = tmp_path / "out"
    shutil.copytree(sets["old"][0], out, symlinks=True)

    def rename(src, dst, *a, **kw):  # the staged set cannot be moved into place
        raise OSError(errno.EIO, os.strerror(errno.EIO), str(src), None, str(dst))

    monkeypatch.setattr(os, "rename", rename)
    r = build(NEW, out)
    assert r.exit_code == 1
    assert r.stderr == f"Error: {out}: cannot write: Input/output error\n"
    monkeypatch.undo()
    assert snapshot(out) == sets["old"][1] and leftovers(out) == []


# --- leftovers, locks, names ------------------------------------------------------------------


def _strays(out):
    meta = out / ".landscape"
    (meta / "stage-k3j9x2ab").mkdir()
    (meta / "stage-k3j9x2ab" / "landscape.html").write_text("half a page")
    (meta / "0123456789abcdef").mkdir()  # a set that was never published
    os.symlink("0123456789abcdef", meta / "current.new")
    (out / ".graph.json.k3j_9x2a.tmp").write_text("{")  # the per-file writer of old versions
    os.symlink(".landscape/current/report.md", out / ".landscape-link.tmp")
    return ["stage-k3j9x2ab", "0123456789abcdef", "current.new"], \
        [".graph.json.k3j_9x2a.tmp", ".landscape-link.tmp"]


def test_leftovers_of_interrupted_runs_are_removed_and_nothing_else(sets, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(sets["old"][0], out, symlinks=True)
    in_meta, in_out = _strays(out)
    (out / ".landscape" / "notes.txt").write_text("mine")
    (out / "mine.tmp").write_text("mine")
    (out / ".report.md.tmp").write_text("mine: not the pattern of a temporary file")
    assert build(NEW, out).exit_code == 0
    assert snapshot(out) == sets["new"][1]
    assert not any((out / ".landscape" / n).exists() or (out / ".landscape" / n).is_symlink()
                   for n in in_meta)
    assert not any(os.path.lexists(out / n) for n in in_out)
    assert sorted(leftovers(out)) == [".report.md.tmp", "mine.tmp", "notes.txt"]


def test_a_second_build_into_a_locked_folder_fails_clearly_and_cleans_nothing(sets, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(sets["old"][0], out, symlinks=True)
    in_meta, _ = _strays(out)
    with open(out / ".landscape" / "lock", "a") as held:  # a live run holds it
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        r = build(NEW, out)
    assert r.exit_code == 1
    assert r.stdout == ""
    assert r.stderr == (f"Error: {out}: another build is writing into this folder; nothing was "
                        "written (try again when it has finished)\n")
    assert snapshot(out) == sets["old"][1]
    assert all(os.path.lexists(out / ".landscape" / n) for n in in_meta)  # a live run's files
    assert build(NEW, out).exit_code == 0  # released: the next run goes ahead
    assert snapshot(out) == sets["new"][1]


def test_an_output_name_of_249_bytes_is_written(invoke, tmp_path):
    """Temporary names are short: ``.{name}.XXXXXXXX.tmp`` passed 255 bytes."""
    target = tmp_path / ("g" * 244 + ".json")
    r = invoke("export", "--data", OLD, "-o", target)
    assert r.exit_code == 0, r.stderr
    assert json.loads(target.read_text("utf-8"))["nodes"]
    assert os.listdir(tmp_path) == [target.name]


def test_an_output_folder_that_is_a_file_is_named(invoke, tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "report.md").mkdir()  # a folder where an output goes
    r = invoke("build", "--data", OLD, "--out", tmp_path / "out")
    assert r.exit_code == 1
    assert r.stderr == f"Error: {tmp_path / 'out' / 'report.md'}: cannot write: is a folder, not a file\n"


def test_without_symbolic_links_the_files_are_replaced_with_a_note(sets, tmp_path, monkeypatch):
    """FAT and some network shares have no links: the build still works and says how."""
    def no_links(*a, **kw):
        raise OSError(errno.EPERM, os.strerror(errno.EPERM))

    monkeypatch.setattr(os, "symlink", no_links)
    out = tmp_path / "fat"
    r = build(OLD, out)
    assert r.exit_code == 0, r.stderr
    assert any(line.startswith(f"{out}: no symbolic links on this file system; the files were "
                               "replaced one by one (each carries build id ") for line in r.stderr.splitlines())
    assert not any(os.path.islink(out / n) for n in NAMES)
    assert snapshot(out) == sets["old"][1]
    assert build(NEW, out).exit_code == 0 and snapshot(out) == sets["new"][1]
    assert sorted(os.listdir(out / ".landscape")) == ["lock"]


def test_an_output_path_with_escape_sequences_is_shown_escaped(invoke, tmp_path):
    out = tmp_path / "out\x1b[2J\n"
    out.mkdir()
    (out / "report.md").mkdir()
    r = invoke("build", "--data", OLD, "--out", out)
    assert r.exit_code == 1
    assert r.stderr == (f"Error: {tmp_path}/out\\x1b[2J\\x0a/report.md: cannot write: "
                        "is a folder, not a file\n")

"""Reading a data folder skips nothing silently and never hangs (issue 8, items 8, 9 and 10):
unreadable, dangling, looping and special files are named; special files and oversized files
given as input are refused, never read; output folders are never read as data."""

from __future__ import annotations

import errno
import os
import resource
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from cli_process import child_env
from landscape_paths import FIXTURES

from rivalscape.graph import pipeline

GOOD = FIXTURES / "dash_tagline"
GOOD_SUMMARY = "2 companies, 2 competitors, 1 alternatives, 0 themes, 4 rivalries"


def _bounded():
    """A reader that reads /dev/zero fails on 4 GB of address space, not on the machine's RAM."""
    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))


def landscape(*args, cwd, env=None):
    """The CLI in a process of its own: a read that blocks fails the test instead of hanging it."""
    return subprocess.run(
        [sys.executable, "-c", "from rivalscape.cli.main import cli; cli()", *map(str, args)],
        capture_output=True, text=True, cwd=cwd, timeout=120, preexec_fn=_bounded,
        env=child_env(**(env or {})))


@pytest.fixture
def data(tmp_path, monkeypatch):
    """A copy of a good data folder, and the current folder beside it: messages say data/..."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(GOOD, tmp_path / "data")
    return Path("data")


def test_a_fifo_in_a_data_folder_is_named_and_skipped_without_blocking(data, tmp_path):
    os.mkfifo(data / "pipe.md")  # no writer: opening it to read would block forever
    r = landscape("build", "--data", data, "--out", tmp_path / "out", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[0] == GOOD_SUMMARY
    assert "data/pipe.md: warning: a FIFO, not a markdown file; skipped" in r.stderr.splitlines()


def test_a_socket_in_a_data_folder_is_named(data, invoke):
    with socket.socket(socket.AF_UNIX) as s:
        s.bind(str(data / "agent.sock"))
        r = invoke("validate", "--data", data)
    assert r.exit_code == 0
    assert r.stdout == "data/agent.sock: warning: a socket, not a markdown file; skipped\n"


@pytest.mark.parametrize("make", ["fifo", "dev-zero"])
def test_data_that_is_not_a_regular_file_is_refused_not_read(tmp_path, make):
    if make == "fifo":
        target = tmp_path / "notes.md"
        os.mkfifo(target)
        kind = "a FIFO"
    else:
        target, kind = Path("/dev/zero"), "a character device"
    r = landscape("show", "Acme", "--data", target, cwd=tmp_path)
    assert r.returncode == 2
    assert r.stdout == ""
    assert f"Error: {target}: {kind}, not a markdown file or a folder; nothing was read" in r.stderr


def test_a_special_file_swapped_in_after_discovery_is_refused_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "late.md")
    code = ("from pathlib import Path; from rivalscape.graph.pipeline import read_text; "
            "text, diag = read_text(Path('late.md'), 'late.md'); print(text, diag)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       cwd=tmp_path, timeout=120, env=child_env())
    assert r.stdout == "None late.md: error: a FIFO, not a markdown file; not read\n", r.stderr


def test_dangling_links_and_link_loops_are_named(data, invoke):
    os.symlink("gone.md", data / "dangling.md")
    os.symlink("self.md", data / "self.md")  # resolves to itself: ELOOP
    (data / "sub").mkdir()
    os.symlink("..", data / "sub" / "up")  # a folder inside itself
    r = invoke("validate", "--data", data)
    assert r.exit_code == 0
    assert r.stdout.splitlines() == [
        "data/dangling.md: warning: dangling symbolic link (its target does not exist); skipped",
        "data/self.md: warning: symbolic link loop; skipped",
        "data/sub/up: warning: symbolic link loop (a folder inside itself); skipped",
    ]
    assert r.stderr.splitlines()[-1] == "0 error(s), 3 warning(s)"


def test_a_linked_folder_is_read_once(data, invoke):
    Path("more").mkdir()
    Path("more/extra.md").write_text("### 1. Zeta: Things\n\n- vs. Omega: cheaper\n")
    os.symlink("../more", data / "linked")
    os.symlink("../more", data / "again")
    r = invoke("validate", "--data", data)
    assert r.exit_code == 0 and r.stdout == "", r.stdout
    r = invoke("competitors", "Zeta", "--data", data)
    assert r.exit_code == 0 and "Omega" in r.stdout


def test_an_unreadable_folder_and_file_are_named(data, monkeypatch):
    """Root reads anything, so refusal is simulated where the reader meets it."""
    (data / "locked").mkdir()
    (data / "locked" / "x.md").write_text("### 1. Hidden: Co\n")
    (data / "secret.md").write_text("### 1. Secret: Co\n")
    real_scandir, real_open = os.scandir, os.open

    def scandir(path="."):
        if Path(path) == data / "locked":
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)

    def open_(path, flags, *a, **kw):
        if Path(path) == data / "secret.md":
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *a, **kw)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "open", open_)
    loaded = pipeline.load([data])
    shown = [str(d) for d in loaded.diagnostics]
    assert "data/locked: warning: cannot read this folder (Permission denied); skipped" in shown
    assert "data/secret.md: warning: cannot read (Permission denied); skipped" in shown
    assert "hidden" not in loaded.graph and "secret" not in loaded.graph


def test_a_file_over_the_size_limit_is_refused_with_its_size(data, invoke, monkeypatch):
    (data / "big.md").write_text("x" * 3000)
    monkeypatch.setenv("LANDSCAPE_MAX_FILE_SIZE", "2K")
    r = invoke("validate", "--data", data)
    assert r.exit_code == 1
    assert r.stdout == ("data/big.md: error: file of 3000 bytes is larger than the limit "
                        "of 2048 bytes for one input file (LANDSCAPE_MAX_FILE_SIZE sets another); "
                        "not read\n")
    monkeypatch.setenv("LANDSCAPE_MAX_FILE_SIZE", "lots")
    r = invoke("validate", "--data", data)
    assert r.exit_code == 2
    assert "LANDSCAPE_MAX_FILE_SIZE='lots' is not a size" in r.stderr


def test_the_default_limit_is_50_mib(monkeypatch):
    monkeypatch.delenv("LANDSCAPE_MAX_FILE_SIZE", raising=False)
    assert pipeline.max_file_bytes() == 50 * 1024 * 1024
    monkeypatch.setenv("LANDSCAPE_MAX_FILE_SIZE", "1G")
    assert pipeline.max_file_bytes() == 1 << 30


# --- output folders and data folders ------------------------------------------------------------


@pytest.mark.parametrize("where", [".", "sub"])
def test_an_out_inside_data_is_refused_naming_both(data, invoke, where):
    out = data if where == "." else data / "sub"
    r = invoke("build", "--data", data, "--out", out)
    assert r.exit_code == 2
    verb = "is" if where == "." else "is inside"
    assert f"Error: the output folder {out} {verb} the data folder {data}; write the outputs " \
           "somewhere else" in r.stderr
    assert not (data / ".landscape").exists() and not (data / "sub").exists()


def test_the_default_output_folder_is_not_read_with_data_dot(tmp_path, invoke, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(GOOD / "robotics.md", "robotics.md")
    first = invoke("build", "--data", ".")
    assert first.exit_code == 0, first.stderr
    assert first.stdout.splitlines()[0] == GOOD_SUMMARY
    r = invoke("build", "--data", ".")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.splitlines()[0] == GOOD_SUMMARY  # its own reports were not read back
    assert "output: warning: an output folder of landscape, not read as data; skipped" \
        in r.stderr.splitlines()


def test_any_published_output_folder_is_not_read(tmp_path, invoke, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("data").mkdir()
    shutil.copy(GOOD / "robotics.md", "data/robotics.md")
    assert invoke("build", "--data", "data", "--out", "site").exit_code == 0
    shutil.move("site", "data/site")
    r = invoke("validate", "--data", "data")
    assert r.exit_code == 0
    assert r.stdout == "data/site: warning: an output folder of landscape, not read as data; skipped\n"


# --- names shown safely ---------------------------------------------------------------------------


def test_a_file_name_with_a_newline_cannot_forge_a_message_line(data, invoke):
    (data / "x\nforged.md:1: error: fake.md").write_text("no heading here\n")
    (data / "bidi\u202e.md").write_text("no heading here\n")
    r = invoke("validate", "--data", data)
    assert r.exit_code == 0
    assert r.stdout.splitlines() == [
        "data/bidi\\u202e.md: warning: no company section found",
        "data/x\\x0aforged.md:1: error: fake.md: warning: no company section found"]


def test_a_data_folder_called_output_is_read_but_not_built_into(tmp_path, invoke, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(GOOD, "output")  # someone's notes, not a published set
    r = invoke("validate", "--data", "output", "--strict")
    assert r.exit_code == 0, r.stdout
    r = invoke("build", "--data", "output")  # the default --out is the data folder itself
    assert r.exit_code == 2
    assert "Error: the output folder output is the data folder output; write the outputs " \
           "somewhere else" in r.stderr
    assert not Path("output/.landscape").exists()


def test_same_named_files_in_two_data_folders_get_distinct_sources(tmp_path):
    """Issue 10.10: notes.md in two --data folders were both 'notes.md:14'."""
    from rivalscape.graph.pipeline import load

    fixtures = Path(__file__).resolve().parent / "fixtures"
    for folder, src in (("a", "dash_tagline/robotics.md"), ("b", "snapshot_facts/fintech.md")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "notes.md").write_text((fixtures / src).read_text(encoding="utf-8"),
                                                   encoding="utf-8")
    loaded = load([tmp_path / "a", tmp_path / "b"])
    paths = {s.path for e in loaded.landscape.entities for s in e.sources}
    assert paths == {"a/notes.md", "b/notes.md"}
    assert loaded.landscape.documents == ("a/notes.md", "b/notes.md")
    # one folder: paths stay relative to it
    assert load([tmp_path / "a"]).landscape.documents == ("notes.md",)

"""Progress on long work (issue 14): the library reports named stages to a callback and never
prints; the command line draws one bar per stage on stderr, only on a terminal, never with
-q, never on stdout."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from collections import defaultdict

import pytest
from cli_process import child_env
from landscape_paths import DATA, FIXTURES

from rivalscape.graph import pipeline
from rivalscape.graph.build_outputs import build_outputs
from rivalscape.graph.output_set import publish

LANDSCAPE = [sys.executable, "-c", "from rivalscape.cli.main import cli; cli()"]


class Recorder:
    def __init__(self):
        self.calls = []

    def __call__(self, stage, total, advance):
        self.calls.append((stage, total, advance))

    def stages(self) -> dict[str, tuple[int, int]]:
        """stage -> (total, steps advanced), in the order the stages started."""
        out: dict = defaultdict(lambda: [0, 0])
        for stage, total, advance in self.calls:
            out[stage][0] = total
            out[stage][1] += advance
        return {k: tuple(v) for k, v in out.items()}


def test_the_library_reports_each_stage_to_the_callback(tmp_path, capsys):
    rec = Recorder()
    loaded = pipeline.load([FIXTURES / "mixed"], progress=rec)
    n_files = len(list((FIXTURES / "mixed").iterdir()))
    assert rec.stages() == {"reading": (n_files, n_files), "resolving": (2, 2)}
    assert rec.calls[0] == ("reading", n_files, 0)  # a stage is announced before its work
    outputs, _ = build_outputs(loaded.graph, progress=rec)
    publish(tmp_path / "out", outputs, progress=rec)
    stages = rec.stages()
    assert list(stages) == ["reading", "resolving", "analysis", "writing"]
    assert stages["analysis"] == (2, 2) and stages["writing"] == (len(outputs), len(outputs))
    assert len(outputs) > 4  # page, graph, two reports, and the battlecards
    assert capsys.readouterr() == ("", "")  # the library never prints


def test_cached_documents_count_as_read(tmp_path):
    from rivalscape.graph.cache import Cache

    cache = Cache(tmp_path / "cache")
    pipeline.load([FIXTURES / "cross_document"], cache=cache)
    rec = Recorder()
    pipeline.read_documents([FIXTURES / "cross_document"], cache=cache, progress=rec)
    n = len(list((FIXTURES / "cross_document").glob("*.md")))
    assert rec.stages() == {"reading": (n, n)}


def _run(args, *, tty: bool, env=None) -> tuple[int, bytes, bytes]:
    """Run the CLI with stderr on a pseudo-terminal (``tty``) or a pipe."""
    env = child_env(**(env or {}))
    if not tty:
        r = subprocess.run([*LANDSCAPE, *map(str, args)], capture_output=True, env=env, timeout=300)
        return r.returncode, r.stdout, r.stderr
    master, slave = pty.openpty()
    p = subprocess.Popen([*LANDSCAPE, *map(str, args)], stdout=subprocess.PIPE, stderr=slave,
                         stdin=subprocess.DEVNULL, env=env)
    os.close(slave)
    err = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        err += chunk
    os.close(master)
    out = p.stdout.read()
    p.wait(timeout=300)
    return p.returncode, out, err


FORCED = {"LANDSCAPE_PROGRESS_AFTER": "0"}


@pytest.mark.parametrize("warm", [False, True], ids=["uncached", "warm-cache"])
def test_build_on_a_terminal_shows_a_bar_per_stage_on_stderr_only(tmp_path, warm):
    args = ["build", "--data", DATA, *(["--cache-dir", tmp_path / "cache"] if warm else ["--no-cache"])]
    if warm:  # read, resolved and analysed before: only writing is left to do
        assert _run([*args, "-o", tmp_path / "first"], tty=False)[0] == 0
    code, out, err = _run([*args, "-o", tmp_path / "tty"], tty=True, env=FORCED)
    assert code == 0, err
    stages = ["writing"] if warm else ["reading", "resolving", "analysis", "writing"]
    for stage in ["reading", "resolving", "analysis", "writing"]:
        assert (f"{stage}  [".encode() in err) == (stage in stages), err
    assert b"100%" in err and b"#" in err
    assert b"[" not in out
    code2, plain_out, plain_err = _run([*args, "-o", tmp_path / "pipe"], tty=False, env=FORCED)
    assert code2 == 0
    assert plain_out == out  # stdout is the same bytes with or without bars
    assert b"writing" not in plain_err and b"%" not in plain_err  # nothing on a non-terminal


def test_json_answers_are_the_same_bytes_with_bars_on_stderr():
    args = ["show", "Modal Labs", "--json", "--data", DATA, "--no-cache"]
    code, out, err = _run(args, tty=True, env=FORCED)
    assert code == 0 and b"reading  [" in err
    assert _run(args, tty=False, env=FORCED)[1] == out


def test_no_bars_with_quiet_or_on_a_short_run():
    args = ["show", "Modal Labs", "--data", DATA, "--no-cache"]
    _, _, err = _run([*args, "-q"], tty=True, env=FORCED)
    assert b"reading" not in err and b"[" not in err
    _, _, err = _run(args, tty=True)  # well under a second a stage: no bar at all
    assert b"reading" not in err and b"[" not in err

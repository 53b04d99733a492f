"""The global measures computed in a forked child are the ones computed in this process.

:mod:`graph.analysis.forked` runs PageRank, betweenness, closeness, eigenvector and the
segments in a child process on large graphs; these tests force the fork on small ones and
compare the whole :class:`Analysis` (every field), and check that a child that fails or dies
costs time, never the answer.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from rivalscape.graph.analysis import analyze, forked
from rivalscape.graph.analysis import result as R
from landscape_paths import generate_corpus

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    return generate_corpus(tmp_path_factory.mktemp("gen"), 800, "--seed", "5")


# Run in a fresh process: the child's PageRank then runs on OpenMP threads as the parent's
# would (after the parent ran it, on one; see the next test).
_COMPARE = """
import dataclasses, sys
from rivalscape.graph.analysis import Settings, analyze, forked
from rivalscape.graph.analysis import result as R
from rivalscape.graph.pipeline import load

def fields(result):
    # every field but the timings, as text: repr writes each float exactly
    return repr({f.name: getattr(result, f.name) for f in dataclasses.fields(result)
                 if f.name != "timings"})

started = []
real = forked.start
forked.start = lambda fn, *a, fork=True: (lambda j: started.append(j.forked) or j)(real(fn, *a, fork=fork))
G = load([sys.argv[1]]).graph
settings = Settings(**eval(sys.argv[2]))
R.FORK_FROM = 0
there = analyze(G, settings)
R.FORK_FROM = float("inf")
here = analyze(G, settings)
print(started, fields(there) == fields(here), len(fields(here)))
"""


@pytest.mark.parametrize("settings", [{}, {"sampling": "sampled", "sample_size": 50, "seed": 4}])
@pytest.mark.parametrize("data", ["generated", "shipped"])
def test_forked_analysis_equals_the_one_computed_here(generated, data, settings):
    from landscape_paths import DATA

    folder = generated if data == "generated" else DATA
    out = subprocess.run([sys.executable, "-c", _COMPARE, str(folder), repr(settings)],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    started, same, size = out.stdout.split("] ")[0] + "]", *out.stdout.split("] ")[1].split()
    assert started == "[True, False]" and same == "True" and int(size) > 1000


_AFTER_PAGERANK = """
import sys
from rivalscape.graph.analysis import analyze, forked
from rivalscape.graph.analysis import result as R
from rivalscape.graph.pipeline import load

G = load([sys.argv[1]]).graph
R.FORK_FROM = float("inf")
first = analyze(G)  # PageRank here: igraph's OpenMP team now waits in this process
R.FORK_FROM = 0
again = analyze(G)  # a child forked now runs PRPACK on one thread, or would wait forever
print(again.rankings == first.rankings, again.centrality == first.centrality)
"""


def test_a_child_forked_after_pagerank_ran_here_does_not_hang(generated):
    out = subprocess.run([sys.executable, "-c", _AFTER_PAGERANK, str(generated)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["True", "True"]


def test_small_graphs_do_not_fork(shipped, monkeypatch):
    started = []
    real = forked.start
    monkeypatch.setattr(forked, "start", lambda fn, *a, fork=True: started.append(fork) or real(fn, *a, fork=fork))
    analyze(shipped.graph)
    assert started == [False]


@pytest.fixture
def alone(request):
    """These tests fork this process, which forks only while no other Python thread runs. The
    browser tests of a whole run leave playwright's threads alive: then the test runs in a
    fresh pytest process instead, and must pass there (reported here as skipped, with why)."""
    import threading

    if threading.active_count() == 1 or os.environ.get("LANDSCAPE_FORK_TEST_ALONE"):
        return
    r = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                        f"{__file__}::{request.node.name}"], capture_output=True, text=True,
                       timeout=300, env={**os.environ, "LANDSCAPE_FORK_TEST_ALONE": "1"})
    assert r.returncode == 0, r.stdout[-3000:]
    pytest.skip("other threads run here; passed in a fresh process")


def _boom(x):
    raise ValueError(f"bad {x}")


def test_an_error_in_the_child_is_raised_here_as_without_the_fork(alone):
    job = forked.start(_boom, 3)
    assert job.forked
    with pytest.raises(ValueError, match="bad 3"):
        job.result()


def _pid_then_die(path):
    if os.getpid() != int(Path(path).read_text() or 0):  # in the child: die without a word
        os.kill(os.getpid(), signal.SIGKILL)
    return "here"


def test_a_child_killed_leaves_the_work_to_this_process(alone, tmp_path):
    marker = tmp_path / "pid"
    marker.write_text(str(os.getpid()))
    job = forked.start(_pid_then_die, str(marker))
    assert job.forked and job.result() == "here"


def test_large_results_cross_the_pipe_whole(alone):
    big = list(range(300_000))
    job = forked.start(list, big)
    assert job.forked and job.result() == big


def test_no_fork_while_other_threads_run():
    import threading

    stop = threading.Event()
    t = threading.Thread(target=stop.wait)
    t.start()
    try:
        assert not forked.start(sum, [1]).forked
    finally:
        stop.set()
        t.join()


def test_cancel_reaps_the_child(alone):
    job = forked.start(__import__("time").sleep, 30)
    pid = job._pid
    job.cancel()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def test_no_fork_without_room_for_the_child(generated, monkeypatch):
    from rivalscape.graph.analysis.engine import Engine
    from rivalscape.graph.pipeline import load

    eng = Engine.from_graph(load([generated]).graph)
    monkeypatch.setattr(R, "FORK_FROM", 0)
    assert R._fork_pays(eng)
    monkeypatch.setattr(R, "FORK_MEMORY_BUDGET", 1)  # this process alone is over it
    assert not R._fork_pays(eng)
    monkeypatch.setattr(R, "FORK_MEMORY_BUDGET", 1 << 40)
    monkeypatch.setattr(R, "FORK_FROM", eng.graph.ecount() + 1)
    assert not R._fork_pays(eng)

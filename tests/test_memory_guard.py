"""A landscape too large for the machine stops early with a clear message, never by running
out of memory (issue 14: 1,000,000 entities / 3,000,000 rivalries).

Before resolving (every command) and before the analysis (build, report), the peak memory
is estimated from the entity and rivalry counts (graph.memory.MODELS, fitted on measured
builds) and compared with what the process can have; LANDSCAPE_MEMORY_LIMIT forces a limit.
"""

from __future__ import annotations

import resource
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from rivalscape.cli.errors import handle_errors
from rivalscape.cli.main import cli
from rivalscape.graph import memory
from rivalscape.graph.errors import TooLargeError, UsageError

DATA = str(Path(__file__).resolve().parents[1] / "data")


def test_estimate_grows_with_entities_and_rivalries():
    small = memory.estimate_peak("report", 10_000, 30_000)
    assert memory.estimate_peak("report", 100_000, 300_000) > 5 * small
    assert memory.estimate_peak("report", 10_000, 60_000) > small
    assert memory.estimate_peak("load", 10_000, 30_000) < small
    # the largest case needs most of a 24 GB machine; 100,000 entities about 2 GB
    assert memory.estimate_peak("report", 1_000_000, 3_000_000) > 20 << 30
    assert 2 << 30 < memory.estimate_peak("report", 100_000, 300_000) < 3 << 30


def test_check_memory_against_a_forced_limit(monkeypatch):
    monkeypatch.setenv(memory.MEMORY_ENV, "1G")
    memory.check_memory("report", 1_000, 3_000)
    with pytest.raises(TooLargeError) as e:
        memory.check_memory("report", 1_000_000, 3_000_000)
    assert "1,000,000 entities and 3,000,000 rivalries" in str(e.value)
    assert "1.0 GiB" in str(e.value) and memory.MEMORY_ENV in str(e.value)


@pytest.mark.parametrize("raw, size", [("512M", 512 << 20), ("2G", 2 << 30), ("2gb", 2 << 30),
                                       ("1500", 1500), ("1T", 1 << 40)])
def test_sizes(raw, size):
    assert memory.parse_size(raw) == size


def test_a_bad_limit_is_a_usage_error(monkeypatch):
    monkeypatch.setenv(memory.MEMORY_ENV, "lots")
    with pytest.raises(UsageError, match="LANDSCAPE_MEMORY_LIMIT='lots' is not a size"):
        memory.memory_limit()
    r = CliRunner().invoke(cli, ["show", "Cursor", "--data", DATA, "--no-cache"])  # a warm cache checks nothing
    assert r.exit_code == 2 and "is not a size" in r.stderr


def test_limit_is_the_least_of_available_cgroup_and_address_space(monkeypatch):
    monkeypatch.delenv(memory.MEMORY_ENV, raising=False)
    files = {"/proc/meminfo": "MemTotal: 99 kB\nMemAvailable:   8388608 kB\n",
             "/sys/fs/cgroup/memory.max": "6442450944\n",
             "/sys/fs/cgroup/memory.current": "1073741824\n",
             "/proc/self/status": "VmSize:\t 1048576 kB\nVmRSS:\t  524288 kB\n"}
    monkeypatch.setattr(memory, "_read", files.get)
    monkeypatch.setattr(resource, "getrlimit", lambda which: (resource.RLIM_INFINITY,) * 2)
    # in use 0.5 GiB + cgroup room 5 GiB, less than in use + 8 GiB available
    assert memory.memory_limit() == ((512 << 20) + (5 << 30), "the cgroup's memory limit")
    monkeypatch.setattr(resource, "getrlimit", lambda which: (4 << 30, 4 << 30))
    # prlimit --as=4G: 4 GiB of address space less the 0.5 GiB mapped but not resident
    assert memory.memory_limit() == ((4 << 30) - (512 << 20), "the address-space limit")
    monkeypatch.setattr(memory, "_read", lambda path: None)
    monkeypatch.setattr(resource, "getrlimit", lambda which: (resource.RLIM_INFINITY,) * 2)
    assert memory.memory_limit() is None
    memory.check_memory("report", 10 ** 9, 10 ** 9)  # nothing known: nothing checked


def _files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


def test_build_stops_early_and_leaves_the_earlier_output(tmp_path, monkeypatch):
    out = tmp_path / "out"
    monkeypatch.delenv(memory.MEMORY_ENV, raising=False)
    first = CliRunner().invoke(cli, ["-q", "build", "--data", DATA, "--out", str(out)])
    assert first.exit_code == 0, first.output
    before = _files(out)
    monkeypatch.setenv(memory.MEMORY_ENV, "10M")
    r = CliRunner().invoke(cli, ["-q", "build", "--data", DATA, "--out", str(out), "--no-cache"])
    assert r.exit_code == 1
    assert r.stdout == ""
    assert "needs about" in r.stderr and "to load on one machine" in r.stderr
    assert "landscape export --format parquet" in r.stderr and "landscape spark-report" in r.stderr
    assert "Traceback" not in r.stderr
    assert _files(out) == before


def test_report_stops_before_the_analysis(tmp_path, monkeypatch):
    """A limit between the load estimate and the report estimate: loading goes ahead, the
    analysis does not."""
    from rivalscape.graph.pipeline import load

    G = load([DATA]).graph
    low = memory.estimate_peak("load", G.number_of_nodes() * 2, G.number_of_edges() * 2)
    high = memory.estimate_peak("report", G.number_of_nodes(), G.number_of_edges())
    assert low < high
    monkeypatch.setenv(memory.MEMORY_ENV, str((low + high) // 2))
    r = CliRunner().invoke(cli, ["report", "--data", DATA, "-o", str(tmp_path / "r.md")])
    assert r.exit_code == 1
    assert "to analyse on one machine" in r.stderr
    assert "landscape spark-report" in r.stderr
    assert not (tmp_path / "r.md").exists()


def test_running_out_of_memory_anyway_is_a_message_not_a_traceback():
    with pytest.raises(click.ClickException) as e:
        with handle_errors():
            raise MemoryError
    assert "ran out of memory" in e.value.message
    assert "landscape spark-report" in e.value.message


# --- the collector's pause ----------------------------------------------------------------------


@pytest.fixture
def unfrozen():
    """Each test starts and ends with nothing frozen (a frozen object is only unseen by the
    collector; moving it back changes nothing else)."""
    import gc

    gc.unfreeze()
    yield gc
    gc.unfreeze()


def test_paused_gc_keep_freezes_what_is_alive_at_the_end(unfrozen):
    gc = unfrozen
    with memory.paused_gc(keep=True):
        assert not gc.isenabled()
        made = [[n] for n in range(1000)]
    assert gc.isenabled()
    assert gc.get_freeze_count() >= 1000
    assert not any(o is made for o in gc.get_objects())  # out of the collector's sight
    gc.unfreeze()
    with memory.paused_gc():
        more = [[n] for n in range(1000)]
    assert gc.get_freeze_count() == 0 and gc.isenabled()
    assert any(o is more for o in gc.get_objects())


def test_paused_gc_freezes_nothing_when_the_block_fails(unfrozen):
    gc = unfrozen
    with pytest.raises(ZeroDivisionError):
        with memory.paused_gc(keep=True):
            made = [[n] for n in range(1000)]
            1 / 0
    assert gc.get_freeze_count() == 0 and gc.isenabled() and made


def test_load_keeps_its_graph_out_of_the_collectors_sight(unfrozen):
    from landscape_paths import DATA
    from rivalscape.graph.pipeline import load

    gc = unfrozen
    G = load([DATA]).graph
    assert gc.get_freeze_count() > G.number_of_nodes() + G.number_of_edges()
    assert not any(o is G for o in gc.get_objects())


# --- what loading keeps -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    from landscape_paths import generate_corpus

    return generate_corpus(tmp_path_factory.mktemp("generated"), 500, "--files", "2")


def _retained(make) -> tuple[int, object]:
    """Bytes still allocated after ``make()`` returned, its result held."""
    import gc
    import tracemalloc

    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        value = make()
        gc.collect()
        return tracemalloc.get_traced_memory()[0] - before, value
    finally:
        tracemalloc.stop()


def test_load_can_let_go_of_the_landscape(generated):
    from rivalscape.graph.pipeline import load

    kept, full = _retained(lambda: load([generated]))
    alone, slim = _retained(lambda: load([generated], keep_landscape=False))
    assert alone < 0.7 * kept, (alone, kept)  # the landscape model is most of it
    assert list(slim.graph.nodes(data=True)) == list(full.graph.nodes(data=True))
    assert list(slim.graph.edges(data=True)) == list(full.graph.edges(data=True))
    assert slim.diagnostics == full.diagnostics
    assert slim.landscape == full.landscape  # read and resolved again when asked for
    assert [d.path for d in slim.documents] == [d.path for d in full.documents]


def test_commands_let_go_of_the_landscape_but_export_tables(monkeypatch, tmp_path):
    from landscape_paths import DATA
    from rivalscape.cli import options

    seen = []
    real = options.load

    def spy(*args, **kwargs):
        seen.append(kwargs.get("keep_landscape", True))
        return real(*args, **kwargs)

    monkeypatch.setattr(options, "load", spy)
    runner = CliRunner()
    result = runner.invoke(cli, ["-q", "build", "--data", str(DATA), "--out", str(tmp_path / "o"), "--no-cache"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["-q", "export", "--data", str(DATA), "--format", "yaml", "--no-cache"])
    assert result.exit_code == 0, result.output
    assert seen == [False, True]

"""Memory of runs that make millions of long-lived objects (loading, analysing): the GC
pause, and the guard that stops a landscape too large for the machine before it runs out.

A base module: it knows nothing of the landscape, so every layer may use it.
"""

from __future__ import annotations

import contextlib
import gc
import os
import resource

from rivalscape.graph.errors import TooLargeError, UsageError


@contextlib.contextmanager
def paused_gc(keep: bool = False):
    """Pause the cyclic garbage collector while millions of long-lived objects are made.

    Its full collections rescan every object each time; at 100,000 entities they took
    more than half of resolving and building. Reference counting still frees everything
    else, and the collector's state is restored on the way out.

    ``keep=True`` (for what lives as long as the run: a loaded landscape and its graph)
    also moves every object alive at a normal exit out of the collector's sight for good
    (:func:`gc.freeze`). Else the first collections after the pause scan them all, and so
    does every full collection later: at 100,000 entities, 14 s of CPU after loading and
    6.5 s for each full collection. Frozen objects are still freed when nothing refers to
    them; only a cycle among them is never freed, which a run that ends soon can afford.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    except BaseException:
        if was_enabled:
            gc.enable()
        raise
    if keep:
        gc.freeze()
    if was_enabled:
        gc.enable()


# --- how much memory a run will need, and how much there is ----------------------------------

MEMORY_ENV = "LANDSCAPE_MEMORY_LIMIT"
_UNITS = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}

# Peak resident memory of one run as base + bytes per entity + bytes per rivalry, the
# least-squares fit on generated landscapes (benchmarks/bench_build.py --calibrate):
#   entities / rivalries     after loading   after the whole build
#   10,008 / 30,416              216 MB            352 MB
#   50,008 / 154,257             862 MB          1,170 MB
#   50,008 / 309,521           1,396 MB          1,797 MB
#   100,008 / 303,164          1,660 MB          2,035 MB
# "load" is reading, resolving and building the graph (every command); "report" adds the
# analysis, page and reports of a build. A margin is added on top (MARGIN).
MODELS = {
    "load": (53 << 20, 5_980, 3_580),
    "report": (187 << 20, 5_910, 4_500),
}
MARGIN = 1.15


def estimate_peak(stage: str, entities: int, rivalries: int) -> int:
    """Bytes of resident memory a run of ``stage`` is expected to reach at its peak."""
    base, per_entity, per_rivalry = MODELS[stage]
    return int((base + per_entity * entities + per_rivalry * rivalries) * MARGIN)


def parse_size(raw: str) -> int | None:
    """``"2G"``, ``"512M"``, ``"1500000000"`` -> bytes; None when it is not a size."""
    raw = raw.strip()
    number = raw.rstrip("KMGTkmgtBb")
    unit = raw[len(number):].upper().rstrip("B")
    if not number.isdigit() or unit not in _UNITS:
        return None
    return int(number) * _UNITS[unit]


def _read(path: str) -> str | None:
    try:
        with open(path, encoding="ascii") as f:
            return f.read()
    except (OSError, ValueError):
        return None


def _status(key: str) -> int | None:
    """A ``kB`` field of /proc/self/status (VmRSS, VmSize), in bytes."""
    for line in (_read("/proc/self/status") or "").splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) * 1024
    return None


def memory_limit() -> tuple[int, str] | None:
    """The most resident memory this process can reach, and where that limit comes from:
    ``$LANDSCAPE_MEMORY_LIMIT``, else the least of what is in use plus MemAvailable
    (/proc/meminfo), the cgroup's memory.max and the address-space limit (``ulimit -v``,
    ``prlimit --as``). None where none of them can be read (then nothing is checked)."""
    raw = os.environ.get(MEMORY_ENV, "").strip()
    if raw:
        size = parse_size(raw)
        if size is None:
            raise UsageError(f"{MEMORY_ENV}={raw!r} is not a size (bytes, or e.g. 8G, 512M)")
        return size, MEMORY_ENV
    rss = _status("VmRSS") or 0
    found: list[tuple[int, str]] = []
    for line in (_read("/proc/meminfo") or "").splitlines():
        if line.startswith("MemAvailable:"):
            found.append((rss + int(line.split()[1]) * 1024, "available memory"))
    cgroup = (_read("/sys/fs/cgroup/memory.max") or "").strip()
    if cgroup.isdigit():
        used = (_read("/sys/fs/cgroup/memory.current") or "").strip()
        free = int(cgroup) - int(used) if used.isdigit() else int(cgroup)
        found.append((rss + max(0, free), "the cgroup's memory limit"))
    soft, _ = resource.getrlimit(resource.RLIMIT_AS)
    if soft != resource.RLIM_INFINITY:
        # Address space is more than resident memory (libraries, arenas, thread stacks):
        # what is mapped but not resident now is taken to stay so.
        overhead = max(0, (_status("VmSize") or 0) - rss)
        found.append((max(0, soft - overhead), "the address-space limit"))
    return min(found) if found else None


def check_memory(stage: str, entities: int, rivalries: int) -> None:
    """Raise :class:`TooLargeError` when a run of ``stage`` over this many entities and
    rivalries is expected to need more memory than the process can have."""
    limit = memory_limit()
    if limit is None:
        return
    need = estimate_peak(stage, entities, rivalries)
    if need > limit[0]:
        raise TooLargeError(stage, entities, rivalries, need, limit[0], limit[1])

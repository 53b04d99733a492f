"""CPU seconds of the analysis-and-outputs half of ``landscape build``, stage by stage.

The graph is loaded once (through a cache folder, so reloading is cheap; loading is not
timed), then ``build_outputs`` and ``publish`` run --repeat times in this process, each
stage's CPU time recorded: the analysis parts, the report, the page, the centrality summary,
the battlecards and writing the set. A stage's CPU time is that of the thread it ran on (on a
large graph the analysis computes its global measures in a forked child while the caller's
thread makes the other sections); "whole half" is the process's CPU time over the half, every thread
included, and that of the forked child that computes the global measures on a large graph
("forked child": the metrics and segments then do not show as stages; --no-fork shows them),
and "whole half, wall" its wall time. Printed: the median per stage, and the peak
resident memory of the process.

With --edit, a copy of the corpus gets one ``- **vs. Benchedit0**: an edit`` line (one new
entity, one new rivalry, as benchmarks/bench_cache.py edits; with --edit-kind claim, one
claim's text changes instead), and each repeat also runs the
half on the original graph with a fresh cache folder and then on the edited graph with that
cache: the "after one edit" case, printed beside the cold one as a share of it.

Usage (run by hand; cap the memory)::

    prlimit --as=9000000000 python benchmarks/bench_outputs.py --data /tmp/c100k --edit
    python benchmarks/bench_outputs.py --data /tmp/c20k --repeat 3 --load-cache /tmp/lc20k
"""

from __future__ import annotations

import argparse
import contextlib
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

# (module, function): the stages timed, inclusive of what they call.
STAGES = [
    ("rivalscape.graph.analysis.result", "metric_values"),
    ("rivalscape.graph.analysis.result", "segments_of"),
    ("rivalscape.graph.analysis.result", "most_contested"),
    ("rivalscape.graph.analysis.result", "rivalry_directions"),
    ("rivalscape.graph.analysis.result", "one_sided_by"),
    ("rivalscape.graph.analysis.result", "hidden_rivals"),
    ("rivalscape.graph.analysis.result", "claim_dimensions"),
    ("rivalscape.graph.analysis.result", "theme_coverage"),
    ("rivalscape.graph.analysis.result", "_bridges"),
    ("rivalscape.graph.build_outputs", "analyze"),
    ("rivalscape.graph.report", "build_report"),
    ("rivalscape.graph.render", "render_html"),
    ("rivalscape.graph.report", "render_centrality_md"),
    ("rivalscape.graph.report", "render_report"),
    ("rivalscape.graph.battlecard", "pair_cards"),
    ("rivalscape.graph.output_set", "_stage"),
]


def _cpu(who=resource.RUSAGE_SELF) -> float:
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


def _thread_cpu() -> float:
    """CPU seconds of the calling thread alone."""
    return _cpu(resource.RUSAGE_THREAD)


@contextlib.contextmanager
def _timed(totals: dict):
    """Wrap every stage so each call adds its CPU seconds to ``totals[name]``."""
    import importlib

    saved = []
    for mod_name, fn_name in STAGES:
        mod = importlib.import_module(mod_name)
        fn = getattr(mod, fn_name)
        saved.append((mod, fn_name, fn))

        def wrapper(*a, _fn=fn, _name=fn_name, **k):
            t = _thread_cpu()
            try:
                if _fn.__name__ == "pair_cards":  # a generator: time its consumption
                    return list(_fn(*a, **k))
                return _fn(*a, **k)
            finally:
                totals[_name] = totals.get(_name, 0.0) + _thread_cpu() - t

        setattr(mod, fn_name, wrapper)
    try:
        yield
    finally:
        for mod, fn_name, fn in saved:
            setattr(mod, fn_name, fn)


def _half(G, out: Path, cache, key) -> dict:
    from rivalscape.graph.build_outputs import build_outputs
    from rivalscape.graph.output_set import publish

    totals: dict = {}
    t, c, w = _cpu(), _cpu(resource.RUSAGE_CHILDREN), time.perf_counter()
    with _timed(totals):
        outputs, _ = build_outputs(G, cache=cache, key=key)
        publish(str(out), outputs)
    totals["forked child"] = _cpu(resource.RUSAGE_CHILDREN) - c
    totals["whole half"] = _cpu() - t + totals["forked child"]
    totals["whole half, wall"] = time.perf_counter() - w
    return totals


def _load(folder: str, cache):
    from rivalscape.graph.pipeline import load

    return load([folder], cache=cache)


def _edited_copy(folder: str, tmp: Path, kind: str = "rivalry") -> Path:
    """A copy of ``folder`` with one edit in its middle file: a new entity and rivalry
    (``rivalry``), or the text of its first "vs." claim changed (``claim``)."""
    dst = tmp / "edited"
    shutil.copytree(folder, dst)
    first = sorted(dst.glob("*.md"))[len(list(dst.glob("*.md"))) // 2]
    if kind == "claim":
        lines = first.read_text(encoding="utf-8").split("\n")
        at = next(i for i, line in enumerate(lines) if line.startswith("- **vs. "))
        lines[at] += " (edited)"
        first.write_text("\n".join(lines), encoding="utf-8")
        return dst
    with open(first, "a", encoding="utf-8") as f:
        f.write("\n- **vs. Benchedit0**: an edit\n")
    return dst


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", required=True)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--edit", action="store_true", help="also time the half after one edit")
    ap.add_argument("--edit-kind", choices=("rivalry", "claim"), default="rivalry",
                    help="the edit: a new entity and rivalry (default), or one claim's text")
    ap.add_argument("--load-cache", default=None,
                    help="cache folder for loading the graphs (kept between runs of this script)")
    ap.add_argument("--no-fork", action="store_true",
                    help="compute the global measures in this process (their stages then show)")
    args = ap.parse_args(argv)
    if args.no_fork:
        from rivalscape.graph.analysis import result

        result.FORK_FROM = float("inf")
    from rivalscape.graph.cache import Cache

    runs: dict[str, list[float]] = {}
    edits: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        load_cache = Cache(args.load_cache or tmp / "load-cache")  # loading is not timed
        loaded = _load(args.data, load_cache)
        after = _load(str(_edited_copy(args.data, tmp, args.edit_kind)), load_cache) if args.edit else None
        for i in range(args.repeat):
            for k, v in _half(loaded.graph, tmp / f"out{i}", None, None).items():
                runs.setdefault(k, []).append(v)
            if after is not None:
                cache = Cache(tmp / f"cache{i}")  # a fresh cache: filled by the original only
                _half(loaded.graph, tmp / f"warm{i}", cache, loaded.key)
                for k, v in _half(after.graph, tmp / f"edit{i}", cache, after.key).items():
                    edits.setdefault(k, []).append(v)
            print(f"run {i + 1}/{args.repeat}: {runs['whole half'][-1]:.2f} s CPU"
                  + (f", after one edit {edits['whole half'][-1]:.2f} s" if edits else ""),
                  file=sys.stderr)
    names = [n for _, n in STAGES if n in runs] + ["forked child", "whole half", "whole half, wall"]
    print(f"{'stage':<22}{'cold CPU s':>12}" + (f"{'edit CPU s':>12}{'share':>8}" if edits else ""))
    for n in names:
        c = statistics.median(runs[n])
        line = f"{n:<22}{c:>12.2f}"
        if edits:
            e = statistics.median(edits.get(n, [0.0]))
            line += f"{e:>12.2f}{(e / c if c else 0):>8.0%}"
        print(line)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {peak:.0f} MB (loading included)")


if __name__ == "__main__":
    main()

"""The reading-and-resolving half of a build, stage by stage: CPU seconds of reading (the
main process and the parse workers), resolving and building the graph, and peak memory.

The documents are read once (workers as in a build); resolving and building then run
--repeat times on fresh copies of the records, and the medians are printed, so two
versions of the code can be compared on a shared machine. Run by hand, with a memory cap::

    prlimit --as=8000000000 python benchmarks/bench_resolve.py /tmp/c100k --repeat 3

With --edit, the folder is copied, its documents read once into a new cache, one file
edited as benchmarks/bench_cache.py edits it (one new rivalry), and the stages are timed
as a build after that edit runs them: reading (all but one document from the cache),
resolving, building the graph (GC paused as in :func:`graph.pipeline.load`).
"""

from __future__ import annotations

import argparse
import pickle
import resource
import statistics
import time


def _cpu() -> tuple[float, float]:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="+")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--edit", action="store_true", help="time the stages after one edit")
    args = parser.parse_args()
    if args.edit:
        return after_edit(args.data[0])

    from rivalscape.graph.build import build_graph
    from rivalscape.graph.memory import paused_gc
    from rivalscape.graph.pipeline import read_documents
    from rivalscape.graph.resolve import resolve

    with paused_gc():
        (me0, kids0), wall = _cpu(), time.perf_counter()
        docs, _ = read_documents(args.data)
        (me1, kids1), wall = _cpu(), time.perf_counter() - wall
    print(f"read: main {me1 - me0:.2f} s CPU, parse workers {kids1 - kids0:.2f} s CPU, "
          f"{wall:.2f} s wall")
    frozen = pickle.dumps(docs, protocol=pickle.HIGHEST_PROTOCOL)
    resolving, building = [], []
    for _ in range(args.repeat):
        copy = pickle.loads(frozen)
        with paused_gc():
            t0 = time.process_time()
            landscape, _ = resolve(copy)
            t1 = time.process_time()
            build_graph(landscape)
            t2 = time.process_time()
        resolving.append(t1 - t0)
        building.append(t2 - t1)
        del landscape, copy
    print(f"resolve: median {statistics.median(resolving):.2f} s CPU of {args.repeat} "
          f"({', '.join(f'{t:.2f}' for t in resolving)})")
    print(f"build graph: median {statistics.median(building):.2f} s CPU "
          f"({', '.join(f'{t:.2f}' for t in building)})")
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


def after_edit(folder: str) -> None:
    import shutil
    import tempfile
    from pathlib import Path

    from rivalscape.graph.build import build_graph
    from rivalscape.graph.cache import Cache
    from rivalscape.graph.memory import paused_gc
    from rivalscape.graph.pipeline import read_documents
    from rivalscape.graph.resolve import resolve

    with tempfile.TemporaryDirectory(prefix="bench-resolve-") as tmp:
        corpus = Path(tmp) / "corpus"
        shutil.copytree(folder, corpus)
        cache = Cache(Path(tmp) / "cache")
        read_documents([corpus], cache=cache)
        files = sorted(corpus.glob("*.md"))
        edited = files[len(files) // 2]
        text = edited.read_text(encoding="utf-8")
        edited.write_text(text.replace("**Competitive Positioning**\n", "**Competitive Positioning**\n"
                                       "- **vs. Benchedit0**: an edit\n", 1), encoding="utf-8")
        with paused_gc():
            (me0, kids0), wall = _cpu(), time.perf_counter()
            docs, _ = read_documents([corpus], cache=Cache(Path(tmp) / "cache"))
            (me1, kids1), wall = _cpu(), time.perf_counter() - wall
            t0 = time.process_time()
            landscape, _ = resolve(docs)
            t1 = time.process_time()
            build_graph(landscape)
            t2 = time.process_time()
    print(f"after one edit: read {me1 - me0 + kids1 - kids0:.2f} s CPU ({wall:.2f} s wall), "
          f"resolve {t1 - t0:.2f} s, build graph {t2 - t1:.2f} s")


if __name__ == "__main__":
    main()

"""Two versions of the reading-and-resolving half, side by side: CPU seconds of reading (in
one process, every document), resolving and building the graph, each version in fresh
processes, the runs interleaved (before, after, before, after...) so that a busy machine
weighs on both alike; medians and after/before ratios are printed.

``--before`` is a folder holding an older ``rivalscape`` package, made from a commit with::

    mkdir -p /tmp/before/rivalscape && git archive COMMIT graph cli | tar -x -C /tmp/before/rivalscape

It goes first on ``PYTHONPATH``, ahead of the installed project (the "after" side). Run by
hand, with a memory cap at 100,000 entities::

    prlimit --as=9000000000 python benchmarks/bench_resolve_ab.py --before /tmp/before /tmp/c20k
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys

_CHILD = r"""
import json, sys, time
from rivalscape.graph.build import build_graph
from rivalscape.graph.memory import paused_gc
from rivalscape.graph.pipeline import _read_one, discover
from rivalscape.graph.resolve import resolve

found, _ = discover([sys.argv[1]])
jobs = [(path.read_bytes(), rel, rel, None) for path, rel in found]
with paused_gc():
    t0 = time.process_time()
    docs = [doc for doc, _ in map(_read_one, jobs) if doc is not None]
    t1 = time.process_time()
    landscape, _ = resolve(docs)
    t2 = time.process_time()
    build_graph(landscape)
    t3 = time.process_time()
print(json.dumps({"read": t1 - t0, "resolve": t2 - t1, "build graph": t3 - t2}))
"""


def _run(data: str, before: str | None) -> dict[str, float]:
    env = dict(os.environ)
    if before:
        env["PYTHONPATH"] = before + os.pathsep + env.get("PYTHONPATH", "")
    out = subprocess.run([sys.executable, "-c", _CHILD, data], env=env, check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data")
    parser.add_argument("--before", required=True, help="folder holding the older rivalscape")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    runs: dict[str, list[dict[str, float]]] = {"before": [], "after": []}
    for _ in range(args.repeat):
        runs["before"].append(_run(args.data, args.before))
        runs["after"].append(_run(args.data, None))
    for stage in ("read", "resolve", "build graph"):
        b = statistics.median(r[stage] for r in runs["before"])
        a = statistics.median(r[stage] for r in runs["after"])
        print(f"{stage:12} before {b:6.2f} s  after {a:6.2f} s  after/before {a / b:.2f}  "
              f"(medians of {args.repeat}, CPU)")


if __name__ == "__main__":
    main()

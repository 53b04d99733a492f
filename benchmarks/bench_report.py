"""Time and memory of the report pipeline per landscape size, against pure NetworkX.

For each size, a synthetic landscape is generated as markdown files (benchmarks/generate.py)
and the pipeline runs in a fresh process, stage by stage: read, resolve, build graph,
metrics, segments, report (the other sections), render (Markdown + JSON). Printed per stage:
the median time over --repeat runs and the peak resident memory of the process at the end
of the stage (peak so far; the last column is the run's peak).

The NetworkX column computes the same metrics and segments in pure NetworkX
(degree/betweenness/PageRank/eigenvector/closeness centrality, Louvain), sampled the same way
where the report samples (betweenness with ``k``; closeness from ``k`` BFS sources). Where
that would take longer than --nx-cap seconds it is measured at smaller sizes and
extrapolated with a power law, and labelled ``~est``.

Usage (one command, run by hand; a few minutes on 2 cores)::

    python benchmarks/bench_report.py --sizes 1000,10000,100000
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
STAGES = ["read", "resolve", "build", "metrics", "segments", "report", "render"]


def _peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_pipeline(folder: str, sampling: str) -> dict:
    """One run in this process: {stage: (seconds, peak MB so far)} plus graph sizes.

    The cyclic garbage collector is paused for the run, as ``landscape build`` does.
    """
    from rivalscape.graph.memory import paused_gc

    with paused_gc():
        return _run_pipeline(folder, sampling)


def _run_pipeline(folder: str, sampling: str) -> dict:
    from rivalscape.graph import report as R
    from rivalscape.graph.build import build_graph
    from rivalscape.graph.pipeline import read_documents
    from rivalscape.graph.resolve import resolve

    out = {}
    t = time.perf_counter()
    docs, _ = read_documents([folder])
    out["read"] = (time.perf_counter() - t, _peak_mb())
    t = time.perf_counter()
    landscape, _ = resolve(docs)
    out["resolve"] = (time.perf_counter() - t, _peak_mb())
    t = time.perf_counter()
    G = build_graph(landscape)
    out["build"] = (time.perf_counter() - t, _peak_mb())
    timings: dict = {}
    rep = R.build_report(G, sampling=sampling, timings=timings)
    peak = _peak_mb()
    for s in ("metrics", "segments", "report"):
        out[s] = (timings[s], peak)
    t = time.perf_counter()
    R.render_report(rep, "md")
    R.render_report(rep, "json")
    out["render"] = (time.perf_counter() - t, _peak_mb())
    comp = sum(1 for _, k in G.nodes(data="kind") if k != "theme")
    return {"stages": out, "entities": comp,
            "rivalries": rep["summary"]["rivalries"], "sampling": rep["centrality"]["sampling"]}


def run_networkx(folder: str, sampling: dict) -> float:
    """Seconds for the same metrics and segments in pure NetworkX."""
    import random

    import networkx as nx

    from rivalscape.graph.build import competition_graph
    from rivalscape.graph.pipeline import load

    C = nx.Graph(competition_graph(load([folder]).graph))
    t = time.perf_counter()
    nx.degree_centrality(C)
    nx.pagerank(C)
    try:
        nx.eigenvector_centrality(C, max_iter=1000)
    except nx.PowerIterationFailedConvergence:
        pass
    if sampling["exact"]:
        nx.betweenness_centrality(C)
        nx.closeness_centrality(C)
    else:
        k = sampling["sample_size"]
        nx.betweenness_centrality(C, k=k, seed=0)
        for s in random.Random(0).sample(sorted(C), k):
            nx.single_source_shortest_path_length(C, s)
    nx.community.louvain_communities(C, seed=0)
    return time.perf_counter() - t


def child(args) -> None:
    if args.mode == "pipeline":
        res = run_pipeline(args.folder, "exact" if args.exact else "auto")
    else:
        res = {"seconds": run_networkx(args.folder, json.loads(args.sampling))}
    print(json.dumps(res))


def _spawn(*extra: str) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", *extra], check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def build_time_shipped(repeat: int) -> float:
    data = HERE.parent / "data"
    times = []
    with tempfile.TemporaryDirectory() as out:
        for _ in range(repeat):
            t = time.perf_counter()
            subprocess.run(["landscape", "build", "--data", str(data), "--out", out], check=True,
                           capture_output=True)
            times.append(time.perf_counter() - t)
    return statistics.median(times)


def networkx_seconds(size: int, folder: str, sampling: dict, cap: float, generate) -> tuple[float, bool]:
    """Pure-NetworkX seconds for this landscape: measured up to 2,000 entities or when a
    power law fitted at size/20 and size/10 (same sampling) predicts under ``cap``; else that
    prediction, flagged as an estimate."""
    plan = json.dumps(sampling)
    if size <= 2000:
        return _spawn("--mode", "nx", "--folder", folder, "--sampling", plan)["seconds"], False
    points = []
    for small in (size // 20, size // 10):
        with tempfile.TemporaryDirectory() as sub:
            for name, text in generate(small, seed=0).items():
                Path(sub, name).write_text(text, encoding="utf-8")
            points.append((small, _spawn("--mode", "nx", "--folder", sub, "--sampling", plan)["seconds"]))
    (n1, t1), (n2, t2) = points
    est = t2 * (size / n2) ** (math.log(t2 / t1) / math.log(n2 / n1))
    if est <= cap:
        return _spawn("--mode", "nx", "--folder", folder, "--sampling", plan)["seconds"], False
    return est, True


def main() -> None:
    p = argparse.ArgumentParser(description="Benchmark the report pipeline.")
    p.add_argument("--sizes", default="1000,10000,100000")
    p.add_argument("--repeat", type=int, default=3, help="Runs per size up to 10,000 entities.")
    p.add_argument("--nx-cap", type=float, default=120.0,
                   help="Measure NetworkX directly only where it is expected under this many seconds.")
    p.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--mode", default="pipeline", help=argparse.SUPPRESS)
    p.add_argument("--folder", help=argparse.SUPPRESS)
    p.add_argument("--exact", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--sampling", default="{}", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.child:
        return child(args)

    sys.path.insert(0, str(HERE))
    from generate import generate

    print(f"landscape build on the shipped data, process start included: "
          f"{build_time_shipped(args.repeat):.2f} s (median of {args.repeat})")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores\n")
    header = ["entities", "rivalries", "mode", *STAGES, "total s", "peak MB", "NetworkX s", "speed-up"]
    print(" | ".join(header))
    print("|".join("---" for _ in header))
    for size in [int(s) for s in args.sizes.split(",")]:
        with tempfile.TemporaryDirectory() as folder:
            for name, text in generate(size, seed=0).items():
                Path(folder, name).write_text(text, encoding="utf-8")
            runs = [_spawn("--folder", folder) for _ in range(args.repeat if size <= 10_000 else 1)]
            med = {s: statistics.median(r["stages"][s][0] for r in runs) for s in STAGES}
            peak = max(r["stages"]["render"][1] for r in runs)
            r0 = runs[0]
            total = sum(med.values())
            analysis = med["metrics"] + med["segments"]
            sampled = not r0["sampling"]["exact"]
            nx_s, estimated = networkx_seconds(size, folder, r0["sampling"], args.nx_cap, generate)
            nx_txt = f"~{nx_s:.0f} (est)" if estimated else f"{nx_s:.1f}"
            mode = f"sampled k={r0['sampling']['sample_size']}" if sampled else "exact"
            cells = [f"{r0['entities']:,}", f"{r0['rivalries']:,}", mode,
                     *[f"{med[s]:.2f}" for s in STAGES], f"{total:.1f}", f"{peak:.0f}",
                     nx_txt, f"{nx_s / analysis:.0f}x"]
            print(" | ".join(cells), flush=True)
    print("\nStages in seconds (median); peak MB = peak resident memory of the run; "
          "NetworkX s = the same metrics and segments in pure NetworkX; speed-up compares "
          "them with the metrics + segments stages.")


if __name__ == "__main__":
    main()

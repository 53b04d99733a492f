"""Cold `landscape build` per landscape size: time and peak memory, parser against parser.

For each size a synthetic landscape is generated (benchmarks/generate.py, seeded) and
`landscape build` runs in a fresh process, cold (no cache folder, nothing warm), once per
parser: pyromark (the default) and markdown-it-py (the reference, the baseline of the
ratio). Printed per size and parser: the median wall time over --repeat runs, the median
CPU time (the build process and its read workers: steadier than wall time on a shared
machine), the peak resident memory (of the largest process, read workers included), and the
wall time relative to the markdown-it-py run. The issue's target at 100,000 entities: a cold
build under 45 s and 2 GB.

``--calibrate`` instead measures, in one process per size, the peak resident memory after
loading (read, resolve, graph) and after the whole build, and prints the least-squares fit
of both against entities and rivalries: the coefficients of
``graph.memory.MODELS`` (the guard that stops a landscape too large for the machine).

Usage (run by hand; minutes per size on 2 cores)::

    python benchmarks/bench_build.py --sizes 20000,100000 --repeat 3
    python benchmarks/bench_build.py --calibrate --sizes 10000,50000,100000
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PARSERS = ("pyromark", "markdown-it")


def _landscape() -> str:
    exe = Path(sys.executable).with_name("landscape")
    return str(exe) if exe.exists() else "landscape"


def build_once(folder: str, parser: str) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (the process and its read workers) and peak MB of one cold
    `landscape build` in a fresh process."""
    env = {**os.environ, "LANDSCAPE_MARKDOWN_PARSER": parser}
    with tempfile.TemporaryDirectory() as out:
        t = time.perf_counter()
        proc = subprocess.Popen([_landscape(), "-q", "build", "--data", folder, "--out", out],
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - t
        if status != 0:
            raise SystemExit(f"landscape build failed: {proc.stderr.read().decode()[-2000:]}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def generate_into(size: int, folder: str, rivalries_per_entity: float = 3.0) -> None:
    sys.path.insert(0, str(HERE))
    from generate import generate

    for name, text in generate(size, seed=0, rivalries_per_entity=rivalries_per_entity).items():
        Path(folder, name).write_text(text, encoding="utf-8")


def bench(sizes: list[int], repeat: int) -> None:
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores; cold `landscape build`, "
          f"median of {repeat}; ratio: time / markdown-it-py's time in the same run\n")
    print("entities | parser | wall s (median) | runs, wall s | CPU s (median) | peak MB | "
          "wall vs markdown-it")
    print("---|---|---|---|---|---|---")
    for size in sizes:
        folder = tempfile.mkdtemp(prefix=f"bench-build-{size}-")
        try:
            generate_into(size, folder)
            results: dict[str, list] = {p: [] for p in PARSERS}
            for parser in PARSERS:
                for _ in range(repeat):
                    results[parser].append(build_once(folder, parser))
                    wall, cpu, mb = results[parser][-1]  # as it comes: a long run may be cut short
                    print(f"  {size:,} {parser}: {wall:.1f} s wall, {cpu:.1f} s CPU, {mb:.0f} MB",
                          file=sys.stderr, flush=True)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        base = statistics.median(r[0] for r in results["markdown-it"])
        for parser, runs in results.items():
            wall = statistics.median(r[0] for r in runs)
            cpu = statistics.median(r[1] for r in runs)
            print(f"{size:,} | {parser} | {wall:.1f} | {' '.join(f'{r[0]:.1f}' for r in runs)} | "
                  f"{cpu:.1f} | {max(r[2] for r in runs):.0f} | {wall / base:.2f}", flush=True)


def calibrate_child(folder: str) -> None:
    """In this process: peak MB after loading and after building, and the counts."""
    import resource

    from rivalscape.graph.build_outputs import build_outputs
    from rivalscape.graph.output_set import publish
    from rivalscape.graph.pipeline import load

    def peak() -> float:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    os.environ["LANDSCAPE_MEMORY_LIMIT"] = "1T"  # measure, do not stop
    loaded = load([folder])
    G = loaded.graph
    after_load = peak()
    with tempfile.TemporaryDirectory() as out:
        publish(out, build_outputs(G)[0])
    print(json.dumps({"entities": G.number_of_nodes(), "rivalries": G.number_of_edges(),
                      "load_mb": after_load, "report_mb": peak()}))


def calibrate(sizes: list[int]) -> None:
    import numpy as np

    rows = []
    for size in sizes:
        for ratio in ((3.0, 6.0) if size == sizes[len(sizes) // 2] else (3.0,)):
            folder = tempfile.mkdtemp(prefix=f"calibrate-{size}-")
            try:
                generate_into(size, folder, ratio)
                out = subprocess.run([sys.executable, __file__, "--calibrate-child", folder],
                                     check=True, capture_output=True, text=True).stdout
            finally:
                shutil.rmtree(folder, ignore_errors=True)
            row = json.loads(out.strip().splitlines()[-1])
            rows.append(row)
            print(f"{row['entities']:,} entities, {row['rivalries']:,} rivalries: peak "
                  f"{row['load_mb']:.0f} MB after loading, {row['report_mb']:.0f} MB after the build",
                  flush=True)
    A = np.array([[1.0, r["entities"], r["rivalries"]] for r in rows])
    for stage in ("load", "report"):
        y = np.array([r[f"{stage}_mb"] * (1 << 20) for r in rows])
        coef, *_ = np.linalg.lstsq(A, y, rcond=None)
        print(f"{stage}: base {coef[0] / (1 << 20):.0f} MB, {coef[1]:.0f} B/entity, "
              f"{coef[2]:.0f} B/rivalry")


def main() -> None:
    p = argparse.ArgumentParser(description="Benchmark a cold landscape build.")
    p.add_argument("--sizes", default="20000,100000")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--calibrate", action="store_true",
                   help="Fit the memory guard's model instead (graph.memory.MODELS).")
    p.add_argument("--calibrate-child", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.calibrate_child:
        return calibrate_child(args.calibrate_child)
    sizes = [int(s) for s in args.sizes.split(",")]
    if args.calibrate:
        return calibrate(sizes)
    bench(sizes, args.repeat)


if __name__ == "__main__":
    main()

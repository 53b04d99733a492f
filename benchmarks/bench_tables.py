"""Reading a Kumu connections table against reading the same landscape as markdown.

A synthetic landscape is generated as markdown (benchmarks/generate.py), read once, and
exported as a Kumu CSV pair (``landscape export --format kumu``): the same entities, facts,
claims and memberships, one connections row per claim or membership. Both folders are then
read --repeat times: ``read`` is the readers alone (files -> records), ``load`` is read +
resolve + build graph. Printed: the medians and the ratio tables / markdown (target: within
2x for ``read`` at 50,000 connection rows).

Usage (one command, run by hand; about a minute on 2 cores)::

    python benchmarks/bench_tables.py --rows 50000 --repeat 3
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from rivalscape.graph.export_tables import export_tables  # noqa: E402
from rivalscape.graph.memory import paused_gc  # noqa: E402
from rivalscape.graph.pipeline import load, read_documents  # noqa: E402

# The generator writes about three claims per entity and a few memberships.
ROWS_PER_ENTITY = 3.05


def _median(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        with paused_gc():
            fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, default=50_000, help="connection rows wanted (about)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        md, tables = Path(tmp, "markdown"), Path(tmp, "kumu")
        entities = int(args.rows / ROWS_PER_ENTITY)
        subprocess.run([sys.executable, str(HERE / "generate.py"), "--entities", str(entities),
                        "--out", str(md), "--seed", str(args.seed)], check=True)
        ls = load([md]).landscape
        tables.mkdir()
        for name, content in export_tables(ls, "kumu").items():
            (tables / name).write_bytes(content)
        rows = (tables / "connections.csv").read_text(encoding="utf-8").count("\n") - 1
        md_bytes = sum(p.stat().st_size for p in md.iterdir())
        csv_bytes = sum(p.stat().st_size for p in tables.iterdir())
        print(f"{len(ls.entities)} entities; markdown {md_bytes / 1e6:.1f} MB; "
              f"Kumu tables {csv_bytes / 1e6:.1f} MB with {rows} connection rows")
        print(f"{'stage':<6} {'markdown s':>11} {'tables s':>9} {'ratio':>6}")
        for stage, fn in (("read", read_documents), ("load", load)):
            a = _median(lambda: fn([md]), args.repeat)
            b = _median(lambda: fn([tables]), args.repeat)
            print(f"{stage:<6} {a:>11.2f} {b:>9.2f} {b / a:>6.2f}")


if __name__ == "__main__":
    main()

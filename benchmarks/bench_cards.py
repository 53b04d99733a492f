"""What the battlecards add to `landscape build`: render + write time, per cap on the cards.

Loads a data folder once, then for each cap renders every output of a build
(:func:`graph.build_outputs.build_outputs`) and publishes it into a fresh folder
(:func:`graph.output_set.publish`, fsync included), ``--repeat`` times; prints the median
seconds of each step and the number of cards. Cap 0 is the build without cards.

Usage (run by hand; the 5,000-entity line takes about a minute on 2 cores)::

    python benchmarks/generate.py --entities 5000 --out /tmp/landscape-5k
    python benchmarks/bench_cards.py data /tmp/landscape-5k --caps 0,1000,100000
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("folders", nargs="+")
    p.add_argument("--caps", default="0,1000")
    p.add_argument("--repeat", type=int, default=3)
    args = p.parse_args()
    from rivalscape.graph.asof import as_of_dates
    from rivalscape.graph.battlecard import Dating
    from rivalscape.graph.build_outputs import build_outputs
    from rivalscape.graph.output_set import publish
    from rivalscape.graph.pipeline import load

    print("folder | entities | rivalries | cap | cards | render s | publish s | total s")
    for folder in args.folders:
        G = load([folder]).graph
        dating = Dating(as_of_dates([folder]))
        rivalries = sum(1 for *_, k in G.edges(data="kind") if k == "competes")
        for cap in map(int, args.caps.split(",")):
            render, write, cards = [], [], 0
            for _ in range(args.repeat):
                t = time.perf_counter()
                outputs, _ = build_outputs(G, dating=dating, cards_limit=cap)
                t1 = time.perf_counter()
                with tempfile.TemporaryDirectory() as out:
                    publish(out, outputs)
                write.append(time.perf_counter() - t1)
                render.append(t1 - t)
                cards = sum(1 for o in outputs if o.name.startswith("battlecards/")) - 1
            r, w = statistics.median(render), statistics.median(write)
            print(f"{folder} | {G.number_of_nodes()} | {rivalries} | {cap} | {cards} | "
                  f"{r:.2f} | {w:.2f} | {r + w:.2f}")


if __name__ == "__main__":
    main()

"""Hidden rivals on adversarial ties: N companies that all name one rival (issue 8 item 3).

Every pair ties at 1.0; before the fix all N^2/2 pairs were materialised (1,250 -> 0.49 GB,
10,000 -> MemoryError). Prints seconds and peak traced memory per size, and the same for a
harder variant where each company also names a rival of its own (no two neighbourhoods
alike, so the product is computed pair by pair in bounded row blocks).

    python benchmarks/bench_hidden_rivals.py --sizes 1250,5000,20000
"""

from __future__ import annotations

import argparse
import time
import tracemalloc

import networkx as nx


def star(n: int, own_rival: bool) -> nx.Graph:
    G = nx.Graph(name="star")
    G.add_node("x", label="X", kind="competitor")
    for i in range(n):
        c = f"c{i:06d}"
        G.add_node(c, label=f"C{i:06d}", kind="company")
        G.add_edge(c, "x", kind="competes", claims=[])
        if own_rival:
            G.add_node(f"r{i}", label=f"R{i:06d}", kind="competitor")
            G.add_edge(c, f"r{i}", kind="competes", claims=[])
    return G


def main() -> None:
    from rivalscape.graph.analysis import hidden_rivals

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1250,5000,20000")
    ap.add_argument("--own-rival-sizes", default="1250,5000")
    ap.add_argument("--top", type=int, default=10)
    args = ap.parse_args()
    print("variant | companies | pairs qualifying | seconds | peak traced MB")
    for variant, sizes in (("one shared rival", args.sizes), ("plus one own rival", args.own_rival_sizes)):
        for n in (int(x) for x in sizes.split(",") if x):
            G = star(n, variant != "one shared rival")
            tracemalloc.start()
            t = time.perf_counter()
            h = hidden_rivals(G, top=args.top)
            dt = time.perf_counter() - t
            peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
            print(f"{variant} | {n:,} | {h['total']:,} | {dt:.2f} | {peak:.1f}")


if __name__ == "__main__":
    main()

"""Benchmark: our landscape page vs. pyvis's default page, same graph, same run, headless Chromium.

    python3 benchmarks/bench_html.py [--nodes 5000] [--edges 15000] [--runs 3] [--pyvis-runs 1] [--cap 120]
    python3 benchmarks/bench_html.py --overview 100000   # the capped page's overview

Builds a seeded scale-free landscape in the shape of graph.build's contract, then measures:

* render time of ``graph.render.render_html`` (layout included), everything drawn (no cap);
* in Debian's chromium (headless, every non-file request aborted): time from navigation start
  to the first complete drawing - ours: the first ``afterDrawing`` (positions precomputed,
  physics off); pyvis: the first ``afterDrawing`` after ``stabilizationIterationsDone``
  (pyvis's default page runs physics, then draws) - capped at ``--cap`` seconds and labelled
  ``>= cap`` when capped;
* ours: time from pressing Enter on a search result to the end of the next drawing, with the
  neighbourhood framed and highlighted and the side panel filled;
* ours: time from unticking a kind filter (about 60 % of the entities) to the end of the next
  drawing, and from ticking it again (issue 11: under 200 ms each);
* file sizes.

pyvis's page is built by assigning prepared node and edge lists (not ``from_nx``/``add_edge``,
which are quadratic) with ``cdn_resources="in_line"`` so that vis-network is in the file; its
template still links Bootstrap from a CDN, which is aborted here (offline, as behind a firewall
that refuses rather than hangs). Targets (issues 4, 11): drawing < 2 s, search to panel
< 100 ms, filter off and on < 200 ms each, < 5 MB. Our page gets metrics and segments as
`landscape build` gives them (segment-aware layout).
Everything is written to a temporary folder. Run by hand; nothing here asserts timings.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ALLOWED = ("file:", "data:", "about:", "blob:")
KINDS = ("company", "competitor", "alternative")


def synthetic_landscape(n_nodes: int, n_edges: int, seed: int = 42) -> nx.Graph:
    """Seeded scale-free graph in the contract's shape: ~1% themes, one claim per rivalry."""
    rng = random.Random(seed)
    m = max(1, round(n_edges / n_nodes))
    B = nx.barabasi_albert_graph(n_nodes, m, seed=seed)
    nodes = list(B)
    while B.number_of_edges() < n_edges:
        u, v = rng.sample(nodes, 2)
        B.add_edge(u, v)
    while B.number_of_edges() > n_edges:
        B.remove_edge(*max(B.edges))
    n_themes = max(1, n_nodes // 100)
    theme_ids = set(rng.sample(nodes, n_themes))
    ident = {i: (f"theme:{i:05d}" if i in theme_ids else f"e{i:05d}") for i in nodes}
    G = nx.Graph(name=f"Synthetic landscape ({n_nodes} nodes, {n_edges} edges)", documents=["synthetic.md"])
    for i in nodes:
        theme = i in theme_ids
        G.add_node(
            ident[i], label=(f"Theme {i}" if theme else f"Company {i}"),
            kind="theme" if theme else KINDS[rng.randrange(3)],
            aliases=[f"C{i}"] if i % 10 == 0 and not theme else [],
            facts=[] if theme else [{"key": "founded", "label": "Founded", "text": str(2000 + i % 25),
                                     "source": {"path": "synthetic.md", "line": 10 * i + 2, "section": f"Company {i}"}}],
            founded=None if theme else 2000 + i % 25, funding_usd=None, funding_round=None, valuation_usd=None,
            sources=[{"path": "synthetic.md", "line": 10 * i + 1, "section": f"Company {i}"}],
        )
    for u, v in sorted(B.edges):
        a, b = ident[u], ident[v]
        if u in theme_ids and v in theme_ids:
            continue  # themes do not compete with each other
        if (u in theme_ids) != (v in theme_ids):
            t, mbr = (a, b) if u in theme_ids else (b, a)
            G.add_edge(a, b, kind="theme", theme=t, member=mbr, description=f"member of {t}",
                       source={"path": "synthetic.md", "line": u + 1, "section": "Themes"})
        else:
            G.add_edge(a, b, kind="competes", claimants=[a], mutual=False, claims=[{
                "by": a, "against": b, "text": f"Company {u} claims a better product than Company {v}",
                "source": {"path": "synthetic.md", "line": 10 * u + 5, "section": f"Company {u}"}}])
    return G


def pyvis_page(G: nx.Graph) -> str:
    from pyvis.network import Network

    net = Network(height="900px", width="100%", cdn_resources="in_line")
    colours = {"company": "#0072B2", "competitor": "#E69F00", "alternative": "#009E73", "theme": "#CC79A7"}
    ids = sorted(G)
    net.nodes = [{"id": n, "label": G.nodes[n]["label"], "shape": "dot", "size": 10,
                  "title": G.nodes[n]["label"], "color": colours[G.nodes[n]["kind"]]} for n in ids]
    net.node_ids = list(ids)
    net.node_map = {d["id"]: d for d in net.nodes}
    net.edges = [{"from": u, "to": v, "width": 1} for u, v in sorted(G.edges)]
    return net.generate_html()


PYVIS_HOOK = """
(() => {
  window.__bench = { stabilized: null, complete: null };
  let net;
  Object.defineProperty(window, "network", { configurable: true,
    get() { return net; },
    set(v) { net = v;
      v.on("stabilizationIterationsDone", () => { window.__bench.stabilized = performance.now(); });
      v.on("afterDrawing", () => {
        const b = window.__bench;
        const physicsOff = !v.physics.options.enabled || v.physics.options.stabilization.enabled === false;
        if (b.complete === null && (b.stabilized !== null || physicsOff)) b.complete = performance.now();
      });
    } });
})();
"""


def wait_js(page, expr: str, timeout_s: float) -> None:
    """Poll ``expr`` from Python: the page's Content-Security-Policy forbids the eval that
    Playwright's in-page polling uses. Timings come from in-page timestamps, not from this loop."""
    end = time.monotonic() + timeout_s
    while not page.evaluate(expr):
        if time.monotonic() > end:
            raise TimeoutError(expr)
        page.wait_for_timeout(20)


def open_page(browser, path: Path, init: str | None = None):
    ctx = browser.new_context(viewport={"width": 1400, "height": 900})
    if init:
        ctx.add_init_script(init)
    page = ctx.new_page()
    aborted = []

    def route(r):
        if r.request.url.startswith(ALLOWED):
            r.continue_()
        else:
            aborted.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    return ctx, page, aborted


def measure_ours(browser, path: Path, queries: list[str]) -> dict:
    ctx, page, aborted = open_page(browser, path)
    page.goto(path.as_uri(), wait_until="commit")
    wait_js(page, "!!(window.__landscape && window.__landscape.perf && window.__landscape.perf.ready !== null)", 120)
    drawn = page.evaluate("window.__landscape.perf.ready")
    counts = page.evaluate("[window.__landscape.network.body.nodeIndices.length, window.__landscape.network.body.edgeIndices.length]")
    page.evaluate("""() => { const s = document.getElementById('search');
        s.addEventListener('keydown', e => { if (e.key === 'Enter') window.__enterAt = performance.now(); }, true); }""")
    selects = []
    for q in queries:
        page.fill("#search", q)
        page.wait_for_selector("#suggestions li")
        page.evaluate("window.__enterAt = null")
        page.press("#search", "Enter")
        wait_js(page, "window.__enterAt !== null && window.__landscape.perf.lastDraw > window.__enterAt", 30)
        selects.append(page.evaluate("window.__landscape.perf.lastDraw - window.__enterAt"))
        assert page.evaluate("window.__landscape.network.getSelectedNodes().length") == 1
    page.evaluate("window.__landscape.clearSelection()")
    filter_off, filter_on = measure_filter(page, "competitor", False), measure_filter(page, "competitor", True)
    ctx.close()
    return {"draw_ms": drawn, "select_ms": statistics.median(selects), "counts": counts, "aborted": aborted,
            "filter_off_ms": filter_off, "filter_on_ms": filter_on}


def measure_filter(page, kind: str, on: bool) -> float:
    """Milliseconds from ticking a kind's box (on) or unticking it (off) to the end of the next
    drawing, with the nodes hidden or restored and the view re-fitted."""
    page.evaluate("""() => { window.__changeAt = null; document.addEventListener('change',
        () => { window.__changeAt = performance.now(); }, {capture: true, once: true}); }""")
    (page.check if on else page.uncheck)(f"input[data-kind={kind}]")
    wait_js(page, "window.__changeAt !== null && window.__landscape.perf.lastDraw > window.__changeAt", 30)
    return page.evaluate("window.__landscape.perf.lastDraw - window.__changeAt")


def measure_pyvis(browser, path: Path, cap_s: float) -> dict:
    ctx, page, aborted = open_page(browser, path, PYVIS_HOOK)
    page.goto(path.as_uri(), wait_until="commit")
    capped = False
    try:
        wait_js(page, "!!(window.__bench && window.__bench.complete !== null)", cap_s)
        drawn = page.evaluate("window.__bench.complete")
    except Exception:
        capped = True
        drawn = cap_s * 1000
    ctx.close()
    return {"draw_ms": drawn, "capped": capped, "aborted": sorted(set(aborted))}


def measure_overview(browser, path: Path, query: str) -> dict:
    """A capped page: time to the overview's first drawing and to the map's, and from Enter on
    a search for an entity that is not drawn to its panel."""
    ctx, page, aborted = open_page(browser, path)
    page.goto(path.as_uri(), wait_until="commit")
    wait_js(page, "!!(window.__landscape && window.__landscape.perf && window.__landscape.perf.overviewDrawn"
                  " && window.__landscape.perf.ready !== null)", 180)
    overview, ready = page.evaluate("[window.__landscape.perf.overviewDrawn, window.__landscape.perf.ready]")
    page.fill("#search", query)
    page.wait_for_selector("#suggestions li[data-catalogue]")
    page.evaluate("""() => { window.__enterAt = null; document.getElementById('search').addEventListener('keydown',
        e => { if (e.key === 'Enter') window.__enterAt = performance.now(); }, {capture: true, once: true}); }""")
    page.press("#search", "Enter")
    wait_js(page, "window.__enterAt !== null && document.getElementById('panel-body').textContent.includes('Not drawn')", 30)
    found = page.evaluate("performance.now() - window.__enterAt")
    ctx.close()
    return {"overview_ms": overview, "map_ms": ready, "search_ms": found, "aborted": aborted}


def overview_run(entities: int) -> None:
    from playwright.sync_api import sync_playwright

    from rivalscape.graph.analysis import analyze
    from rivalscape.graph.render import render_html

    G = synthetic_landscape(entities, 3 * entities)
    result = analyze(G)
    t = time.perf_counter()
    html, notes = render_html(G, analysis=result)
    render_s = time.perf_counter() - t
    named = [n for n in G if G.nodes[n]["kind"] != "theme"]
    undrawn = max(named, key=lambda n: (-G.degree(n), n))  # the least connected: never drawn
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        path = Path(tmp) / "overview.html"
        path.write_text(html, encoding="utf-8")
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        r = measure_overview(browser, path, G.nodes[undrawn]["label"])
        browser.close()
    print(f"overview page: {G.number_of_nodes()} entities, {G.number_of_edges()} links; {notes[0] if notes else ''}")
    print(f"  render {render_s:.2f} s, file {len(html.encode()) / 1e6:.1f} MB, overview drawn {r['overview_ms'] / 1000:.2f} s, "
          f"map drawn {r['map_ms'] / 1000:.2f} s, search to panel for an entity not drawn {r['search_ms']:.0f} ms, "
          f"aborted requests {len(r['aborted'])}")
    print("  targets: overview < 3 s, file < 25 MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--nodes", type=int, default=5000)
    ap.add_argument("--edges", type=int, default=15000)
    ap.add_argument("--runs", type=int, default=3, help="page loads of our page (median)")
    ap.add_argument("--pyvis-runs", type=int, default=1, help="page loads of pyvis's page (median)")
    ap.add_argument("--cap", type=float, default=120.0, help="seconds to wait for pyvis's page")
    ap.add_argument("--overview", type=int, default=0, metavar="ENTITIES",
                    help="instead: measure the overview page of a landscape this large (e.g. 100000)")
    args = ap.parse_args()
    if args.overview:
        overview_run(args.overview)
        return

    from playwright.sync_api import sync_playwright

    from rivalscape.graph.render import render_html

    G = synthetic_landscape(args.nodes, args.edges)
    print(f"graph: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges "
          f"({sum(1 for *_, k in G.edges(data='kind') if k == 'theme')} theme memberships)")

    from rivalscape.graph.analysis import analyze

    result = analyze(G)  # what `landscape build` gives the page: metrics, segments, seed
    page_args = {"analysis": result}
    print(f"segments: {len(result.segments['segments'])}")
    render_s = []
    for _ in range(args.runs):
        t = time.perf_counter()
        ours_html, notes = render_html(G, max_nodes=None, **page_args)
        render_s.append(time.perf_counter() - t)
    t = time.perf_counter()
    theirs_html = pyvis_page(G)
    pyvis_render_s = time.perf_counter() - t

    with tempfile.TemporaryDirectory() as tmp:
        ours_path = Path(tmp) / "ours.html"
        theirs_path = Path(tmp) / "pyvis.html"
        ours_path.write_text(ours_html, encoding="utf-8")
        theirs_path.write_text(theirs_html, encoding="utf-8")
        queries = [f"Company {i}" for i in (17, 1234, 4321)]
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            ours = [measure_ours(browser, ours_path, queries) for _ in range(args.runs)]
            theirs = [measure_pyvis(browser, theirs_path, args.cap) for _ in range(args.pyvis_runs)]
            browser.close()

    med = statistics.median
    o_draw = med(r["draw_ms"] for r in ours)
    t_draw = med(r["draw_ms"] for r in theirs)
    capped = any(r["capped"] for r in theirs)
    o_size, t_size = len(ours_html.encode()), len(theirs_html.encode())
    cap_label = f">= {t_draw / 1000:.1f} s (capped at {args.cap:.0f} s)" if capped else f"{t_draw / 1000:.2f} s"
    print(f"runs: ours {args.runs}, pyvis {args.pyvis_runs} (medians)")
    print(f"drawn by our page: {ours[0]['counts'][0]} nodes, {ours[0]['counts'][1]} edges; aborted requests: "
          f"ours {sum(len(r['aborted']) for r in ours)}, pyvis {theirs[0]['aborted']}")
    print(f"{'':32}{'ours':>14}{'pyvis default':>30}{'ours/pyvis':>12}")
    print(f"{'render (Python, layout incl.)':32}{med(render_s):>13.2f}s{pyvis_render_s:>29.2f}s"
          f"{med(render_s) / pyvis_render_s:>12.2f}")
    ratio = f"{o_draw / t_draw:.4f}" + (" (<=)" if capped else "")
    print(f"{'first complete drawing':32}{o_draw / 1000:>13.2f}s{cap_label:>30}{ratio:>12}")
    print(f"{'select a search result':32}{med(r['select_ms'] for r in ours):>12.0f}ms{'n/a (no search)':>30}{'':>12}")
    print(f"{'filter off (hide a kind)':32}{med(r['filter_off_ms'] for r in ours):>12.0f}ms{'n/a (no filters)':>30}{'':>12}")
    print(f"{'filter on (restore it)':32}{med(r['filter_on_ms'] for r in ours):>12.0f}ms{'n/a (no filters)':>30}{'':>12}")
    print(f"{'file size':32}{o_size / 1e6:>12.2f}MB{t_size / 1e6:>28.2f}MB{o_size / t_size:>12.2f}")
    print("targets: drawing < 2 s, search to panel < 100 ms, filter off/on < 200 ms each, file < 5 MB")


if __name__ == "__main__":
    main()

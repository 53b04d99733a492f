"""Everything ``landscape build`` writes.

The analysis, page and reports are rendered before anything is written, so a failure in
them leaves the earlier outputs as they were; ``graph.json`` is encoded while it is written.
The caller replaces each file atomically.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import networkx as nx

from graph.export import node_link_chunks

# centrality.md lists this many entities; the full table is `landscape centrality --json`.
CENTRALITY_MD_TOP = 100


def build_outputs(
    G: nx.Graph,
    *,
    out: Path,
    focus: str | None = None,
    depth: int = 1,
    exact: bool = False,
    seed: int = 0,
) -> tuple[dict[Path, str | Iterable[str]], list[str]]:
    """Render the landscape page, node-link graph, centrality summary and full report.

    Returns ``({path: content}, notes)``; notes are for the person (e.g. what the page left out).
    The node-link graph is a lazy iterable of text chunks, written as it is encoded.
    """
    from graph import report
    from graph.pipeline import paused_gc
    from graph.render import render_html

    with paused_gc():
        result = report.build_report(G, exact=exact or None, seed=seed)
        metrics = report.node_metrics(result)
        html, notes = render_html(G, metrics=metrics, segments=report.node_segments(result),
                                  segment_names=report.segment_names(result),
                                  focus=focus, depth=depth)
    files = {
        out / "landscape.html": html,
        out / "graph.json": node_link_chunks(G),
        out / "centrality.md": report.render_centrality_md(result, top=CENTRALITY_MD_TOP),
        out / "report.md": report.render_report(result, "md"),
    }
    return files, notes

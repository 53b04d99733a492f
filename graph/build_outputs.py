"""Everything ``landscape build`` writes, as one set of outputs that carry one build id.

The analysis, page and reports are rendered before anything is written, so a failure in
them leaves the earlier outputs as they were; ``graph.json`` is encoded while it is written.
:func:`graph.output_set.publish` writes the set and swaps it in as a whole.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

import networkx as nx

from rivalscape.graph.cache import Cache, digest
from rivalscape.graph.export import node_link_chunks
from rivalscape.graph.memory import paused_gc
from rivalscape.graph.output_set import Output, Stamp

# centrality.md lists this many entities; the full table is `landscape centrality --json`.
CENTRALITY_MD_TOP = 100

HTML_STAMP = Stamp('<meta name="landscape-build" content="{}">\n')
MARKDOWN_STAMP = Stamp("<!-- landscape build {} -->\n")
# A top-level key of graph.json, after "edges"; networkx.node_link_graph ignores it.
JSON_STAMP = Stamp(',"build_id":"{}"')


def build_outputs(
    G: nx.Graph,
    *,
    focus: str | None = None,
    depth: int = 1,
    exact: bool = False,
    seed: int = 0,
    progress: Callable[[str, int, int], None] | None = None,
    cache: Cache | None = None,
    key: str | None = None,
) -> tuple[list[Output], list[str]]:
    """Render the landscape page, node-link graph, centrality summary and full report.

    Returns ``(outputs, notes)``; notes are for the person (e.g. what the page left out).
    The node-link graph is a lazy iterable of text chunks, written as it is encoded.
    ``progress(stage, total, advance)`` hears of the stage ``analysis`` (the report, then
    the page). With a ``cache`` and the ``key`` of ``G``'s landscape
    (:attr:`graph.pipeline.Loaded.key`, which covers the code too), the report and the page
    made before for the same landscape and settings are used again.
    """
    from rivalscape.graph import report

    progress = progress or (lambda stage, total, advance: None)
    entry_key = digest("analysis and page", key, focus, depth, bool(exact), seed) if key else None
    entry = cache.get("analysis", entry_key) if cache is not None and entry_key else None
    if entry is None:
        entry = _analyse_and_draw(G, focus, depth, exact, seed, progress)
        if cache is not None and entry_key:
            cache.put("analysis", entry_key, entry)
            cache.prune("analysis", keep=ANALYSES_KEPT)
    result, html, notes = entry
    outputs = [
        Output("landscape.html", _stamped_html(html)),
        Output("graph.json", _stamped_json(node_link_chunks(G))),
        Output("centrality.md", [MARKDOWN_STAMP, report.render_centrality_md(
            result, top=CENTRALITY_MD_TOP)]),
        Output("report.md", [MARKDOWN_STAMP, report.render_report(result, "md")]),
    ]
    return outputs, list(notes)


# How many analysed and drawn landscapes the cache keeps (the most recently used).
ANALYSES_KEPT = 2


def _analyse_and_draw(G: nx.Graph, focus, depth, exact, seed, progress) -> tuple[dict, str, list[str]]:
    from rivalscape.graph import report
    from rivalscape.graph.render import render_html

    with paused_gc():
        progress("analysis", 2, 0)
        result = report.build_report(G, exact=exact or None, seed=seed)
        progress("analysis", 2, 1)
        metrics = report.node_metrics(result)
        html, notes = render_html(G, metrics=metrics, segments=report.node_segments(result),
                                  segment_names=report.segment_names(result),
                                  focus=focus, depth=depth)
        progress("analysis", 2, 1)
    return result, html, notes


def _stamped_html(html: str) -> list[str | Stamp]:
    """The build id as a ``<meta>`` right after the charset (or a comment at the top)."""
    charset = '<meta charset="utf-8">\n'
    at = html.find(charset)
    if at < 0:
        return [MARKDOWN_STAMP, html]
    at += len(charset)
    return [html[:at], HTML_STAMP, html[at:]]


def _stamped_json(chunks: Iterable[str]) -> Iterator[str | Stamp]:
    """The chunks of one JSON object, with the build id as its last key."""
    last = None
    for chunk in chunks:
        if last is not None:
            yield last
        last = chunk
    if last is None or "}" not in last:
        raise ValueError("graph.json: the encoder did not end with a JSON object")
    at = last.rindex("}")
    yield last[:at]
    yield JSON_STAMP
    yield last[at:]

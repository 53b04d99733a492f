"""Everything ``landscape build`` writes, as one set of outputs that carry one build id.

The analysis, page and reports are rendered before anything is written, so a failure in
them leaves the earlier outputs as they were; ``graph.json`` is encoded while it is written.
:func:`graph.output_set.publish` writes the set and swaps it in as a whole.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

import networkx as nx

from rivalscape.graph import battlecard as bc
from rivalscape.graph.analysis import Analysis, Settings, analyze, classifier_version
from rivalscape.graph.cache import Cache, digest
from rivalscape.graph.export import node_link_chunks
from rivalscape.graph.hints import HintText, card_template
from rivalscape.graph.memory import paused_gc
from rivalscape.graph.output_set import Output, Stamp

# centrality.md lists this many entities; the full table is `landscape centrality --json`.
CENTRALITY_MD_TOP = 100
#: The build writes a battlecard for at most this many rivalries of the page, most central
#: pairs first (the sum of the two ends' PageRank); the page's panel shows the command that
#: makes any other. On a 5,000-entity landscape (14,691 rivalries, 2 busy cores) 1,000 cards
#: added 6.5 s to a 23 s build (render 3.4 s, write 3 s), all of them 82 s
#: (benchmarks/bench_cards.py); on the shipped data the 16 cards add under 0.1 s.
CARDS_LIMIT = 1000
CARDS_FOLDER = "battlecards"
PAGE = "landscape.html"

HTML_STAMP = Stamp('<meta name="landscape-build" content="{}">\n')
MARKDOWN_STAMP = Stamp("<!-- landscape build {} -->\n")
# A top-level key of graph.json, after "edges"; networkx.node_link_graph ignores it.
JSON_STAMP = Stamp(',"build_id":"{}"')


def build_outputs(
    G: nx.Graph,
    *,
    focus: str | None = None,
    depth: int = 1,
    settings: Settings | None = None,
    dating: bc.Dating = bc.Dating(),
    cards_limit: int = CARDS_LIMIT,
    compare: tuple[nx.Graph, str] | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    cache: Cache | None = None,
    key: str | None = None,
    hints: HintText | None = None,
) -> tuple[list[Output], list[str]]:
    """Render the landscape page, node-link graph, centrality summary, full report and the
    battlecards of the page's rivalries (``battlecards/A--vs--B.html``, linked from the panel).

    The analysis runs once (:func:`graph.analysis.analyze`, with ``settings``); the page,
    the report, the centrality summary, the cards and the graph's metadata all read that one
    result, and each says which settings it was computed with. Returns ``(outputs, notes)``;
    notes are for the person (e.g. what the page left out). The node-link graph is a lazy
    iterable of text chunks, written as it is encoded. ``dating`` dates the cards' lines
    (:class:`graph.battlecard.Dating`). ``compare``, an earlier state of the landscape and its
    name (a git revision), makes the page mark what changed since (:func:`graph.diff.overlay`);
    the other outputs are of ``G`` alone. ``progress(stage, total, advance)`` hears of the
    stage ``analysis``. With a ``cache`` and the ``key`` of ``G``'s landscape
    (:attr:`graph.pipeline.Loaded.key`, which covers the code too), the analysis, report and
    page made before for the same landscape and settings are used again (the page only when
    nothing is compared: the earlier state is not part of the key). ``hints`` words the hints
    of the outputs (:mod:`graph.hints`): the Markdown files' (the library's words without it)
    and the page's and card index's way to make a card (none without it). A note about one
    output starts with that output's name.
    """
    settings = settings or Settings()
    progress = progress or (lambda stage, total, advance: None)
    entry_key = digest("analysis and page", key, focus, depth, cards_limit, sorted(settings.as_dict().items()),
                       card_template(hints)) \
        if key and compare is None else None
    # The whole half makes millions of objects while the graph holds millions more: the
    # collector's full passes rescanned them all (a tenth of the half at 100,000 entities).
    with paused_gc():
        entry = cache.get("analysis", entry_key) if cache is not None and entry_key else None
        if entry is None:
            entry = _analyse_and_draw(G, focus, depth, settings, cards_limit, compare, progress,
                                      hints, cache)
            if cache is not None and entry_key:
                cache.put("analysis", entry_key, entry)
                cache.prune("analysis", keep=ANALYSES_KEPT)
        return _outputs(G, entry, cards_limit, dating, hints, cache)


def _outputs(G: nx.Graph, entry: tuple, cards_limit: int, dating: bc.Dating,
             hints: HintText | None, cache: Cache | None = None) -> tuple[list[Output], list[str]]:
    """The set's outputs from the analysed and drawn landscape (``graph.json`` still lazy)."""
    from rivalscape.graph import report

    result, rep, html, page_notes, pairs, total, names = entry
    notes = [f"{PAGE}: {note}" for note in page_notes]
    if len(pairs) < total:
        notes.append(f"{CARDS_FOLDER}: {len(pairs)} battlecards for the page's {total} rivalries "
                     f"(the most central; limit {cards_limit}); the panel shows the command that "
                     "makes any other")
    meta = {"analysis": {"settings": result.settings.as_dict(), "sampling": dict(result.sampling)}}
    outputs = [
        Output(PAGE, _stamped_html(html)),
        Output("graph.json", _stamped_json(node_link_chunks(G, meta))),
        Output("centrality.md", [MARKDOWN_STAMP, report.render_centrality_md(
            result, top=CENTRALITY_MD_TOP, hints=hints or str)]),
        Output("report.md", [MARKDOWN_STAMP, report.render_report(rep, "md", hints=hints or str)]),
        Output(f"{CARDS_FOLDER}/index.html", _stamped_html(bc.render_card_index(
            [(G.nodes[a]["label"], G.nodes[b]["label"], names[a, b]) for a, b in pairs], total,
            hints=hints))),
        *_cards(G, pairs, names, result, dating, cache),
    ]
    return outputs, notes


# How many analysed and drawn landscapes the cache keeps (the most recently used).
ANALYSES_KEPT = 2


def _analyse_and_draw(G: nx.Graph, focus, depth, settings: Settings, cards_limit: int, compare,
                      progress, hints: HintText | None, cache: Cache | None = None) -> tuple:
    """``(analysis, report, page html, notes, card pairs, their total, card names)``: what the
    build computes before writing, and caches (the cards themselves depend on dates, not kept).
    With a ``cache``, claim texts classified by an earlier build (any landscape) are not
    classified again. Runs with the collector paused by :func:`build_outputs`."""
    from rivalscape.graph import report
    from rivalscape.graph.render import render_html, select_nodes

    progress("analysis", 2, 0)
    classes_key = digest("claim classes", classifier_version()) if cache is not None else None
    classes = (cache.get("claims", classes_key) or {}) if classes_key else None
    before = dict(classes) if classes is not None else None
    result = analyze(G, settings, claim_classes=classes, cache=cache)
    if classes_key and classes != before:
        cache.put("claims", classes_key, classes)
        cache.prune("claims", keep=1)
    rep = report.build_report(G, result)
    progress("analysis", 2, 1)
    metrics = result.node_metrics()
    drawn, _ = select_nodes(G, focus=focus, depth=depth, metrics=metrics)
    pairs, total = card_pairs(G, drawn, metrics, cards_limit)
    names = bc.card_names(pairs)
    page_graph, changes = _compared(G, compare, settings.seed)
    html, notes = render_html(page_graph, analysis=result, focus=focus, depth=depth, compare=changes,
                              cards={pair: f"{CARDS_FOLDER}/{n}" for pair, n in names.items()},
                              hints=hints)
    progress("analysis", 2, 1)
    return result, rep, html, notes, pairs, total, names


def _cards(G: nx.Graph, pairs: list, names: dict, result: Analysis, dating: bc.Dating,
           cache: Cache | None = None) -> list[Output]:
    """The battlecards of ``pairs``, from the build's one analysis (its segments and seed).
    With a ``cache``, a card whose content an earlier build rendered is not rendered again."""
    key = digest("battlecards") if cache is not None else None
    rendered = (cache.get("cards", key) or {}) if key else None
    before = dict(rendered) if rendered is not None else None
    outputs = [Output(f"{CARDS_FOLDER}/{names[a, b]}", _stamped_html(html))
               for a, b, html in bc.pair_cards(G, pairs, dating=dating, seed=result.settings.seed,
                                               segments=result.segments, rendered=rendered)]
    if key and rendered != before:
        cache.put("cards", key, rendered)
        cache.prune("cards", keep=1)
    return outputs


def _compared(G: nx.Graph, compare: tuple[nx.Graph, str] | None, seed: int) -> tuple[nx.Graph, dict | None]:
    """The graph the page draws and what it marks: ``G`` alone, or both states and the changes."""
    if compare is None:
        return G, None
    from rivalscape.graph import diff

    old, name = compare
    d = diff.diff_graphs(old, G, seed=seed)
    union, changes = diff.overlay(old, G, where=name)
    return union, {"rev": name, "summary": d["summary"], "totals": diff.totals(d), **changes}


def card_pairs(G: nx.Graph, drawn: list, metrics: dict, limit: int) -> tuple[list[tuple[str, str]], int]:
    """``(pairs, total)``: the rivalries among ``drawn`` entities, most central first (the sum
    of both ends' PageRank, ties by ids), at most ``limit`` of them, each as ``(a, b)`` with
    ``a`` the more central end; ``total`` counts them all."""
    pr = {n: float((metrics.get(n) or {}).get("pagerank") or 0.0) for n in drawn}
    pairs = []
    for u, v, kind in G.subgraph(drawn).edges(data="kind"):
        if kind == "competes" and u != v:
            a, b = sorted((u, v), key=lambda n: (-pr[n], n))
            pairs.append((a, b))
    pairs.sort(key=lambda p: (-round(pr[p[0]] + pr[p[1]], 12), p))
    return pairs[:max(limit, 0)], len(pairs)


def written(outputs: list[Output]) -> list[tuple[str, str]]:
    """``(name, what)`` of each name a set publishes: ``("battlecards", "16 battlecards")``
    for the folder of cards, ``""`` for a file."""
    out: dict[str, int] = {}
    for o in outputs:
        top = o.name.split("/")[0]
        out[top] = out.get(top, 0) + (top == CARDS_FOLDER and not o.name.endswith("/index.html"))
    return [(name, f"{n} battlecards" if name == CARDS_FOLDER else "") for name, n in out.items()]


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

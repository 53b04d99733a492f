"""Battlecards: one rival of a company, readable in thirty seconds, every line sourced and dated.

A card for ``A`` against ``B`` holds:

- ``a``, ``b``: snapshots (facts, aliases, themes);
- ``read``: the thirty-second read - whether the two are rivals and whether the rivalry is
  mutual (both made a claim), the strongest claim each way, shared themes, shared rivals;
- ``we_win_when``: claims made by A against B; ``they_say``: claims made by B against A;
- ``differentiators``: themes only one of them belongs to;
- ``same_deal``: other vendors likely in the same deal: rivals of both, then members of B's
  market segment (:func:`graph.analysis.segments`), most central first;
- ``sources``: every ``path:line`` the card cites, with its as-of date.

**Strongest claim**: the most specific one, taken to be the claim with the most words; ties go
to the claim read first (by path, then line). A plain rule a reader can check by eye.

Every line carries ``source`` (``path:line``), ``as_of`` (ISO date or None), ``as_of_from``
(``"front matter"``, ``"git"`` or None) and ``stale`` (older than ``stale_after`` on
``today``; see :mod:`graph.asof`).

Without a chosen rival, :func:`battlecards` makes one card per rival of A, most central rival
first (PageRank on the competition graph, ties by name), with a table of contents.
"""

from __future__ import annotations

import copy
import datetime as dt
import itertools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Protocol

import networkx as nx

from rivalscape.graph import analysis
from rivalscape.graph.build import format_source
from rivalscape.graph.errors import UsageError
from rivalscape.graph.hints import Hint, HintCode, HintText
from rivalscape.graph.models import RIVAL_KINDS
from rivalscape.graph.text import dumps_json
from rivalscape.graph.textout import md_text as t
from rivalscape.graph.textout import render_template

FORMATS = ("md", "html", "json")
SAME_SEGMENT_LIMIT = 5
"""At most this many members of the rival's segment are listed as likely in the same deal."""

STRONGEST_RULE = ("strongest claim = the one with the most words (the most specific); "
                  "ties go to the one read first")


class LineDates(Protocol):
    """Where line dates come from: :class:`graph.asof.AsOf`, read by the caller and passed in
    (an output does not read documents or git itself)."""

    def of(self, source: Mapping | None) -> tuple[dt.date | None, str | None]: ...


def is_stale(date: dt.date | None, today: dt.date | None, stale_after: dt.timedelta | None) -> bool:
    """Older than ``stale_after`` on ``today``; undated lines are never called stale."""
    return date is not None and today is not None and stale_after is not None and today - date > stale_after


@dataclass(frozen=True)
class Dating:
    """How lines are dated: where dates come from, today's date, the age called stale."""

    asof: LineDates | None = None
    today: dt.date | None = None  # None: no "as of" date and nothing is called stale
    stale_after: dt.timedelta | None = None

    def line(self, text: str, source: dict | None, **extra) -> dict:
        date, origin = self.asof.of(source) if self.asof else (None, None)
        return {"text": text, **extra, "source": format_source(source),
                "as_of": date.isoformat() if date else None, "as_of_from": origin,
                "stale": is_stale(date, self.today, self.stale_after)}


def _label(G: nx.Graph, n: str) -> str:
    return G.nodes[n]["label"]


def _by_name(G: nx.Graph, nodes) -> list[str]:
    return sorted(nodes, key=lambda n: (_label(G, n).casefold(), _label(G, n), n))


def _theme_set(G: nx.Graph, n: str) -> set[str]:
    return {t for t in G.adj[n] if G.nodes[t]["kind"] == "theme"}


def _rival_set(G: nx.Graph, n: str) -> set[str]:
    return {v for v, d in G.adj[n].items() if d["kind"] == "competes"}


def _themes(G: nx.Graph, n: str) -> list[str]:
    return _by_name(G, _theme_set(G, n))


def _rivals(G: nx.Graph, n: str) -> list[str]:
    return _by_name(G, _rival_set(G, n))


def _source_key(c: dict) -> tuple:
    s = c.get("source") or {}
    return (s.get("path") or "", s.get("line") or 0)


def snapshot(G: nx.Graph, n: str, dating: Dating) -> dict:
    """Name, kind, aliases, facts (dated lines) and theme names of one entity."""
    d = G.nodes[n]
    return {
        "name": d["label"], "id": n, "kind": d["kind"], "aliases": list(d["aliases"]),
        "facts": [dating.line(f["text"], f["source"], label=f["label"]) for f in d["facts"]],
        "themes": [_label(G, t) for t in _themes(G, n)],
    }


def _claims(G: nx.Graph, by: str, against: str, dating: Dating) -> list[dict]:
    if not G.has_edge(by, against) or G.edges[by, against]["kind"] != "competes":
        return []
    found = [c for c in G.edges[by, against]["claims"] if c["by"] == by and c["against"] == against]
    return [dating.line(c["text"], c["source"], dimensions=analysis.classify_claim(c["text"]))
            for c in sorted(found, key=_source_key)]


def strongest(lines: list[dict]) -> dict | None:
    """The claim with the most words; ties go to the first (lines come in reading order).

    Examples
    --------
    >>> strongest([{"text": "Cheaper"}, {"text": "Ten times simpler to deploy"}, {"text": "a b c d e"}])
    {'text': 'Ten times simpler to deploy'}
    """
    best = None
    for line in lines:
        if best is None or len(line["text"].split()) > len(best["text"].split()):
            best = line
    return best


def _differentiators(G: nx.Graph, a: str, b: str, ta: set, tb: set, dating: Dating) -> dict:

    def rows(n, only):
        return [dating.line(G.edges[n, t]["description"], G.edges[n, t]["source"], theme=_label(G, t))
                for t in _by_name(G, only)]

    return {"a": rows(a, ta - tb), "b": rows(b, tb - ta)}


def _same_deal(G: nx.Graph, a: str, b: str, shared: list[str], segment_of: dict) -> list[dict]:
    rows = [{"name": _label(G, v), "id": v, "kind": G.nodes[v]["kind"], "why": "rival of both"}
            for v in shared]
    seg = segment_of.get(b)
    if seg is not None:
        skip = {a, b, *shared}
        members = (member["id"] for member in seg["members"])
        peers = list(itertools.islice((v for v in members if v not in skip), SAME_SEGMENT_LIMIT))
        rows += [{"name": _label(G, v), "id": v, "kind": G.nodes[v]["kind"],
                  "why": f"same segment as {_label(G, b)} ({seg['name']})"} for v in peers]
    return rows


def _sources(card: dict) -> list[dict]:
    seen: dict[str, dict] = {}

    def visit(x):
        if isinstance(x, dict):
            if isinstance(x.get("source"), str) and "as_of" in x:
                seen.setdefault(x["source"], {k: x[k] for k in ("source", "as_of", "as_of_from", "stale")})
            for v in x.values():
                visit(v)
        elif isinstance(x, list):
            for v in x:
                visit(v)

    visit(card)

    def order(s):
        path, _, line = s.rpartition(":")
        return (path, int(line)) if line.isdigit() else (s, 0)

    return [seen[s] for s in sorted(seen, key=order)]


def card(G: nx.Graph, a: str, b: str, *, dating: Dating = Dating(), segment_of: dict | None = None,
         memo: dict | None = None) -> dict:
    """The battlecard of ``a`` against ``b`` (node ids); see the module docstring for its shape.

    ``memo`` (a dict kept across the cards of one ``a``) saves recomputing ``a``'s snapshot,
    themes and rivals for every card.
    """
    memo = {} if memo is None else memo
    if memo.get("a") != a:
        memo.update(a=a, snapshot=snapshot(G, a, dating), themes=_theme_set(G, a), rivals=_rival_set(G, a))
    ours, theirs = _claims(G, a, b, dating), _claims(G, b, a, dating)
    ta, tb = memo["themes"], _theme_set(G, b)
    shared_rivals = _by_name(G, memo["rivals"] & _rival_set(G, b))
    rivalry = G.has_edge(a, b) and G.edges[a, b]["kind"] == "competes"
    out = {
        "title": f"{_label(G, a)} vs {_label(G, b)}",
        "a": copy.deepcopy(memo["snapshot"]),
        "b": snapshot(G, b, dating),
        "read": {
            "rivalry": rivalry,
            "mutual": bool(rivalry and G.edges[a, b]["mutual"]),
            "strongest_ours": strongest(ours),
            "strongest_theirs": strongest(theirs),
            "shared_themes": [_label(G, t) for t in _by_name(G, ta & tb)],
            "shared_rivals": [_label(G, v) for v in shared_rivals],
        },
        "we_win_when": ours,
        "they_say": theirs,
        "differentiators": _differentiators(G, a, b, ta, tb, dating),
        "same_deal": _same_deal(G, a, b, shared_rivals, segment_of or {}),
    }
    out["sources"] = _sources(out)
    out["stale_lines"] = sum(1 for s in out["sources"] if s["stale"])
    return out


def _check(G: nx.Graph, n: str) -> None:
    if n not in G or G.nodes[n]["kind"] not in RIVAL_KINDS:
        raise UsageError(f"{n!r} is not a company, competitor or alternative")


def battlecards(G: nx.Graph, a: str, vs: str | None = None, *, dating: Dating = Dating(),
                seed: int = 0) -> dict:
    """Cards of ``a`` (node id) against ``vs``, or against each of its rivals, most central first.

    Returns ``subject``, ``today``, ``stale_after_days``, ``strongest_rule``, ``contents`` (one
    row per card: ``rival``, ``id``, ``kind``, ``pagerank``, ``claims``) and ``cards``.

    Examples
    --------
    >>> from rivalscape.graph.pipeline import load
    >>> G = load(["data"]).graph
    >>> (c,) = battlecards(G, "modal-labs", "replicate")["cards"]
    >>> c["read"]["mutual"], [x["text"] for x in c["they_say"]]
    (True, ['Model marketplace vs. general compute platform'])
    >>> [r["rival"] for r in battlecards(G, "replicate")["contents"]][:2]
    ['Modal Labs', 'Cloud providers']
    """
    _check(G, a)
    if vs is not None:
        _check(G, vs)
        if vs == a:
            raise UsageError(f"a battlecard needs two different entities, not {_label(G, a)!r} twice")
    # one analysis, one igraph copy: PageRank orders the cards, segments fill them
    result = analysis.analyze(G, analysis.Settings(seed=seed), parts={"segments"})
    pagerank = result.centrality["pagerank"]
    if vs is not None:
        rivals = [vs]
    else:
        rivals = sorted(_rivals(G, a), key=lambda v: (-round(pagerank.get(v, 0.0), 12),
                                                      _label(G, v).casefold(), v))
    segment_of = segment_index(G, segments=result.segments)
    memo: dict = {}
    cards = [card(G, a, b, dating=dating, segment_of=segment_of, memo=memo) for b in rivals]
    return _result(G, a, cards, pagerank, dating)


def segment_index(G: nx.Graph, *, seed: int = 0, segments: Mapping | None = None) -> dict:
    """``{node: its segment}`` (:func:`graph.analysis.segments` rows, computed unless
    ``segments`` is that result already), for :func:`card`."""
    segment_of = {}
    if segments is None:
        segments = analysis.analyze(G, analysis.Settings(seed=seed), parts={"segments"}).segments
    for seg in segments["segments"]:
        for v in (member["id"] for member in seg["members"]):
            segment_of[v] = seg
    return segment_of


def _result(G: nx.Graph, a: str, cards: list[dict], pagerank: Mapping, dating: Dating) -> dict:
    return {
        "subject": _label(G, a),
        "today": dating.today.isoformat() if dating.today else None,
        "stale_after_days": dating.stale_after.days if dating.stale_after is not None else None,
        "strongest_rule": STRONGEST_RULE,
        "contents": [
            {"rival": c["b"]["name"], "id": c["b"]["id"], "kind": c["b"]["kind"],
             "pagerank": round(pagerank.get(c["b"]["id"], 0.0), 6),
             "claims": len(c["we_win_when"]) + len(c["they_say"])}
            for c in cards
        ],
        "cards": cards,
    }


# --------------------------------------------------------------------------- one file per pair
# `landscape build` writes a card per rivalry pair of the page (graph.build_outputs), named
# from the two node ids. Ids come from document text: a name is made of [a-z0-9-] only, so
# it can never leave its folder nor be hidden ("." first) or reserved.

SLUG_MAX = 60
"""Characters kept of each id in a card's file name (the name stays under 255 bytes)."""


def slug(node_id: str) -> str:
    """A file-name part from a node id: ASCII letters and digits joined by ``-``, lower case.

    Examples
    --------
    >>> slug("modal-labs"), slug("Café Über/../x"), slug("..."), slug("大")
    ('modal-labs', 'cafe-uber-x', 'entity', 'entity')
    """
    ascii_text = unicodedata.normalize("NFKD", str(node_id)).encode("ascii", "ignore").decode()
    out = "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))[:SLUG_MAX].strip("-")
    return out or "entity"


def card_names(pairs: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """``{(a, b): "<slug a>--vs--<slug b>.html"}``; pairs whose names collide get ``-2``,
    ``-3``... in the order given (so the first keeps the plain name).

    Examples
    --------
    >>> card_names([("a b", "c"), ("a-b", "c")])
    {('a b', 'c'): 'a-b--vs--c.html', ('a-b', 'c'): 'a-b--vs--c-2.html'}
    """
    out: dict[tuple[str, str], str] = {}
    taken: set[str] = set()
    for a, b in pairs:
        stem = f"{slug(a)}--vs--{slug(b)}"
        name, k = f"{stem}.html", 1
        while name in taken:
            k += 1
            name = f"{stem}-{k}.html"
        taken.add(name)
        out[(a, b)] = name
    return out


def pair_cards(G: nx.Graph, pairs: list[tuple[str, str]], *, dating: Dating = Dating(),
               seed: int = 0, segments: Mapping | None = None,
               rendered: dict[str, str] | None = None) -> Iterator[tuple[str, str, str]]:
    """``(a, b, html)``: the one-card HTML file of each pair, as ``landscape battlecard A --vs B
    --format html`` writes it; ``segments`` (a :func:`graph.analysis.segments` result with the
    same ``seed``) is computed once for all the cards when not given.

    ``rendered`` maps :func:`card_key` of a card's content to its HTML, e.g. kept from an
    earlier build: a card found there is not rendered again. On return it holds exactly the
    cards of ``pairs``.
    """
    if not pairs:
        return
    segment_of = segment_index(G, seed=seed, segments=segments)
    memo: dict = {}
    earlier = dict(rendered) if rendered is not None else {}
    if rendered is not None:
        rendered.clear()
    for a, b in pairs:
        c = card(G, a, b, dating=dating, segment_of=segment_of, memo=memo)
        result = _result(G, a, [c], {}, dating)
        if rendered is None:
            yield a, b, render_battlecards(result, "html")
            continue
        key = card_key(result)
        html = earlier.get(key)
        if html is None:
            html = render_battlecards(result, "html")
        rendered[key] = html
        yield a, b, html


def card_key(result: dict) -> str:
    """A key of everything a card's HTML shows (its content, dates included) and of the code
    that renders it: the same key, the same HTML."""
    import jinja2

    from rivalscape.graph.cache import digest, source_digest

    here = Path(__file__).resolve().parent
    code = source_digest((str(here / "battlecard.py"), str(here / "textout.py"), str(here / "text.py"),
                          str(here / "templates" / "battlecard.html.j2")))
    return digest("battlecard html", code, jinja2.__version__, repr(result))


# --------------------------------------------------------------------------- rendering


def _when(line: dict) -> str:
    """``as of 2025-03-01 (front matter)``, ``undated``; ``, STALE`` when stale."""
    when = f"as of {line['as_of']} ({line['as_of_from']})" if line["as_of"] else "undated"
    return when + (", STALE" if line["stale"] else "")


def _where(line: dict) -> str:
    return f"[{t(line['source'] or 'no source')}, {_when(line)}]"


def _md_line(text: str, line: dict) -> str:
    return f"- {text} {_where(line)}"


def _md_snapshot(s: dict) -> list[str]:
    head = f"**{t(s['name'])}** ({s['kind']}"
    head += f"; also known as {t(', '.join(s['aliases']))})" if s["aliases"] else ")"
    out = [head, ""]
    out += [_md_line(f"{t(f['label'])}: {t(f['text'])}", f) for f in s["facts"]] or ["- (no snapshot facts)"]
    out.append(f"- Themes: {t(', '.join(s['themes'])) or '(none)'}")
    return out + [""]


def _md_read(c: dict) -> list[str]:
    r, a, b = c["read"], t(c["a"]["name"]), t(c["b"]["name"])
    if not r["rivalry"]:
        state = "no rivalry between them in the documents"
    elif r["mutual"]:
        state = "mutual: both make claims"
    else:
        state = f"one-sided: only {a if c['we_win_when'] else b} makes claims"
    out = [f"- Rivalry: {state}"]
    for key, who in (("strongest_ours", a), ("strongest_theirs", b)):
        line = r[key]
        out.append(f"- Strongest claim by {who}: " + (f"{t(line['text'])} {_where(line)}" if line else "(none)"))
    out.append(f"- Shared themes: {t(', '.join(r['shared_themes'])) or '(none)'}")
    out.append(f"- Shared rivals: {t(', '.join(r['shared_rivals'])) or '(none)'}")
    return out + [""]


def _md_claims(lines: list[dict]) -> list[str]:
    out = []
    for line in lines:
        dims = f" ({', '.join(line['dimensions'])})" if line["dimensions"] else ""
        out.append(_md_line(t(line["text"]) + dims, line))
    return (out or ["- (none)"]) + [""]


def _md_card(c: dict) -> list[str]:
    a, b = t(c["a"]["name"]), t(c["b"]["name"])
    out = [f"## {t(c['title'])}", ""]
    if c["stale_lines"]:
        out += [f"{c['stale_lines']} cited line(s) are stale.", ""]
    out += ["### Snapshots", ""] + _md_snapshot(c["a"]) + _md_snapshot(c["b"])
    out += ["### The thirty-second read", ""] + _md_read(c)
    out += [f"### We win when ({a} against {b})", ""] + _md_claims(c["we_win_when"])
    out += [f"### They say ({b} against {a})", ""] + _md_claims(c["they_say"])
    out += ["### Differentiators", ""]
    for side, who in (("a", a), ("b", b)):
        rows = c["differentiators"][side]
        out += [_md_line(f"Only {who}: {t(x['theme'])}: {t(x['text'])}", x) for x in rows] or [f"- Only {who}: (none)"]
    out += ["", "### Also in the deal", ""]
    out += [f"- {t(v['name'])} ({v['kind']}): {t(v['why'])}" for v in c["same_deal"]] or ["- (none)"]
    out += ["", "### Sources", ""]
    out += [f"- {t(s['source'])}: {_when(s)}" for s in c["sources"]] or ["- (none)"]
    return out + [""]


def _render_md(result: dict) -> str:
    out = [f"# Battlecards: {t(result['subject'])}", ""]
    stale = (f"lines older than {result['stale_after_days']} days are marked STALE"
             if result["stale_after_days"] is not None else "no staleness threshold")
    head = f"As of {result['today']}; {stale}" if result["today"] else stale[:1].upper() + stale[1:]
    out += [f"{head}. The {result['strongest_rule']}.", ""]
    if not result["cards"]:
        return "\n".join(out + [f"{t(result['subject'])} has no rivals in this landscape.", ""])
    if len(result["cards"]) > 1:
        out += ["## Contents", ""]
        out += [f"{i}. {t(r['rival'])} ({r['kind']}; PageRank {r['pagerank']:.4f}; {r['claims']} claim(s))"
                for i, r in enumerate(result["contents"], 1)]
        out.append("")
    for c in result["cards"]:
        out += _md_card(c)
    return "\n".join(out)


def render_battlecards(result: dict, fmt: str = "md") -> str:
    """A :func:`battlecards` result as ``md``, ``html`` (one offline file) or ``json``."""
    if fmt == "json":
        return dumps_json(result, indent=2) + "\n"
    if fmt == "md":
        return _render_md(result)
    if fmt == "html":
        return render_template("battlecard.html.j2", r=result, when=_when)
    raise UsageError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")


def render_card_index(rows: list[tuple[str, str, str]], total: int, *,
                      hints: HintText | None = None) -> str:
    """The HTML list of the cards a build wrote: ``rows`` are ``(label a, label b, file name)``
    (names from :func:`card_names`), ``total`` the rivalries there could be cards for. With
    ``hints`` (:mod:`graph.hints`), a list that leaves rivalries out says how to make another
    card (the ``make-card`` hint for a pair ``A``, ``B``)."""
    command = hints(Hint.of(HintCode.MAKE_CARD, a="A", b="B")) if hints is not None else None
    return render_template("battlecard-index.html.j2", rows=rows, total=total, command=command)

"""Claim dimensions: where each company says it wins, by a keyword lexicon."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import networkx as nx

from rivalscape.graph.analysis.engine import label_of, name_key
from rivalscape.graph.build import format_source

__all__ = ["load_lexicon", "classify_claim", "claim_dimensions", "classifier_version"]


_WORD = re.compile(r"[a-z0-9]+(?:['\-][a-z0-9]+)*")


@lru_cache(maxsize=8)
def _read_lexicon(path: str | None) -> dict:
    import yaml

    if path is None:
        text = resources.files("rivalscape.graph").joinpath("lexicon/claims.yaml").read_text("utf-8")
    else:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    data = yaml.safe_load(text)
    dims = []
    for d in data["dimensions"]:
        kws = tuple(tuple(str(k).lower().split()) for k in d["keywords"])
        dims.append({"id": d["id"], "label": d["label"], "description": d.get("description", ""),
                     "keywords": kws})
    return {"version": data.get("version"), "dimensions": dims}


def classifier_version() -> str:
    """A hash of what :func:`classify_claim` answers with the default lexicon depends on: this
    module's code and the lexicon file. Classes kept under it are never stale."""
    from rivalscape.graph.cache import source_digest

    lexicon = resources.files("rivalscape.graph").joinpath("lexicon/claims.yaml")
    return source_digest((__file__, str(lexicon)))


def load_lexicon(path: str | None = None) -> dict:
    """The claim-dimension lexicon: ``graph/lexicon/claims.yaml`` unless ``path`` is given."""
    return _read_lexicon(None if path is None else str(path))


def _word_match(word: str, pattern: str) -> bool:
    return word.startswith(pattern[:-1]) if pattern.endswith("*") else word == pattern


def _compiled(lexicon: dict) -> dict:
    """Index of the lexicon's keywords by first word: exact words in a dict, prefixes by length."""
    cached = lexicon.get("_compiled")
    if cached is not None:
        return cached
    exact: dict[str, list] = {}
    prefix: dict[int, dict[str, list]] = {}
    for order, dim in enumerate(lexicon["dimensions"]):
        for kw in dim["keywords"]:
            entry = (order, dim["id"], kw)
            first = kw[0]
            if first.endswith("*"):
                prefix.setdefault(len(first) - 1, {}).setdefault(first[:-1], []).append(entry)
            else:
                exact.setdefault(first, []).append(entry)
    compiled = {"exact": exact, "prefix": sorted(prefix.items()), "by_word": {}}
    try:
        lexicon["_compiled"] = compiled
    except TypeError:
        pass
    return compiled


def classify_claim(text: str, lexicon: dict | None = None) -> list[str]:
    """Dimension ids of one claim, in lexicon order (see ``graph/lexicon/claims.yaml``).

    Examples
    --------
    >>> classify_claim("10x simpler deployment, better pricing transparency")
    ['cost', 'simplicity']
    >>> classify_claim("Independent vs. vendor lock-in")
    ['openness']
    >>> classify_claim("HIPAA-ready")
    ['enterprise']
    """
    lexicon = lexicon or load_lexicon()
    index = _compiled(lexicon)
    words = _WORD.findall(text.lower())
    for i, w in enumerate(words):
        if w in ("vs", "versus") and i > 0:
            words = words[:i]
            break
    # A hyphenated word also counts as its parts, after it: "HIPAA-ready" matches "hipaa".
    words = [x for w in words for x in ([w, *w.split("-")] if "-" in w else [w])]
    found: dict[int, str] = {}
    by_word = index["by_word"]  # keywords a word can start, memoised per word
    for i, w in enumerate(words):
        entries = by_word.get(w)
        if entries is None:
            entries = list(index["exact"].get(w, ()))
            for n, table in index["prefix"]:
                entries += table.get(w[:n], ()) if len(w) >= n else ()
            by_word[w] = entries
        for order, dim_id, kw in entries:
            if order in found or i + len(kw) > len(words):
                continue
            if all(_word_match(words[i + j], kw[j]) for j in range(1, len(kw))):
                found[order] = dim_id
    return [found[o] for o in sorted(found)]


def claim_dimensions(G: nx.Graph, lexicon: dict | None = None, *, with_claims: bool = True,
                     known: dict[str, tuple[str, ...]] | None = None) -> dict:
    """Where each company says it wins: its claims classified into dimensions.

    Returns
    -------
    dict
        ``dimensions`` (``id``, ``label``, ``description``, in lexicon order), ``totals``
        (claims per dimension), ``table`` (one row per claimant: ``name``, ``id``, ``claims``
        and ``dimensions`` as ``{dimension id: count}``, by ``(-claims, name)``), ``claims``
        (every claim with its ``dimensions``; a statement made against several rivals at once
        counts once, ``against`` listing every rival it names) and ``unclassified`` (claims matching no
        dimension, listed rather than dropped). ``with_claims=False`` leaves ``claims`` out
        (the report needs only the table, totals and unclassified claims).

    ``known`` maps claim texts to their dimensions (a tuple) as :func:`classify_claim` gave
    them with the default lexicon, e.g. kept from an earlier run under
    :func:`classifier_version`: those texts are not classified again. It is ignored with
    another ``lexicon``, and on return holds exactly the texts of ``G``.

    Examples
    --------
    >>> G = nx.Graph(name="t")
    >>> G.add_node("a", label="A", kind="company"); G.add_node("b", label="B", kind="competitor")
    >>> G.add_edge("a", "b", kind="competes",
    ...            claims=[{"by": "a", "against": "b", "text": "Cheaper", "source": None}])
    >>> claim_dimensions(G)["table"][0]["dimensions"]["cost"]
    1
    """
    reuse = known is not None and lexicon is None
    lexicon = lexicon or load_lexicon()
    ids = [d["id"] for d in lexicon["dimensions"]]
    statements = _claim_statements(G)
    labels = dict(G.nodes(data="label"))
    per: dict[str, dict] = {}
    totals = {i: 0 for i in ids}
    claims, unclassified = [], []
    memo: dict[str, tuple[str, ...]] = {}  # claim text -> its dimensions: texts repeat a lot
    earlier = known if reuse else {}
    for st in statements:
        dims = memo.get(st["text"])
        if dims is None:
            dims = earlier.get(st["text"])
            if dims is None:
                dims = tuple(classify_claim(st["text"], lexicon))
            memo[st["text"]] = dims
        if with_claims:
            claims.append({**_statement_row(st, labels), "dimensions": list(dims)})
        if not dims:
            unclassified.append(_statement_row(st, labels))
        entry = per.setdefault(st["by"], {"claims": 0, "dims": {i: 0 for i in ids}})
        entry["claims"] += 1
        for x in dims:
            entry["dims"][x] += 1
            totals[x] += 1
    if reuse:
        known.clear()
        known.update(memo)
    claims.sort(key=_claim_order)
    unclassified.sort(key=_claim_order)
    out = {
        "dimensions": [{"id": d["id"], "label": d["label"], "description": d["description"]}
                       for d in lexicon["dimensions"]],
        "totals": totals,
        "statements": len(statements),
        "table": _claimant_table(G, per),
        "claims": claims,
        "unclassified": unclassified,
    }
    if not with_claims:
        del out["claims"]
    return out


def _claim_statements(G: nx.Graph) -> list[dict]:
    """The claims as statements: ``by``, ``against`` (ids), ``text``, ``source`` (formatted).

    One statement naming several rivals ("vs. AWS/GCP: ...") is one claim edge per rival in
    the graph; here it is one statement, with every rival it was made against.
    """
    statements: dict[tuple, dict] = {}
    for _, _, d in G.edges(data=True):
        if d.get("kind") != "competes":
            continue
        for c in d["claims"]:
            key = (c["by"], c["text"], format_source(c.get("source")))
            st = statements.get(key)
            if st is None:
                statements[key] = {"by": c["by"], "against": [c["against"]], "text": c["text"],
                                   "source": key[2]}
            else:
                st["against"].append(c["against"])
    return list(statements.values())


def _statement_row(st: dict, labels: dict) -> dict:
    """A statement as shown: labels instead of ids, its rivals by name."""
    against = sorted((labels[a] for a in st["against"]), key=name_key)
    return {"by": labels[st["by"]], "against": against, "text": st["text"], "source": st["source"]}


def _claim_order(r: dict) -> tuple:
    return (name_key(r["by"]), [name_key(a) for a in r["against"]], r["source"] or "", r["text"])


def _claimant_table(G: nx.Graph, per: dict[str, dict]) -> list[dict]:
    """One row per claimant with its claims per dimension, by ``(-claims, name)``."""
    table = [{"name": label_of(G, n), "id": n, "claims": e["claims"], "dimensions": e["dims"]}
             for n, e in per.items()]
    table.sort(key=lambda r: (-r["claims"], *name_key(r["name"], r["id"])))
    return table



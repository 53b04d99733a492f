"""Rival structure: most contested rivals, mutual and one-sided rivalries, hidden rivals,
similar entities and the chain of rivalries between two entities."""

from __future__ import annotations

import bisect
import heapq
import itertools
from typing import Iterable, TypedDict

import networkx as nx

from rivalscape.graph.analysis.engine import (
    HIDDEN_RIVAL_THRESHOLD,
    label_of,
    name_key,
    ranking_key,
    rounded,
    score_key,
)
from rivalscape.graph.build import ClaimAttrs, competition_graph, format_source
from rivalscape.graph.errors import UsageError

__all__ = ["HIDDEN_RIVALS_MAX", "most_contested", "rivalry_directions", "one_sided_by",
           "hidden_rivals", "similar", "rivalry_path"]



def _claims_against(G: nx.Graph) -> dict[str, set[str]]:
    named: dict[str, set[str]] = {}
    for _, _, d in G.edges(data=True):
        if d.get("kind") == "competes":
            for c in d["claims"]:
                named.setdefault(c["against"], set()).add(c["by"])
    return named


def most_contested(G: nx.Graph, *, min_companies: int = 2,
                   kinds: Iterable[str] = ("competitor", "alternative")) -> list[dict]:
    """Competitors and alternatives named as a rival by the most companies.

    Returns rows ``name``, ``id``, ``kind``, ``companies`` (how many distinct entities name it)
    and ``named_by`` (their labels), for entities named by at least ``min_companies``, sorted
    by ``(-companies, name)``.

    Examples
    --------
    >>> G = nx.Graph(name="t")
    >>> G.add_node("a", label="A", kind="company"); G.add_node("b", label="B", kind="company")
    >>> G.add_node("x", label="X", kind="alternative")
    >>> for c in "ab":
    ...     G.add_edge(c, "x", kind="competes",
    ...                claims=[{"by": c, "against": "x", "text": "", "source": None}])
    >>> most_contested(G)
    [{'name': 'X', 'id': 'x', 'kind': 'alternative', 'companies': 2, 'named_by': ['A', 'B']}]
    """
    kinds = set(kinds)
    rows = []
    for node, by in _claims_against(G).items():
        d = G.nodes[node]
        if d["kind"] in kinds and len(by) >= min_companies:
            rows.append({
                "name": d["label"], "id": node, "kind": d["kind"], "companies": len(by),
                "named_by": sorted((label_of(G, b) for b in by), key=name_key),
            })
    rows.sort(key=lambda r: (-r["companies"], *name_key(r["name"], r["id"])))
    return rows


class ClaimRow(TypedDict):
    """A claim as shown: labels instead of ids, its source as ``path:line``."""

    by: str
    against: str
    text: str
    source: str | None


class RivalryDirections(TypedDict):
    """:func:`rivalry_directions`: the first rows of each list, counts of all."""

    mutual: list[dict]
    one_sided: list[dict]
    mutual_count: int
    one_sided_count: int


class HiddenRivals(TypedDict):
    """:func:`hidden_rivals`: the first pairs, the count of all."""

    measure: str
    threshold: float
    kinds: list[str]
    total: int
    pairs: list[dict]


def _claim_row(G: nx.Graph, c: ClaimAttrs) -> ClaimRow:
    return {"by": label_of(G, c["by"]), "against": label_of(G, c["against"]), "text": c["text"],
            "source": format_source(c.get("source"))}


def rivalry_directions(G: nx.Graph, *, top: int | None = None) -> RivalryDirections:
    """Mutual rivalries (both ends name each other) and one-sided claims.

    Returns ``{"mutual": [...], "one_sided": [...], "mutual_count": m, "one_sided_count": o}``
    (with ``top``, each list holds its first ``top`` rows; the counts cover all). A mutual row
    has ``a`` and ``b`` (labels in name order) and the ``claims`` of both; a one-sided row has ``by``, ``against`` and its
    ``claims``. Each claim: ``by``, ``against``, ``text``, ``source`` (``path:line``).

    Examples
    --------
    >>> G = nx.Graph(name="t")
    >>> for n in "abc":
    ...     G.add_node(n, label=n.upper(), kind="company")
    >>> cl = lambda b, a: {"by": b, "against": a, "text": "t", "source": None}
    >>> G.add_edge("a", "b", kind="competes", claims=[cl("a", "b"), cl("b", "a")])
    >>> G.add_edge("a", "c", kind="competes", claims=[cl("a", "c")])
    >>> r = rivalry_directions(G)
    >>> [(m["a"], m["b"]) for m in r["mutual"]], [(o["by"], o["against"]) for o in r["one_sided"]]
    ([('A', 'B')], [('A', 'C')])
    """
    labels = dict(G.nodes(data="label"))
    keys = {n: name_key(label, n) for n, label in labels.items()}  # once per node, not per edge
    mutual, one_sided = [], []  # (sort key, u, v) first; rows are built only for those kept
    for u, v, d in G.edges(data=True):
        if d.get("kind") != "competes":
            continue
        claimants = {c["by"] for c in d["claims"]}
        if u in claimants and v in claimants:
            a, b = (u, v) if keys[u] <= keys[v] else (v, u)
            mutual.append(((keys[a], keys[b]), a, b))
        elif claimants:
            by = next(iter(claimants))
            against = v if by == u else u
            one_sided.append(((keys[by], keys[against]), by, against))

    def rows(items, first, second):
        items = sorted(items) if top is None else heapq.nsmallest(top, items)
        out = []
        for _, x, y in items:
            claims = [{"by": labels[c["by"]], "against": labels[c["against"]], "text": c["text"],
                       "source": format_source(c.get("source"))} for c in G.edges[x, y]["claims"]]
            out.append({first: labels[x], f"{first}_id": x, second: labels[y],
                        f"{second}_id": y, "claims": claims})
        return out

    return {"mutual": rows(mutual, "a", "b"), "one_sided": rows(one_sided, "by", "against"),
            "mutual_count": len(mutual), "one_sided_count": len(one_sided)}


def one_sided_by(G: nx.Graph, *, top: int | None = None) -> list[dict]:
    """Who positions against the most rivals without being named back.

    Rows ``name``, ``id``, ``rivals`` (one-sided rivalries it claims), by ``(-rivals, name)``,
    the first ``top``.

    Examples
    --------
    >>> G = nx.Graph(name="t")
    >>> for n in "abc":
    ...     G.add_node(n, label=n.upper(), kind="company")
    >>> cl = lambda b, a: {"by": b, "against": a, "text": "t", "source": None}
    >>> G.add_edge("a", "b", kind="competes", claims=[cl("a", "b")])
    >>> G.add_edge("a", "c", kind="competes", claims=[cl("a", "c"), cl("c", "a")])
    >>> one_sided_by(G)
    [{'name': 'A', 'id': 'a', 'rivals': 1}]
    """
    claims_by: dict[str, int] = {}
    for _, _, d in G.edges(data=True):
        claimants = {c["by"] for c in d.get("claims", ())} if d.get("kind") == "competes" else set()
        if len(claimants) == 1:
            by = next(iter(claimants))
            claims_by[by] = claims_by.get(by, 0) + 1
    most = sorted(claims_by.items(), key=lambda kv: ranking_key(kv[1], label_of(G, kv[0]), kv[0]))
    return [{"name": label_of(G, n), "id": n, "rivals": c} for n, c in most[:top]]


def _shared(G: nx.Graph, u: str, v: str) -> tuple[list[str], list[str]]:
    common = set(G.adj[u]) & set(G.adj[v])
    rivals = sorted((label_of(G, w) for w in common if G.nodes[w]["kind"] != "theme"), key=name_key)
    themes = sorted((label_of(G, w) for w in common if G.nodes[w]["kind"] == "theme"), key=name_key)
    return rivals, themes


HIDDEN_RIVALS_MAX = 1000
"""Pairs :func:`hidden_rivals` returns when no ``top`` is given (the count covers all)."""

_SPARSE_FROM = 20_000  # class pairs through shared rivals from which SciPy's product is used
_PRODUCT_CAP = 500_000  # upper bound on the entries of one row block of the class product


def _neighbourhood_classes(G: nx.Graph, cands: list) -> list[tuple[frozenset, list[int]]]:
    """Candidates grouped by identical neighbourhood (rivals and themes), in name order.

    Only neighbourhoods holding at least one rival are kept: a hidden rivalry needs a shared
    rival. Members are indices into ``cands`` (sorted by name), so index order is name order.
    Two members of one class never name each other, and two classes are either wholly joined
    by rivalries or not at all (if ``v`` is in ``N(u)``, every member of ``v``'s class is too).
    """
    classes: dict[frozenset, list[int]] = {}
    for i, u in enumerate(cands):
        nb = frozenset(G.adj[u])
        if any(G.nodes[w]["kind"] != "theme" for w in nb):
            classes.setdefault(nb, []).append(i)
    return list(classes.items())


def _class_matrices(G: nx.Graph, classes: list, cands: list):
    """Class x rival and class x theme incidence (CSR), neighbourhood sizes, joined class pairs."""
    import numpy as np
    from scipy import sparse

    cols: dict[bool, dict] = {False: {}, True: {}}
    entries: dict[bool, tuple[list, list]] = {False: ([], []), True: ([], [])}
    class_of = {cands[i]: c for c, (_, ms) in enumerate(classes) for i in ms}
    joined = []
    for c, (sig, _) in enumerate(classes):
        for w in sig:
            theme = G.nodes[w]["kind"] == "theme"
            rows, cs = entries[theme]
            rows.append(c)
            cs.append(cols[theme].setdefault(w, len(cols[theme])))
            if w in class_of:
                joined.append(c * len(classes) + class_of[w])
    m = len(classes)

    def csr(theme):
        rows, cs = entries[theme]
        return sparse.csr_matrix((np.ones(len(rows), dtype=np.int64), (rows, cs)),
                                 shape=(m, max(1, len(cols[theme]))))

    deg = np.array([len(sig) for sig, _ in classes], dtype=np.float64)
    return csr(False), csr(True), deg, np.unique(np.array(joined, dtype=np.int64))


def _class_blocks(Br, cap: int):
    """Row ranges of ``Br @ Br.T`` whose entries stay under ``cap`` (one row at least)."""
    import numpy as np

    cost = Br @ np.asarray(Br.sum(axis=0)).ravel()  # per row: classes sharing each of its rivals
    lo, m = 0, Br.shape[0]
    while lo < m:
        hi, acc = lo + 1, cost[lo]
        while hi < m and acc + cost[hi] <= cap:
            acc += cost[hi]
            hi += 1
        yield lo, hi
        lo = hi


def _scored_class_pairs(G: nx.Graph, classes: list, cands: list, threshold: float):
    """Per row block: class pairs ``(i, j)``, ``i <= j``, sharing a rival, not joined by a
    rivalry, scoring at least ``threshold``, as arrays ``(i, j, score)``."""
    import numpy as np

    Br, Bt, deg, joined = _class_matrices(G, classes, cands)
    m = len(classes)
    sizes = np.array([len(ms) for _, ms in classes])
    BrT = Br.T.tocsr()
    for lo, hi in _class_blocks(Br, _PRODUCT_CAP):
        S = (Br[lo:hi] @ BrT).tocoo()
        i, j = S.row.astype(np.int64) + lo, S.col.astype(np.int64)
        keep = (j > i) | ((j == i) & (sizes[i] > 1))
        i, j, inter = i[keep], j[keep], S.data[keep].astype(np.float64)
        if Bt.nnz and len(i):
            inter += np.asarray(Bt[i].multiply(Bt[j]).sum(axis=1)).ravel()
        score = inter / (deg[i] + deg[j] - inter)
        ok = (score >= threshold - 1e-12) & ~np.isin(i * m + j, joined)
        yield i[ok], j[ok], score[ok]


def _scored_class_pairs_python(G: nx.Graph, classes: list, cands: list, threshold: float):
    """:func:`_scored_class_pairs` in plain Python, for few classes (no SciPy import)."""
    import numpy as np

    by_rival: dict[str, list[int]] = {}
    for c, (sig, _) in enumerate(classes):
        for w in sig:
            if G.nodes[w]["kind"] != "theme":
                by_rival.setdefault(w, []).append(c)
    found: list[tuple[int, int, float]] = []
    for i, (sig, ms) in enumerate(classes):
        partners = {j for w in sig for j in by_rival.get(w, ()) if j >= i}
        for j in sorted(partners):
            sig_j, ms_j = classes[j]
            if (j == i and len(ms) < 2) or cands[ms_j[0]] in sig:  # joined: all or none
                continue
            inter = len(sig & sig_j)
            score = inter / (len(sig) + len(sig_j) - inter)
            if score >= threshold - 1e-12:
                found.append((i, j, score))
    i, j, score = zip(*found) if found else ((), (), ())
    yield (np.array(i, dtype=np.int64), np.array(j, dtype=np.int64),
           np.array(score, dtype=np.float64))


def _entry_pairs(A: list[int], B: list[int], limit: int):
    """The node pairs of one class pair in (first, second) index order, at most ``limit``."""
    if A is B:
        return ((A[x], A[y]) for x in range(min(len(A), limit)) for y in range(x + 1, len(A)))

    def gen():
        a_, b_ = A[:limit], B[:limit]
        for a, other in sorted([(a, b_) for a in a_] + [(b, a_) for b in b_]):
            start = bisect.bisect_right(other, a)
            for b in other[start:start + limit]:
                yield a, b
    return gen()


def _top_hidden_pairs(G: nx.Graph, cands: list, threshold: float, top: int) -> tuple[int, list]:
    """``(total, [(score, u, v), ...])``: the count of all qualifying node pairs and the first
    ``top`` by ``(-score, name of u, name of v)``, ``u`` before ``v`` by name.

    A class pair's smallest node pair is ``(first of i, first of j)`` (``(first, second)``
    within one class); the first ``top`` node pairs lie in the first ``top`` class pairs
    ordered by score, then that smallest pair, so only ``top`` class pairs are kept.
    """
    import numpy as np

    classes = _neighbourhood_classes(G, cands)
    if not classes:
        return 0, []
    members = [ms for _, ms in classes]
    first = np.array([ms[0] for ms in members])
    second = np.array([ms[1] if len(ms) > 1 else -1 for ms in members])
    sizes = np.array([len(ms) for ms in members], dtype=np.int64)
    total = 0
    kept: list[tuple] = []  # (-score, first node, second node, i, j)
    per_rival: dict[str, int] = {}
    for sig, _ in classes:
        for w in sig:
            per_rival[w] = per_rival.get(w, 0) + (G.nodes[w]["kind"] != "theme")
    cost = sum(c * c for c in per_rival.values())  # class pairs met through shared rivals, x2
    scored = _scored_class_pairs if cost >= _SPARSE_FROM else _scored_class_pairs_python
    for i, j, score in scored(G, classes, cands, threshold):
        si, sj = sizes[i], sizes[j]
        total += int(np.where(i == j, si * (si - 1) // 2, si * sj).sum())
        b = np.where(i == j, second[j], first[j])
        neg = -np.round(score, 12)
        best = np.lexsort((b, first[i], neg))[:top]
        kept = heapq.nsmallest(top, kept + [(float(neg[x]), int(first[i[x]]), int(b[x]),
                                             int(i[x]), int(j[x])) for x in best])
    def stream(neg, i, j):
        for a, b in _entry_pairs(members[i], members[j] if j != i else members[i], top):
            yield neg, a, b

    streams = [stream(neg, i, j) for neg, _, _, i, j in kept]
    pairs = list(itertools.islice(heapq.merge(*streams), top))
    return total, [(-neg + 0.0, cands[a], cands[b]) for neg, a, b in pairs]


def hidden_rivals(G: nx.Graph, *, threshold: float = HIDDEN_RIVAL_THRESHOLD,
                  kinds: Iterable[str] = ("company",), top: int | None = None) -> HiddenRivals:
    """Pairs with no direct rivalry that share at least one rival: who competes unsaid.

    The score is the Jaccard similarity of the two entities' neighbourhoods in ``G`` (their
    rivals and their themes together), as :func:`networkx.jaccard_coefficient`; pairs that
    share at least one rival (a shared theme alone is not enough) and score at least
    ``threshold`` qualify. Only entities of the given ``kinds`` are paired (default companies:
    the ones whose own positioning the documents report).

    Time and memory follow the output, not the ties: entities with the same neighbourhood are
    handled as one class, the class product is computed in row blocks of bounded size, and
    only the ``top`` best class pairs are kept (at most :data:`HIDDEN_RIVALS_MAX` pairs when
    ``top`` is None). 20,000 companies naming one rival are one class.

    Returns
    -------
    dict
        ``measure``, ``threshold``, ``kinds``, ``total`` (all qualifying pairs) and ``pairs``
        (strictly the first ``top``, by ``(-score, a, b)``, ties broken by name), each with
        ``a``, ``a_id``, ``b``, ``b_id``, ``score``, ``shared_rivals`` and ``shared_themes``.

    Examples
    --------
    >>> G = nx.Graph(name="t")
    >>> for n in "ab":
    ...     G.add_node(n, label=n.upper(), kind="company")
    >>> G.add_node("x", label="X", kind="competitor"); G.add_node("y", label="Y", kind="competitor")
    >>> G.add_edges_from([("a", "x"), ("b", "x"), ("b", "y")], kind="competes")
    >>> [(p["a"], p["b"], p["score"], p["shared_rivals"]) for p in hidden_rivals(G)["pairs"]]
    [('A', 'B', 0.5, ['X'])]
    """
    kinds = tuple(kinds)
    top = HIDDEN_RIVALS_MAX if top is None else int(top)
    cands = sorted((n for n, k in G.nodes(data="kind") if k in kinds),
                   key=lambda n: name_key(label_of(G, n), n))
    total, found = _top_hidden_pairs(G, cands, threshold, top) if top > 0 else (0, [])
    pairs = []
    for s, a, b in found:
        rivals, themes = _shared(G, a, b)
        pairs.append({"a": label_of(G, a), "a_id": a, "b": label_of(G, b), "b_id": b, "score": rounded(s),
                      "shared_rivals": rivals, "shared_themes": themes})
    return {"measure": "jaccard", "threshold": threshold, "kinds": list(kinds), "total": total,
            "pairs": pairs}


def similar(G: nx.Graph, node: str, *, threshold: float = HIDDEN_RIVAL_THRESHOLD,
            top: int | None = None) -> list[dict]:
    """Hidden rivals of one entity: others it does not name or get named by, sharing at least
    one of its rivals, by Jaccard similarity of rivals and themes as :func:`hidden_rivals`.

    A company is compared with companies; a competitor or alternative with competitors and
    alternatives. Rows: ``name``, ``id``, ``kind``, ``score``, ``shared_rivals``,
    ``shared_themes``, strictly the first ``top`` by ``(-score, name)``. Time is linear in
    the number of entities its rivals are joined to.

    Examples
    --------
    >>> G = nx.Graph(name="t")
    >>> for n in "abc":
    ...     G.add_node(n, label=n.upper(), kind="company")
    >>> G.add_node("x", label="X", kind="competitor")
    >>> G.add_edges_from([("a", "x"), ("b", "x"), ("c", "x"), ("c", "a")], kind="competes")
    >>> [(r["name"], r["score"]) for r in similar(G, "b")]
    [('A', 0.5), ('C', 0.5)]
    """
    if node not in G or G.nodes[node]["kind"] == "theme":
        raise UsageError(f"{node!r} is not a company, competitor or alternative")
    kind = G.nodes[node]["kind"]
    group = {"company"} if kind == "company" else {"competitor", "alternative"}
    mine = set(G.adj[node])
    cands: set[str] = set()
    for w in mine:
        if G.nodes[w]["kind"] != "theme":
            cands.update(x for x in G.adj[w] if G.nodes[x]["kind"] in group)
    cands -= mine | {node}
    scored = []
    for v in cands:
        theirs = G.adj[v]
        inter = sum(1 for w in mine if w in theirs)
        s = inter / (len(mine) + len(theirs) - inter)
        if s >= threshold - 1e-12:
            scored.append((-score_key(s), *name_key(label_of(G, v), v), s))
    best = sorted(scored) if top is None else heapq.nsmallest(top, scored)
    rows = []
    for *_, v, s in best:
        rivals, themes = _shared(G, node, v)
        d = G.nodes[v]
        rows.append({"name": d["label"], "id": v, "kind": d["kind"], "score": rounded(s),
                     "shared_rivals": rivals, "shared_themes": themes})
    return rows


def rivalry_path(G: nx.Graph, source: str, target: str) -> list[dict]:
    """The shortest chain of rivalries from ``source`` to ``target``, each step with its claims.

    Returns one row per step: ``from``, ``from_id``, ``to``, ``to_id`` and ``claims`` (``by``,
    ``against``, ``text``, ``source``); an empty list when no chain joins them (or either is a
    theme: themes have members, not rivals).

    Examples
    --------
    >>> G = nx.Graph(name="t")
    >>> for n in "abcd":
    ...     G.add_node(n, label=n.upper(), kind="company")
    >>> cl = lambda b, a: [{"by": b, "against": a, "text": b + " wins", "source": None}]
    >>> G.add_edge("a", "b", kind="competes", claims=cl("a", "b"))
    >>> G.add_edge("b", "c", kind="competes", claims=cl("c", "b"))
    >>> [(s["from"], s["to"], s["claims"][0]["text"]) for s in rivalry_path(G, "a", "c")]
    [('A', 'B', 'a wins'), ('B', 'C', 'c wins')]
    >>> rivalry_path(G, "a", "d")
    []
    """
    for n in (source, target):
        if n not in G:
            raise UsageError(f"no entity {n!r}")
    if "theme" in (G.nodes[source]["kind"], G.nodes[target]["kind"]):
        return []
    C = competition_graph(G)
    try:
        nodes = nx.bidirectional_shortest_path(C, source, target)
    except nx.NetworkXNoPath:
        return []
    return [
        {"from": label_of(G, u), "from_id": u, "to": label_of(G, v), "to_id": v,
         "claims": [_claim_row(G, c) for c in G.edges[u, v]["claims"]]}
        for u, v in zip(nodes, nodes[1:])
    ]

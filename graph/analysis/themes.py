"""Cross-cutting themes: which entities each theme names."""

from __future__ import annotations

import networkx as nx

from rivalscape.graph.analysis.engine import label_of, name_key

__all__ = ["theme_coverage", "theme_members"]

def theme_members(G: nx.Graph) -> dict[str, list[str]]:
    """Theme node -> its member node ids."""
    out: dict[str, list[str]] = {}
    for n, k in G.nodes(data="kind"):
        if k == "theme":
            out[n] = sorted(G.adj[n])
    return out



def theme_coverage(G: nx.Graph) -> dict:
    """Company x theme table: which entities each cross-cutting theme names.

    Returns ``themes`` (``name``, ``id``, ``members``: count, by name) and ``rows``: every
    company and every other theme member, with ``name``, ``id``, ``kind``, ``themes`` (labels)
    and ``count``, by ``(-count, name)``.

    Examples
    --------
    >>> G = nx.Graph(name="t")
    >>> G.add_node("a", label="A", kind="company"); G.add_node("t", label="T", kind="theme")
    >>> G.add_edge("t", "a", kind="theme")
    >>> theme_coverage(G)["rows"]
    [{'name': 'A', 'id': 'a', 'kind': 'company', 'themes': ['T'], 'count': 1}]
    """
    members = theme_members(G)
    themes = sorted(({"name": label_of(G, t), "id": t, "members": len(ms)} for t, ms in members.items()),
                    key=lambda r: name_key(r["name"], r["id"]))
    of: dict[str, list[str]] = {n: [] for n, k in G.nodes(data="kind") if k == "company"}
    for t, ms in members.items():
        for m in ms:
            of.setdefault(m, []).append(label_of(G, t))
    rows = [{"name": label_of(G, n), "id": n, "kind": G.nodes[n]["kind"],
             "themes": sorted(ts, key=name_key), "count": len(ts)} for n, ts in of.items()]
    rows.sort(key=lambda r: (-r["count"], *name_key(r["name"], r["id"])))
    return {"themes": themes, "rows": rows}


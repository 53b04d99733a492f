"""Graphs the browser tests draw: a seeded synthetic landscape and one with an XSS payload in
every kind of text field. Not named conftest: two modules called ``conftest`` (tests/ and
tests/browser/) cannot both be imported by name."""

from __future__ import annotations

import random

import networkx as nx


def synthetic_graph(n_nodes: int, n_edges_per_node: int = 2, seed: int = 7) -> nx.Graph:
    """A seeded scale-free landscape in the shape of graph.build's contract."""
    rng = random.Random(seed)
    B = nx.barabasi_albert_graph(n_nodes, n_edges_per_node, seed=seed)
    G = nx.Graph(name=f"Synthetic landscape {n_nodes}", documents=["synthetic.md"])
    kinds = ["company", "competitor", "alternative"]
    for i in B:
        G.add_node(
            f"n{i:05d}", label=f"Entity {i}", kind=kinds[rng.randrange(3)] if i % 50 else "company",
            aliases=[f"E{i}"] if i % 7 == 0 else [], facts=[], founded=None, funding_usd=None,
            funding_round=None, valuation_usd=None,
            sources=[{"path": "synthetic.md", "line": i + 1, "section": f"Entity {i}"}],
        )
    for u, v in B.edges:
        a, b = f"n{u:05d}", f"n{v:05d}"
        G.add_edge(a, b, kind="competes", claims=[{"by": a, "against": b, "text": f"claim {u}-{v}",
                   "source": {"path": "synthetic.md", "line": u + 1, "section": None}}],
                   claimants=[a], mutual=False)
    return G


# One distinct payload per kind of text field, so a test can tell which field leaked.
XSS = {
    "title": "<script>alert('title')</script>",
    "document": "<img src=x onerror=alert('doc')>.md",
    "company": "</script><img src=x onerror=alert(1)>",
    "alias": "<img src=x onerror=alert('alias')>",
    "fact_label": "<svg onload=alert('factlabel')>",
    "fact": "<img src=x onerror=alert('fact')> &amp; &lt;b&gt;",
    "claim": "\"><script>alert('claim')</script>",
    "rival": "<iframe src=javascript:alert('rival')></iframe>",
    "theme": "<img src=x onerror=alert('theme')>",
    "description": "<b onmouseover=alert('desc')>bold?</b>",
    "section": "<img src=x onerror=alert('section')>",
}


def xss_landscape():
    from rivalscape.graph.models import Claim, Entity, Fact, Landscape, Membership, Rivalry, Source

    doc = XSS["document"]
    src = Source(path=doc, line=3, section=XSS["section"])
    return Landscape(
        title=XSS["title"],
        documents=(doc,),
        entities=(
            Entity(id="evil", label=XSS["company"], kind="company", aliases=(XSS["alias"],),
                   facts=(Fact(key="founded", label=XSS["fact_label"], text=XSS["fact"], source=src),),
                   sources=(src,)),
            Entity(id="good", label="Good Co", kind="company", sources=(src,)),
            Entity(id="rival", label=XSS["rival"], kind="competitor", sources=(src,)),
            Entity(id="theme:x", label=XSS["theme"], kind="theme", sources=(src,)),
        ),
        rivalries=(
            Rivalry(a="evil", b="good", claims=(
                Claim(by="evil", against="good", text=XSS["claim"], source=Source(path=doc, line=7)),
                Claim(by="good", against="evil", text="plain claim back", source=Source(path=doc, line=9)),
            )),
            Rivalry(a="evil", b="rival", claims=(
                Claim(by="evil", against="rival", text=XSS["claim"] + " 2", source=Source(path=doc, line=8)),
            )),
        ),
        memberships=(Membership(theme="theme:x", member="evil", description=XSS["description"], source=src),),
    )


def guard_offline(page, seen: dict, allowed: tuple[str, ...]) -> None:
    """Record a page's dialogs, script errors and console errors in ``seen``, and abort (and
    record) every request whose URL does not start with one of ``allowed``: nothing leaves
    the machine."""
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" else None)

    def route(r):
        if r.request.url.startswith(allowed):
            r.continue_()
        else:
            seen["requests"].append(r.request.url)
            r.abort()

    page.route("**/*", route)

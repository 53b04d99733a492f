"""Drive Debian's chromium headless through Python Playwright.

Every page is opened with every request routed: anything that is not ``file:``, ``data:``,
``about:`` or ``blob:`` is aborted and recorded, and the test fails. Console errors, page errors
and dialogs (an ``alert`` from an injected payload) fail the test too.

Without /usr/bin/chromium the tests are skipped locally but fail when ``CI`` is set: CI must
never pass by skipping.
"""

from __future__ import annotations

import os
import random
import time
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
ALLOWED_SCHEMES = ("file:", "data:", "about:", "blob:")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        msg = f"{CHROMIUM} is not installed (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(msg + "; CI must not skip the browser tests", pytrace=False)
        pytest.skip(msg)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        # launch() gives every run a fresh temporary profile (user-data dir).
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@dataclass
class OpenPage:
    page: object
    console_errors: list = field(default_factory=list)
    bad_requests: list = field(default_factory=list)
    dialogs: list = field(default_factory=list)

    def assert_clean(self):
        assert self.console_errors == [], self.console_errors
        assert self.bad_requests == [], self.bad_requests
        assert self.dialogs == [], self.dialogs

    def js(self, expr, arg=None):
        return self.page.evaluate(expr, arg)


@pytest.fixture
def open_page(browser, tmp_path):
    """``open_page(html) -> OpenPage``: write the page into tmp_path and load it until drawn."""
    contexts = []
    opened = []

    def _open(html: str, name: str = "landscape.html", viewport=(1400, 900)) -> OpenPage:
        path = tmp_path / name
        path.write_text(html, encoding="utf-8")
        ctx = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]}, accept_downloads=True)
        contexts.append(ctx)
        page = ctx.new_page()
        op = OpenPage(page)
        opened.append(op)

        def on_console(msg):
            if msg.type == "error":
                op.console_errors.append(msg.text)

        page.on("console", on_console)
        page.on("pageerror", lambda e: op.console_errors.append(f"pageerror: {e}"))

        def on_dialog(d):
            op.dialogs.append(f"{d.type}: {d.message}")
            d.dismiss()

        page.on("dialog", on_dialog)
        page.on("request", lambda r: None if r.url.startswith(ALLOWED_SCHEMES) else op.bad_requests.append(r.url))

        def route(r):
            if r.request.url.startswith(ALLOWED_SCHEMES):
                r.continue_()
            else:
                op.bad_requests.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.goto(path.as_uri())
        # Poll from Python: the page's Content-Security-Policy forbids the eval that
        # Playwright's in-page polling would use.
        deadline = time.monotonic() + 60
        while not page.evaluate("!!(window.__landscapePerf && window.__landscapePerf.ready !== null)"):
            assert time.monotonic() < deadline, "the page never finished drawing"
            page.wait_for_timeout(25)
        return op

    yield _open
    for op in opened:
        op.assert_clean()
    for ctx in contexts:
        ctx.close()


@pytest.fixture(scope="session")
def shipped_graph():
    from graph.pipeline import load

    return load([ROOT / "data"]).graph


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
    from graph.models import Claim, Entity, Fact, Landscape, Membership, Rivalry, Source

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


@pytest.fixture(scope="session")
def xss_graph():
    from graph.build import build_graph

    return build_graph(xss_landscape())

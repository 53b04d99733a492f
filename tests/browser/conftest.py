"""Drive Debian's chromium headless through Python Playwright.

Every page is opened with every request routed: anything that is not ``file:``, ``data:``,
``about:`` or ``blob:`` is aborted and recorded, and the test fails. Console errors, page errors
and dialogs (an ``alert`` from an injected payload) fail the test too.

Without /usr/bin/chromium the tests are skipped locally but fail when ``CI`` is set: CI must
never pass by skipping.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

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

    def _open(html: str, name: str = "landscape.html", viewport=(1400, 900), fragment: str = "",
              color_scheme: str = "light") -> OpenPage:
        path = tmp_path / name
        path.write_text(html, encoding="utf-8")
        ctx = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]}, accept_downloads=True,
                                  color_scheme=color_scheme)
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
        page.goto(path.as_uri() + fragment)
        # Poll from Python: the page's Content-Security-Policy forbids the eval that
        # Playwright's in-page polling would use.
        deadline = time.monotonic() + 60
        while not page.evaluate("!!(window.__landscape && window.__landscape.perf && window.__landscape.perf.ready !== null)"):
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
    from rivalscape.graph.pipeline import load

    return load([ROOT / "data"]).graph


@pytest.fixture(scope="session")
def xss_graph():
    from rivalscape.graph.build import build_graph
    from page_fixtures import xss_landscape

    return build_graph(xss_landscape())


@pytest.fixture(scope="session")
def shipped_render_args(shipped_graph):
    """The keyword arguments ``landscape build`` gives render_html: metrics, segments, names."""
    from rivalscape.graph.analysis import analyze

    result = analyze(shipped_graph)
    return {"metrics": result.node_metrics(), "segments": result.node_segments(),
            "segment_names": result.segment_names()}

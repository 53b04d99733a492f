"""The HTML battlecard and diff in headless Chromium: offline, payloads inert, print layout.

Uses the session ``browser`` from conftest.py; the card has no script, so it is opened with its
own guard here (conftest's ``open_page`` waits for the landscape page's drawing).
"""

from __future__ import annotations

import datetime as dt

import pytest
from landscape_paths import FIXTURES
from page_fixtures import guard_offline

from rivalscape.graph.battlecard import Dating, battlecards, render_battlecards
from rivalscape.graph.pipeline import load
from rivalscape.graph.query import find_entity

pytestmark = pytest.mark.browser

ALLOWED = ("file:", "data:", "about:")
PAYLOADS = FIXTURES / "battlecard_payloads"


@pytest.fixture
def open_card(browser, tmp_path):
    contexts = []

    def _open(html: str, name: str = "card.html"):
        path = tmp_path / name
        path.write_text(html, encoding="utf-8")
        ctx = browser.new_context(viewport={"width": 1100, "height": 900})
        contexts.append(ctx)
        page = ctx.new_page()
        seen = {"requests": [], "dialogs": [], "errors": []}
        guard_offline(page, seen, ALLOWED)
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        return page, seen

    yield _open
    for ctx in contexts:
        ctx.close()


def payload_cards(vs: bool = True) -> str:
    G = load([PAYLOADS]).graph
    a = find_entity(G, "Acme")
    b = find_entity(G, "Globex") if vs else None
    dating = Dating(None, dt.date(2026, 1, 1), dt.timedelta(days=180))
    return render_battlecards(battlecards(G, a, b, dating=dating), "html")


def test_payloads_are_inert_text_and_nothing_is_fetched(open_card):
    page, seen = open_card(payload_cards())
    assert page.evaluate("document.scripts.length") == 0
    assert page.evaluate("document.querySelectorAll('img, svg, iframe, b').length") == 0
    body = page.text_content("body")
    assert "<script>alert(1)</script> cheaper" in body
    assert "<video src=x onerror=alert(2)> faster" in body
    assert '"><svg onload=alert(4)> bigger' in body
    assert '<iframe src="https://example.com"></iframe> sign up' in body
    page.wait_for_timeout(200)  # give any onerror/onload a chance to fire: none may
    assert seen == {"requests": [], "dialogs": [], "errors": []}


def test_shipped_cards_render_and_print(open_card, tmp_path):
    G = load([FIXTURES.parent.parent / "data"]).graph
    dating = Dating(None, dt.date(2026, 1, 1), dt.timedelta(days=180))
    html = render_battlecards(battlecards(G, find_entity(G, "Modal"), dating=dating), "html")
    page, seen = open_card(html)
    assert page.evaluate("document.querySelectorAll('section.card').length") == 5
    assert page.evaluate("[...document.querySelectorAll('ol.contents a')].map(a => a.textContent)") == [
        "Replicate", "AWS", "GCP", "RunPod", "Self-managed"]
    screen = page.screenshot(path=str(tmp_path / "screen.png"), full_page=True)
    # Two snapshots side by side on screen, each card on its own page in print.
    assert page.evaluate("getComputedStyle(document.querySelector('.snapshots')).gridTemplateColumns.split(' ').length") == 2
    page.emulate_media(media="print")
    breaks = page.evaluate("[...document.querySelectorAll('section.card')].map(s => getComputedStyle(s).breakBefore)")
    assert breaks == ["auto", "page", "page", "page", "page"]
    printed = page.screenshot(path=str(tmp_path / "print.png"), full_page=True)
    assert printed[:8] == b"\x89PNG\r\n\x1a\n" and len(printed) > 10_000 and printed != screen
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    assert pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") >= 5  # a page per card at least
    assert seen == {"requests": [], "dialogs": [], "errors": []}


def test_diff_html_is_inert(open_card, tmp_path):
    from rivalscape.graph.diff import diff_graphs, render_diff

    old = load([PAYLOADS]).graph
    newdir = tmp_path / "new"
    newdir.mkdir()
    text = (PAYLOADS / "xss.md").read_text().replace("faster", "<video src=y onerror=alert(9)>")
    (newdir / "xss.md").write_text(text)
    html = render_diff(diff_graphs(old, load([newdir]).graph), "html")
    page, seen = open_card(html, "diff.html")
    assert page.evaluate("document.scripts.length + document.images.length") == 0
    assert "<video src=y onerror=alert(9)>" in page.text_content("body")
    page.wait_for_timeout(200)
    assert seen == {"requests": [], "dialogs": [], "errors": []}

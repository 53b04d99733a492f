"""The built page in headless Chromium: the panel's battlecard link (a relative file that
opens offline), the command for a pair without a card, and `build --compare REV` (marks, the
toggle to the state at REV, the changes in the panel), with document text inert.

Pages are opened where `landscape build` wrote them (OUT/landscape.html, a link into the
output set), so the card links resolve as they do for a person; every request that is not a
local file is aborted and fails the test, as in conftest.py's ``open_page``.
"""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from click.testing import CliRunner
from history_repo import git, make_history
from landscape_paths import DATA, FIXTURES
from page_fixtures import guard_offline

from rivalscape.cli.main import cli

pytestmark = pytest.mark.browser
ALLOWED = ("file:", "data:", "about:", "blob:")


@pytest.fixture
def open_built(browser):
    contexts, seen_all = [], []

    def _open(path: Path, viewport=(1400, 900)):
        ctx = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
        contexts.append(ctx)
        seen = {"requests": [], "dialogs": [], "errors": []}
        seen_all.append(seen)
        ctx.on("page", lambda p: _guard(p, seen))
        page = ctx.new_page()
        page.goto(path.as_uri())
        deadline = time.monotonic() + 60
        while not page.evaluate("!!(window.__landscape && window.__landscape.perf.ready !== null)"):
            assert time.monotonic() < deadline, "the page never finished drawing"
            page.wait_for_timeout(25)
        return page, seen

    yield _open
    for seen in seen_all:
        assert seen == {"requests": [], "dialogs": [], "errors": []}
    for ctx in contexts:
        ctx.close()


def _guard(page, seen):
    """Every page of the context (the card opens in a new one): no request leaves the machine."""
    guard_offline(page, seen, ALLOWED)


def build(*args):
    r = CliRunner().invoke(cli, ["build", *map(str, args)])
    assert r.exit_code == 0, r.stderr
    return r


def index_of(page, node_id):
    return page.evaluate("id => window.__landscape.data.nodes.findIndex(n => n.id === id)", node_id)


def edge_of(page, a, b):
    return page.evaluate("""([a, b]) => { const d = window.__landscape.data;
        return d.edges.findIndex(e => { const x = d.nodes[e.from].id, y = d.nodes[e.to].id;
          return (x === a && y === b) || (x === b && y === a); }); }""", [a, b])


def click_edge(page, ei):
    """Click a drawn edge as a person would: at a point along it that no node covers."""
    x, y = page.evaluate("""ei => { const L = window.__landscape, net = L.network, e = L.data.edges[ei];
        const p = net.getPositions([e.from, e.to]), a = p[e.from], b = p[e.to];
        const r = document.querySelector('#network canvas').getBoundingClientRect();
        for (const t of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]) {
          const d = net.canvasToDOM({x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y)});
          if (net.getNodeAt(d) === undefined && net.getEdgeAt(d) === ei) return [d.x + r.left, d.y + r.top];
        } return [null, null]; }""", ei)
    assert x is not None, "no free point on the edge to click"
    page.mouse.click(x, y)


def test_a_clicked_rivalry_links_to_its_card_and_the_card_opens_offline(open_built, tmp_path):
    out = tmp_path / "out"
    build("--data", DATA, "--out", out)
    page, seen = open_built(out / "landscape.html")
    ei = edge_of(page, "modal-labs", "replicate")
    click_edge(page, ei)
    link = page.locator("#panel-body a.card-link")
    assert link.count() == 1 and link.text_content() == "Open the battlecard"
    assert link.get_attribute("href") == "battlecards/modal-labs--vs--replicate.html"
    target = Path(unquote(urlparse(page.evaluate("document.querySelector('a.card-link').href")).path))
    assert target.is_file() and target == out / "battlecards" / "modal-labs--vs--replicate.html"
    with page.context.expect_page() as opened:
        link.click()
    card = opened.value
    card.wait_for_load_state("load")
    assert card.url.startswith("file:") and card.title() == "Battlecards: Modal Labs"
    assert card.locator("section.card h2").text_content() == "Modal Labs vs Replicate"
    assert page.locator("#panel-body code.card-command").count() == 0
    page.screenshot(path=str(tmp_path / "panel-card-link.png"))


def test_a_pair_without_a_card_shows_the_command_that_makes_it(open_built, tmp_path):
    from rivalscape.cli.hints import hint_text
    from rivalscape.graph.build_outputs import build_outputs
    from rivalscape.graph.output_set import publish
    from rivalscape.graph.pipeline import load

    G = load([DATA]).graph
    outputs, notes = build_outputs(G, cards_limit=1, hints=hint_text)  # the command, as build does
    publish(tmp_path / "out", outputs)
    page, _ = open_built(tmp_path / "out" / "landscape.html")
    without = page.evaluate("window.__landscape.data.edges.findIndex(e => e.kind === 'competes' && !e.card)")
    page.evaluate("i => window.__landscape.selectEdge(i)", without)
    e = page.evaluate("i => { const d = window.__landscape.data, e = d.edges[i]; return [d.nodes[e.from].label, d.nodes[e.to].label]; }", without)
    quote = lambda s: s if re.fullmatch(r"[A-Za-z0-9_.,:@%+=/-]+", s) else "'" + s.replace("'", "'\\''") + "'"  # noqa: E731
    assert page.locator("#panel-body a.card-link").count() == 0
    assert page.text_content("#panel-body code.card-command") == (
        f"landscape battlecard {quote(e[0])} --vs {quote(e[1])} --format html -o card.html")
    page.screenshot(path=str(tmp_path / "panel-card-command.png"))
    with_card = page.evaluate("window.__landscape.data.edges.findIndex(e => !!e.card)")
    page.evaluate("i => window.__landscape.selectEdge(i)", with_card)
    assert page.locator("#panel-body a.card-link").count() == 1


def test_without_hints_the_page_names_no_command(open_built, tmp_path):
    """The library alone (no CLI words for the make-card hint) says there is no card, not how."""
    from rivalscape.graph.build_outputs import build_outputs
    from rivalscape.graph.output_set import publish
    from rivalscape.graph.pipeline import load

    outputs, _ = build_outputs(load([DATA]).graph, cards_limit=1)
    publish(tmp_path / "out", outputs)
    page, _ = open_built(tmp_path / "out" / "landscape.html")
    without = page.evaluate("window.__landscape.data.edges.findIndex(e => e.kind === 'competes' && !e.card)")
    page.evaluate("i => window.__landscape.selectEdge(i)", without)
    assert page.locator("#panel-body code.card-command").count() == 0
    assert "No card was written for this pair." in page.text_content("#panel-body .card-section")
    assert "landscape battlecard" not in page.content()
    page.screenshot(path=str(tmp_path / "panel-no-card.png"))


def test_without_compare_there_is_no_toggle_and_no_changes(open_built, tmp_path):
    build("--data", DATA, "--out", tmp_path / "out")
    page, _ = open_built(tmp_path / "out" / "landscape.html")
    assert page.locator("#show-old").count() == 0
    assert "Changes since" not in page.text_content("#panel-body")
    assert "since" not in page.text_content("#legend")


def shown(page, node_ids):
    """Whether each entity is drawn (not hidden) in the network right now."""
    return page.evaluate("""ids => ids.map(id => { const L = window.__landscape;
        const i = L.data.nodes.findIndex(n => n.id === id); return !L.network.body.nodes[i].options.hidden; })""", node_ids)


def edge_shown(page, ei):
    return page.evaluate("ei => window.__landscape.network.body.edgeIndices.includes(ei)", ei)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_compare_marks_changes_and_the_toggle_shows_the_state_at_rev(open_built, tmp_path):
    notes, commits = make_history(tmp_path)
    (notes / "acme.md").write_text((notes / "acme.md").read_text().replace(
        "- **vs. Initech**: Larger catalogue\n", ""))  # the working tree drops Global Export vs Initech
    out = tmp_path / "out"
    build("--data", notes, "--out", out, "--compare", commits[1])
    page, _ = open_built(out / "landscape.html")
    rev = commits[1]
    # now: Initech (named by Hooli still) stays; the removed rivalry is not drawn
    removed = edge_of(page, "global-export", "initech")
    kept = edge_of(page, "hooli", "initech")
    assert not edge_shown(page, removed)
    assert page.evaluate("ei => window.__landscape.data.compare.added.edges.includes(ei)", edge_of(page, "acme", "vandelay")) is False
    panel = page.text_content("#panel-body")
    assert f"Changes since {rev}" in panel and "Globex is now Global Export" in panel
    assert f"Added since {rev}" in page.text_content("#legend")
    page.screenshot(path=str(tmp_path / "compare-default.png"))
    page.check("#show-old")
    assert edge_shown(page, removed)
    assert f"Removed since {rev}" in page.text_content("#legend")
    assert page.evaluate("window.__landscape.state().fragment") == "compare=old"
    page.screenshot(path=str(tmp_path / "compare-old.png"))
    page.uncheck("#show-old")
    assert not edge_shown(page, removed) and edge_shown(page, kept)
    # a node's panel lists its removed rivalries too, marked as such
    page.evaluate("i => window.__landscape.selectNode(i, {focus: true})", index_of(page, "initech"))
    rows = page.locator("#panel-body li.rival").all_text_contents()
    marked = sorted(r.split(" ")[0] for r in rows if f"Removed since {rev}" in r)
    assert marked == ["Acme", "Global"] and len(rows) == 3  # Acme dropped Initech in commit 3 too
    assert not any("Added since" in r for r in rows)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_compare_toggle_hides_added_entities_and_shows_removed_ones(open_built, tmp_path):
    notes, commits = make_history(tmp_path)
    (notes / "hooli.md").unlink()
    out = tmp_path / "out"
    build("--data", notes, "--out", out, "--compare", commits[0])
    page, _ = open_built(out / "landscape.html")
    # since commit 1: Vandelay added; Hooli came and went (not in either state)
    assert shown(page, ["vandelay", "acme", "initech"]) == [True, True, True]
    assert index_of(page, "hooli") == -1
    page.check("#show-old")
    assert shown(page, ["vandelay", "acme", "initech"]) == [False, True, True]
    # selecting Vandelay now says it is not in the old state
    page.evaluate("i => window.__landscape.selectNode(i, {focus: true})", index_of(page, "vandelay"))
    assert f"Added since {commits[0]}: not in the state at {commits[0]}" in page.text_content("#panel-body")
    page.uncheck("#show-old")
    assert shown(page, ["vandelay"]) == [True]


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_document_text_of_the_old_state_stays_inert(open_built, tmp_path):
    repo = tmp_path / "repo"
    notes = repo / "notes"
    notes.mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    shutil.copy(FIXTURES / "battlecard_payloads" / "xss.md", notes / "xss.md")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "payloads")
    (notes / "xss.md").write_text("# Payloads\n\n### 1. ACME: Widgets\n\n**Company Snapshot**\n- Founded: 2019\n\n"
                                  "**Competitive Positioning**\n- **vs. Initech**: plain\n")
    out = tmp_path / "out"
    build("--data", notes, "--out", out, "--compare", "HEAD")
    page, seen = open_built(out / "landscape.html")
    removed = page.evaluate("window.__landscape.data.compare.removed")
    assert index_of(page, "globex") in removed["nodes"]
    page.check("#show-old")
    ei = edge_of(page, "acme", "globex")
    assert ei in removed["edges"] and edge_shown(page, ei)
    page.evaluate("i => window.__landscape.selectEdge(i)", ei)
    panel = page.text_content("#panel-body")
    assert "Removed since HEAD" in panel and "Open the battlecard" not in panel
    for payload in ("<script>alert(1)</script> cheaper", "<video src=x onerror=alert(2)> faster",
                    '"><svg onload=alert(4)> bigger'):
        assert payload in panel
    assert "HEAD:xss.md:" in panel  # the removed claims' sources are in the file at HEAD
    theme = next(i for i in removed["nodes"] if page.evaluate("i => window.__landscape.data.nodes[i].kind", i) == "theme")
    page.evaluate("i => window.__landscape.selectNode(i, {focus: true})", theme)
    # a markup tag carries no text of its own: read as the text it marks up
    assert page.text_content("#panel-body h2.name") == "Self Service bold"
    # removed entities are not ranked among the entities of now
    page.evaluate("i => window.__landscape.selectNode(i, {focus: true})", index_of(page, "globex"))
    assert page.locator("#panel-body li.metric").all_text_contents() == ["Not ranked: removed since HEAD"]
    page.evaluate("i => window.__landscape.selectNode(i, {focus: true})", index_of(page, "acme"))
    assert all(" of 2 by " in m for m in page.locator("#panel-body li.metric").all_text_contents())
    assert page.evaluate("document.querySelectorAll('#panel-body svg, #panel-body img, #panel-body script, #panel-body b, #panel-body iframe').length") == 0
    page.wait_for_timeout(200)
    assert seen == {"requests": [], "dialogs": [], "errors": []}

"""The landscape page in a real headless Chromium (see conftest.py for the request guard)."""

from __future__ import annotations

import pytest
from page_fixtures import XSS, synthetic_graph

from rivalscape.graph.render import render_html

pytestmark = pytest.mark.browser

DRAWN = "[window.__landscape.network.body.nodeIndices.length, window.__landscape.network.body.edgeIndices.length]"


def node_index(op, node_id):
    return op.js("id => window.__landscape.data.nodes.findIndex(n => n.id === id)", node_id)


def selected(op):
    return op.js("window.__landscape.network.getSelectedNodes()")


def off_screen(op, node_ids):
    """The ids among node_ids drawn outside the visible canvas."""
    return op.js("""ids => { const net = window.__landscape.network, d = window.__landscape.data;
        const c = document.querySelector('#network canvas').getBoundingClientRect();
        return ids.filter(id => { const i = d.nodes.findIndex(n => n.id === id);
            const p = net.canvasToDOM(net.getPositions([i])[i]);
            return !(p.x >= 0 && p.y >= 0 && p.x <= c.width && p.y <= c.height); }); }""", node_ids)


def panel_text(op):
    return op.page.text_content("#panel-body")


def search(op, text):
    op.page.click("body", position={"x": 700, "y": 5})  # leave any input
    op.page.keyboard.press("/")
    assert op.js("document.activeElement.id") == "search"
    op.page.keyboard.press("Control+A")
    op.page.keyboard.type(text)
    op.page.wait_for_selector("#suggestions li")
    suggestions = [
        li.locator(".name").text_content() + li.locator(".via").all_text_contents().__str__()
        for li in op.page.locator("#suggestions li").all()
    ]
    op.page.keyboard.press("Enter")
    return suggestions


def test_shipped_page_draws_every_node_and_edge_offline(open_page, shipped_graph):
    html, notes = render_html(shipped_graph)
    op = open_page(html)
    assert notes == []
    assert op.js(DRAWN) == [shipped_graph.number_of_nodes(), shipped_graph.number_of_edges()]
    assert op.page.get_attribute("#status", "data-nodes") == str(shipped_graph.number_of_nodes())
    assert op.page.title().startswith(shipped_graph.graph["name"])
    assert op.page.text_content("#title") == shipped_graph.graph["name"]
    header = op.page.text_content("#header")
    assert "6 companies" in header and "16 rivalries" in header and "8 theme memberships" in header
    assert "ai_infrastructure_2025.md" in header
    op.assert_clean()


@pytest.mark.parametrize(
    "query, node_id", [("Cursor", "anysphere"), ("W&B", "weights-and-biases"), ("modal", "modal-labs")]
)
def test_search_alias_selects_node_and_panel_lists_rivals_with_sources(open_page, shipped_graph, query, node_id):
    op = open_page(render_html(shipped_graph).html)
    suggestions = search(op, query)
    assert suggestions and suggestions[0].startswith(shipped_graph.nodes[node_id]["label"])
    assert selected(op) == [node_index(op, node_id)]
    text = panel_text(op)
    assert shipped_graph.nodes[node_id]["label"] in text
    rivals = [v for v in shipped_graph[node_id] if shipped_graph.edges[node_id, v]["kind"] == "competes"]
    assert f"Rivals ({len(rivals)})" in text or not rivals
    for v in rivals:
        assert shipped_graph.nodes[v]["label"] in text
        for c in shipped_graph.edges[node_id, v]["claims"]:
            assert c["text"] in text
            assert f'{c["source"]["path"]}:{c["source"]["line"]}' in text
    for f in shipped_graph.nodes[node_id]["facts"]:
        assert f["text"] in text and f'{f["source"]["path"]}:{f["source"]["line"]}' in text
    # the view frames the chosen node and every neighbour (issue 11: zoom to selection)
    assert off_screen(op, [node_id, *shipped_graph[node_id]]) == []


def test_w_and_b_panel_has_each_rival(open_page, shipped_graph):
    op = open_page(render_html(shipped_graph).html)
    search(op, "W&B")
    names = op.page.locator("#panel-body li.rival > button").all_text_contents()
    expected = sorted(shipped_graph.nodes[v]["label"] for v in shipped_graph["weights-and-biases"]
                      if shipped_graph.edges["weights-and-biases", v]["kind"] == "competes")
    assert sorted(names) == expected and len(expected) >= 4


def test_clicking_a_mutual_edge_shows_claims_both_ways(open_page, shipped_graph):
    op = open_page(render_html(shipped_graph).html)
    a, b = "modal-labs", "replicate"
    edge = shipped_graph.edges[a, b]
    assert edge["mutual"]
    # click the drawn edge, as a person would: at the first point along it (from the middle)
    # that no node or label covers
    ia, ib = node_index(op, a), node_index(op, b)
    x, y = op.js("""([a, b]) => { const net = window.__landscape.network; const p = net.getPositions([a, b]);
        const r = document.querySelector('#network canvas').getBoundingClientRect();
        for (const t of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]) {
          const d = net.canvasToDOM({x: p[a].x + t * (p[b].x - p[a].x), y: p[a].y + t * (p[b].y - p[a].y)});
          if (net.getNodeAt(d) === undefined) return [d.x + r.left, d.y + r.top];
        } return [null, null]; }""", [ia, ib])
    assert x is not None
    op.page.mouse.click(x, y)
    text = panel_text(op)
    assert "Mutual rivalry" in text
    bys = {c["by"] for c in edge["claims"]}
    assert bys == {a, b}
    for c in edge["claims"]:
        assert c["text"] in text and f'{c["source"]["path"]}:{c["source"]["line"]}' in text


def test_clicking_a_node_opens_its_panel(open_page, shipped_graph):
    op = open_page(render_html(shipped_graph).html)
    i = node_index(op, "humanloop")
    x, y = op.js("""i => { const net = window.__landscape.network; const p = net.getPositions([i])[i];
        const d = net.canvasToDOM(p); const r = document.querySelector('#network canvas').getBoundingClientRect();
        return [d.x + r.left, d.y + r.top]; }""", i)
    op.page.mouse.click(x, y)
    assert selected(op) == [i]
    assert op.page.text_content("#panel-body h2.name") == "Humanloop"


def test_filters_hide_and_show(open_page, shipped_graph):
    G = shipped_graph
    op = open_page(render_html(G).html)
    total = [G.number_of_nodes(), G.number_of_edges()]
    competitors = {n for n, k in G.nodes(data="kind") if k == "competitor"}
    op.page.uncheck("input[data-kind=competitor]")
    kept = set(G) - competitors
    assert op.js(DRAWN) == [len(kept), G.subgraph(kept).number_of_edges()]
    assert op.page.get_attribute("#status", "data-nodes") == str(len(kept))
    op.page.check("input[data-kind=competitor]")
    assert op.js(DRAWN) == total

    theme = "theme:open-source-integration"
    members = set(G[theme])
    op.page.check(f'input[data-theme="{theme}"]')
    shown = members | {theme}
    assert op.js(DRAWN) == [len(shown), G.subgraph(shown).number_of_edges()]
    assert len(shown) == 5
    label = op.page.text_content("#filter-kinds").replace("\u00a0", " ")
    assert f"Company ({len({m for m in members if G.nodes[m]['kind'] == 'company'})}/6)" in label
    op.page.uncheck(f'input[data-theme="{theme}"]')
    assert op.js(DRAWN) == total


def test_segment_filter_and_metric_sizes(open_page, shipped_graph):
    G = shipped_graph
    ids = sorted(G)
    segments = {n: i % 2 for i, n in enumerate(ids)}
    metrics = {n: {"degree": float(G.degree(n)), "betweenness": float(i), "pagerank": 1.0 / (i + 1)}
               for i, n in enumerate(ids)}
    names = {0: "Evens <b>", 1: "Odds"}
    op = open_page(render_html(G, metrics=metrics, segments=segments, segment_names=names).html)
    labels = op.page.text_content("#filter-segments")
    assert "Segment 0: Evens <b> (13)" in labels and "Segment 1: Odds (12)" in labels
    op.page.uncheck("input[data-segment='1']")
    kept = {n for n in G if segments[n] == 0}
    assert op.js(DRAWN) == [len(kept), G.subgraph(kept).number_of_edges()]
    op.page.check("input[data-segment='1']")
    before = op.js("window.__landscape.nodes.get().map(n => n.size)")
    op.page.select_option("#size-by", label="Betweenness")
    after = op.js("window.__landscape.nodes.get().map(n => n.size)")
    assert before != after
    # the largest node is the one with the highest betweenness
    assert after.index(max(after)) == len(ids) - 1


def test_large_page_starts_without_physics_and_draws_all(open_page):
    G = synthetic_graph(400)
    op = open_page(render_html(G).html)
    assert op.js("window.__landscape.network.physics.options.enabled") is False
    assert op.js(DRAWN) == [400, G.number_of_edges()]
    assert op.page.is_checked("#physics") is False
    search(op, "E14")  # an alias
    assert selected(op) == [node_index(op, "n00014")]


def test_capped_page_says_so(open_page):
    G = synthetic_graph(300)
    html, notes = render_html(G, max_nodes=100)
    op = open_page(html)
    assert op.js(DRAWN)[0] == 100
    assert notes and "100" in notes[0]
    assert "100 most connected of 300" in op.page.text_content("#note")


def test_xss_payloads_never_run_and_show_literally(open_page, xss_graph):
    op = open_page(render_html(xss_graph).html)
    page = op.page
    assert page.title().startswith(XSS["title"])
    assert page.text_content("#title") == XSS["title"]
    assert XSS["document"] in page.text_content("#documents")
    # open every node's and every edge's panel, and search the alias payload
    n_nodes = op.js("window.__landscape.data.nodes.length")
    seen = ""
    for i in range(n_nodes):
        op.js("i => window.__landscape.selectNode(i, {focus: true})", i)
        seen += panel_text(op)
    for i in range(op.js("window.__landscape.data.edges.length")):
        op.js("i => window.__landscape.selectEdge(i)", i)
        seen += panel_text(op)
    seen += page.text_content("#filters")
    suggestions = search(op, "<img src=x onerror=alert('alias')")
    assert any(XSS["alias"] in s for s in suggestions)
    for key in ("company", "alias", "fact_label", "fact", "claim", "rival", "theme", "description", "document"):
        assert XSS[key] in seen or XSS[key] in page.text_content("body"), key
    # nothing was injected: no element a payload names, only the page's own three scripts
    assert op.js("document.querySelectorAll('img, svg, iframe, b, object, embed').length") == 0
    assert op.js("document.scripts.length") == 3
    page.wait_for_timeout(200)  # let any injected handler fire
    op.assert_clean()


def test_save_png_downloads_an_image(open_page, shipped_graph, tmp_path):
    op = open_page(render_html(shipped_graph).html)
    with op.page.expect_download() as info:
        op.page.click("#save-png")
    target = tmp_path / "view.png"
    info.value.save_as(target)
    data = target.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 2000
    assert info.value.suggested_filename.endswith(".png")


def test_same_graph_same_drawing(open_page, shipped_graph):
    first = open_page(render_html(shipped_graph).html, name="a.html")
    second = open_page(render_html(shipped_graph).html, name="b.html")
    positions = "window.__landscape.network.getPositions()"
    assert first.js(positions) == second.js(positions)

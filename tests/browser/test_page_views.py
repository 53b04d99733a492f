"""The page as a product (issue 11): search through the shared name keys, filters that keep the
picture, selection that reads, state in the URL, any screen, panel order, table and CSV."""

from __future__ import annotations

import csv
import io
import struct

import pytest
from page_fixtures import synthetic_graph

from rivalscape.graph.query import find_entity
from rivalscape.graph.render import KIND_STYLE, SEGMENT_PALETTE, render_html

pytestmark = pytest.mark.browser

DRAWN = "[window.__landscape.network.body.nodeIndices.length, window.__landscape.network.body.edgeIndices.length]"
POSITIONS = "window.__landscape.network.getPositions()"


def idx(op, node_id):
    return op.js("id => window.__landscape.data.nodes.findIndex(n => n.id === id)", node_id)


def select(op, node_id, focus=True):
    op.js("([i, f]) => window.__landscape.selectNode(i, {focus: f})", [idx(op, node_id), focus])
    op.page.wait_for_timeout(50)


def suggestions_for(op, text):
    """Type into the search box; the suggestions' node ids and texts."""
    op.page.fill("#search", "")
    op.page.type("#search", text)
    op.page.wait_for_selector("#suggestions li")
    items = op.page.locator("#suggestions li").all()
    return [(li.get_attribute("data-node"), li.text_content()) for li in items]


# ------------------------------------------------------------------------------- 1. search

SPELLINGS = ["Weights and Biases", "weights & biases", "W&B", "wandb", "HuggingFace", "hugging-face",
             "Hugging Face", "Neptune.ai", "neptune", "Modal", "MODAL LABS", "cursor"]


def test_page_search_finds_what_show_finds(open_page, shipped_graph):
    op = open_page(render_html(shipped_graph).html)
    for spelling in SPELLINGS:
        expected = find_entity(shipped_graph, spelling)  # what `landscape show` finds
        found = suggestions_for(op, spelling)
        assert found[0][0] == expected, (spelling, found)
    op.page.keyboard.press("Enter")
    assert op.js("window.__landscape.network.getSelectedNodes()") == [idx(op, "anysphere")]


def test_search_says_no_match(open_page, shipped_graph):
    op = open_page(render_html(shipped_graph).html)
    found = suggestions_for(op, "zzqx corp")
    assert found == [(None, "No match for \u201czzqx corp\u201d")]
    op.page.keyboard.press("Enter")
    assert op.js("window.__landscape.network.getSelectedNodes()") == []


# ------------------------------------------------------------------------------- 2. filters

def overlapping_pairs(positions, distance=25):
    pts = list(positions.values())
    return sum(1 for a in range(len(pts)) for b in range(a + 1, len(pts))
               if abs(pts[a]["x"] - pts[b]["x"]) < distance and abs(pts[a]["y"] - pts[b]["y"]) < distance)


def test_kind_filter_round_trip_keeps_every_position(open_page, shipped_graph):
    op = open_page(render_html(shipped_graph).html)
    before = op.js(POSITIONS)
    for kind in ("company", "competitor", "alternative", "theme"):
        op.page.uncheck(f"input[data-kind={kind}]")
        op.page.check(f"input[data-kind={kind}]")
    after = op.js(POSITIONS)
    assert after == before
    assert overlapping_pairs(after) <= overlapping_pairs(before)
    assert op.js(DRAWN) == [shipped_graph.number_of_nodes(), shipped_graph.number_of_edges()]


def test_reset_filters_restores_everything(open_page, shipped_graph):
    G = shipped_graph
    op = open_page(render_html(G).html)
    assert op.page.is_disabled("#reset-filters")
    op.page.uncheck("input[data-kind=competitor]")
    op.page.check('input[data-theme="theme:open-source-integration"]')
    assert op.js(DRAWN)[0] < G.number_of_nodes()
    op.page.click("#reset-filters")
    assert op.js(DRAWN) == [G.number_of_nodes(), G.number_of_edges()]
    assert op.page.is_checked("input[data-kind=competitor]")
    assert not op.page.is_checked('input[data-theme="theme:open-source-integration"]')
    assert op.page.is_disabled("#reset-filters")


def test_searching_a_hidden_entity_says_so_and_offers_to_show_it(open_page, shipped_graph):
    op = open_page(render_html(shipped_graph).html)
    op.page.uncheck("input[data-kind=competitor]")
    op.page.uncheck("input[data-kind=alternative]")
    found = suggestions_for(op, "Neptune")
    assert found[0][0] == "neptune" and "hidden by filters" in found[0][1]
    op.page.keyboard.press("Enter")
    # nothing was re-ticked behind the person's back
    assert not op.page.is_checked("input[data-kind=competitor]")
    assert not op.page.is_checked("input[data-kind=alternative]")
    assert "Hidden by the current filters" in op.page.text_content("#panel-body")
    assert "Neptune is hidden" in op.page.text_content("#status-hidden")
    op.page.click("#show-hidden")
    assert op.page.is_checked("input[data-kind=competitor]")
    assert not op.page.is_checked("input[data-kind=alternative]")  # only what Neptune needed
    assert op.js("window.__landscape.network.getSelectedNodes()") == [idx(op, "neptune")]
    assert "Hidden by the current filters" not in op.page.text_content("#panel-body")


def test_only_one_segment_hides_themes_and_unrelated_entities(open_page, shipped_graph, shipped_render_args):
    G = shipped_graph
    segments = shipped_render_args["segments"]
    op = open_page(render_html(G, **shipped_render_args).html)
    op.page.click("button[data-only-segment='1']")
    members = {n for n, s in segments.items() if s == 1}
    assert members and len(members) < G.number_of_nodes()
    assert op.js(DRAWN) == [len(members), G.subgraph(members).number_of_edges()]
    assert op.page.is_checked("input[data-segment='1']") and not op.page.is_checked("input[data-segment='0']")


# ------------------------------------------------------------------------------- 3. selection

LABEL_INK = """i => {
  const net = window.__landscape.network, node = net.body.nodes[i];
  const canvas = document.querySelector('#network canvas'), r = canvas.getBoundingClientRect();
  const ratio = canvas.width / r.width;
  const bb = node.labelModule.size;  // the label's box in canvas units
  const a = net.canvasToDOM({x: bb.left, y: bb.top}), b = net.canvasToDOM({x: bb.left + bb.width, y: bb.top + bb.height});
  const x0 = Math.max(0, Math.floor(a.x * ratio)), y0 = Math.max(0, Math.floor(a.y * ratio));
  const w = Math.max(1, Math.ceil((b.x - a.x) * ratio)), h = Math.max(1, Math.ceil((b.y - a.y) * ratio));
  const px = canvas.getContext('2d').getImageData(x0, y0, w, h).data;
  let darkest = 255;
  for (let k = 0; k < px.length; k += 4) {
    const [R, G, B] = [px[k], px[k + 1], px[k + 2]];
    if (Math.max(R, G, B) - Math.min(R, G, B) < 12) darkest = Math.min(darkest, (R + G + B) / 3);
  }
  return darkest;
}"""


def test_selection_draws_rivals_labels_at_full_strength(open_page, shipped_graph):
    G = shipped_graph
    op = open_page(render_html(G).html)
    select(op, "modal-labs")
    neighbours = sorted(G["modal-labs"])
    others = sorted(set(G) - set(neighbours) - {"modal-labs"})
    ink = {n: op.js(LABEL_INK, idx(op, n)) for n in neighbours + others + ["modal-labs"]}
    # rivals' labels in the text colour (#1a1a1a), the rest faded behind the overlay
    assert all(ink[n] < 60 for n in neighbours + ["modal-labs"]), ink
    assert sum(ink[n] > 150 for n in others) >= len(others) // 2, ink
    # Esc deselects and lifts the fade
    op.page.keyboard.press("Escape")
    assert op.js("window.__landscape.network.getSelectedNodes()") == []
    op.page.wait_for_timeout(50)
    assert all(op.js(LABEL_INK, idx(op, n)) < 60 for n in others[:5])
    assert "Click a node" in op.page.text_content("#panel-body")


def test_link_tooltip_shows_the_claims_as_text(open_page, shipped_graph):
    G = shipped_graph
    op = open_page(render_html(G).html)
    rivalries = [e for e in G.edges if G.edges[e]["kind"] == "competes" and G.edges[e]["claims"]]

    def hover(u, v, t):
        """Point at a fraction t of link u-v; the tooltip's text if it is this link's."""
        x, y = op.js("""([a, b, t]) => { const net = window.__landscape.network; const p = net.getPositions([a, b]);
            const d = net.canvasToDOM({x: p[a].x + t * (p[b].x - p[a].x), y: p[a].y + t * (p[b].y - p[a].y)});
            const r = document.querySelector('#network canvas').getBoundingClientRect();
            return [d.x + r.left, d.y + r.top]; }""", [idx(op, u), idx(op, v), t])
        op.page.mouse.move(x - 5, y - 5)
        op.page.mouse.move(x, y)
        op.page.wait_for_timeout(300)
        tip = op.page.locator("div.vis-tooltip")
        text = tip.text_content() if tip.count() and tip.is_visible() else ""
        a, b = G.nodes[u]["label"], G.nodes[v]["label"]
        return text if (f"{a} \u2014 {b}" in text or f"{b} \u2014 {a}" in text) else None

    # a point of some link that no node or other link covers
    found = next(((u, v, text) for u, v in rivalries for t in (0.5, 0.35, 0.65) if (text := hover(u, v, t))), None)
    assert found, "no link could be pointed at"
    u, v, text = found
    for c in G.edges[u, v]["claims"]:
        assert c["text"][:60] in text
    # text only: vis-network writes a string title as text (line breaks as <br>), never as markup
    assert op.js("Array.from(document.querySelector('div.vis-tooltip').children).every(c => c.tagName === 'BR')")


def test_zoom_to_selection_frames_a_hubs_neighbourhood(open_page):
    G = synthetic_graph(600)
    hub = max(G, key=G.degree)
    op = open_page(render_html(G).html)
    select(op, hub, focus=False)
    op.page.click("#zoom-selection")
    outside = op.js("""ids => { const net = window.__landscape.network, d = window.__landscape.data;
        const c = document.querySelector('#network canvas').getBoundingClientRect();
        return ids.filter(id => { const i = d.nodes.findIndex(n => n.id === id);
            const p = net.canvasToDOM(net.getPositions([i])[i]);
            return !(p.x >= 0 && p.y >= 0 && p.x <= c.width && p.y <= c.height); }); }""", [hub, *G[hub]])
    assert outside == [] and G.degree(hub) > 20


# ------------------------------------------------------------------------------- 4. URL state

def test_view_state_round_trips_through_the_url_fragment(open_page, shipped_graph, shipped_render_args):
    html = render_html(shipped_graph, **shipped_render_args).html
    op = open_page(html, name="first.html")
    op.page.uncheck("input[data-kind=alternative]")
    op.page.select_option("#colour-by", "segment")
    op.page.select_option("#size-by", label="PageRank")
    select(op, "modal-labs")
    fragment = op.js("location.hash")
    assert fragment == "#entity=modal-labs&kind=company,competitor,theme&color=segment&size=pagerank"
    drawn = op.js(DRAWN)

    again = open_page(html, name="second.html", fragment=fragment)
    assert again.js("window.__landscape.network.getSelectedNodes()") == [idx(again, "modal-labs")]
    assert not again.page.is_checked("input[data-kind=alternative]")
    assert again.page.input_value("#colour-by") == "segment"
    assert again.page.locator("#size-by option:checked").text_content() == "PageRank"
    assert again.js(DRAWN) == drawn
    assert "Modal Labs" in again.page.text_content("#panel-body h2.name")
    assert again.js("location.hash") == fragment


# ------------------------------------------------------------------------------- 5. any screen

@pytest.mark.parametrize("width, height", [(390, 844), (1024, 768)])
def test_map_is_drawn_and_usable_at_width(open_page, shipped_graph, width, height):
    op = open_page(render_html(shipped_graph).html, viewport=(width, height))
    box = op.page.locator("#network canvas").bounding_box()
    assert box["width"] > 0.5 * width and box["height"] > 300, box
    assert op.js("(() => { const c = document.querySelector('#network canvas'); return c.width > 0 && c.height > 0; })()")
    assert op.js(DRAWN)[0] == shipped_graph.number_of_nodes()
    # a node can be clicked, and its details can be read
    i = idx(op, "humanloop")
    x, y = op.js("""i => { const net = window.__landscape.network; const d = net.canvasToDOM(net.getPositions([i])[i]);
        const r = document.querySelector('#network canvas').getBoundingClientRect(); return [d.x + r.left, d.y + r.top]; }""", i)
    op.page.mouse.click(x, y)
    assert op.page.is_visible("#panel-body h2.name")
    assert op.page.text_content("#panel-body h2.name") == "Humanloop"
    if width < 900:
        assert not op.page.is_visible("#filters")
        op.page.click("#toggle-filters")
        assert op.page.is_visible("#filter-kinds") and not op.page.is_visible("#panel")
        op.page.keyboard.press("Escape")
        assert not op.page.is_visible("#filters")


def test_dark_mode_follows_the_system(open_page, shipped_graph):
    op = open_page(render_html(shipped_graph).html, color_scheme="dark")
    bg = op.js("getComputedStyle(document.body).backgroundColor")
    assert bg == "rgb(21, 24, 28)"
    corner = op.js("Array.from(document.querySelector('#network canvas').getContext('2d').getImageData(2, 2, 1, 1).data)")
    assert corner[:3] == [21, 24, 28]


# ------------------------------------------------------------------------------- 6. panel

def test_panel_reads_rivals_first_and_metrics_as_ranks(open_page, shipped_graph, shipped_render_args):
    op = open_page(render_html(shipped_graph, **shipped_render_args).html)
    select(op, "modal-labs")
    headings = op.page.locator("#panel-body section > h2").all_text_contents()
    assert [h.split(" (")[0] for h in headings] == ["Rivals", "Themes", "Profile", "Centrality", "Sources"]
    text = op.page.text_content("#panel-body")
    assert "Parsed values" not in text
    metrics = op.page.locator("#panel-body li.metric").all_text_contents()
    ranked = sorted((v["degree"], n) for n, v in shipped_render_args["metrics"].items())
    entities = sum(1 for _, k in shipped_graph.nodes(data="kind") if k != "theme")
    assert metrics[0].startswith("1st of %d by degree" % entities), (metrics, ranked[-3:])
    facts = op.page.locator("#panel-body dl.facts dt").all_text_contents()
    assert len(facts) == len(set(facts))
    select(op, "anysphere")
    rivals = op.page.locator("#panel-body section").first
    assert rivals.text_content() == "Rivals (0)None recorded."


# ------------------------------------------------------------------------------- 7. table

def test_table_sorts_selects_and_downloads_what_is_shown(open_page, shipped_graph, tmp_path):
    G = shipped_graph.copy()
    G.add_node("evil", label="=HYPERLINK(\"http://x\")", kind="company", aliases=[], facts=[], sources=[])
    op = open_page(render_html(G).html)
    op.page.uncheck("input[data-kind=theme]")
    op.page.click("#toggle-table")
    assert op.page.is_visible("#entity-table") and not op.page.is_visible("#network")
    op.page.click("th[data-column=rivals] button")
    op.page.click("th[data-column=rivals] button")  # second click: most rivals first
    assert op.page.get_attribute("th[data-column=rivals]", "aria-sort") == "descending"
    rows = op.page.locator("#entity-table tbody tr")
    shown = [n for n, k in G.nodes(data="kind") if k != "theme"]
    assert rows.count() == len(shown)
    rivals = lambda n: sum(1 for v in G[n] if G.edges[n, v]["kind"] == "competes")  # noqa: E731
    counts = [int(c) for c in op.page.locator("#entity-table tbody td:nth-child(4)").all_text_contents()]
    assert counts == sorted(counts, reverse=True) and counts[0] == max(rivals(n) for n in shown)
    rows.first.click()
    top = rows.first.get_attribute("data-node")
    assert op.js("window.__landscape.network.getSelectedNodes()") == [idx(op, top)]

    with op.page.expect_download() as info:
        op.page.click("#download-csv")
    target = tmp_path / "shown.csv"
    info.value.save_as(target)
    table = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert table[0][:5] == ["Name", "Kind", "Segment", "Rivals", "Themes"]
    names = [r[0] for r in table[1:]]
    assert sorted(names) == sorted(("'" if n == "evil" else "") + G.nodes[n]["label"] for n in shown)
    assert "'=HYPERLINK(\"http://x\")" in names and "=HYPERLINK(\"http://x\")" not in names
    assert [int(r[3]) for r in table[1:]] == counts  # the table's order


# ------------------------------------------------------------------------------- 8. colours, PNG

def test_colour_by_segment_changes_colours_and_legend(open_page, shipped_graph, shipped_render_args):
    op = open_page(render_html(shipped_graph, **shipped_render_args).html)
    assert "Segment 1: Modal Labs" not in op.page.text_content("#legend")
    op.page.select_option("#colour-by", "segment")
    legend = op.page.text_content("#legend")
    assert "Segment 1: Modal Labs" in legend and "No segment" in legend
    colours = set(op.js("window.__landscape.nodes.get().map(n => n.color)"))
    assert colours <= set(SEGMENT_PALETTE) | {"#AAAAAA"}
    assert not colours & {s["color"] for s in KIND_STYLE.values()}
    assert len(colours) == 5  # four segments and "no segment"


def test_png_has_title_and_legend(open_page, shipped_graph, tmp_path):
    op = open_page(render_html(shipped_graph).html)
    canvas_width = op.js("document.querySelector('#network canvas').width")
    with op.page.expect_download() as info:
        op.page.click("#save-png")
    target = tmp_path / "view.png"
    info.value.save_as(target)
    data = target.read_bytes()
    width, height = struct.unpack(">II", data[16:24])
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert width > canvas_width + 200  # a legend column beside the map


# ------------------------------------------------------------------------------- evidence

def test_prose_only_rivalries_are_dotted_and_can_be_filtered_out(open_page, shipped_graph):
    G = shipped_graph.copy()
    rivalries = sorted(e for e in G.edges if G.edges[e]["kind"] == "competes")
    prose = rivalries[:3]
    for e in rivalries:
        d = G.edges[e]
        d["claims"] = [{**c, "evidence": "prose" if e in prose else "vs-item"} for c in d["claims"]]
    op = open_page(render_html(G).html)
    assert op.page.is_visible("#evidence-section")
    assert op.page.locator("#filter-evidence label").all_text_contents() == [" vs-item", " prose"]
    dashes = op.js("window.__landscape.edges.get().map(e => JSON.stringify(e.dashes))")
    assert dashes.count("[2,4]") == len(prose)
    op.page.uncheck("input[data-evidence=prose]")
    assert op.js(DRAWN) == [G.number_of_nodes(), G.number_of_edges() - len(prose)]
    assert op.js("location.hash") == "#evidence=vs-item"
    u, v = prose[0]
    select(op, u)
    assert "prose" in op.page.text_content("#panel-body")  # the claim says how it was found
    op.page.click("#reset-filters")
    assert op.js(DRAWN) == [G.number_of_nodes(), G.number_of_edges()]


# ------------------------------------------------------------------------------- 9. overview

def test_capped_page_opens_on_an_overview_and_finds_every_entity(open_page):
    from rivalscape.graph.analysis import analyze

    G = synthetic_graph(1500)
    result = analyze(G)
    segments = result.node_segments()
    html, notes = render_html(G, max_nodes=300, metrics=result.node_metrics(), segments=segments,
                              segment_names=result.segment_names())
    op = open_page(html)
    assert op.page.is_visible("#overview") and "300 most connected of 1500" in notes[0]
    segment_ids = {s for s in segments.values() if s is not None}
    assert op.js("window.__landscape.overview.body.nodeIndices.length") == len(segment_ids)
    # click the largest segment's node, as a person would
    sizes = {s: sum(1 for v in segments.values() if v == s) for s in segment_ids}
    largest = min(segment_ids, key=lambda s: (-sizes[s], s))
    x, y = op.js("""s => { const net = window.__landscape.overview; const d = net.canvasToDOM(net.getPositions([s])[s]);
        const r = document.querySelector('#overview canvas').getBoundingClientRect(); return [d.x + r.left, d.y + r.top]; }""",
                 largest)
    op.page.mouse.click(x, y)
    assert not op.page.is_visible("#overview")
    drawn = set(op.js("window.__landscape.data.nodes.map(n => n.id)"))
    members = {n for n in drawn if segments[n] == largest}
    assert op.js(DRAWN)[0] == len(members) > 0
    # an entity that is not drawn is found, and the panel says where to read it
    undrawn = sorted(set(G) - drawn)[-1]
    label = G.nodes[undrawn]["label"]
    found = suggestions_for(op, label)
    assert found[0][1][1:] == label + "not drawn"  # after the kind glyph
    op.page.keyboard.press("Enter")
    text = op.page.text_content("#panel-body")
    assert label in text and "Not drawn on this page" in text
    op.page.click("#toggle-overview")
    assert op.page.is_visible("#overview")


SCREEN_INK = """([i, ratioWanted]) => {
  const net = window.__landscape.network, node = net.body.nodes[i];
  const canvas = document.querySelector('#network canvas'), r = canvas.getBoundingClientRect();
  const ratio = canvas.width / r.width, scale = net.getScale();
  const d = net.canvasToDOM({x: node.x, y: node.y + (node.options.size || 10)});
  const px = canvas.getContext('2d').getImageData(Math.round((d.x - 20) * ratio), Math.round((d.y + 1) * ratio),
                                                 Math.round(40 * ratio), Math.round(14 * ratio)).data;
  let dark = 0;
  for (let k = 0; k < px.length; k += 4) {
    const [R, G, B] = [px[k], px[k + 1], px[k + 2]];
    if (Math.max(R, G, B) - Math.min(R, G, B) < 12 && (R + G + B) / 3 < 60) dark++;
  }
  return dark;
}"""


def test_selection_labels_rivals_even_when_zoomed_out(open_page):
    G = synthetic_graph(2000)
    op = open_page(render_html(G).html)
    hub = max(G, key=lambda n: (G.degree(n), n))
    small = op.js("window.__landscape.data.nodes.filter(n => !n.font).map(n => n.id)")
    rivals = [v for v in sorted(G[hub], key=lambda v: (-G.degree(v), v)) if v in small][:10]
    assert op.js("window.__landscape.network.getScale()") * 14 < 5  # their labels are not drawn at this zoom
    # the one with the least ink under it before the selection (no other label nearby)
    before, rival = min((op.js(SCREEN_INK, [idx(op, v), 1]), v) for v in rivals)
    select(op, hub, focus=False)
    after = op.js(SCREEN_INK, [idx(op, rival), 1])
    assert after > 10 and after > 3 * before, (before, after)

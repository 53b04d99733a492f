"""The HTML page without a browser: offline, escaped, deterministic, complete."""

from __future__ import annotations

import json
import re

import networkx as nx
import pytest

from rivalscape.graph.analysis import analyze
from rivalscape.graph.build import build_graph
from rivalscape.graph.layout import layout_positions
from rivalscape.graph.models import Claim, Entity, Fact, Landscape, Membership, Rivalry, Source
from rivalscape.graph.render import _assets, render_html, select_nodes

PAYLOAD = "</script><img src=x onerror=alert(1)>"


def landscape(name=PAYLOAD):
    src = Source(path="doc.md", line=3, section="Section")
    return Landscape(
        title="Test <landscape> & co",
        documents=("doc.md",),
        entities=(
            Entity(id="a", label=name, kind="company", aliases=("A&B",),
                   facts=(Fact(key="founded", label="Founded", text="2020 <b>", source=src),), sources=(src,)),
            Entity(id="b", label="Bee", kind="competitor", sources=(src,)),
            Entity(id="c", label="Self-managed", kind="alternative", sources=(src,)),
            Entity(id="theme:t", label="Theme <t>", kind="theme", sources=(src,)),
        ),
        rivalries=(
            Rivalry(a="a", b="b", claims=(Claim(by="a", against="b", text="faster </script>", source=src),)),
            Rivalry(a="a", b="c", claims=(Claim(by="a", against="c", text="cheaper", source=src),)),
        ),
        memberships=(Membership(theme="theme:t", member="a", description="d & e", source=src),),
    )


def page_data(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="landscape-data">(.*?)</script>', html, re.S)
    assert m, "no embedded data"
    return json.loads(m.group(1))


@pytest.fixture(scope="module")
def G():
    return build_graph(landscape())


def markup_only(html: str) -> str:
    """The page without the contents of its <script> and <style> elements."""
    return re.sub(r"(<(script|style)\b[^>]*>).*?(</\2>)", r"\1\3", html, flags=re.S | re.I)


def test_no_network_reference(G):
    html = render_html(G).html
    # The vendored vis-network keeps its licence header and an SVG namespace string; apart from
    # that library, nothing in the page (markup, our script and style, the data) names a URL.
    rest = html.replace(str(_assets()["vis_js"]), "")
    assert not re.search(r"https?:|//[a-z0-9.-]+\.(com|org|net|io)\b", rest, re.I)
    assert "sourceMappingURL" not in html
    markup = markup_only(html)
    assert not re.search(r"<(link|iframe|img|object|embed|base)\b", markup, re.I)
    assert not re.search(r"\b(src|href|action|srcset)\s*=", markup, re.I)
    assert "@import" not in html and "url(http" not in html.lower()


def test_page_inlines_everything(G):
    html = render_html(G).html
    markup = markup_only(html)
    assert re.findall(r"<script\b[^>]*>", markup) == ['<script type="application/json" id="landscape-data">', "<script>", "<script>"]
    assert html.lower().count("</script") == 3
    low = html.lower()
    assert "bootstrap" not in low and "tom-select" not in low and "cdnjs" not in low and "jsdelivr" not in low


def test_script_breaking_name_is_escaped(G):
    html = render_html(G).html
    assert PAYLOAD not in html
    assert "<img" not in html
    # the only closing script tags are the page's own three
    assert html.lower().count("</script") == 3
    data = page_data(html)
    assert data["nodes"][0]["label"] == PAYLOAD
    assert "\\u003c/script\\u003e\\u003cimg" in html
    # the title is HTML-escaped by the template
    assert "<title>Test &lt;landscape&gt; &amp; co" in html


def test_same_graph_same_bytes():
    a = render_html(build_graph(landscape())).html
    b = render_html(build_graph(landscape())).html
    assert a == b
    assert render_html(build_graph(landscape()), seed=1).html != a


def test_embedded_counts_and_content(G):
    data = page_data(render_html(G).html)
    assert len(data["nodes"]) == G.number_of_nodes()
    assert len(data["edges"]) == G.number_of_edges()
    kinds = sorted(e["kind"] for e in data["edges"])
    assert kinds == ["competes", "competes", "theme"]
    ids = [n["id"] for n in data["nodes"]]
    claims = [c["text"] for e in data["edges"] for c in e.get("claims", [])]
    assert sorted(claims) == ["cheaper", "faster </script>"]
    a = data["nodes"][ids.index("a")]
    assert a["aliases"] == ["A&B"] and a["facts"][0]["text"] == "2020 <b>"
    path, line, section = a["facts"][0]["source"]
    assert (data["strings"][path], line, data["strings"][section]) == ("doc.md", 3, "Section")
    assert data["total"]["kinds"] == {"company": 1, "competitor": 1, "alternative": 1, "theme": 1}
    assert data["documents"] == ["doc.md"]
    assert [m["key"] for m in data["metrics"]] == ["degree"]
    assert a["m"] == [3]


def test_metrics_and_segments_are_carried(G):
    metrics = {n: {"degree": 0.5, "betweenness": 0.25, "pagerank": 0.125} for n in G}
    segments = {n: i for i, n in enumerate(sorted(G))}
    data = page_data(render_html(G, metrics=metrics, segments=segments).html)
    assert [m["key"] for m in data["metrics"]] == ["degree", "betweenness", "pagerank"]
    assert all(n["m"] == [0.5, 0.25, 0.125] for n in data["nodes"])
    assert [n["seg"] for n in data["nodes"]] == [segments[n["id"]] for n in data["nodes"]]


def test_select_nodes_caps_by_degree_and_says_so():
    S = nx.star_graph(9)  # hub 0 with 9 leaves
    nodes, note = select_nodes(S, max_nodes=3)
    assert nodes == [0, 1, 2]
    assert note == "showing the 3 most connected of 10 entities (by degree)"
    assert select_nodes(S, max_nodes=None) == (list(range(10)), None)


def test_select_nodes_focus_depth_and_themes(G):
    nodes, note = select_nodes(G, focus="b", depth=1)
    assert nodes == ["a", "b"] and "neighbourhood" in note
    nodes, _ = select_nodes(G, focus="b", depth=2)
    # the walk reaches the theme but does not continue through it
    assert nodes == ["a", "b", "c", "theme:t"]
    with pytest.raises(Exception, match="zzz"):
        select_nodes(G, focus="zzz")


def test_capped_page_keeps_off_page_rivals_in_the_panel_data(G):
    html, notes = render_html(G, focus="b", depth=1)
    data = page_data(html)
    assert [n["id"] for n in data["nodes"]] == ["a", "b"]
    a = data["nodes"][0]
    assert sorted(o["other"] for o in a["off"]) == ["Self-managed", "Theme <t>"]
    # the renderer does not know the file the page goes to: build names it (test_cli.py)
    assert notes and notes[0].startswith("showing the neighbourhood")
    assert data["note"] in notes[0]


def test_layout_is_seeded_and_integral():
    B = nx.barabasi_albert_graph(300, 2, seed=3)
    p1 = layout_positions(B, seed=5)
    assert p1 == layout_positions(B, seed=5)
    assert p1 != layout_positions(B, seed=6)
    assert all(isinstance(c, int) for xy in p1.values() for c in xy)
    assert len(set(p1.values())) > 290  # spread out, not collapsed


def test_shipped_data_renders_deterministically(shipped):
    a = render_html(shipped.graph).html
    b = render_html(shipped.graph).html
    assert a == b
    data = page_data(a)
    assert len(data["nodes"]) == shipped.graph.number_of_nodes()
    assert len(data["edges"]) == shipped.graph.number_of_edges()


def test_off_page_links_are_capped_with_a_count():
    """A hub's links to undrawn entities are listed up to OFF_PAGE_LIMIT, the rest counted."""
    from rivalscape.graph.render import OFF_PAGE_LIMIT

    G = nx.Graph(name="Star")
    G.add_node("hub", label="Hub", kind="company", aliases=[], facts=[], sources=[])
    leaves = OFF_PAGE_LIMIT + 7
    for i in range(leaves):
        G.add_node(f"r{i:03d}", label=f"R{i}", kind="competitor", aliases=[], facts=[], sources=[])
        G.add_edge("hub", f"r{i:03d}", kind="competes", claims=[], claimants=["hub"], mutual=False)
    data = page_data(render_html(G, max_nodes=3).html)
    hub = next(n for n in data["nodes"] if n["id"] == "hub")
    drawn_rivals = len(data["nodes"]) - 1
    assert len(hub["off"]) == OFF_PAGE_LIMIT
    assert hub["offMore"] == leaves - drawn_rivals - OFF_PAGE_LIMIT


def test_nodes_carry_the_shared_search_keys(G):
    from rivalscape.graph.names import SEARCH_SUFFIXES, search_keys

    data = page_data(render_html(G).html)
    a = next(n for n in data["nodes"] if n["id"] == "a")
    assert a["keys"] == search_keys(PAYLOAD, ["A&B"])
    assert "aandb" in a["keys"]
    assert data["searchSuffixes"] == list(SEARCH_SUFFIXES)
    assert all("acronym" not in n for n in data["nodes"])


def test_claim_evidence_is_carried_when_the_reader_gives_it():
    H = build_graph(landscape())
    H.edges["a", "b"]["claims"][0]["evidence"] = "prose"
    data = page_data(render_html(H).html)
    claims = {c["text"]: c for e in data["edges"] for c in e.get("claims", [])}
    assert claims["faster </script>"]["evidence"] == "prose"
    assert claims["cheaper"]["evidence"] == "vs-item"


def test_segment_colours_are_distinct_and_apart_from_kind_colours(G):
    from rivalscape.graph.render import KIND_STYLE, SEGMENT_OTHER, SEGMENT_PALETTE

    assert len(set(SEGMENT_PALETTE)) == len(SEGMENT_PALETTE) >= 16
    assert not set(SEGMENT_PALETTE) & {s["color"] for s in KIND_STYLE.values()}
    segments = {"a": 3, "b": 3, "c": 7, "theme:t": None}
    data = page_data(render_html(G, segments=segments).html)
    # the largest segment gets the first colour
    assert data["segmentColours"] == {"3": SEGMENT_PALETTE[0], "7": SEGMENT_PALETTE[1]}
    assert data["segmentOther"] == SEGMENT_OTHER


def test_segment_layout_places_members_together_and_is_seeded():
    H = nx.planted_partition_graph(6, 40, 0.3, 0.005, seed=4)
    groups = {n: n // 40 for n in H}
    pos = layout_positions(H, seed=3, groups=groups)
    assert pos == layout_positions(H, seed=3, groups=groups)
    assert all(isinstance(c, int) for xy in pos.values() for c in xy)

    def centre(g):
        pts = [pos[n] for n in H if groups[n] == g]
        return (sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts))
    centres = {g: centre(g) for g in range(6)}
    # every entity is nearer its own segment's centre than any other segment's
    for n in H:
        own = groups[n]
        dist = {g: (pos[n][0] - c[0]) ** 2 + (pos[n][1] - c[1]) ** 2 for g, c in centres.items()}
        assert min(dist, key=dist.get) == own, n
    # and the plain layout does not do that by chance
    plain = layout_positions(H, seed=3)
    assert plain != pos


def test_central_labels_are_sized_to_read_at_the_fit_zoom():
    from rivalscape.graph.layout import label_sizes

    B = nx.barabasi_albert_graph(2000, 2, seed=1)
    pos = layout_positions(B, seed=1)
    degree = dict(B.degree())
    sizes = label_sizes(pos, degree, {n: f"Entity {n}" for n in B}, most=40)
    assert 10 <= len(sizes) <= 40
    hub = max(B, key=lambda n: (degree[n], -n))
    assert hub in sizes
    assert len(set(sizes.values())) == 1 and next(iter(sizes.values())) > 14
    # chosen labels do not overlap one another (boxes as label_sizes measures them)
    size = next(iter(sizes.values()))
    boxes = [(pos[n][0] - 0.32 * size * len(f"Entity {n}"), pos[n][1], pos[n][0] + 0.32 * size * len(f"Entity {n}"),
              pos[n][1] + 1.8 * size) for n in sizes]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])


def test_small_map_has_room_for_every_label(shipped):
    from rivalscape.graph.layout import label_box

    data = page_data(render_html(shipped.graph).html)
    boxes = []
    for n in data["nodes"]:
        w, h = label_box(n["label"], n.get("font", 14))
        boxes.append((n["x"] - w / 2, n["y"] - h / 2, n["x"] + w / 2, n["y"] + h / 2, n["label"]))
    overlaps = [(a[4], b[4]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]]
    assert overlaps == []


def test_capped_page_carries_an_overview_and_a_catalogue_of_the_rest():
    B = nx.barabasi_albert_graph(600, 2, seed=5)
    H = nx.Graph(name="Big")
    for i in B:
        H.add_node(f"n{i:04d}", label=f"Entity {i}", kind="company", aliases=[f"E{i}"] if i == 599 else [])
    for u, v in B.edges:
        H.add_edge(f"n{u:04d}", f"n{v:04d}", kind="competes", claims=[], mutual=False)
    result = analyze(H)
    segments = result.node_segments()
    data = page_data(render_html(H, max_nodes=100, segments=segments, metrics=result.node_metrics()).html)
    drawn = {n["id"] for n in data["nodes"]}
    assert len(drawn) == 100
    ov = data["overview"]
    assert sum(s["size"] for s in ov["segments"]) + ov["unsegmented"] == 600 and ov["more"] == 0
    assert sum(s["drawn"] for s in ov["segments"]) == sum(1 for n in drawn if segments[n] is not None)
    across = sum(1 for u, v in H.edges if segments[u] != segments[v])
    assert sum(c for *_, c in ov["links"]) == across
    # every entity not drawn is in the catalogue, with the shared search keys
    assert len(data["catalogue"]) == 500
    last = next(row for row in data["catalogue"] if row[0] == "Entity 599")
    assert last[1] == "company" and last[2] == segments["n0599"] and "e599" in last[3].split()
    # a page that draws everything has neither
    assert "overview" not in page_data(render_html(H, max_nodes=None).html)


def test_capped_page_ranks_entities_and_themes_on_one_scale():
    """Issue 7: themes were ranked by raw degree (4.0) against entities' normalised degree
    (0.26), so a capped page drew themes ahead of more central companies."""
    from rivalscape.graph.render import select_nodes

    H = nx.Graph()
    H.add_node("hub", kind="company")
    for i in range(5):
        H.add_node(f"r{i}", kind="competitor")
        H.add_edge("hub", f"r{i}", kind="competes")
    H.add_node("theme:t", kind="theme")
    for i in range(3):
        H.add_edge("theme:t", f"r{i}", kind="theme")
    metrics = {n: {"degree": H.degree(n) / (len(H) - 1)} for n in H if not n.startswith("theme:")}
    chosen, _ = select_nodes(H, max_nodes=1, metrics=metrics)
    assert chosen == ["hub"]

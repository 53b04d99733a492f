/* overview: above the drawing cap, the whole landscape as its segments (sized by members,
 * linked by the rivalries between them, named by their most central member). A click opens a
 * segment: the map shows its drawn members. Entities not drawn are found by search
 * (DATA.catalogue) and described in the panel. */
var OV = DATA.overview && DATA.overview.segments.length ? DATA.overview : null;
var CAT = DATA.catalogue || [];
var overviewNet = null;

function overviewLabel(s) {
  return (s.name || "Segment " + s.seg) + " (" + s.size + ")";
}
function buildOverview() {
  if (!OV) return;
  byId("toggle-overview").hidden = false;
  var max = OV.segments.reduce(function (m, s) { return Math.max(m, s.size); }, 1);
  var nodes = new vis.DataSet(OV.segments.map(function (s) {
    return { id: s.seg, x: s.x, y: s.y, label: overviewLabel(s), shape: "dot", color: segmentColour(s.seg),
             size: 10 + 40 * Math.sqrt(s.size / max),
             title: segmentLabel(s.seg) + "\n" + s.size + " entities, " + s.drawn + " drawn on this page\nClick to open" };
  }));
  var wmax = OV.links.reduce(function (m, l) { return Math.max(m, l[2]); }, 1);
  var edges = new vis.DataSet(OV.links.map(function (l, k) {
    return { id: k, from: l[0], to: l[1], width: 1 + 7 * Math.sqrt(l[2] / wmax), title: l[2] + " rivalries",
             color: { color: INK.edge || "#8a8a8a", inherit: false } };
  }));
  byId("overview").hidden = false;  // drawn while shown, so the canvas gets its size
  overviewNet = new vis.Network(byId("overview"), { nodes: nodes, edges: edges }, {
    physics: { enabled: false }, layout: { improvedLayout: false },
    nodes: { font: { size: 16, color: INK.text, strokeWidth: 3, strokeColor: INK.stroke }, borderWidth: 1 },
    edges: { smooth: false }, interaction: { hover: true, tooltipDelay: 150 },
  });
  overviewNet.on("beforeDrawing", paintBackground);
  overviewNet.once("afterDrawing", function () { perf.overviewDrawn = performance.now(); });
  overviewNet.on("click", function (p) { if (p.nodes.length && network) openSegment(p.nodes[0]); });
  byId("toggle-overview").addEventListener("click", function () { showOverview(byId("overview").hidden); });
  byId("overview-note").textContent = "Overview: " + OV.segments.length + " segments" +
    (OV.more ? " (and " + OV.more + " smaller ones)" : "") + ", sized by members. Click one to open it.";
  showOverview(true);
}
function showOverview(open) {
  if (!OV) return;
  byId("overview").hidden = !open;
  byId("overview-note").hidden = !open;
  byId("toggle-overview").setAttribute("aria-pressed", String(open));
  if (open) { overviewNet.setSize("100%", "100%"); overviewNet.fit({ animation: false }); }
}
function openSegment(s) {
  showOverview(false);
  if (segs.indexOf(s) < 0) {
    byId("status-hidden").textContent = segmentLabel(s) + ": none of its members is among the entities drawn on this page.";
    return;
  }
  onlySegment(s);
}
// Catalogue search: rows {c: k, rank} for entities not drawn, after the drawn ones.
var catalogueKeys = null;  // split once, at the first search
function searchCatalogue(q, limit) {
  if (!catalogueKeys) catalogueKeys = CAT.map(function (row) { return row[3].split(" "); });
  var rows = [];
  for (var k = 0; k < CAT.length && rows.length < limit; k++) {
    var keys = catalogueKeys[k], best = -1;
    for (var j = 0; j < keys.length; j++) {
      var r = keys[j] === q ? 0 : keys[j].indexOf(q) === 0 ? 1 : -1;
      if (r >= 0 && (best < 0 || r < best)) best = r;
    }
    if (best >= 0) rows.push({ c: k, rank: best });
  }
  return rows.sort(function (a, b) { return a.rank - b.rank || compareText(CAT[a.c][0], CAT[b.c][0]); });
}
function cataloguePanel(k) {
  var row = CAT[k], seg = row[2];
  var out = [el("h2", { className: "name", text: row[0] }),
    el("p", null, [el("span", { className: "badge", text: styleOf(row[1]).name }),
                   seg >= 0 ? el("span", { className: "badge", text: segmentLabel(seg) }) : null]),
    el("p", { className: "note", text: "Not drawn on this page: it shows the " + N.length + " most connected of " +
      DATA.total.nodes + " entities. For its rivals and claims: landscape show " + JSON.stringify(row[0]) + "." })];
  if (seg >= 0 && segs.indexOf(seg) >= 0) {
    out.push(el("button", { type: "button", className: "linkish", id: "open-segment", text: "Open " + segmentLabel(seg),
                            onclick: function () { openSegment(seg); } }));
  }
  return out;
}
function chooseCatalogue(k) {
  if (selection) clearSelection();
  showPanel(cataloguePanel(k));
  openDrawer("panel");
}

/* graph: the vis-network drawing. Positions come from Python (seeded); the browser never
 * moves a node unless the person turns physics on. Filters hide nodes with the `hidden` flag
 * (node objects and positions are kept); a selection or hover fades the rest of the picture. */
var view = { metric: 0, colourBy: "kind", highlight: null, hover: null };
var network, nodesDS, edgesDS;
var metricMax = DATA.metrics.map(function (_, k) {
  return N.reduce(function (m, n) { return Math.max(m, n.m[k] || 0); }, 0);
});
var LARGE = N.length > DATA.physicsMaxNodes;
// vis-network leaves out labels smaller than LABEL_THRESHOLD - 1 pixels; a highlighted
// neighbourhood gets its labels anyway (the selected node and up to 39 neighbours).
var LABEL_THRESHOLD = 6, HIGHLIGHT_LABELS = 40;

function sizeOf(i) {
  var max = metricMax[view.metric], v = N[i].m[view.metric] || 0;
  return 8 + (max > 0 ? 22 * Math.sqrt(Math.max(v, 0) / max) : 0);
}
function colourOf(i) {
  var n = N[i];
  if (change.node[i] === -1) return GHOST;  // removed since the compared revision
  if (view.colourBy === "segment") return n.seg !== undefined ? segmentColour(n.seg) : DATA.segmentOther;
  return styleOf(n.kind).color;
}
function edgeStyle(e) {
  if (e.kind === "theme") return DATA.edgeStyles.theme;
  if (e.mutual) return DATA.edgeStyles.mutual;
  var ev = edgeEvidence(e);
  return ev.length === 1 && ev[0] === "prose" ? DATA.edgeStyles.prose : DATA.edgeStyles.competes;
}
function nodeTooltip(i) {
  var n = N[i], lines = [n.label, styleOf(n.kind).name];
  if (n.aliases) lines.push("Also: " + n.aliases.join(", "));
  return lines.join("\n");
}
function edgeTooltip(e) {
  var head = labelOf(e.from) + " \u2014 " + labelOf(e.to);
  if (e.kind === "theme") return head + "\n" + (e.description ? truncate(e.description, 200) : "theme membership");
  var lines = [head + (e.mutual ? " (mutual rivalry)" : " (rivalry)")];
  e.claims.slice(0, 4).forEach(function (c) { lines.push(labelOf(c.by) + ": " + truncate(c.text, 160)); });
  if (e.claims.length > 4) lines.push("\u2026 " + (e.claims.length - 4) + " more in the panel");
  return lines.join("\n");
}
function nodeItem(n, i) {
  var item = { id: i, x: n.x, y: n.y, label: n.label, shape: styleOf(n.kind).shape,
               size: sizeOf(i), color: colourOf(i), title: nodeTooltip(i) };
  if (n.font) item.font = { size: n.font };
  return markNode(item, i);
}
// On a large map, links are translucent so that the clusters, not the lines, carry the picture.
function translucent(hex, alpha) {
  var v = parseInt(hex.slice(1), 16);
  return "rgba(" + (v >> 16) + "," + ((v >> 8) & 255) + "," + (v & 255) + "," + alpha + ")";
}
function edgeItem(e, i) {
  var s = edgeStyle(e), colour = (e.kind !== "theme" && !e.mutual && INK.edge) || s.color;
  if (LARGE) colour = translucent(colour, e.kind === "theme" ? 0.15 : e.mutual ? 0.5 : 0.3);
  return markEdge({ id: i, from: e.from, to: e.to, width: s.width, dashes: s.dashes, title: edgeTooltip(e),
                    color: { color: colour, highlight: colour, hover: colour, inherit: false } }, i);
}

function createNetwork(container) {
  nodesDS = new vis.DataSet(N.map(nodeItem));
  edgesDS = new vis.DataSet(E.map(edgeItem));
  network = new vis.Network(container, { nodes: nodesDS, edges: edgesDS }, {
    autoResize: true,
    layout: { improvedLayout: false, randomSeed: 1 },
    physics: { enabled: false, solver: "barnesHut", stabilization: { enabled: false } },
    nodes: {
      borderWidth: 1,
      font: { size: 14, face: "system-ui, sans-serif", color: INK.text, strokeWidth: 3, strokeColor: INK.stroke },
      scaling: { label: { drawThreshold: LABEL_THRESHOLD, maxVisible: 20 } },
    },
    edges: { smooth: false, selectionWidth: 1.5, hoverWidth: 0 },
    interaction: { hover: N.length <= 1000, tooltipDelay: 150, multiselect: false,
                   hideEdgesOnDrag: LARGE, hideEdgesOnZoom: E.length > 3000 },
  });
  network.on("beforeDrawing", paintBackground);
  network.on("afterDrawing", function (ctx) {
    if (view.hover || view.highlight) drawHighlight(ctx, view.hover || view.highlight);
    var t = performance.now();
    perf.drawCount += 1;
    if (perf.firstDraw === null) perf.firstDraw = perf.ready = t;
    perf.lastDraw = t;
  });
}
function paintBackground(ctx) {
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.fillStyle = INK.background;
  ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  ctx.restore();
}
// Fade everything, then draw the neighbourhood again on top, labels included: one pass over
// the neighbourhood instead of restyling every node of a large landscape.
function drawHighlight(ctx, hl) {
  var body = network.body;
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.fillStyle = INK.fade;
  ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  ctx.restore();
  hl.edges.forEach(function (id) {
    var e = body.edges[id];
    if (e && e.connected && !e.options.hidden) e.draw(ctx);
  });
  var scale = network.getScale(), labelled = highlightLabels(hl);
  hl.nodes.forEach(function (id) {
    var n = body.nodes[id];
    if (!n || n.options.hidden) return;
    var drawn = n.draw(ctx);
    if ((N[id].font || 14) * scale >= LABEL_THRESHOLD - 1) { if (drawn && drawn.drawExternalLabel) drawn.drawExternalLabel(); }
    else if (labelled.has(id)) drawScreenLabel(ctx, n, N[id].label, scale);
  });
}
// The highlighted node and its most central neighbours (by the size metric), once per highlight.
function highlightLabels(hl) {
  if (!hl.labelled) {
    var rest = hl.nodes.slice(1).sort(function (a, b) { return N[b].m[view.metric] - N[a].m[view.metric] || a - b; });
    hl.labelled = new Set([hl.nodes[0]].concat(rest.slice(0, HIGHLIGHT_LABELS - 1)));
  }
  return hl.labelled;
}
function drawScreenLabel(ctx, node, text, scale) {
  var px = 12 / scale;
  ctx.save();
  ctx.font = px + "px system-ui, sans-serif";
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  ctx.lineWidth = 3 / scale;
  ctx.strokeStyle = INK.stroke;
  ctx.fillStyle = INK.text;
  var y = node.y + (node.options.size || 10) + 2 / scale;
  ctx.strokeText(text, node.x, y);
  ctx.fillText(text, node.x, y);
  ctx.restore();
}
// The shown part of node i's neighbourhood: {nodes: [i, rivals and themes...], edges: [...]}.
function neighbourhood(i) {
  var out = { nodes: [i], edges: [] };
  adj[i].forEach(function (ei) {
    var o = otherEnd(ei, i);
    if (visible[o] && edgeShown[ei]) { out.nodes.push(o); out.edges.push(ei); }
  });
  return out;
}
// Frame nodes (default: every shown node) with their labels. Computed here from positions and
// label lengths: vis-network's fit() measures every label's text first, which costs more than
// the drawing itself at 5,000 nodes.
function fitNodes(ids) {
  var body = network.body, list = ids && ids.length ? ids : body.nodeIndices;
  var canvas = network.canvas.frame.canvas, w = canvas.clientWidth, h = canvas.clientHeight;
  if (!list.length || !w || !h) return;
  var box = { minX: Infinity, maxX: -Infinity, minY: Infinity, maxY: -Infinity };
  list.forEach(function (id) { growBox(box, body.nodes[id], N[id]); });
  var scale = Math.min(w / (1.05 * (box.maxX - box.minX) || 1), h / (1.05 * (box.maxY - box.minY) || 1), ids ? 1.5 : 1);
  network.moveTo({ position: { x: (box.minX + box.maxX) / 2, y: (box.minY + box.maxY) / 2 }, scale: scale, animation: false });
}
function growBox(box, node, n) {
  var r = node.options.size || 10, font = n.font || 14, half = Math.max(r, 0.3 * font * n.label.length);
  box.minX = Math.min(box.minX, node.x - half);
  box.maxX = Math.max(box.maxX, node.x + half);
  box.minY = Math.min(box.minY, node.y - r);
  box.maxY = Math.max(box.maxY, node.y + r + 1.6 * font);
}
// One drawing on the next animation frame, however many parts ask for one.
function requestDraw() { network.body.emitter.emit("_requestRedraw"); }
function restyleNodes(fn) { nodesDS.update(N.map(function (_, i) { return fn(i); })); }

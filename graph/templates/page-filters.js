/* filters: which entities and links are shown. A change touches only the nodes and edges whose
 * visibility changed, and never moves a node. */
var filters = {};
var visible = new Uint8Array(N.length);
var edgeShown = new Uint8Array(E.length);
var filterListeners = [];

function allFilters() {
  return {
    kinds: new Set(DATA.kinds.map(function (k) { return k.kind; })),
    themes: new Set(),
    segments: new Set(segs),
    evidence: new Set(evidenceKinds),
  };
}
function segmentsNarrowed() { return filters.segments.size < segs.length; }
function nodePasses(i) {
  var n = N[i];
  if (!compareNodePasses(i)) return false;
  if (!filters.kinds.has(n.kind)) return false;
  if (filters.themes.size) {
    if (n.kind === "theme") { if (!filters.themes.has(i)) return false; }
    else if (!themesOf[i].some(function (t) { return filters.themes.has(t); })) return false;
  }
  // "Only these segments" hides what belongs to no segment too (themes, entities without rivals).
  if (segmentsNarrowed() && (n.seg === undefined || !filters.segments.has(n.seg))) return false;
  return true;
}
function edgePasses(ei) {
  var e = E[ei];
  if (!compareEdgePasses(ei)) return false;
  if (e.kind === "theme" || !evidenceKinds.length) return true;
  return edgeEvidence(e).some(function (k) { return filters.evidence.has(k); });
}
// Recompute visibility, flip vis-network's `hidden` flag on the drawn objects whose visibility
// changed, and rebuild the network's lists of drawn ids the way vis-network does after a data
// change. (A DataSet update re-parses every option of every changed node, and the network's
// own data-change pass walks its clustering state: together 150-250 ms at 5,000 nodes.)
// Physics is off; turning it on re-reads the whole state (page-main.js). Returns the number of
// changes.
function applyVisibility() {
  var body = network.body, changed = 0;
  for (var i = 0; i < N.length; i++) {
    var v = nodePasses(i) ? 1 : 0;
    if (v !== visible[i]) { visible[i] = v; body.nodes[i].options.hidden = !v; changed++; }
  }
  for (var ei = 0; ei < E.length; ei++) {
    var s = edgePasses(ei) ? 1 : 0;
    if (s !== edgeShown[ei]) { edgeShown[ei] = s; body.edges[ei].options.hidden = !s; changed++; }
  }
  if (!changed) return 0;
  var nodeIds = [], edgeIds = [];
  for (i = 0; i < N.length; i++) if (visible[i]) nodeIds.push(i);
  for (ei = 0; ei < E.length; ei++) if (edgeShown[ei] && visible[E[ei].from] && visible[E[ei].to]) edgeIds.push(ei);
  body.nodeIndices = nodeIds;
  body.edgeIndices = edgeIds;
  requestDraw();  // one drawing on the next frame, with any re-fit
  return changed;
}
function initVisibility() {
  filters = allFilters();
  visible.fill(1);
  edgeShown.fill(1);
  applyVisibility();
}
function applyFilters(opts) {
  var changed = applyVisibility();
  syncFilterBoxes();
  updateCounts();
  filterListeners.forEach(function (fn) { fn(); });
  if (changed && !(opts && opts.keepView)) fitNodes(null);
}
function resetFilters() { filters = allFilters(); applyFilters(); }
function onlySegment(s) { filters.segments = new Set([s]); applyFilters(); }
// The smallest filter change that shows entity i (never every filter at once).
function showEntity(i) {
  var n = N[i];
  compareShow(i);
  filters.kinds.add(n.kind);
  if (filters.themes.size && !nodePasses(i)) filters.themes = new Set();
  if (segmentsNarrowed() && n.seg !== undefined) filters.segments.add(n.seg);
  if (segmentsNarrowed() && n.seg === undefined) filters.segments = new Set(segs);
  applyFilters({ keepView: true });
}
function filtersAreDefault() {
  var d = allFilters();
  return ["kinds", "segments", "evidence"].every(function (k) { return filters[k].size === d[k].size; }) && !filters.themes.size;
}

// ---------------------------------------------------------------- the filter column
function filterBox(attr, value, checked, onChange) {
  var box = el("input", { type: "checkbox" });
  box.setAttribute(attr, value);
  box.checked = checked;
  box.addEventListener("change", function () { onChange(box.checked); applyFilters(); });
  return box;
}
function toggle(set, value) { return function (on) { if (on) set().add(value); else set().delete(value); }; }
var kindCountSpans = {};
function buildFilterColumn() {
  DATA.kinds.forEach(function (k) {
    var count = el("span", { className: "count" });
    kindCountSpans[k.kind] = count;
    byId("filter-kinds").appendChild(el("label", null, [
      filterBox("data-kind", k.kind, true, toggle(function () { return filters.kinds; }, k.kind)), " ",
      el("span", { className: "glyph", style: "color:" + k.color, text: k.glyph }), k.name + " ", count,
    ]));
  });
  byId("theme-section").hidden = !themeIdx.length;
  themeIdx.forEach(function (i) {
    var members = adj[i].filter(function (ei) { return E[ei].kind === "theme"; }).length;
    byId("filter-themes").appendChild(el("label", { title: N[i].label }, [
      filterBox("data-theme", N[i].id, false, toggle(function () { return filters.themes; }, i)), " " + N[i].label + " (" + members + ")",
    ]));
  });
  buildSegmentFilters();
  buildEvidenceFilters();
  byId("reset-filters").addEventListener("click", resetFilters);
}
function buildSegmentFilters() {
  if (!segs.length) return;
  byId("segment-section").hidden = false;
  byId("colour-by-label").hidden = false;
  segs.forEach(function (s) {
    var only = el("button", { type: "button", className: "only linkish", "data-only-segment": String(s), text: "only",
                              title: "Show only " + segmentLabel(s) });
    only.addEventListener("click", function () { onlySegment(s); });
    byId("filter-segments").appendChild(el("div", { className: "segment-row" }, [
      el("label", null, [
        filterBox("data-segment", String(s), true, toggle(function () { return filters.segments; }, s)), " ",
        el("span", { className: "glyph", style: "color:" + segmentColour(s), text: "\u25cf" }), segmentLabel(s) + " (" + segSize[s] + ")",
      ]), only,
    ]));
  });
}
function buildEvidenceFilters() {
  if (!evidenceKinds.length) return;
  byId("evidence-section").hidden = false;
  evidenceKinds.forEach(function (k) {
    byId("filter-evidence").appendChild(el("label", null, [
      filterBox("data-evidence", k, true, toggle(function () { return filters.evidence; }, k)), " " + k,
    ]));
  });
}
function syncFilterBoxes() {
  document.querySelectorAll("#filters input[type=checkbox]").forEach(function (b) {
    if (b.hasAttribute("data-kind")) b.checked = filters.kinds.has(b.getAttribute("data-kind"));
    else if (b.hasAttribute("data-segment")) b.checked = filters.segments.has(Number(b.getAttribute("data-segment")));
    else if (b.hasAttribute("data-evidence")) b.checked = filters.evidence.has(b.getAttribute("data-evidence"));
    else if (b.hasAttribute("data-theme")) b.checked = filters.themes.has(nodeIndexById[b.getAttribute("data-theme")]);
  });
  byId("reset-filters").disabled = filtersAreDefault();
}
function updateCounts() {
  var shownNodes = 0, shownEdges = 0, perKind = {}, drawnKind = {};
  for (var i = 0; i < N.length; i++) {
    drawnKind[N[i].kind] = (drawnKind[N[i].kind] || 0) + 1;
    if (visible[i]) { shownNodes++; perKind[N[i].kind] = (perKind[N[i].kind] || 0) + 1; }
  }
  E.forEach(function (e, ei) { if (visible[e.from] && visible[e.to] && edgeShown[ei]) shownEdges++; });
  Object.keys(kindCountSpans).forEach(function (k) {
    kindCountSpans[k].textContent = "(" + (perKind[k] || 0) + "/" + (drawnKind[k] || 0) + ")";
  });
  var status = byId("status");
  status.textContent = "Showing " + shownNodes + " of " + N.length + " entities \u00b7 " + shownEdges + " of " + E.length + " links";
  status.setAttribute("data-nodes", String(shownNodes));
  status.setAttribute("data-edges", String(shownEdges));
}

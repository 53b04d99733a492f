/* compare: a page built with `landscape build --compare REV` marks what changed since REV.
 * Entities and links added since REV wear a green halo; removed ones are in the data (placed
 * by the same seeded layout) but drawn only in the old state, ghosted and dashed, where the
 * added ones are hidden. Without DATA.compare nothing here changes the page. */
var CMP = DATA.compare || null;
var ADDED_HALO = DARK ? "rgba(80,220,140,0.95)" : "rgba(0,158,90,0.9)";
var GHOST = DARK ? "rgba(170,170,170,0.55)" : "rgba(120,120,120,0.55)";
var change = { node: new Int8Array(N.length), edge: new Int8Array(E.length) };  // 1 added, -1 removed
var showOld = false;
if (CMP) {
  CMP.added.nodes.forEach(function (i) { change.node[i] = 1; });
  CMP.removed.nodes.forEach(function (i) { change.node[i] = -1; });
  CMP.added.edges.forEach(function (k) { change.edge[k] = 1; });
  CMP.removed.edges.forEach(function (k) { change.edge[k] = -1; });
}
// Whether the state shown (now, or at REV) has this entity / link.
function inState(c) { return showOld ? c !== 1 : c !== -1; }
function compareNodePasses(i) { return inState(change.node[i]); }
function compareEdgePasses(ei) { return inState(change.edge[ei]); }

// Restyle one drawn node / link item for its change (called by nodeItem and edgeItem).
function markNode(item, i) {
  var c = change.node[i];
  if (c === 1 && !showOld) {
    item.shadow = { enabled: true, color: ADDED_HALO, size: 22, x: 0, y: 0 };
    item.borderWidth = 3;
  } else if (c === -1) {
    item.opacity = 0.45;
    item.size = Math.max(item.size || 0, 14);  // no metrics now: drawn at a readable size
    item.shapeProperties = { borderDashes: [4, 3] };
    item.borderWidth = 2;
    item.color = { background: GHOST, border: INK.text };
  }
  return item;
}
function markEdge(item, ei) {
  var c = change.edge[ei];
  if (c === 1 && !showOld) {
    item.shadow = { enabled: true, color: ADDED_HALO, size: 16, x: 0, y: 0 };
    item.width = (item.width || 1) + 3;
  } else if (c === -1) {
    item.dashes = [6, 5];
    item.color = { color: GHOST, highlight: GHOST, hover: GHOST, inherit: false };
  }
  return item;
}
function changeWord(c) { return c === 1 ? "Added since " + CMP.rev : "Removed since " + CMP.rev; }
function changeBadge(c) {
  if (!CMP || !c) return null;
  return el("span", { className: "badge change " + (c === 1 ? "added" : "removed"), text: changeWord(c) });
}
function setShowOld(on) {
  showOld = !!on;
  byId("show-old").checked = showOld;
  // the halo is for "added since REV": in the old state nothing added is drawn, so none shows
  nodesDS.update(CMP.added.nodes.map(function (i) { return nodeItem(N[i], i); }));
  edgesDS.update(CMP.added.edges.map(function (k) { return edgeItem(E[k], k); }));
  applyFilters({ keepView: true });
  if (selection) refreshSelection(); else showPlaceholder();
  renderLegend();
}
// Show entity i whatever the state: removed ones only exist at REV, added ones only now.
function compareShow(i) {
  if (CMP && !compareNodePasses(i)) setShowOld(!showOld);
}
function bindCompare() {
  if (!CMP) return;
  var box = el("input", { type: "checkbox", id: "show-old" });
  box.addEventListener("change", function () { setShowOld(box.checked); writeState(); });
  var label = el("label", { id: "show-old-label", title: "Draw the landscape as it was at " + CMP.rev +
    ": what was removed since, ghosted; what was added since, hidden" }, [box, " Show the state at " + CMP.rev]);
  byId("toolbar").insertBefore(label, byId("reset"));
}
// The panel when nothing is selected: the main changes since REV, in words.
function changesSection() {
  if (!CMP) return null;
  var items = CMP.summary.map(function (s) { return el("li", { text: s }); });
  return el("section", { className: "changes" }, [
    el("h2", { text: "Changes since " + CMP.rev }),
    items.length ? el("ul", null, items) : el("p", { className: "hint", text: "No change that stands out." }),
    el("p", { className: "hint", text: CMP.totals }),
    el("p", { className: "hint", text: showOld
      ? "Showing the state at " + CMP.rev + ": removed since then ghosted and dashed; added since then hidden."
      : "Added since " + CMP.rev + ": green halo. Removed since then: turn on \u201cShow the state at " + CMP.rev + "\u201d." }),
  ]);
}
function compareLegend() {
  if (!CMP) return [];
  if (showOld) return [
    { glyph: "\u25cf", colour: GHOST, name: "Removed since " + CMP.rev + " (ghosted, dashed outline)" },
    { line: true, colour: GHOST, width: 2, dashes: true, name: "Link removed since " + CMP.rev },
  ];
  return [
    { glyph: "\u25cf", colour: INK.text, halo: ADDED_HALO, name: "Added since " + CMP.rev + " (green halo)" },
    { line: true, colour: INK.edge || "#5a5a5a", width: 3, halo: ADDED_HALO, name: "Link added since " + CMP.rev },
  ];
}

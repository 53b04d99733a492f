/* select: what is selected or hovered, the fade that makes it stand out, and the view that
 * frames it. */
var selection = null; // {node: i} or {edge: ei}
var selectionListeners = [];

function selectNode(i, opts) {
  perf.selectStart = performance.now();
  selection = { node: i };
  if (visible[i]) {
    view.highlight = neighbourhood(i);
    network.selectNodes([i], true);
    byId("status-hidden").textContent = "";
  } else {
    view.highlight = null;
    network.unselectAll();
    byId("status-hidden").textContent = N[i].label + " is hidden by the current filters (see the panel).";
  }
  showPanel(nodePanel(i));
  openDrawer("panel");
  if (opts && opts.focus && visible[i]) fitNodes(view.highlight.nodes);
  else requestDraw();
  selectionListeners.forEach(function (fn) { fn(); });
}
function selectEdge(ei) {
  perf.selectStart = performance.now();
  selection = { edge: ei };
  view.highlight = { nodes: [E[ei].from, E[ei].to], edges: [ei] };
  network.selectEdges([ei]);
  showPanel(edgePanel(ei));
  openDrawer("panel");
  requestDraw();
  selectionListeners.forEach(function (fn) { fn(); });
}
function clearSelection() {
  selection = null;
  view.highlight = null;
  byId("status-hidden").textContent = "";
  network.unselectAll();
  showPlaceholder();
  requestDraw();
  selectionListeners.forEach(function (fn) { fn(); });
}
// After a filter change: keep the selection if it is still shown, with its new neighbourhood.
function refreshSelection() {
  if (!selection) return;
  if (selection.node !== undefined) {
    if (visible[selection.node]) { view.highlight = neighbourhood(selection.node); showPanel(nodePanel(selection.node)); requestDraw(); }
    else clearSelection();
  } else {
    var e = E[selection.edge];
    if (!(visible[e.from] && visible[e.to] && edgeShown[selection.edge])) clearSelection();
  }
}
function zoomToSelection() {
  if (selection && selection.node !== undefined && visible[selection.node]) fitNodes(neighbourhood(selection.node).nodes);
  else if (selection && selection.edge !== undefined) fitNodes([E[selection.edge].from, E[selection.edge].to]);
  else fitNodes(null);
}
function bindSelectionEvents() {
  network.on("click", function (p) {
    if (p.nodes.length) selectNode(p.nodes[0], { focus: false });
    else if (p.edges.length) selectEdge(p.edges[0]);
    else clearSelection();
  });
  network.on("hoverNode", function (p) { view.hover = neighbourhood(p.node); requestDraw(); });
  network.on("blurNode", function () { view.hover = null; requestDraw(); });
  byId("panel-close").addEventListener("click", function () { clearSelection(); closeDrawers(); });
  document.addEventListener("keydown", function (ev) {
    var tag = ev.target && ev.target.tagName;
    if (ev.key === "Escape" && tag !== "INPUT" && tag !== "SELECT" && tag !== "TEXTAREA") { clearSelection(); closeDrawers(); }
  });
  filterListeners.push(refreshSelection);
}

// ---------------------------------------------------------------- drawers (narrow screens)
function narrow() { return window.matchMedia("(max-width: 900px)").matches; }
function openDrawer(which) {
  if (!narrow()) return;
  byId(which === "panel" ? "panel" : "filters").classList.add("open");
  byId(which === "panel" ? "filters" : "panel").classList.remove("open");
  syncDrawerButtons();
}
function closeDrawers() {
  byId("panel").classList.remove("open");
  byId("filters").classList.remove("open");
  syncDrawerButtons();
}
function syncDrawerButtons() {
  byId("toggle-filters").setAttribute("aria-expanded", String(byId("filters").classList.contains("open")));
  byId("toggle-panel").setAttribute("aria-expanded", String(byId("panel").classList.contains("open")));
}
function bindDrawers() {
  [["toggle-filters", "filters"], ["toggle-panel", "panel"]].forEach(function (p) {
    byId(p[0]).addEventListener("click", function () {
      if (byId(p[1]).classList.contains("open")) closeDrawers(); else { byId(p[1]).classList.add("open"); openDrawer(p[1]); }
    });
  });
}

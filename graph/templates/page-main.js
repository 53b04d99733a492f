/* main: the header, the toolbar, and the order in which the parts start. Fills in the test
 * hook window.__landscape (created in page-data.js): {perf, network, nodes, edges, data, search,
 * selectNode, selectEdge, clearSelection, state, csv}. */
function renderHeader() {
  var t = DATA.total;
  var counts = DATA.kinds.map(function (k) { return plural(t.kinds[k.kind] || 0, k.name.toLowerCase(), k.plural.toLowerCase()); });
  byId("counts").textContent = counts.concat([
    plural(t.edgeKinds.competes || 0, "rivalry", "rivalries"),
    plural(t.edgeKinds.theme || 0, "theme membership", "theme memberships"),
  ]).join(" \u00b7 ");
  byId("documents").textContent = "Built from: " + (DATA.documents.length ? DATA.documents.join(", ") : "(no documents recorded)");
  byId("settings").textContent = DATA.settings || "";
  if (DATA.note) { byId("note").textContent = "Partial view: " + DATA.note + "."; byId("note").hidden = false; }
}
function setMetric(k) {
  view.metric = k;
  byId("size-by").value = String(k);
  restyleNodes(function (i) { return { id: i, size: sizeOf(i) }; });
  renderLegend();
}
function setColourBy(by) {
  view.colourBy = by;
  byId("colour-by").value = by;
  restyleNodes(function (i) { return { id: i, color: colourOf(i) }; });
  renderLegend();
}
function bindToolbar() {
  var sizeBy = byId("size-by");
  DATA.metrics.forEach(function (m, k) { sizeBy.appendChild(el("option", { value: String(k), text: m.name })); });
  sizeBy.addEventListener("change", function () { setMetric(Number(sizeBy.value)); writeState(); });
  byId("colour-by").addEventListener("change", function () { setColourBy(byId("colour-by").value); writeState(); });
  byId("reset").addEventListener("click", function () { clearSelection(); fitNodes(null); });
  byId("zoom-selection").addEventListener("click", zoomToSelection);
  byId("save-png").addEventListener("click", savePng);
  var physics = byId("physics");
  physics.checked = false;
  physics.addEventListener("change", function () {
    if (physics.checked) network.body.emitter.emit("_dataChanged");  // let physics see the filters
    network.setOptions({ physics: { enabled: physics.checked } });
  });
}

// The map and everything bound to it; on a capped page it starts once the overview is drawn.
function startMap() {
  createNetwork(byId("network"));
  initVisibility();
  buildFilterColumn();
  bindToolbar();
  bindCompare();
  bindSelectionEvents();
  bindDrawers();
  bindSearch();
  bindTable();
  bindState();
  showPlaceholder();
  renderLegend();
  updateCounts();
  syncFilterBoxes();
  fitNodes(null);
  if (location.hash.length > 1) { showOverview(false); restoreState(location.hash); }  // a linked view opens on the map
  fillHook();
}
function fillHook() {
  hook.network = network;
  hook.nodes = nodesDS;
  hook.edges = edgesDS;
  hook.data = DATA;
  hook.search = search;
  hook.selectNode = selectNode;
  hook.selectEdge = selectEdge;
  hook.clearSelection = clearSelection;
  hook.csv = tableCsv;
  hook.overview = overviewNet;
  hook.openSegment = openSegment;
  hook.state = function () { return { filters: filters, view: view, selection: selection, fragment: fragmentOf() }; };
}

renderHeader();
if (OV) {
  buildOverview();
  overviewNet.once("afterDrawing", function () { setTimeout(startMap, 0); });
} else {
  startMap();
}

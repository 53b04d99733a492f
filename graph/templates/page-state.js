/* state: the view in the URL fragment, so a view can be linked and survives a reload:
 * #entity=modal-labs&kind=company,competitor&theme=...&segment=1,2&evidence=...&color=segment&size=pagerank&view=table
 * Only what differs from the default is written. */
var restoring = false;

function parseFragment(hash) {
  var out = {};
  hash.replace(/^#/, "").split("&").forEach(function (part) {
    var eq = part.indexOf("=");
    if (eq <= 0) return;
    out[decodeURIComponent(part.slice(0, eq))] = part.slice(eq + 1).split(",").filter(Boolean).map(decodeURIComponent);
  });
  return out;
}
function fragmentOf() {
  var d = allFilters(), parts = [];
  function put(name, values) { parts.push(name + "=" + values.map(encodeURIComponent).join(",")); }
  if (selection && selection.node !== undefined) put("entity", [N[selection.node].id]);
  if (filters.kinds.size !== d.kinds.size) put("kind", DATA.kinds.map(function (k) { return k.kind; }).filter(function (k) { return filters.kinds.has(k); }));
  if (filters.themes.size) put("theme", themeIdx.filter(function (i) { return filters.themes.has(i); }).map(function (i) { return N[i].id; }));
  if (filters.segments.size !== d.segments.size) put("segment", segs.filter(function (s) { return filters.segments.has(s); }).map(String));
  if (filters.evidence.size !== d.evidence.size) put("evidence", evidenceKinds.filter(function (k) { return filters.evidence.has(k); }));
  if (view.colourBy !== "kind") put("color", [view.colourBy]);
  if (view.metric !== 0) put("size", [DATA.metrics[view.metric].key]);
  if (tableOpen) put("view", ["table"]);
  if (CMP && showOld) put("compare", ["old"]);
  return parts.join("&");
}
function writeState() {
  if (restoring) return;
  var frag = fragmentOf();
  if (frag === location.hash.replace(/^#/, "")) return;
  history.replaceState(null, "", frag ? "#" + frag : location.pathname + location.search);
}
function setIfKnown(set, values, known) { values.forEach(function (v) { if (known.indexOf(v) >= 0) set.add(v); }); }
function restoreState(hash) {
  var st = parseFragment(hash);
  restoring = true;
  filters = allFilters();
  if (st.kind) { filters.kinds = new Set(); setIfKnown(filters.kinds, st.kind, DATA.kinds.map(function (k) { return k.kind; })); }
  if (st.theme) st.theme.forEach(function (id) { if (nodeIndexById[id] !== undefined && N[nodeIndexById[id]].kind === "theme") filters.themes.add(nodeIndexById[id]); });
  if (st.segment) { filters.segments = new Set(); setIfKnown(filters.segments, st.segment.map(Number), segs); }
  if (st.evidence) { filters.evidence = new Set(); setIfKnown(filters.evidence, st.evidence, evidenceKinds); }
  setColourBy(st.color && st.color[0] === "segment" && segs.length ? "segment" : "kind");
  var metric = DATA.metrics.map(function (m) { return m.key; }).indexOf(st.size ? st.size[0] : DATA.metrics[0].key);
  setMetric(metric < 0 ? 0 : metric);
  var old = !!(CMP && st.compare && st.compare[0] === "old");
  if (CMP && old !== showOld) setShowOld(old);
  applyFilters();
  showTable(!!(st.view && st.view[0] === "table"));
  var i = st.entity ? nodeIndexById[st.entity[0]] : undefined;
  if (i !== undefined) selectNode(i, { focus: true }); else if (selection) clearSelection();
  restoring = false;
}
function bindState() {
  filterListeners.push(writeState);
  selectionListeners.push(writeState);
  window.addEventListener("hashchange", function () { if (location.hash.replace(/^#/, "") !== fragmentOf()) restoreState(location.hash); });
}

/* table: every shown entity as a row (kind, segment, rivals, themes, metrics), sortable,
 * linked to the selection, downloadable as CSV. Built only while the table is open. */
var tableSort = { column: "name", descending: false };
var TABLE_MAX_ROWS = 1000;
var tableOpen = false;

function tableColumns() {
  var cols = [
    { key: "name", name: "Name", value: function (i) { return N[i].label; } },
    { key: "kind", name: "Kind", value: function (i) { return styleOf(N[i].kind).name; } },
    { key: "segment", name: "Segment", value: function (i) { return N[i].seg === undefined ? "" : segmentLabel(N[i].seg); },
      order: function (i) { return N[i].seg === undefined ? Infinity : N[i].seg; } },
    { key: "rivals", name: "Rivals", numeric: true, value: rivalCount },
    { key: "themes", name: "Themes", value: function (i) { return themesOf[i].map(labelOf).sort(compareText).join("; "); } },
  ];
  DATA.metrics.forEach(function (m, k) {
    cols.push({ key: m.key, name: m.name, numeric: true, value: function (i) { return N[i].m[k]; } });
  });
  return cols;
}
var COLUMNS = tableColumns();

function shownRows() {
  var col = COLUMNS.filter(function (c) { return c.key === tableSort.column; })[0] || COLUMNS[0];
  var key = col.order || col.value, numeric = col.numeric || col.order, value = {};
  var rows = [];
  for (var i = 0; i < N.length; i++) {
    if (!visible[i]) continue;
    rows.push(i);
    value[i] = numeric ? key(i) : String(key(i)).toLowerCase();  // each key once, not per comparison
  }
  rows.sort(function (a, b) {
    var c = numeric ? value[a] - value[b] : compareText(value[a], value[b]);
    return (tableSort.descending ? -c : c) || compareText(N[a].label, N[b].label) || a - b;
  });
  return rows;
}
function renderTable() {
  if (!tableOpen) return;
  var table = byId("entity-table");
  clear(table);
  var head = el("tr", null, COLUMNS.map(function (c) {
    var sorted = tableSort.column === c.key;
    var th = el("th", { scope: "col", "data-column": c.key, "aria-sort": sorted ? (tableSort.descending ? "descending" : "ascending") : "none" },
      [el("button", { type: "button", className: "sort", text: c.name + (sorted ? (tableSort.descending ? " \u25bc" : " \u25b2") : "") })]);
    th.addEventListener("click", function () { sortTable(c.key); });
    return th;
  }));
  table.appendChild(el("thead", null, [head]));
  var body = el("tbody"), rows = shownRows();
  // A 5,000-row table takes most of a second to lay out; the CSV has every row.
  byId("table-note").textContent = rows.length > TABLE_MAX_ROWS
    ? "The first " + TABLE_MAX_ROWS + " of " + rows.length + " rows in this order; Download CSV has all of them." : "";
  rows.slice(0, TABLE_MAX_ROWS).forEach(function (i) {
    var tr = el("tr", { "data-node": N[i].id }, COLUMNS.map(function (c) {
      var v = c.value(i);
      return el("td", { className: c.numeric ? "num" : "", text: c.numeric && c.key !== "rivals" ? fmtMetric(v) : String(v) });
    }));
    if (selection && selection.node === i) tr.className = "selected";
    tr.addEventListener("click", function () { selectNode(i, { focus: true }); });
    body.appendChild(tr);
  });
  table.appendChild(body);
}
function markSelectedRow() {
  if (!tableOpen) return;
  var id = selection && selection.node !== undefined ? N[selection.node].id : null;
  byId("entity-table").querySelectorAll("tbody tr").forEach(function (tr) {
    tr.className = tr.getAttribute("data-node") === id ? "selected" : "";
  });
}
function sortTable(column) {
  tableSort = { column: column, descending: tableSort.column === column ? !tableSort.descending : false };
  renderTable();
  writeState();
}
function showTable(open) {
  tableOpen = open;
  byId("table-view").hidden = !open;
  byId("network").hidden = open;
  byId("toggle-table").setAttribute("aria-pressed", String(open));
  byId("toggle-table").textContent = open ? "Map" : "Table";
  if (open) renderTable(); else requestDraw();
}
// A CSV cell: quoted when needed, and never read as a formula by a spreadsheet.
function csvCell(v) {
  var s = String(v === undefined || v === null ? "" : v);
  if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
  return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}
function tableCsv() {
  var lines = [COLUMNS.map(function (c) { return csvCell(c.name); }).join(",")];
  shownRows().forEach(function (i) {
    lines.push(COLUMNS.map(function (c) { return csvCell(c.value(i)); }).join(","));
  });
  return lines.join("\r\n") + "\r\n";
}
function bindTable() {
  byId("toggle-table").addEventListener("click", function () { showTable(!tableOpen); writeState(); });
  byId("download-csv").addEventListener("click", function () { download(slugTitle() + ".csv", "data:text/csv;charset=utf-8," + encodeURIComponent(tableCsv())); });
  filterListeners.push(renderTable);
  selectionListeners.push(markSelectedRow);
}

/* export: the legend (drawn in the filter column and on the PNG), the PNG with title, legend
 * and active filters, and file downloads. */
function legendEntries() {
  var rows = [];
  var bySegment = view.colourBy === "segment";
  DATA.kinds.forEach(function (k) {
    rows.push({ glyph: k.glyph, colour: bySegment ? INK.text : k.color, name: k.name });
  });
  if (bySegment) {
    var others = false;
    segs.forEach(function (s) {
      if (DATA.segmentColours[String(s)] === DATA.segmentOther) others = true;
      else rows.push({ glyph: "\u25cf", colour: segmentColour(s), name: segmentLabel(s) });
    });
    rows.push({ glyph: "\u25cf", colour: DATA.segmentOther, name: others ? "Smaller segments, no segment" : "No segment" });
  }
  var edgeKinds = ["competes", "mutual", "theme"].concat(evidenceKinds.indexOf("prose") >= 0 ? ["prose"] : []);
  edgeKinds.forEach(function (key) {
    var s = DATA.edgeStyles[key];
    rows.push({ line: true, colour: (key === "competes" || key === "prose") && INK.edge ? INK.edge : s.color,
                width: Math.max(s.width, 1), dashes: s.dashes, name: s.name });
  });
  return rows.concat(compareLegend());
}
function renderLegend() {
  var legend = byId("legend");
  clear(legend);
  legendEntries().forEach(function (r) {
    var mark = r.line
      ? el("span", { className: "swatch-line", style: "border-top:" + r.width + "px " + (r.dashes ? "dashed " : "solid ") + r.colour +
                     (r.halo ? ";box-shadow:0 0 5px 2px " + r.halo : "") })
      : el("span", { className: "glyph", style: "color:" + r.colour + (r.halo ? ";text-shadow:0 0 4px " + r.halo + ",0 0 8px " + r.halo : ""),
                     text: r.glyph });
    legend.appendChild(el("div", { className: "legend-row" }, [mark, r.name]));
  });
  legend.appendChild(el("div", { className: "legend-row hint", text: "Node size: " + DATA.metrics[view.metric].name }));
  legend.appendChild(el("div", { className: "legend-row hint", text: "Positions computed in advance; segments placed together." }));
}
function filterSummary() {
  if (filtersAreDefault()) return "All entities shown";
  var d = allFilters(), parts = [];
  if (filters.kinds.size !== d.kinds.size) parts.push("kinds: " + DATA.kinds.filter(function (k) { return filters.kinds.has(k.kind); }).map(function (k) { return k.name; }).join(", "));
  if (filters.themes.size) parts.push("themes: " + themeIdx.filter(function (i) { return filters.themes.has(i); }).map(labelOf).join(", "));
  if (filters.segments.size !== d.segments.size) parts.push("segments: " + segs.filter(function (s) { return filters.segments.has(s); }).join(", "));
  if (filters.evidence.size !== d.evidence.size) parts.push("evidence: " + Array.from(filters.evidence).join(", "));
  return "Filters \u2014 " + parts.join("; ");
}
function slugTitle() {
  return (DATA.title || "landscape").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "landscape";
}
function download(name, href) {
  var a = el("a", { href: href, download: name });
  document.body.appendChild(a);
  a.click();
  a.remove();
}
function pngCanvas() {
  var map = byId("network").querySelector("canvas");
  var rows = legendEntries().slice(0, 40);
  var pad = 16, legendW = 260, titleH = 52, footH = 28;
  var out = document.createElement("canvas");
  out.width = map.width + legendW + pad;
  out.height = Math.max(map.height, rows.length * 20 + pad) + titleH + footH;
  var ctx = out.getContext("2d");
  ctx.fillStyle = INK.background;
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.fillStyle = INK.text;
  ctx.font = "bold 20px system-ui, sans-serif";
  ctx.fillText(truncate(DATA.title || "Competitive landscape", 90), pad, 30);
  ctx.font = "13px system-ui, sans-serif";
  ctx.fillText(byId("status").textContent, pad, 46);
  ctx.drawImage(map, 0, titleH);
  rows.forEach(function (r, k) { drawLegendRow(ctx, r, map.width + pad, titleH + pad + k * 20); });
  ctx.fillStyle = INK.text;
  ctx.fillText(truncate(filterSummary(), 160), pad, out.height - 10);
  return out;
}
function drawLegendRow(ctx, r, x, y) {
  ctx.fillStyle = r.colour;
  ctx.strokeStyle = r.colour;
  if (r.line) {
    ctx.lineWidth = r.width;
    ctx.setLineDash(r.dashes ? [4, 3] : []);
    ctx.beginPath(); ctx.moveTo(x, y - 4); ctx.lineTo(x + 24, y - 4); ctx.stroke();
    ctx.setLineDash([]);
  } else {
    ctx.font = "14px system-ui, sans-serif";
    ctx.fillText(r.glyph, x + 6, y);
  }
  ctx.fillStyle = INK.text;
  ctx.font = "13px system-ui, sans-serif";
  ctx.fillText(truncate(r.name, 34), x + 32, y);
}
function savePng() { download(slugTitle() + ".png", pngCanvas().toDataURL("image/png")); }

/* Landscape explorer page. Reads its data from the JSON script element #landscape-data
 * and puts document text on screen only through textContent, attribute values and vis-network's
 * text tooltips: never as markup. */
(function () {
  "use strict";

  var DATA = JSON.parse(document.getElementById("landscape-data").textContent);
  var N = DATA.nodes;
  var E = DATA.edges;
  var perf = (window.__landscapePerf = { firstDraw: null, lastDraw: null, selectStart: null, drawCount: 0 });

  // ------------------------------------------------------------------ helpers
  function el(tag, props, children) {
    var node = document.createElement(tag);
    if (props) {
      Object.keys(props).forEach(function (k) {
        if (k === "text") node.textContent = props[k];
        else if (k === "className") node.className = props[k];
        else if (k === "onclick") node.addEventListener("click", props[k]);
        else node.setAttribute(k, props[k]);
      });
    }
    (children || []).forEach(function (c) {
      if (c === null || c === undefined) return;
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function byId(id) { return document.getElementById(id); }
  function labelOf(ref) { return typeof ref === "number" ? N[ref].label : String(ref); }
  // A source is [path, line, section], path and section indexes into DATA.strings.
  function str(k) { return k === null || k === undefined ? "" : DATA.strings[k]; }
  function srcText(s) {
    if (!s) return "";
    return str(s[0]) + (s[1] !== null && s[1] !== undefined ? ":" + s[1] : "");
  }
  function srcSection(s) { return s ? str(s[2]) : ""; }
  function srcSpan(s) {
    if (!s) return null;
    var span = el("span", { className: "src", text: " " + srcText(s) });
    if (srcSection(s)) span.title = srcSection(s);
    return span;
  }
  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }
  function fmtNumber(v) {
    if (typeof v !== "number") return String(v);
    if (Math.abs(v) >= 1e9) return "$" + (v / 1e9).toFixed(v % 1e9 === 0 ? 0 : 1) + "B";
    if (Math.abs(v) >= 1e6) return "$" + (v / 1e6).toFixed(v % 1e6 === 0 ? 0 : 1) + "M";
    return "$" + v.toLocaleString("en-US");
  }
  function fmtMetric(v) { return Number.isInteger(v) ? String(v) : v.toPrecision(3); }

  var kindStyle = {};
  DATA.kinds.forEach(function (k) { kindStyle[k.kind] = k; });
  function styleOf(kind) { return kindStyle[kind] || { color: "#999999", shape: "dot", glyph: "\u25cf", name: kind }; }

  // ------------------------------------------------------------------ indexes
  var adj = N.map(function () { return []; });
  var themesOf = N.map(function () { return []; });
  E.forEach(function (e, i) {
    adj[e.from].push(i);
    adj[e.to].push(i);
    if (e.kind === "theme") themesOf[e.to].push(e.from);
  });
  var themeIdx = [];
  N.forEach(function (n, i) { if (n.kind === "theme") themeIdx.push(i); });
  themeIdx.sort(function (a, b) { return N[a].label < N[b].label ? -1 : N[a].label > N[b].label ? 1 : a - b; });
  var segs = [];
  N.forEach(function (n) { if (n.seg !== undefined && segs.indexOf(n.seg) < 0) segs.push(n.seg); });
  segs.sort(function (a, b) { return a - b; });

  // ------------------------------------------------------------------ state and filters
  var state = {
    kinds: new Set(DATA.kinds.map(function (k) { return k.kind; })),
    themes: new Set(),
    segments: new Set(segs),
    metric: 0,
    colourBy: "kind",
    highlight: null,
    highlightEdges: [],
    selected: null,
  };
  var visible = new Uint8Array(N.length);

  function nodePasses(i) {
    var n = N[i];
    if (!state.kinds.has(n.kind)) return false;
    if (state.themes.size) {
      if (n.kind === "theme") { if (!state.themes.has(i)) return false; }
      else if (!themesOf[i].some(function (t) { return state.themes.has(t); })) return false;
    }
    if (segs.length && n.seg !== undefined && !state.segments.has(n.seg)) return false;
    return true;
  }
  function computeVisible() { for (var i = 0; i < N.length; i++) visible[i] = nodePasses(i) ? 1 : 0; }
  computeVisible();

  // ------------------------------------------------------------------ vis data
  var metricMax = DATA.metrics.map(function (_, k) {
    var m = 0;
    N.forEach(function (n) { if (n.m[k] > m) m = n.m[k]; });
    return m;
  });
  function sizeOf(i) {
    var max = metricMax[state.metric];
    var v = N[i].m[state.metric] || 0;
    return 8 + (max > 0 ? 22 * Math.sqrt(Math.max(v, 0) / max) : 0);
  }
  function colourOf(i) {
    var n = N[i];
    if (state.colourBy === "segment" && n.seg !== undefined) return DATA.segmentPalette[n.seg % DATA.segmentPalette.length];
    return styleOf(n.kind).color;
  }
  function tooltipOf(i) {
    var n = N[i];
    var lines = [n.label, styleOf(n.kind).name];
    if (n.aliases) lines.push("Also: " + n.aliases.join(", "));
    return lines.join("\n");
  }
  function edgeStyle(e) { return DATA.edgeStyles[e.kind === "theme" ? "theme" : e.mutual ? "mutual" : "competes"]; }

  var nodesDS = new vis.DataSet(N.map(function (n, i) {
    return {
      id: i, x: n.x, y: n.y, label: n.label, shape: styleOf(n.kind).shape,
      size: sizeOf(i), color: colourOf(i), title: tooltipOf(i),
    };
  }));
  var edgesDS = new vis.DataSet(E.map(function (e, i) {
    var s = edgeStyle(e);
    var title = e.kind === "theme"
      ? labelOf(e.from) + " \u2014 member: " + labelOf(e.to)
      : labelOf(e.from) + " \u2014 " + labelOf(e.to) + (e.mutual ? " (mutual rivalry)" : " (rivalry)");
    return { id: i, from: e.from, to: e.to, width: s.width, dashes: s.dashes,
             color: { color: s.color, highlight: s.color, hover: s.color, inherit: false }, title: title };
  }));
  var nodeView = new vis.DataView(nodesDS, { filter: function (item) { return visible[item.id] === 1; } });
  var edgeView = new vis.DataView(edgesDS, {
    filter: function (item) { return visible[E[item.id].from] === 1 && visible[E[item.id].to] === 1; },
  });

  var large = N.length > DATA.physicsMaxNodes;
  var options = {
    autoResize: true,
    layout: { improvedLayout: false, randomSeed: 1 },
    physics: {
      enabled: !large,
      solver: "barnesHut",
      stabilization: { enabled: true, iterations: 300, fit: true, updateInterval: 50 },
    },
    nodes: {
      borderWidth: 1,
      font: { size: 14, face: "system-ui, sans-serif", strokeWidth: 3, strokeColor: "#ffffff" },
      scaling: { label: { drawThreshold: 6 } },
    },
    edges: { smooth: false, selectionWidth: 1.5, hoverWidth: 0 },
    interaction: {
      hover: N.length <= 1000, tooltipDelay: 150, multiselect: false,
      hideEdgesOnDrag: large, hideEdgesOnZoom: E.length > 3000,
    },
  };
  var container = byId("network");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, options);

  network.on("beforeDrawing", function (ctx) {
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    ctx.restore();
  });
  network.on("afterDrawing", function (ctx) {
    if (state.highlight) drawHighlight(ctx);
    var t = performance.now();
    perf.drawCount += 1;
    if (perf.firstDraw === null) perf.firstDraw = t;
    perf.lastDraw = t;
    if (perf.ready === null && (large || stabilized)) perf.ready = t;
  });
  // Dim everything, then draw the highlighted neighbourhood again on top: one pass over the
  // neighbourhood instead of restyling every node and edge of a large landscape.
  function drawHighlight(ctx) {
    var body = network.body;
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = "rgba(255,255,255,0.8)";
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    ctx.restore();
    state.highlightEdges.forEach(function (id) {
      var e = body.edges[id];
      if (e && e.connected) e.draw(ctx);
    });
    state.highlight.forEach(function (id) {
      var n = body.nodes[id];
      if (n) n.draw(ctx);
    });
  }
  var physicsBox = byId("physics");
  physicsBox.checked = !large;
  // Small pages stabilise once from the precomputed positions, then freeze; perf.ready is the
  // time of the first complete drawing of the final picture.
  var stabilized = large;
  perf.ready = null;
  network.once("stabilizationIterationsDone", function () {
    stabilized = true;
    network.setOptions({ physics: { enabled: false } });
    physicsBox.checked = false;
    network.fit({ animation: false });
  });
  physicsBox.addEventListener("change", function () {
    network.setOptions({ physics: { enabled: physicsBox.checked } });
  });

  // ------------------------------------------------------------------ header
  var t = DATA.total;
  var kindCounts = DATA.kinds.map(function (k) {
    var c = t.kinds[k.kind] || 0;
    return plural(c, k.name.toLowerCase(), k.plural.toLowerCase());
  });
  byId("counts").textContent = kindCounts.concat([
    plural(t.edgeKinds.competes || 0, "rivalry", "rivalries"),
    plural(t.edgeKinds.theme || 0, "theme membership", "theme memberships"),
  ]).join(" \u00b7 ");
  byId("documents").textContent = DATA.documents.length
    ? "Built from: " + DATA.documents.join(", ")
    : "Built from: (no documents recorded)";
  if (DATA.note) { byId("note").textContent = "Partial view: " + DATA.note + "."; byId("note").hidden = false; }

  // ------------------------------------------------------------------ filters UI
  var kindLabels = {};
  DATA.kinds.forEach(function (k) {
    var box = el("input", { type: "checkbox", "data-kind": k.kind });
    box.checked = true;
    box.addEventListener("change", function () {
      if (box.checked) state.kinds.add(k.kind); else state.kinds.delete(k.kind);
      applyFilters();
    });
    var count = el("span", { className: "count" });
    kindLabels[k.kind] = count;
    byId("filter-kinds").appendChild(el("label", null, [
      box, " ", el("span", { className: "glyph", style: "color:" + k.color, text: k.glyph }), k.name + " ", count,
    ]));
  });
  if (!themeIdx.length) byId("theme-section").hidden = true;
  themeIdx.forEach(function (i) {
    var box = el("input", { type: "checkbox", "data-theme": N[i].id });
    box.addEventListener("change", function () {
      if (box.checked) state.themes.add(i); else state.themes.delete(i);
      applyFilters();
    });
    var members = adj[i].filter(function (ei) { return E[ei].kind === "theme"; }).length;
    byId("filter-themes").appendChild(el("label", { title: N[i].label }, [box, " " + N[i].label + " (" + members + ")"]));
  });
  if (segs.length) {
    byId("segment-section").hidden = false;
    byId("colour-by-label").hidden = false;
    segs.forEach(function (s) {
      var box = el("input", { type: "checkbox", "data-segment": String(s) });
      box.checked = true;
      box.addEventListener("change", function () {
        if (box.checked) state.segments.add(s); else state.segments.delete(s);
        applyFilters();
      });
      var n = N.filter(function (x) { return x.seg === s; }).length;
      var colour = DATA.segmentPalette[s % DATA.segmentPalette.length];
      byId("filter-segments").appendChild(el("label", null, [
        box, " ", el("span", { className: "glyph", style: "color:" + colour, text: "\u25cf" }), segmentLabel(s) + " (" + n + ")",
      ]));
    });
  }

  // legend
  var legend = byId("legend");
  DATA.kinds.forEach(function (k) {
    legend.appendChild(el("div", { className: "legend-row" }, [
      el("span", { className: "glyph", style: "color:" + k.color, text: k.glyph }), k.name,
    ]));
  });
  ["competes", "mutual", "theme"].forEach(function (key) {
    var s = DATA.edgeStyles[key];
    legend.appendChild(el("div", { className: "legend-row" }, [
      el("span", { className: "swatch-line", style: "border-top:" + Math.max(s.width, 1) + "px " + (s.dashes ? "dashed " : "solid ") + s.color }),
      s.name,
    ]));
  });
  var sizeNote = el("div", { className: "legend-row hint" });
  legend.appendChild(sizeNote);
  legend.appendChild(el("div", { className: "legend-row hint",
    text: "Layout computed in advance; physics starts off above " + DATA.physicsMaxNodes + " entities." }));

  var sizeBy = byId("size-by");
  DATA.metrics.forEach(function (m, k) { sizeBy.appendChild(el("option", { value: String(k), text: m.name })); });
  function updateSizeNote() { sizeNote.textContent = "Node size: " + DATA.metrics[state.metric].name; }
  updateSizeNote();
  sizeBy.addEventListener("change", function () {
    state.metric = Number(sizeBy.value);
    nodesDS.update(N.map(function (_, i) { return { id: i, size: sizeOf(i) }; }));
    updateSizeNote();
  });
  byId("colour-by").addEventListener("change", function () {
    state.colourBy = byId("colour-by").value;
    nodesDS.update(N.map(function (_, i) { return { id: i, color: colourOf(i) }; }));
  });

  function updateCounts() {
    var shownNodes = 0, shownEdges = 0, perKind = {};
    for (var i = 0; i < N.length; i++) {
      if (visible[i]) { shownNodes++; perKind[N[i].kind] = (perKind[N[i].kind] || 0) + 1; }
    }
    E.forEach(function (e) { if (visible[e.from] && visible[e.to]) shownEdges++; });
    var drawnKind = {};
    N.forEach(function (n) { drawnKind[n.kind] = (drawnKind[n.kind] || 0) + 1; });
    Object.keys(kindLabels).forEach(function (k) {
      kindLabels[k].textContent = "(" + (perKind[k] || 0) + "/" + (drawnKind[k] || 0) + ")";
    });
    byId("status").textContent = "Showing " + shownNodes + " of " + N.length + " entities \u00b7 " +
      shownEdges + " of " + E.length + " links";
    byId("status").setAttribute("data-nodes", String(shownNodes));
    byId("status").setAttribute("data-edges", String(shownEdges));
  }
  function applyFilters() {
    computeVisible();
    nodeView.refresh();
    edgeView.refresh();
    if (state.selected && state.selected.node !== undefined && !visible[state.selected.node]) clearSelection();
    else if (state.selected) reselect();
    updateCounts();
  }
  function resetFilters() {
    state.kinds = new Set(DATA.kinds.map(function (k) { return k.kind; }));
    state.themes = new Set();
    state.segments = new Set(segs);
    document.querySelectorAll("#filters input[type=checkbox]").forEach(function (b) {
      b.checked = !b.hasAttribute("data-theme");
    });
    applyFilters();
  }
  updateCounts();

  // ------------------------------------------------------------------ selection and panel
  var panel = byId("panel");
  var panelBody = byId("panel-body");
  // The panel keeps its width whether or not something is selected, so opening it never
  // resizes (and shifts) the drawing.
  function showPlaceholder() {
    showPanel([el("p", { className: "hint placeholder",
      text: "Click a node or a link, or search (press /), to see its profile, rivals, claims and sources." })]);
  }
  showPlaceholder();
  function jumpButton(ref) {
    if (typeof ref !== "number") return el("span", { text: String(ref) });
    return el("button", { type: "button", className: "linkish", "data-node": N[ref].id, text: N[ref].label,
      onclick: function () { selectNode(ref, { focus: true }); } });
  }
  function claimItem(c) {
    return el("li", { className: "claim-row" }, [
      el("span", { className: "claim" }, [
        el("strong", { text: labelOf(c.by) }), " vs. " + labelOf(c.against) + ": ",
        el("span", { className: "claim-text", text: c.text }),
        srcSpan(c.source),
      ]),
    ]);
  }
  function section(title, items) {
    if (!items.length) return null;
    return el("section", null, [el("h2", { text: title }), el("ul", null, items)]);
  }
  function showPanel(children) {
    clear(panelBody);
    children.forEach(function (c) { if (c) panelBody.appendChild(c); });
    panel.hidden = false;
  }
  function sortedEdges(i, kind) {
    return adj[i].filter(function (ei) { return E[ei].kind === kind || (kind === "competes" && E[ei].kind !== "theme"); })
      .sort(function (a, b) {
        var la = labelOf(E[a].from === i ? E[a].to : E[a].from), lb = labelOf(E[b].from === i ? E[b].to : E[b].from);
        return la < lb ? -1 : la > lb ? 1 : a - b;
      });
  }

  function segmentLabel(s) {
    var name = (DATA.segmentNames || {})[String(s)];
    return "Segment " + s + (name ? ": " + name : "");
  }

  function nodePanel(i) {
    var n = N[i];
    var st = styleOf(n.kind);
    var out = [el("h2", { className: "name", text: n.label })];
    var badges = [el("span", { className: "badge", style: "border-left:4px solid " + st.color, text: st.name })];
    if (n.seg !== undefined) badges.push(el("span", { className: "badge", text: segmentLabel(n.seg) }));
    if (!visible[i]) badges.push(el("span", { className: "badge", text: "hidden by filters" }));
    out.push(el("p", null, badges));
    if (n.aliases) out.push(el("p", { className: "aliases", text: "Also known as: " + n.aliases.join(", ") }));

    var dl = [];
    (n.facts || []).forEach(function (f) {
      dl.push(el("dt", { text: f.label }), el("dd", null, [el("span", { className: "fact-text", text: f.text }), srcSpan(f.source)]));
    });
    if (dl.length) out.push(el("section", null, [el("h2", { text: "Profile" }), el("dl", { className: "facts" }, dl)]));
    var parsed = [];
    if (n.founded !== undefined) parsed.push(el("dt", { text: "Founded (year)" }), el("dd", { text: String(n.founded) }));
    if (n.funding_usd !== undefined) parsed.push(el("dt", { text: "Funding" }), el("dd", { text: fmtNumber(n.funding_usd) }));
    if (n.funding_round !== undefined) parsed.push(el("dt", { text: "Round" }), el("dd", { text: String(n.funding_round) }));
    if (n.valuation_usd !== undefined) parsed.push(el("dt", { text: "Valuation" }), el("dd", { text: fmtNumber(n.valuation_usd) }));
    if (parsed.length) out.push(el("section", null, [el("h2", { text: "Parsed values" }), el("dl", null, parsed)]));
    if (n.extra) {
      var ex = [];
      Object.keys(n.extra).forEach(function (k) {
        var v = n.extra[k];
        ex.push(el("dt", { text: k }), el("dd", { text: typeof v === "string" ? v : JSON.stringify(v) }));
      });
      out.push(el("section", null, [el("h2", { text: "Other attributes" }), el("dl", null, ex)]));
    }
    var m = [];
    DATA.metrics.forEach(function (mm, k) { m.push(el("dt", { text: mm.name }), el("dd", { text: fmtMetric(n.m[k]) })); });
    out.push(el("section", null, [el("h2", { text: "Metrics" }), el("dl", null, m)]));

    var rivals = sortedEdges(i, "competes").map(function (ei) {
      var e = E[ei];
      var other = e.from === i ? e.to : e.from;
      return el("li", { className: "rival", "data-edge": String(ei) }, [
        jumpButton(other), " ", el("span", { className: "badge", text: styleOf(N[other].kind).name }),
        e.mutual ? el("span", { className: "badge", text: "mutual" }) : null,
        el("ul", null, e.claims.map(claimItem)),
      ]);
    });
    out.push(section("Rivals (" + rivals.length + ")", rivals));
    var themeEdges = sortedEdges(i, "theme");
    if (n.kind === "theme") {
      out.push(section("Members (" + themeEdges.length + ")", themeEdges.map(function (ei) {
        var e = E[ei];
        return el("li", { className: "member" }, [jumpButton(e.to), ": ", el("span", { text: e.description }), srcSpan(e.source)]);
      })));
    } else {
      out.push(section("Themes (" + themeEdges.length + ")", themeEdges.map(function (ei) {
        var e = E[ei];
        return el("li", { className: "theme" }, [jumpButton(e.from), ": ", el("span", { text: e.description }), srcSpan(e.source)]);
      })));
    }
    if (n.off) {
      var offTitle = "Not drawn on this page (" + (n.off.length + (n.offMore || 0)) + ")";
      var offItems = n.off.map(function (o) {
        var items = o.kind === "theme"
          ? [el("li", null, [el("span", { text: o.description }), srcSpan(o.source)])]
          : (o.claims || []).map(claimItem);
        return el("li", { className: "offpage" }, [
          el("span", { text: String(o.other) }), " ", el("span", { className: "badge", text: styleOf(o.otherKind).name }),
          el("ul", null, items),
        ]);
      });
      if (n.offMore) offItems.push(el("li", { className: "offpage", text: "\u2026 and " + n.offMore + " more: landscape show " + JSON.stringify(n.label) }));
      out.push(section(offTitle, offItems));
    }
    out.push(section("Sources", (n.sources || []).map(function (s) {
      return el("li", { className: "src", text: srcText(s) + (srcSection(s) ? " \u00b7 " + srcSection(s) : "") });
    })));
    return out;
  }

  function edgePanel(ei) {
    var e = E[ei];
    var out = [];
    if (e.kind === "theme") {
      out.push(el("h2", { className: "name", text: labelOf(e.from) + " \u2014 " + labelOf(e.to) }));
      out.push(el("p", null, [el("span", { className: "badge", text: "Theme membership" })]));
      out.push(el("dl", null, [
        el("dt", { text: "Theme" }), el("dd", null, [jumpButton(e.from)]),
        el("dt", { text: "Member" }), el("dd", null, [jumpButton(e.to)]),
        el("dt", { text: "Description" }), el("dd", null, [el("span", { text: e.description }), srcSpan(e.source)]),
      ]));
    } else {
      out.push(el("h2", { className: "name", text: labelOf(e.from) + " \u2014 " + labelOf(e.to) }));
      out.push(el("p", null, [
        el("span", { className: "badge", text: e.mutual ? "Mutual rivalry" : "Rivalry" }), jumpButton(e.from), " \u00b7 ", jumpButton(e.to),
      ]));
      out.push(section("Claims (" + e.claims.length + ")", e.claims.map(claimItem)));
    }
    return out;
  }

  function setHighlight(nodes, edgeIds) {
    state.highlight = new Set(nodes);
    state.highlightEdges = edgeIds;
  }
  function selectNode(i, opts) {
    perf.selectStart = performance.now();
    if (!visible[i]) resetFilters();
    state.selected = { node: i };
    var hl = [i], he = [];
    adj[i].forEach(function (ei) {
      var e = E[ei];
      var o = e.from === i ? e.to : e.from;
      if (visible[o]) { hl.push(o); he.push(ei); }
    });
    setHighlight(hl, he);
    network.selectNodes([i], true);
    showPanel(nodePanel(i));
    if (opts && opts.focus) {
      network.focus(i, { scale: Math.max(network.getScale(), 1.0), animation: false });
    } else {
      network.redraw();
    }
  }
  function selectEdge(ei) {
    perf.selectStart = performance.now();
    state.selected = { edge: ei };
    setHighlight([E[ei].from, E[ei].to], [ei]);
    network.selectEdges([ei]);
    showPanel(edgePanel(ei));
    network.redraw();
  }
  function reselect() {
    if (state.selected.node !== undefined) selectNode(state.selected.node, { focus: false });
    else if (visible[E[state.selected.edge].from] && visible[E[state.selected.edge].to]) selectEdge(state.selected.edge);
    else clearSelection();
  }
  function clearSelection() {
    state.selected = null;
    state.highlight = null;
    state.highlightEdges = [];
    network.unselectAll();
    showPlaceholder();
    network.redraw();
  }
  network.on("click", function (p) {
    if (p.nodes.length) selectNode(p.nodes[0], { focus: false });
    else if (p.edges.length) selectEdge(p.edges[0]);
    else clearSelection();
  });
  byId("panel-close").addEventListener("click", clearSelection);
  byId("reset").addEventListener("click", function () { clearSelection(); network.fit({ animation: false }); });

  // ------------------------------------------------------------------ search
  function norm(s) { return String(s).toLowerCase().replace(/\s+/g, " ").trim(); }
  var searchIndex = [];
  N.forEach(function (n, i) {
    searchIndex.push({ key: norm(n.label), i: i, via: null, text: n.label });
    (n.aliases || []).forEach(function (a) { searchIndex.push({ key: norm(a), i: i, via: "alias", text: a }); });
    if (n.acronym) searchIndex.push({ key: norm(n.acronym), i: i, via: "acronym", text: n.acronym });
  });
  function search(q) {
    q = norm(q);
    if (!q) return [];
    var best = new Map();
    searchIndex.forEach(function (entry) {
      var k = entry.key;
      var r = k === q ? 0 : k.indexOf(q) === 0 ? 1 : k.indexOf(" " + q) >= 0 ? 2 : k.indexOf(q) >= 0 ? 3 : -1;
      if (r < 0) return;
      var prev = best.get(entry.i);
      if (!prev || r < prev.rank || (r === prev.rank && entry.via === null && prev.via !== null)) {
        best.set(entry.i, { i: entry.i, rank: r, via: entry.via, text: entry.text });
      }
    });
    var rows = Array.from(best.values());
    rows.sort(function (a, b) {
      if (a.rank !== b.rank) return a.rank - b.rank;
      var la = N[a.i].label, lb = N[b.i].label;
      return la < lb ? -1 : la > lb ? 1 : a.i - b.i;
    });
    return rows.slice(0, 12);
  }
  var input = byId("search");
  var list = byId("suggestions");
  var results = [];
  var active = -1;
  function renderSuggestions() {
    clear(list);
    results.forEach(function (r, k) {
      var li = el("li", { role: "option", "data-node": N[r.i].id, "aria-selected": k === active ? "true" : "false" }, [
        el("span", { className: "glyph", style: "color:" + styleOf(N[r.i].kind).color, text: styleOf(N[r.i].kind).glyph }),
        el("span", { className: "name", text: N[r.i].label }),
        r.via ? el("span", { className: "via", text: "(" + r.via + ": " + r.text + ")" }) : null,
      ]);
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); choose(k); });
      list.appendChild(li);
    });
    list.hidden = results.length === 0;
  }
  function choose(k) {
    var r = results[k];
    if (!r) return;
    list.hidden = true;
    input.value = N[r.i].label;
    selectNode(r.i, { focus: true });
  }
  input.addEventListener("input", function () { results = search(input.value); active = results.length ? 0 : -1; renderSuggestions(); });
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      ev.preventDefault();
      if (!results.length) return;
      active = (active + (ev.key === "ArrowDown" ? 1 : results.length - 1)) % results.length;
      renderSuggestions();
    } else if (ev.key === "Enter") {
      ev.preventDefault();
      if (!results.length) results = search(input.value);
      choose(active >= 0 ? active : 0);
    } else if (ev.key === "Escape") {
      list.hidden = true;
      input.blur();
    }
  });
  input.addEventListener("blur", function () { list.hidden = true; });
  document.addEventListener("keydown", function (ev) {
    var tag = ev.target && ev.target.tagName;
    if (ev.key === "/" && tag !== "INPUT" && tag !== "TEXTAREA" && tag !== "SELECT") {
      ev.preventDefault();
      input.focus();
      input.select();
    }
  });

  // ------------------------------------------------------------------ PNG
  byId("save-png").addEventListener("click", function () {
    var canvas = container.querySelector("canvas");
    var slug = (DATA.title || "landscape").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "landscape";
    var a = el("a", { href: canvas.toDataURL("image/png"), download: slug + ".png" });
    document.body.appendChild(a);
    a.click();
    a.remove();
  });

  window.__landscape = { network: network, nodes: nodesDS, edges: edgesDS, data: DATA, search: search,
                         selectNode: selectNode, selectEdge: selectEdge, state: state };
})();

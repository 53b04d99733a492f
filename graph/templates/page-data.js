/* data: the embedded landscape (JSON in #landscape-data) and the indexes every view reads. */
var DATA = JSON.parse(byId("landscape-data").textContent);
var N = DATA.nodes;
var E = DATA.edges;
// The one global: a documented hook for tests and benchmarks (filled in by page-main.js).
var hook = (window.__landscape = { perf: { firstDraw: null, lastDraw: null, ready: null, selectStart: null, drawCount: 0, overviewDrawn: null } });
var perf = hook.perf;
var DARK = !!(window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches);
var INK = DARK
  ? { background: "#15181c", text: "#e8e8e8", stroke: "#15181c", fade: "rgba(21,24,28,0.8)", edge: "#9aa0a6" }
  : { background: "#ffffff", text: "#1a1a1a", stroke: "#ffffff", fade: "rgba(255,255,255,0.8)", edge: null };
var EVIDENCE_ORDER = ["vs-item", "section", "heading", "lead", "table", "prose"];

var nodeIndexById = {};
N.forEach(function (n, i) { nodeIndexById[n.id] = i; });
var kindStyle = {};
DATA.kinds.forEach(function (k) { kindStyle[k.kind] = k; });
function styleOf(kind) { return kindStyle[kind] || { color: "#999999", shape: "dot", glyph: "\u25cf", name: kind, plural: kind }; }
function labelOf(ref) { return typeof ref === "number" ? N[ref].label : String(ref); }
function otherEnd(ei, i) { return E[ei].from === i ? E[ei].to : E[ei].from; }

// A source is [path, line, section], path and section indexes into DATA.strings.
function str(k) { return k === null || k === undefined ? "" : DATA.strings[k]; }
function srcText(s) { return s ? str(s[0]) + (s[1] !== null && s[1] !== undefined ? ":" + s[1] : "") : ""; }
function srcSection(s) { return s ? str(s[2]) : ""; }
function claimEvidence(c) { return c.evidence || "vs-item"; }
function edgeEvidence(e) {
  var seen = [];
  (e.claims || []).forEach(function (c) { if (seen.indexOf(claimEvidence(c)) < 0) seen.push(claimEvidence(c)); });
  return seen;
}

var adj = N.map(function () { return []; });
var themesOf = N.map(function () { return []; });
E.forEach(function (e, i) {
  adj[e.from].push(i);
  adj[e.to].push(i);
  if (e.kind === "theme") themesOf[e.to].push(e.from);
});
var themeIdx = N.map(function (_, i) { return i; }).filter(function (i) { return N[i].kind === "theme"; });
themeIdx.sort(function (a, b) { return compareText(N[a].label, N[b].label) || a - b; });
var segSize = {};
N.forEach(function (n) { if (n.seg !== undefined) segSize[n.seg] = (segSize[n.seg] || 0) + 1; });
var segs = Object.keys(segSize).map(Number).sort(function (a, b) { return segSize[b] - segSize[a] || a - b; });
var evidenceKinds = (function () {
  var any = E.some(function (e) { return (e.claims || []).some(function (c) { return c.evidence; }); });
  if (!any) return [];
  var seen = {};
  E.forEach(function (e) { edgeEvidence(e).forEach(function (k) { seen[k] = true; }); });
  return EVIDENCE_ORDER.filter(function (k) { return seen[k]; })
    .concat(Object.keys(seen).filter(function (k) { return EVIDENCE_ORDER.indexOf(k) < 0; }).sort());
})();

function segmentColour(s) { return DATA.segmentColours[String(s)] || DATA.segmentOther; }
function segmentLabel(s) {
  var name = (DATA.segmentNames || {})[String(s)];
  return "Segment " + s + (name ? ": " + name : "");
}
function rivalCount(i) { return adj[i].filter(function (ei) { return E[ei].kind !== "theme"; }).length; }

// Metric ranks: "3rd of 20 by betweenness", entities ranked among entities, themes among themes;
// entities removed since a compared revision (page-compare.js) are not ranked.
var gone = new Uint8Array(N.length);
if (DATA.compare) DATA.compare.removed.nodes.forEach(function (i) { gone[i] = 1; });
var ranks = DATA.metrics.map(function (_, k) {
  var rank = new Int32Array(N.length);
  var pools = { entity: [], theme: [] };
  N.forEach(function (n, i) { if (!gone[i]) pools[n.kind === "theme" ? "theme" : "entity"].push(i); });
  Object.keys(pools).forEach(function (p) {
    var pool = pools[p].sort(function (a, b) { return N[b].m[k] - N[a].m[k] || a - b; });
    pool.forEach(function (i, r) { rank[i] = r > 0 && N[pool[r - 1]].m[k] === N[i].m[k] ? rank[pool[r - 1]] : r + 1; });
  });
  return { rank: rank, of: pools };
});
function rankOf(k, i) { return { rank: ranks[k].rank[i], of: ranks[k].of[N[i].kind === "theme" ? "theme" : "entity"].length }; }

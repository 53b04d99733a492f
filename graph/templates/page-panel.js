/* panel: the details of one entity or link, in the order an analyst reads them: rivals with
 * claims both ways, themes and segment, profile facts, metrics as ranks, sources. */
var panel = byId("panel");
var panelBody = byId("panel-body");

function srcSpan(s) {
  if (!s) return null;
  var span = el("span", { className: "src", text: " " + srcText(s) });
  if (srcSection(s)) span.title = srcSection(s);
  return span;
}
function jumpButton(ref) {
  if (typeof ref !== "number") return el("span", { text: String(ref) });
  return el("button", { type: "button", className: "linkish", "data-node": N[ref].id, text: N[ref].label,
    onclick: function () { selectNode(ref, { focus: true }); } });
}
function claimItem(c) {
  var ev = claimEvidence(c);
  return el("li", { className: "claim-row" }, [
    el("span", { className: "claim" }, [
      el("strong", { text: labelOf(c.by) }), " vs. " + labelOf(c.against) + ": ",
      el("span", { className: "claim-text", text: c.text }),
      ev !== "vs-item" ? el("span", { className: "badge evidence", text: ev }) : null,
      srcSpan(c.source),
    ]),
  ]);
}
function section(title, items, empty) {
  if (!items.length && !empty) return null;
  return el("section", null, [el("h2", { text: title }),
    items.length ? el("ul", null, items) : el("p", { className: "hint none", text: empty })]);
}
function showPanel(children) {
  clear(panelBody);
  children.forEach(function (c) { if (c) panelBody.appendChild(c); });
}
function showPlaceholder() {
  showPanel([el("p", { className: "hint placeholder",
    text: "Click a node or a link, or search (press /), to see its rivals, claims and sources." }), changesSection()]);
}
function sortedEdges(i, theme) {
  return adj[i].filter(function (ei) { return (E[ei].kind === "theme") === theme; })
    .sort(function (a, b) { return compareText(labelOf(otherEnd(a, i)), labelOf(otherEnd(b, i))) || a - b; });
}

function nodePanel(i) {
  var n = N[i];
  return [panelHeading(i)].concat(
    [rivalsSection(i), themesSection(i), factsSection(n), metricsSection(i), offPageSection(n), sourcesSection(n)]);
}
function panelHeading(i) {
  var n = N[i], st = styleOf(n.kind);
  var badges = [el("span", { className: "badge", style: "border-left:4px solid " + st.color, text: st.name })];
  if (n.seg !== undefined) badges.push(el("span", { className: "badge", text: segmentLabel(n.seg) }));
  badges.push(changeBadge(change.node[i]));
  var out = el("div", null, [el("h2", { className: "name", text: n.label }), el("p", null, badges)]);
  if (n.aliases) out.appendChild(el("p", { className: "aliases", text: "Also known as: " + n.aliases.join(", ") }));
  if (!visible[i]) {
    var other = !compareNodePasses(i);  // not in the state shown (now, or at the compared revision)
    out.appendChild(el("p", { className: "note hidden-note" }, [
      other ? (showOld ? "Added since " + CMP.rev + ": not in the state at " + CMP.rev + ". "
                       : "Removed since " + CMP.rev + ": drawn in the state at " + CMP.rev + ". ")
            : "Hidden by the current filters. ",
      el("button", { type: "button", className: "linkish", id: "show-hidden", text: "Show it",
                     onclick: function () { showEntity(i); selectNode(i, { focus: true }); } }),
    ]));
  }
  return out;
}
function rivalsSection(i) {
  if (N[i].kind === "theme") return null;  // a theme has members, not rivals
  var items = sortedEdges(i, false).map(function (ei) {
    var e = E[ei], other = otherEnd(ei, i);
    return el("li", { className: "rival", "data-edge": String(ei) }, [
      jumpButton(other), " ", el("span", { className: "badge", text: styleOf(N[other].kind).name }),
      e.mutual ? el("span", { className: "badge", text: "mutual" }) : null, changeBadge(change.edge[ei]),
      el("ul", null, e.claims.map(claimItem)),
    ]);
  });
  return section("Rivals (" + items.length + ")", items, "None recorded.");
}
function themesSection(i) {
  var n = N[i], edges = sortedEdges(i, true), member = n.kind === "theme";
  var items = edges.map(function (ei) {
    var e = E[ei];
    return el("li", { className: member ? "member" : "theme" },
      [jumpButton(member ? e.to : e.from), ": ", el("span", { text: e.description }), srcSpan(e.source)]);
  });
  return section((member ? "Members (" : "Themes (") + items.length + ")", items, member ? null : "None recorded.");
}
// Facts as written in the documents, once; parsed values only for an entity with no written facts.
function factsSection(n) {
  var dl = [], labels = {};
  (n.facts || []).forEach(function (f) {
    labels[f.label.toLowerCase()] = true;
    dl.push(el("dt", { text: f.label }), el("dd", null, [el("span", { className: "fact-text", text: f.text }), srcSpan(f.source)]));
  });
  [["founded", "Founded", String], ["funding_usd", "Funding", fmtMoney], ["funding_round", "Round", String],
   ["valuation_usd", "Valuation", fmtMoney]].forEach(function (p) {
    if (n[p[0]] === undefined || (n.facts || []).length) return;
    dl.push(el("dt", { text: p[1] }), el("dd", { text: p[2](n[p[0]]) }));
  });
  Object.keys(n.extra || {}).forEach(function (k) {
    var v = n.extra[k];
    dl.push(el("dt", { text: k }), el("dd", { text: typeof v === "string" ? v : JSON.stringify(v) }));
  });
  if (!dl.length) return null;
  return el("section", null, [el("h2", { text: "Profile" }), el("dl", { className: "facts" }, dl)]);
}
function metricsSection(i) {
  if (gone[i]) return section("Centrality", [el("li", { className: "metric", text: "Not ranked: removed since " + CMP.rev })]);
  var items = DATA.metrics.map(function (m, k) {
    var r = rankOf(k, i);
    return el("li", { className: "metric", text: ordinal(r.rank) + " of " + r.of + " by " + m.name.toLowerCase() +
      " (" + fmtMetric(N[i].m[k]) + ")" });
  });
  return section("Centrality", items);
}
function offPageSection(n) {
  if (!n.off) return null;
  var items = n.off.map(function (o) {
    var claims = o.kind === "theme" ? [el("li", null, [el("span", { text: o.description }), srcSpan(o.source)])]
      : (o.claims || []).map(claimItem);
    return el("li", { className: "offpage" }, [el("span", { text: String(o.other) }), " ",
      el("span", { className: "badge", text: styleOf(o.otherKind).name }), el("ul", null, claims)]);
  });
  if (n.offMore) items.push(el("li", { className: "offpage", text: "\u2026 and " + n.offMore + " more: landscape show " + JSON.stringify(n.label) }));
  return section("Not drawn on this page (" + (n.off.length + (n.offMore || 0)) + ")", items);
}
function sourcesSection(n) {
  return section("Sources", (n.sources || []).map(function (s) {
    return el("li", { className: "src", text: srcText(s) + (srcSection(s) ? " \u00b7 " + srcSection(s) : "") });
  }));
}
function edgePanel(ei) {
  var e = E[ei];
  var out = [el("h2", { className: "name", text: labelOf(e.from) + " \u2014 " + labelOf(e.to) })];
  if (e.kind === "theme") {
    out.push(el("p", null, [el("span", { className: "badge", text: "Theme membership" }), changeBadge(change.edge[ei])]));
    out.push(el("dl", null, [
      el("dt", { text: "Theme" }), el("dd", null, [jumpButton(e.from)]),
      el("dt", { text: "Member" }), el("dd", null, [jumpButton(e.to)]),
      el("dt", { text: "Description" }), el("dd", null, [el("span", { text: e.description }), srcSpan(e.source)]),
    ]));
    return out;
  }
  out.push(el("p", null, [el("span", { className: "badge", text: e.mutual ? "Mutual rivalry" : "Rivalry" }),
    changeBadge(change.edge[ei]), jumpButton(e.from), " \u00b7 ", jumpButton(e.to)]));
  out.push(section("Claims (" + e.claims.length + ")", e.claims.map(claimItem)));
  if (change.edge[ei] !== -1) out.push(cardSection(e));  // a removed rivalry has no card
  return out;
}
// The pair's battlecard, written beside the page by the build (a relative link that works
// from file://), else how to make one: DATA.cardCommand, the make-card hint in the words of
// whoever rendered the page, {a} and {b} standing for the pair's names (graph/hints.py). The
// file name is the build's own (battlecards/<slug>--vs--<slug>.html), never document text;
// anything else is not linked.
var CARD_PATH = /^battlecards\/[a-z0-9-]+--vs--[a-z0-9-]+\.html$/;
function cardSection(e) {
  var body;
  if (e.card && CARD_PATH.test(e.card)) {
    body = el("p", null, [el("a", { className: "card-link", href: e.card, target: "_blank", rel: "noopener",
      text: "Open the battlecard" }), el("span", { className: "hint", text: " (printable, offline)" })]);
  } else {
    body = el("div", null, DATA.cardCommand ? [
      el("p", { className: "hint", text: "No card was written for this pair. To make one:" }),
      el("code", { className: "card-command", text: cardCommand(labelOf(e.from), labelOf(e.to)) })]
      : [el("p", { className: "hint", text: "No card was written for this pair." })]);
  }
  return el("section", { className: "card-section" }, [el("h2", { text: "Battlecard" }), body]);
}
// The make-card hint for one pair: {a} and {b} replaced in one pass, so a name that holds
// "{b}" is shown as it is.
function cardCommand(a, b) {
  return DATA.cardCommand.replace(/\{[ab]\}/g, function (m) { return shellWord(m === "{a}" ? a : b); });
}
// A name as one shell word: bare when it is plain, else in single quotes.
function shellWord(s) {
  return /^[A-Za-z0-9_.,:@%+=\/-]+$/.test(s) ? s : "'" + s.replace(/'/g, "'\\''") + "'";
}

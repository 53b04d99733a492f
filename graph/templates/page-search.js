/* search: names, aliases and short forms through the search keys computed in Python
 * (graph.names.search_keys), so the page finds what `landscape show` finds. */
// Same three steps as graph.names.loose: NFKC, lower case, "&" as "and", letters and digits only.
function loose(text) {
  return String(text).normalize("NFKC").toLowerCase().replace(/&/g, "and").replace(/[^\p{L}\p{N}]/gu, "");
}
// Rank of the best key of entity i for query q: 0 equal, 1 prefix, 2 inside (3+ characters), -1 none.
function keyRank(i, q) {
  var best = -1;
  (N[i].keys || [loose(N[i].label)]).forEach(function (k) {
    var r = k === q ? 0 : k.indexOf(q) === 0 ? 1 : q.length >= 3 && k.indexOf(q) > 0 ? 2 : -1;
    if (r >= 0 && (best < 0 || r < best)) best = r;
  });
  return best;
}
// The name that matched, shown beside the label when it is not the label itself.
function matchedVia(i, q) {
  var n = N[i];
  if (loose(n.label).indexOf(q) >= 0) return null;
  var alias = (n.aliases || []).filter(function (a) { return loose(a).indexOf(q) >= 0; })[0];
  return alias ? { via: "alias", text: alias } : { via: "short form", text: q };
}
function matchAll(q) {
  var rows = [];
  for (var i = 0; i < N.length; i++) {
    var r = keyRank(i, q);
    if (r >= 0) rows.push({ i: i, rank: r });
  }
  return rows;
}
// Without a match, one trailing suffix ("neptuneai" -> "neptune") is dropped from the query.
// Drawn entities come first, then (above the drawing cap) those only in the catalogue.
function search(text) {
  var q = loose(text);
  if (!q) return [];
  var rows = matchAll(q);
  for (var s = 0; !rows.length && s < DATA.searchSuffixes.length; s++) {
    var suf = DATA.searchSuffixes[s];
    if (q.length > suf.length && q.slice(-suf.length) === suf) {
      var shorter = q.slice(0, -suf.length);
      if (matchAll(shorter).length || (CAT.length && searchCatalogue(shorter, 1).length)) { q = shorter; rows = matchAll(q); break; }
    }
  }
  rows.sort(function (a, b) { return a.rank - b.rank || compareText(N[a.i].label, N[b.i].label) || compareText(N[a.i].id, N[b.i].id); });
  var out = rows.slice(0, 12).map(function (r) {
    var via = matchedVia(r.i, q);
    return { i: r.i, rank: r.rank, via: via && via.via, text: via && via.text };
  });
  if (out.length < 12 && CAT.length) out = out.concat(searchCatalogue(q, 12 - out.length));
  return out;
}

var searchInput = byId("search");
var suggestionList = byId("suggestions");
var results = [];
var active = -1;
function renderSuggestions() {
  clear(suggestionList);
  if (!results.length && loose(searchInput.value)) {
    suggestionList.appendChild(el("li", { className: "no-match", role: "option", "aria-disabled": "true",
      text: "No match for \u201c" + searchInput.value + "\u201d" }));
  }
  results.forEach(function (r, k) {
    if (r.c !== undefined) { suggestionList.appendChild(catalogueSuggestion(r, k)); return; }
    var n = N[r.i];
    var li = el("li", { role: "option", "data-node": n.id, "aria-selected": k === active ? "true" : "false" }, [
      el("span", { className: "glyph", style: "color:" + styleOf(n.kind).color, text: styleOf(n.kind).glyph }),
      el("span", { className: "name", text: n.label }),
      r.via ? el("span", { className: "via", text: "(" + r.via + ": " + r.text + ")" }) : null,
      visible[r.i] ? null : el("span", { className: "via hidden-mark", text: "hidden by filters" }),
    ]);
    li.addEventListener("mousedown", function (ev) { ev.preventDefault(); choose(k); });
    suggestionList.appendChild(li);
  });
  suggestionList.hidden = suggestionList.childNodes.length === 0;
}
function catalogueSuggestion(r, k) {
  var row = CAT[r.c];
  var li = el("li", { role: "option", "data-catalogue": String(r.c), "aria-selected": k === active ? "true" : "false" }, [
    el("span", { className: "glyph", style: "color:" + styleOf(row[1]).color, text: styleOf(row[1]).glyph }),
    el("span", { className: "name", text: row[0] }), el("span", { className: "via", text: "not drawn" }),
  ]);
  li.addEventListener("mousedown", function (ev) { ev.preventDefault(); choose(k); });
  return li;
}
function choose(k) {
  var r = results[k];
  if (!r) return;
  suggestionList.hidden = true;
  if (r.c !== undefined) { searchInput.value = CAT[r.c][0]; chooseCatalogue(r.c); return; }
  searchInput.value = N[r.i].label;
  selectNode(r.i, { focus: true });
}
function bindSearch() {
  searchInput.addEventListener("input", function () {
    results = search(searchInput.value);
    active = results.length ? 0 : -1;
    renderSuggestions();
  });
  searchInput.addEventListener("keydown", onSearchKey);
  searchInput.addEventListener("blur", function () { suggestionList.hidden = true; });
  document.addEventListener("keydown", function (ev) {
    var tag = ev.target && ev.target.tagName;
    if (ev.key === "/" && tag !== "INPUT" && tag !== "TEXTAREA" && tag !== "SELECT") {
      ev.preventDefault();
      searchInput.focus();
      searchInput.select();
    }
  });
}
function onSearchKey(ev) {
  if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
    ev.preventDefault();
    if (!results.length) return;
    active = (active + (ev.key === "ArrowDown" ? 1 : results.length - 1)) % results.length;
    renderSuggestions();
  } else if (ev.key === "Enter") {
    ev.preventDefault();
    if (!results.length) { results = search(searchInput.value); renderSuggestions(); }
    choose(active >= 0 ? active : 0);
  } else if (ev.key === "Escape") {
    suggestionList.hidden = true;
    searchInput.blur();
  }
}

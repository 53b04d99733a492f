/* util: DOM and formatting helpers. Document text reaches the screen only through
 * textContent and attribute values set here: never as markup. */
function byId(id) { return document.getElementById(id); }
function el(tag, props, children) {
  var node = document.createElement(tag);
  Object.keys(props || {}).forEach(function (k) {
    var v = props[k];
    if (k === "text") node.textContent = v;
    else if (k === "className") node.className = v;
    else if (k === "onclick") node.addEventListener("click", v);
    else node.setAttribute(k, v);
  });
  (children || []).forEach(function (c) {
    if (c === null || c === undefined) return;
    node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
  });
  return node;
}
function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }
function ordinal(n) {
  var s = ["th", "st", "nd", "rd"], v = n % 100;
  return n + (s[(v - 20) % 10] || s[v] || s[0]);
}
function fmtMoney(v) {
  if (typeof v !== "number") return String(v);
  if (Math.abs(v) >= 1e9) return "$" + (v / 1e9).toFixed(v % 1e9 === 0 ? 0 : 1) + "B";
  if (Math.abs(v) >= 1e6) return "$" + (v / 1e6).toFixed(v % 1e6 === 0 ? 0 : 1) + "M";
  return "$" + v.toLocaleString("en-US");
}
function fmtMetric(v) { return Number.isInteger(v) ? String(v) : v.toPrecision(3); }
function compareText(a, b) { return a < b ? -1 : a > b ? 1 : 0; }
function truncate(text, n) { return text.length > n ? text.slice(0, n - 1) + "\u2026" : text; }

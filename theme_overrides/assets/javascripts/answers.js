/* rcp-docs: reading and writing reflection answers, shared by "Reflect on your practice"
   (reflect.js) and the team view (team.js), so that a file is read the same way on both.
   No library, no request; text from files or storage only ever becomes text, never markup. */
(function () {
"use strict";
if (window.rcpAnswers) return; // kept across instant navigation
var FORMAT = "rcp-reflect", MAX_BYTES = 1048576, MAX_NOTE = 10000, MAX_LINE = 200, MAX_DEPTH = 6,
  NOTHING = ", so nothing was read.";
function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
function isObj(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }
function el(tag, text, cls) {
  var n = document.createElement(tag);
  if (text != null) n.textContent = text;
  if (cls) n.className = cls;
  return n;
}
function short(t) { t = String(t); return t.length > 40 ? t.slice(0, 37) + "..." : t; }
function names(list) {
  return list.slice(0, 5).map(function (s) { return "\u201c" + short(s) + "\u201d"; }).join(", ") +
    (list.length > 5 ? " and " + (list.length - 5) + " more" : "");
}
function attr(node, name, empty) {
  try { var v = JSON.parse(node.getAttribute(name)); return v == null ? empty : v; } catch (e) { return empty; }
}
function store(fn) { try { return fn(localStorage); } catch (e) { return undefined; } }
// Deepest nesting, found before JSON.parse could exhaust the stack.
function depth(text) {
  var d = 0, most = 0, str = false;
  for (var i = 0; i < text.length; i++) {
    var c = text[i];
    if (str) { if (c === "\\") i++; else if (c === "\"") str = false; }
    else if (c === "\"") str = true;
    else if (c === "[" || c === "{") most = Math.max(most, ++d);
    else if (c === "]" || c === "}") d--;
  }
  return most;
}

// What a page knows of the framework, from its data attributes (written at build time).
function framework(root) {
  var data = attr(root, "data-sheet", {}), fw = {
    version: root.getAttribute("data-version") || "", layers: attr(root, "data-layers", []),
    moved: attr(root, "data-moved", {}), question: data.question || "",
    choices: data.choices || [], oldAnswers: data.oldAnswers || {}, items: data.items || [],
    roles: data.roles || {}, byId: Object.create(null), label: {}
  };
  fw.items.forEach(function (i) { fw.byId[i.id] = i; });
  fw.choices.forEach(function (c) { fw.label[c[0]] = c[1]; });
  return fw;
}

// A file (or what storage holds), checked strictly: what cannot be used is named. Answers from
// the page's first form, and ids from other versions of the framework, are mapped to today's.
function read(fw, text, what) {
  if (typeof text !== "string" || text.length > MAX_BYTES) return { fatal: what + " are larger than 1 MB" + NOTHING };
  if (depth(text) > MAX_DEPTH) return { fatal: what + " are nested too deeply" + NOTHING };
  var data, problems = [];
  try { data = JSON.parse(text); } catch (e) { return { fatal: what + " are not JSON" + NOTHING }; }
  if (!isObj(data) || data.format !== FORMAT) return { fatal: what + " are not answers downloaded from the reflection page" + NOTHING };
  if (!Array.isArray(data.answers)) return { fatal: what + " have no list of answers" + NOTHING };
  var st = { who: "", place: "", answers: {}, saved: typeof data.saved === "string" ? data.saved.slice(0, 40) : "" };
  [["who", "The name or team"], ["place", "The place or service"]].forEach(function (f) {
    var v = data[f[0]];
    if (v == null || v === "") return;
    if (typeof v === "string" && v.length <= MAX_LINE) st[f[0]] = v;
    else problems.push(f[1] + " was skipped: it was not text of up to " + MAX_LINE + " characters.");
  });
  if (data.framework !== fw.version) problems.push("It comes from version " + short(data.framework) + " of the framework (this page: " + fw.version + "); answers were matched by item id.");
  var unknown = [], dupes = [], wrong = 0, bad = [], retired = [], went = [], seen = {};
  data.answers.forEach(function (a) {
    if (!isObj(a) || typeof a.id !== "string") { wrong++; return; }
    var id = a.id, ans = a.answer == null ? "" : a.answer, note = a.note == null ? "" : a.note;
    if (!fw.byId[id]) {
      if (!has(fw.moved, id)) { unknown.push(id); return; }
      if (!fw.byId[fw.moved[id]]) { retired.push(id); return; }
      id = fw.moved[id];
      went.push(a.id + " (now " + fw.byId[id].name + ")");
    }
    if (has(seen, id)) { dupes.push(a.id); return; }
    seen[id] = 1;
    if (typeof ans === "string" && has(fw.oldAnswers, ans)) ans = fw.oldAnswers[ans];
    if (ans !== "" && !(typeof ans === "string" && has(fw.label, ans))) { bad.push(a.id + " (answer)"); ans = ""; }
    if (typeof note !== "string" || note.length > MAX_NOTE) { bad.push(a.id + " (note)"); note = ""; }
    if (ans || note) st.answers[id] = { answer: ans, note: note };
  });
  if (wrong) problems.push(wrong + (wrong === 1 ? " entry was" : " entries were") + " not an answer with an item id, and skipped.");
  [[unknown, "Skipped, because no item has this id"],
    [retired, "Skipped, because these items are no longer part of the framework"],
    [went, "Moved to the item that replaces them"],
    [dupes, "Skipped, because the item was already answered earlier in the file"],
    [bad, "Skipped, because an answer was not one of the four choices or a note not text of up to " + MAX_NOTE + " characters"]
  ].forEach(function (p) { if (p[0].length) problems.push(p[1] + ": " + names(p[0]) + "."); });
  return { state: st, problems: problems };
}
// A chosen file's text, or null when it is too large to read at all.
function text(file, done) {
  if (file.size > MAX_BYTES) done(null);
  else file.text().then(done, function () { done(null); });
}
// The answers as a file this page and the team view read again.
function file(fw, st) {
  return { format: FORMAT, version: 2, framework: fw.version, saved: new Date().toISOString(),
    who: st.who, place: st.place,
    answers: fw.items.filter(function (i) { return has(st.answers, i.id); }).map(function (i) {
      var a = st.answers[i.id];
      return { id: i.id, layer: i.layer, item: i.name, answer: a.answer, note: a.note };
    }) };
}
function csv(rows) {
  function cell(v) {
    v = String(v);
    return "\"" + (/^[=+\-@\t\r]/.test(v) ? "'" : "") + v.replace(/"/g, "\"\"") + "\""; // never a formula
  }
  return "\ufeff" + rows.map(function (r) { return r.map(cell).join(","); }).join("\r\n") + "\r\n";
}
function download(content, name, type) {
  var url = URL.createObjectURL(new Blob([content], { type: type + ";charset=utf-8" })), a = el("a");
  a.href = url;
  a.download = name;
  a.click(); // detached: Material's instant navigation never sees the click
  setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
}

// "Your onion": each ring's slices in proportion to its answers (counts per layer).
function point(r, a) {
  return (320 + r * Math.sin(a)).toFixed(1) + " " + (320 - r * Math.cos(a)).toFixed(1);
}
function sector(r0, r1, a0, a1) { // a ring's slice, at most half a turn
  return "M" + point(r1, a0) + "A" + r1 + " " + r1 + " 0 0 1 " + point(r1, a1) + "L" +
    point(r0, a1) + "A" + r0 + " " + r0 + " 0 0 0 " + point(r0, a0) + "Z";
}
var FILLS = { well: "#1a5fb4", partly: "url(#rcp-stripes)", "not-yet": "url(#rcp-dots)" };
function onion(svg, counts) {
  var g = svg.querySelector("#rcp-slices"), rings = attr(g, "data-rings", []), edges = "";
  g.textContent = "";
  counts.forEach(function (c, i) {
    var r = rings[i] || [0, 0], angle = 0, parts = [["well", c.well], ["partly", c.partly],
      ["not-yet", c["not-yet"]], ["rest", c["not-sure"] + c.none]].filter(function (p) { return p[1] > 0; });
    parts.forEach(function (p) {
      var end = angle + 2 * Math.PI * p[1] / c.total, d = "";
      if (parts.length > 1) edges += "M" + point(r[0], angle) + "L" + point(r[1], angle);
      if (p[0] !== "rest") {
        for (var a = angle; a < end - 1e-9; a += Math.PI) d += sector(r[0], r[1], a, Math.min(a + Math.PI, end));
        var path = g.appendChild(document.createElementNS("http://www.w3.org/2000/svg", "path"));
        [["d", d], ["fill", FILLS[p[0]]], ["data-layer", c.layer.id], ["data-answer", p[0]],
          ["data-count", p[1]]].forEach(function (kv) { path.setAttribute(kv[0], kv[1]); });
      }
      angle = end;
    });
  });
  svg.querySelector("#rcp-edges").setAttribute("d", edges);
}
// Counts per layer: `answers` is a list of states (one person, or everyone in a team).
function counts(fw, states, shown) {
  return fw.layers.map(function (layer) {
    var c = { layer: layer, total: 0, none: 0 };
    fw.choices.forEach(function (ch) { c[ch[0]] = 0; });
    fw.items.forEach(function (i) {
      if (i.layer !== layer.id || (shown && !shown[i.id])) return;
      states.forEach(function (st) {
        var a = has(st.answers, i.id) ? st.answers[i.id].answer : "";
        c.total++;
        c[a && has(c, a) ? a : "none"]++;
      });
    });
    return c;
  });
}
function figures(fw, list, layerCounts, unit) {
  layerCounts.forEach(function (c, n) {
    var text = c.layer.name + " (" + c.total + " " + unit + (c.total === 1 ? "" : "s") + "): " +
      fw.choices.map(function (ch) { return ch[1] + " " + c[ch[0]]; }).join(", ") +
      ", Not answered " + c.none + ".", li = list.children[n] || list.appendChild(el("li"));
    li.setAttribute("data-layer", c.layer.id);
    if (li.textContent !== text) li.textContent = text; // only changed lines are announced
  });
}

window.rcpAnswers = { has: has, el: el, short: short, attr: attr, store: store, framework: framework,
  read: read, text: text, file: file, csv: csv, download: download, onion: onion, counts: counts,
  figures: figures };
(window.rcpWaiting || []).splice(0).forEach(function (go) { go(); });
})();

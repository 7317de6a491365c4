/* rcp-docs, "Reflect on your practice": no library, no request; answers stay in localStorage.
   Data comes from the page; text from files or storage only ever becomes text, never markup. */
(function () {
"use strict";
if (window.rcpReflect) { window.rcpReflect(); return; } // run again by instant navigation
var KEY = "rcp-reflect-v1", FORMAT = "rcp-reflect", MAX_BYTES = 1048576, MAX_NOTE = 10000,
  MAX_LINE = 200, MAX_DEPTH = 6, NOTHING = ", so nothing was read.",
  CLEAR = "Answer again to replace them, or remove them with \u201cClear all answers\u201d below.";
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
  try { return JSON.parse(node.getAttribute(name)); } catch (e) { return empty; }
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
function point(r, a) {
  return (320 + r * Math.sin(a)).toFixed(1) + " " + (320 - r * Math.cos(a)).toFixed(1);
}
function sector(r0, r1, a0, a1) { // a ring's slice, at most half a turn
  return "M" + point(r1, a0) + "A" + r1 + " " + r1 + " 0 0 1 " + point(r1, a1) + "L" +
    point(r0, a1) + "A" + r0 + " " + r0 + " 0 0 0 " + point(r0, a0) + "Z";
}
var FILLS = { yes: "#2e7d32", sometimes: "url(#rcp-stripes)", "not-yet": "url(#rcp-dots)" };

function sheet(root) {
  var page = root.parentNode, version = root.getAttribute("data-version") || "",
    layers = attr(root, "data-layers", []), moved = attr(root, "data-moved", {}),
    items = [], byId = Object.create(null), label = {}, warned = false;
  function q(sel) { return page.querySelector(sel); }
  page.querySelectorAll("fieldset.rcp-item[data-item]").forEach(function (set) {
    var item = { id: set.getAttribute("data-item"),
      layer: set.getAttribute("data-layer"), name: set.querySelector("legend a").textContent,
      proposal: !!set.querySelector(".rcp-proposal"), set: set, note: set.querySelector("textarea") };
    items.push(item);
    byId[item.id] = item;
  });
  page.querySelectorAll("fieldset.rcp-item:first-of-type input[type=radio]").forEach(function (r) {
    label[r.value] = r.labels[0].textContent;
  });
  var who = q("#rcp-who"), place = q("#rcp-place"), message = q("#rcp-message");

  function state() {
    var answers = {};
    items.forEach(function (i) {
      var on = i.set.querySelector("input[type=radio]:checked"), note = i.note.value;
      if (on || note) answers[i.id] = { answer: on ? on.value : "", note: note };
    });
    return { who: who.value, place: place.value, answers: answers };
  }
  function answer(st, i) { return has(st.answers, i.id) ? st.answers[i.id] : { answer: "", note: "" }; }
  function apply(st) {
    who.value = st.who;
    place.value = st.place;
    items.forEach(function (i) {
      var a = answer(st, i);
      i.set.querySelectorAll("input[type=radio]").forEach(function (r) { r.checked = r.value === a.answer; });
      i.note.value = a.note;
    });
    update();
  }
  function file() {
    var st = state();
    return { format: FORMAT, version: 1, framework: version, saved: new Date().toISOString(),
      who: st.who, place: st.place,
      answers: items.filter(function (i) { return has(st.answers, i.id); }).map(function (i) {
        var a = st.answers[i.id];
        return { id: i.id, layer: i.layer, item: i.name, answer: a.answer, note: a.note };
      }) };
  }
  function save() {
    update();
    if (store(function (s) { s.setItem(KEY, JSON.stringify(file())); return true; }) || warned) return;
    warned = true;
    report("Your answers could not be saved in this browser: download them to keep them.");
  }
  function report(text, list) {
    message.textContent = "";
    message.appendChild(el("p", text));
    if (list && list.length) {
      var ul = message.appendChild(el("ul"));
      list.forEach(function (line) { ul.appendChild(el("li", line)); });
    }
  }

  // A file (or what storage holds), checked strictly: what cannot be used is named.
  function read(text, what) {
    if (typeof text !== "string" || text.length > MAX_BYTES) return { fatal: what + " are larger than 1 MB" + NOTHING };
    if (depth(text) > MAX_DEPTH) return { fatal: what + " are nested too deeply" + NOTHING };
    var data, problems = [];
    try { data = JSON.parse(text); } catch (e) { return { fatal: what + " are not JSON" + NOTHING }; }
    if (!isObj(data) || data.format !== FORMAT) return { fatal: what + " are not answers downloaded from this page" + NOTHING };
    if (!Array.isArray(data.answers)) return { fatal: what + " have no list of answers" + NOTHING };
    var st = { who: "", place: "", answers: {} };
    [["who", "The name or team"], ["place", "The place or service"]].forEach(function (f) {
      var v = data[f[0]];
      if (v == null || v === "") return;
      if (typeof v === "string" && v.length <= MAX_LINE) st[f[0]] = v;
      else problems.push(f[1] + " was skipped: it was not text of up to " + MAX_LINE + " characters.");
    });
    if (data.framework !== version) problems.push("It comes from version " + short(data.framework) + " of the framework (this page: " + version + "); answers were matched by item id.");
    var unknown = [], dupes = [], wrong = 0, bad = [], retired = [], went = [], seen = {};
    data.answers.forEach(function (a) {
      if (!isObj(a) || typeof a.id !== "string") { wrong++; return; }
      var id = a.id, ans = a.answer == null ? "" : a.answer, note = a.note == null ? "" : a.note;
      if (!byId[id]) {
        if (!has(moved, id)) { unknown.push(id); return; }
        if (!byId[moved[id]]) { retired.push(id); return; }
        id = moved[id];
        went.push(a.id + " (now " + byId[id].name + ")");
      }
      if (has(seen, id)) { dupes.push(a.id); return; }
    seen[id] = 1;
      if (ans !== "" && !(typeof ans === "string" && has(label, ans))) { bad.push(a.id + " (answer)"); ans = ""; }
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
  function importFile(input) {
    var f = input.files && input.files[0];
    if (!f) return;
    var done = function (text) {
      var got = read(text, "The file\u2019s contents"), n;
      input.value = "";
      if (got.fatal) { report("Nothing was imported from " + short(f.name) + ".", [got.fatal]); return; }
      apply(got.state);
      save();
      n = Object.keys(got.state.answers).length;
      report("Imported " + n + " answer" + (n === 1 ? "" : "s") + " from " + short(f.name) + "." +
        (got.problems.length ? " Some of it could not be used:" : ""), got.problems);
    };
    if (f.size > MAX_BYTES) done(null);
    else f.text().then(done, function () { done(null); });
  }
  function download(kind) {
    var data = file(), text, type = "application/json";
    if (kind === "json") text = JSON.stringify(data, null, 2) + "\n";
    else {
      var st = state(), cell = function (v) {
        v = String(v);
        return "\"" + (/^[=+\-@\t\r]/.test(v) ? "'" : "") + v.replace(/"/g, "\"\"") + "\""; // never a formula
      }, rows = [["framework_version", "who", "place", "layer", "id", "item", "proposal", "answer", "note"]];
      items.forEach(function (i) {
        var a = answer(st, i);
        rows.push([version, st.who, st.place, i.layer, i.id, i.name, i.proposal ? "yes" : "no",
          a.answer ? label[a.answer] : "", a.note]);
      });
      text = "\ufeff" + rows.map(function (r) { return r.map(cell).join(","); }).join("\r\n") + "\r\n";
      type = "text/csv";
    }
    var url = URL.createObjectURL(new Blob([text], { type: type + ";charset=utf-8" })), a = el("a");
    a.href = url;
    a.download = "reflection-" + data.saved.slice(0, 10) + "." + kind;
    a.click(); // detached: Material's instant navigation never sees the click
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }
  function click(e) {
    var b = e.target.closest && e.target.closest("button[data-rcp]");
    if (!b) return;
    var act = b.getAttribute("data-rcp"), box = q("#rcp-confirm"), clear = q("button[data-rcp=clear]");
    if (act === "json" || act === "csv") download(act);
    else if (act === "print") window.print();
    else if (act === "clear") {
      box.hidden = false;
      clear.setAttribute("aria-expanded", "true");
      box.querySelector("button").focus();
    } else if (act === "clear-yes" || act === "clear-no") {
      box.hidden = true;
      clear.setAttribute("aria-expanded", "false");
      if (act === "clear-yes") {
        store(function (s) { s.removeItem(KEY); });
        apply({ who: "", place: "", answers: {} });
        report("All answers and notes were cleared.");
      }
      clear.focus();
    }
  }

  // The summary: "Your onion", the same figures as text, and the answers as printed.
  function update() {
    var st = state(), counts = layers.map(function (layer) {
      var c = { layer: layer, total: 0, yes: 0, sometimes: 0, "not-yet": 0, "not-sure": 0, none: 0 };
      items.forEach(function (i) {
        if (i.layer !== layer.id) return;
        var a = answer(st, i).answer;
        c.total++;
        c[a && has(c, a) ? a : "none"]++;
      });
      return c;
    });
    figures(counts);
    onion(counts);
    printed(st);
  }
  function figures(counts) {
    var list = q("#rcp-figures");
    counts.forEach(function (c, n) {
      var text = c.layer.name + " (" + c.total + " item" + (c.total === 1 ? "" : "s") + "): " +
        Object.keys(label).map(function (v) { return label[v] + " " + c[v]; }).join(", ") +
        ", Not answered " + c.none + ".", li = list.children[n] || list.appendChild(el("li"));
      li.setAttribute("data-layer", c.layer.id);
      if (li.textContent !== text) li.textContent = text; // only changed lines are announced
    });
  }
  function onion(counts) { // slices of each ring, in proportion to its answers
    var g = q("#rcp-slices"), rings = attr(g, "data-rings", []), edges = "";
    g.textContent = "";
    counts.forEach(function (c, i) {
      var r = rings[i] || [0, 0], angle = 0, parts = [["yes", c.yes], ["sometimes", c.sometimes],
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
    q("#rcp-edges").setAttribute("d", edges);
  }
  function printed(st) {
    var out = q("#rcp-print"), date = new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
    q("#rcp-stamp").textContent = "Printed on " + date + ", from version " + version + " of the framework." +
      (st.who ? " Whose reflection: " + st.who + "." : "") + (st.place ? " Place or service: " + st.place + "." : "");
    out.textContent = "";
    out.appendChild(el("h2", "Your answers and notes"));
    layers.forEach(function (layer) {
      out.appendChild(el("h3", layer.name));
      var ul = out.appendChild(el("ul"));
      items.forEach(function (i) {
        if (i.layer !== layer.id) return;
        var a = answer(st, i), li = ul.appendChild(el("li"));
        li.appendChild(el("strong", i.name + (i.proposal ? " (proposal)" : "") + ": "));
        li.appendChild(document.createTextNode(a.answer ? label[a.answer] : "Not answered"));
        if (a.note) li.appendChild(el("p", "Note: " + a.note, "rcp-printed-note"));
      });
    });
  }

  page.classList.add("rcp-on");
  page.querySelectorAll(".rcp-js").forEach(function (n) { n.hidden = false; });
  page.addEventListener("change", function (e) { if (e.target.id === "rcp-import") importFile(e.target); else save(); });
  page.addEventListener("input", function (e) { if (e.target.type !== "radio" && e.target.type !== "file") save(); });
  page.addEventListener("click", click);
  var saved = store(function (s) { return s.getItem(KEY); });
  if (saved === undefined) report("This browser does not let the page keep your answers: download them before you leave.");
  else if (saved !== null) {
    var got = read(saved, "The answers saved in this browser");
    if (got.fatal) report(got.fatal, ["They may be from an older version of this page, or edited by hand. " + CLEAR]);
    else {
      apply(got.state);
      if (got.problems.length) report("Some of the answers saved in this browser could not be used. " + CLEAR, got.problems);
    }
  }
  update();
}

function start() {
  var root = document.getElementById("rcp-reflect");
  if (!root || root.getAttribute("data-ready")) return;
  root.setAttribute("data-ready", "1");
  sheet(root);
}
window.rcpReflect = start;
if (window.document$) window.document$.subscribe(start); // Material: every page shown
else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
})();

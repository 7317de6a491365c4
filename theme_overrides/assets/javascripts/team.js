/* rcp-docs, the team view: several people's answer files side by side, read in this browser only
   (with answers.js, the same reading as the reflection page's import). Nothing is kept unless the
   reader asks; no library, no request; text from files only ever becomes text. */
(function () {
"use strict";
if (window.rcpTeam) { window.rcpTeam(); return; } // run again by instant navigation
var KEY = "rcp-team-v1", ORDER = { well: 0, partly: 1, "not-yet": 2 };

function team(root, A) {
  var fw = A.framework(root), people = [], el = A.el, page = root.parentNode;
  function q(sel) { return page.querySelector(sel); }
  var message = q("#rcp-team-message"), keep = q("#rcp-team-keep");

  function report(lines) {
    message.textContent = "";
    if (!lines.length) return;
    var ul = message.appendChild(el("ul"));
    lines.forEach(function (line) { ul.appendChild(el("li", line)); });
  }
  function same(a, b) { // the same person's file: the same name, or the very same answers
    if (a.who && b.who) return a.who.trim().toLowerCase() === b.who.trim().toLowerCase();
    return a.saved === b.saved && JSON.stringify(a.answers) === JSON.stringify(b.answers);
  }
  // One file's text: refused with a plain message, or added (and what was skipped in it said).
  function add(text, name, said) {
    var got = A.read(fw, text, "Its contents"), label = "\u201c" + A.short(name) + "\u201d";
    if (got.fatal) { said.push(label + " was not added: " + got.fatal); return; }
    var twin = people.filter(function (p) { return same(p.state, got.state); })[0];
    if (twin) {
      said.push(label + " was not counted: it holds the answers of " + (twin.state.who || "someone already added") +
        ", already added from \u201c" + A.short(twin.file) + "\u201d.");
      return;
    }
    people.push({ file: name, state: got.state });
    said.push(label + " was added" + (got.state.who ? " (" + got.state.who + ")" : "") + "." +
      (got.problems.length ? " " + got.problems.join(" ") : ""));
  }
  function choose(input) {
    var files = Array.prototype.slice.call(input.files || []), said = [], left = files.length;
    input.value = "";
    if (!left) return;
    files.forEach(function (f, n) {
      A.text(f, function (text) {
        files[n] = { name: f.name, text: text };
        if (--left) return;
        files.forEach(function (g) { add(g.text, g.name, said); }); // in the order chosen
        report(said);
        changed();
      });
    });
  }
  function changed() {
    if (keep.checked) A.store(function (s) { s.setItem(KEY, JSON.stringify(people.map(function (p) { return { file: p.file, data: A.file(fw, p.state) }; }))); });
    show();
  }
  function restore() {
    var saved = A.store(function (s) { return s.getItem(KEY); }), list, said = [];
    if (!saved) return;
    keep.checked = true;
    try { list = JSON.parse(saved); } catch (e) { list = null; }
    if (!Array.isArray(list)) { report(["The answers kept in this browser could not be read. Clear the team view to remove them."]); return; }
    list.forEach(function (p) { if (p && typeof p.file === "string") add(JSON.stringify(p.data), p.file, said); });
    report(said.filter(function (s) { return !/ was added\.$| was added \([^)]*\)\.$/.test(s); }));
  }
  function who(p, n) { return p.state.who || "Person " + (n + 1) + " (no name given)"; }
  function answerOf(p, i) { return A.has(p.state.answers, i.id) ? p.state.answers[i.id] : { answer: "", note: "" }; }

  function show() {
    var summary = q("#rcp-team-summary"), count = q("#rcp-team-count");
    count.textContent = people.length ? people.length + " " + (people.length === 1 ? "person\u2019s answers" : "people\u2019s answers") +
      ": " + people.map(who).join(", ") + "." : "No answer files added yet.";
    summary.hidden = !people.length;
    var states = people.map(function (p) { return p.state; }), layerCounts = A.counts(fw, states, null);
    A.figures(fw, q("#rcp-team-figures"), layerCounts, "answer");
    A.onion(q("#rcp-team-onion svg"), layerCounts);
    differ();
    itemByItem();
  }
  function tally(i) {
    var t = { none: 0 };
    fw.choices.forEach(function (c) { t[c[0]] = 0; });
    people.forEach(function (p) { var a = answerOf(p, i).answer; t[a || "none"]++; });
    return t;
  }
  function tallyText(t) {
    return fw.choices.map(function (c) { return c[1] + " " + t[c[0]]; }).join(", ") + ", Not answered " + t.none + ".";
  }
  function differ() {
    var box = q("#rcp-team-differ"), scored = fw.items.map(function (i) {
      var v = people.map(function (p) { return ORDER[answerOf(p, i).answer]; }).filter(function (x) { return x !== undefined; }),
        mean = v.reduce(function (s, x) { return s + x; }, 0) / (v.length || 1),
        spread = v.reduce(function (s, x) { return s + (x - mean) * (x - mean); }, 0) / (v.length || 1);
      return { item: i, spread: spread };
    }).filter(function (s) { return s.spread > 0; }).sort(function (a, b) { return b.spread - a.spread; }).slice(0, 5);
    box.textContent = "";
    if (!scored.length) { box.appendChild(el("p", people.length > 1 ? "Everyone who answered chose the same for every item." : "Add a second person\u2019s file to compare.")); return; }
    var ul = box.appendChild(el("ul"));
    scored.forEach(function (s) {
      var li = ul.appendChild(el("li"));
      li.appendChild(el("strong", s.item.name + ": "));
      li.appendChild(document.createTextNode(tallyText(tally(s.item))));
    });
  }
  function itemByItem() {
    var box = q("#rcp-team-items");
    box.textContent = "";
    fw.layers.forEach(function (layer) {
      box.appendChild(el("h3", layer.name));
      fw.items.forEach(function (i) {
        if (i.layer !== layer.id) return;
        var div = box.appendChild(el("div", null, "rcp-team-item")), named = [], notes = [];
        div.setAttribute("data-item", i.id);
        div.appendChild(el("h4", i.name + (i.proposal ? " (proposal)" : "")));
        div.appendChild(el("p", tallyText(tally(i)), "rcp-tally"));
        people.forEach(function (p, n) {
          var a = answerOf(p, i);
          if (p.state.who && a.answer) named.push(p.state.who + ": " + fw.label[a.answer]);
          if (a.note) notes.push(who(p, n) + ": " + a.note);
        });
        if (named.length) list(div, "Who answered what", named, "rcp-who-said");
        if (notes.length) list(div, "Notes", notes, "rcp-team-notes");
      });
    });
  }
  function list(div, title, lines, cls) {
    div.appendChild(el("p", title, "rcp-list-title"));
    var ul = div.appendChild(el("ul", null, cls));
    lines.forEach(function (line) { ul.appendChild(el("li", line, "rcp-printed-note")); });
  }
  function csv() {
    var rows = [["framework_version", "who", "file", "layer", "id", "item", "answer", "note"]];
    people.forEach(function (p, n) {
      fw.items.forEach(function (i) {
        var a = answerOf(p, i);
        if (a.answer || a.note) rows.push([fw.version, who(p, n), p.file, i.layer, i.id, i.name, a.answer ? fw.label[a.answer] : "", a.note]);
      });
    });
    A.download(A.csv(rows), "team-reflections-" + new Date().toISOString().slice(0, 10) + ".csv", "text/csv");
  }
  page.addEventListener("change", function (e) {
    if (e.target.id === "rcp-team-files") choose(e.target);
    else if (e.target === keep) {
      if (keep.checked) changed();
      else A.store(function (s) { s.removeItem(KEY); });
    }
  });
  page.addEventListener("click", function (e) {
    var b = e.target.closest && e.target.closest("button[data-team]");
    if (!b) return;
    var act = b.getAttribute("data-team");
    if (act === "csv") csv();
    else if (act === "print") window.print();
    else if (act === "clear") {
      people = [];
      keep.checked = false;
      A.store(function (s) { s.removeItem(KEY); });
      report(["The team view was cleared: no answers are shown or kept."]);
      show();
    }
  });
  q("#rcp-team-needs").hidden = true;
  page.querySelectorAll(".rcp-js").forEach(function (n) { n.hidden = false; });
  restore();
  show();
}

function start() {
  var root = document.getElementById("rcp-team");
  if (!root || root.getAttribute("data-ready")) return;
  if (!window.rcpAnswers) { (window.rcpWaiting = window.rcpWaiting || []).push(start); return; }
  root.setAttribute("data-ready", "1");
  team(root, window.rcpAnswers);
}
window.rcpTeam = start;
if (window.document$) window.document$.subscribe(start); // Material: every page shown
else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
})();

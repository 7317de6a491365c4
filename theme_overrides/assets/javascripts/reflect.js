/* rcp-docs, "Reflect on your practice": no library, no request; answers stay in localStorage.
   Reading and writing files is answers.js's, shared with the team view. */
(function () {
"use strict";
if (window.rcpReflect) { window.rcpReflect(); return; } // run again by instant navigation
var KEY = "rcp-reflect-v2", OLD_KEY = "rcp-reflect-v1",
  CLEAR = "Answer again to replace them, or remove them with \u201cClear all answers\u201d below.";

function sheet(root, A) {
  var page = root.parentNode, fw = A.framework(root), sets = {}, warned = false, shown = null;
  function q(sel) { return page.querySelector(sel); }
  page.querySelectorAll("fieldset.rcp-item[data-item]").forEach(function (set) {
    sets[set.getAttribute("data-item")] = set;
  });
  var items = fw.items.filter(function (i) { return sets[i.id]; }), el = A.el;
  fw.items = items;
  var who = q("#rcp-who"), place = q("#rcp-place"), message = q("#rcp-message");

  function state() {
    var answers = {};
    items.forEach(function (i) {
      var set = sets[i.id], on = set.querySelector("input[type=radio]:checked"),
        note = set.querySelector("textarea").value;
      if (on || note) answers[i.id] = { answer: on ? on.value : "", note: note };
    });
    return { who: who.value, place: place.value, answers: answers };
  }
  function answer(st, i) { return A.has(st.answers, i.id) ? st.answers[i.id] : { answer: "", note: "" }; }
  function apply(st) {
    who.value = st.who;
    place.value = st.place;
    items.forEach(function (i) {
      var a = answer(st, i), set = sets[i.id];
      set.querySelectorAll("input[type=radio]").forEach(function (r) { r.checked = r.value === a.answer; });
      set.querySelector("textarea").value = a.note;
    });
    update();
  }
  function save() {
    update();
    if (A.store(function (s) { s.setItem(KEY, JSON.stringify(A.file(fw, state()))); return true; }) || warned) return;
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
  function importFile(input) {
    var f = input.files && input.files[0];
    if (!f) return;
    A.text(f, function (text) {
      var got = A.read(fw, text, "The file\u2019s contents"), n;
      input.value = "";
      if (got.fatal) { report("Nothing was imported from " + A.short(f.name) + ".", [got.fatal]); return; }
      apply(got.state);
      save();
      n = Object.keys(got.state.answers).length;
      report("Imported " + n + " answer" + (n === 1 ? "" : "s") + " from " + A.short(f.name) + "." +
        (got.problems.length ? " Some of it could not be used:" : ""), got.problems);
    });
  }
  function download(kind) {
    var st = state(), day = new Date().toISOString().slice(0, 10);
    if (kind === "json") {
      A.download(JSON.stringify(A.file(fw, st), null, 2) + "\n", "reflection-" + day + ".json", "application/json");
      return;
    }
    var rows = [["framework_version", "who", "place", "layer", "id", "item", "proposal", "answer", "note"]];
    items.forEach(function (i) {
      var a = answer(st, i);
      rows.push([fw.version, st.who, st.place, i.layer, i.id, i.name, i.proposal ? "yes" : "no",
        a.answer ? fw.label[a.answer] : "", a.note]);
    });
    A.download(A.csv(rows), "reflection-" + day + ".csv", "text/csv");
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
        A.store(function (s) { s.removeItem(KEY); s.removeItem(OLD_KEY); });
        apply({ who: "", place: "", answers: {} });
        report("All answers and notes were cleared.");
      }
      clear.focus();
    }
  }

  // The short version for a role: only the items on its reading path are asked.
  function shorten() {
    var id = new URLSearchParams(location.search).get("role"), role = id && A.has(fw.roles, id) ? fw.roles[id] : null,
      box = q("#rcp-short");
    if (!role || !role.items.length) return;
    shown = {};
    role.items.forEach(function (i) { shown[i] = 1; });
    items.forEach(function (i) { sets[i.id].hidden = !shown[i.id]; });
    page.querySelectorAll(".rcp-layer").forEach(function (h) {
      var next = h.nextElementSibling, any = false;
      while (next && next.tagName === "FIELDSET") { any = any || !next.hidden; next = next.nextElementSibling; }
      h.hidden = !any;
    });
    var p = box.appendChild(el("p", "The short version for " + role.name + ": the " + role.items.length +
      " items on this role\u2019s reading path. "));
    var all = p.appendChild(el("a", "Answer every item instead"));
    all.href = location.pathname;
    all.addEventListener("click", function (e) { // the same page: show everything, keep the answers
      e.preventDefault();
      e.stopPropagation();
      history.pushState(history.state, "", location.pathname);
      unshorten();
    });
    box.hidden = false;
  }
  function unshorten() {
    shown = null;
    items.forEach(function (i) { sets[i.id].hidden = false; });
    page.querySelectorAll(".rcp-layer").forEach(function (h) { h.hidden = false; });
    var box = q("#rcp-short");
    box.hidden = true;
    box.textContent = "";
    update();
    if (items.length) sets[items[0].id].querySelector("input").focus(); // where the form now starts
  }

  // Progress, "Your onion", the notes, a next step, and the answers as printed.
  function update() {
    var st = state(), asked = items.filter(function (i) { return !shown || shown[i.id]; }),
      done = asked.filter(function (i) { return answer(st, i).answer; }).length,
      progress = q("#rcp-progress"), text = done + " of " + asked.length + " answered.";
    if (progress.textContent !== text) progress.textContent = text;
    var layerCounts = A.counts(fw, [st], shown);
    A.figures(fw, q("#rcp-figures"), layerCounts, "item");
    A.onion(q("#rcp-onion svg"), layerCounts);
    notes(st, asked);
    next(st, asked);
    printed(st, asked);
  }
  function notes(st, asked) {
    var box = q("#rcp-notes"), with_ = asked.filter(function (i) { return answer(st, i).note; });
    box.textContent = "";
    if (!with_.length) { box.appendChild(el("p", "No notes yet. Your notes will be listed here.")); return; }
    var ul = box.appendChild(el("ul"));
    with_.forEach(function (i) {
      var a = answer(st, i), li = ul.appendChild(el("li"));
      li.appendChild(el("strong", i.name + (a.answer ? " (" + fw.label[a.answer] + ")" : "") + ": "));
      li.appendChild(el("span", a.note, "rcp-printed-note"));
    });
  }
  function next(st, asked) {
    var box = q("#rcp-next"), pick = null;
    ["not-yet", "partly", "not-sure"].some(function (v) {
      pick = asked.filter(function (i) { return answer(st, i).answer === v; })[0] || null;
      return pick;
    });
    box.textContent = "";
    var p = box.appendChild(el("p", "", "rcp-suggestion"));
    p.appendChild(el("strong", "The project\u2019s suggestion: "));
    p.appendChild(document.createTextNode(pick ?
      "choose one item to work on, such as \u201c" + pick.name + "\u201d, which you answered \u201c" +
      fw.label[answer(st, pick).answer] + "\u201d. Talk it over with a colleague or in supervision, agree one small change to try, and come back to this page in a few weeks." :
      "answer a few items first. Then choose one to work on, talk it over with a colleague, and agree one small change to try."));
  }
  function printed(st, asked) {
    var out = q("#rcp-print"), date = new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
    q("#rcp-stamp").textContent = "Printed on " + date + ", from version " + fw.version + " of the framework." +
      (st.who ? " Whose reflection: " + st.who + "." : "") + (st.place ? " Place or service: " + st.place + "." : "");
    out.textContent = "";
    out.appendChild(el("h2", "Your answers and notes"));
    fw.layers.forEach(function (layer) {
      var mine = asked.filter(function (i) { return i.layer === layer.id; });
      if (!mine.length) return;
      out.appendChild(el("h3", layer.name));
      var ul = out.appendChild(el("ul"));
      mine.forEach(function (i) {
        var a = answer(st, i), li = ul.appendChild(el("li"));
        li.appendChild(el("strong", i.name + (i.proposal ? " (proposal)" : "") + ": "));
        li.appendChild(document.createTextNode(a.answer ? fw.label[a.answer] : "Not answered"));
        if (a.note) li.appendChild(el("p", "Note: " + a.note, "rcp-printed-note"));
      });
    });
  }
  function restore() {
    var saved = A.store(function (s) { return s.getItem(KEY); }), key = KEY;
    if (saved === undefined) { report("This browser does not let the page keep your answers: download them before you leave."); return; }
    if (saved === null) { saved = A.store(function (s) { return s.getItem(OLD_KEY); }); key = OLD_KEY; }
    if (saved === null || saved === undefined) return;
    var got = A.read(fw, saved, "The answers saved in this browser");
    if (got.fatal) { report(got.fatal, ["They may be from an older version of this page, or edited by hand. " + CLEAR]); return; }
    apply(got.state);
    if (key === OLD_KEY) { save(); A.store(function (s) { s.removeItem(OLD_KEY); }); }
    var moved = got.problems.filter(function (p) { return !/^It comes from version/.test(p); });
    if (moved.length) report("Some of the answers saved in this browser could not be used. " + CLEAR, got.problems);
  }

  page.classList.add("rcp-on");
  page.querySelectorAll(".rcp-js").forEach(function (n) { n.hidden = false; });
  page.addEventListener("change", function (e) { if (e.target.id === "rcp-import") importFile(e.target); else save(); });
  page.addEventListener("input", function (e) { if (e.target.type !== "radio" && e.target.type !== "file") save(); });
  page.addEventListener("click", click);
  shorten();
  restore();
  update();
}

function start() {
  var root = document.getElementById("rcp-reflect");
  if (!root || root.getAttribute("data-ready")) return;
  if (!window.rcpAnswers) { (window.rcpWaiting = window.rcpWaiting || []).push(start); return; }
  root.setAttribute("data-ready", "1");
  sheet(root, window.rcpAnswers);
}
window.rcpReflect = start;
if (window.document$) window.document$.subscribe(start); // Material: every page shown
else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
})();

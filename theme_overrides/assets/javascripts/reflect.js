/* rcp-docs: "Reflect on your practice". Plain JavaScript, no library and no request: answers stay
   in this browser's localStorage. It enhances a worksheet the page already is, and reads all it
   needs (items, layers, the framework's version, moved ids) from the page. Text from files or
   storage only ever becomes text (textContent, value), never markup. */
(function () {
  "use strict";
  if (window.rcpReflect) { window.rcpReflect(); return; } // run again by instant navigation

  var KEY = "rcp-reflect-v1", FORMAT = "rcp-reflect", MAX_BYTES = 1048576, MAX_NOTE = 10000,
    MAX_LINE = 200, MAX_DEPTH = 6, MAX_ANSWERS = 5000, SVG = "http://www.w3.org/2000/svg";
  var has = function (o, k) { return Object.prototype.hasOwnProperty.call(o, k); };
  var isObj = function (v) { return v !== null && typeof v === "object" && !Array.isArray(v); };

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text != null) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }
  function svg(tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    for (var k in attrs) node.setAttribute(k, attrs[k]);
    return node;
  }
  function short(text) { text = String(text); return text.length > 40 ? text.slice(0, 37) + "..." : text; }
  function names(list) {
    var shown = list.slice(0, 5).map(function (s) { return "\u201c" + short(s) + "\u201d"; }).join(", ");
    return shown + (list.length > 5 ? " and " + (list.length - 5) + " more" : "");
  }
  function today() {
    return new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
  }
  function parseAttr(node, name, fallback) {
    try { return JSON.parse(node.getAttribute(name)); } catch (e) { return fallback; }
  }

  // Deepest nesting of arrays and objects, counted without parsing: a deep file is refused before
  // JSON.parse could exhaust the stack.
  function depth(text) {
    var d = 0, most = 0, str = false;
    for (var i = 0; i < text.length; i++) {
      var c = text[i];
      if (str) { if (c === "\\") i++; else if (c === "\"") str = false; }
      else if (c === "\"") str = true;
      else if (c === "[" || c === "{") { if (++d > most) most = d; }
      else if (c === "]" || c === "}") d--;
    }
    return most;
  }

  function Sheet(root) {
    var self = this;
    this.root = root;
    this.page = root.parentNode;
    this.version = root.getAttribute("data-version") || "";
    this.layers = parseAttr(root, "data-layers", []);
    this.moved = parseAttr(root, "data-moved", {});
    this.items = [];
    this.byId = Object.create(null);
    this.page.querySelectorAll("fieldset.rcp-item[data-item]").forEach(function (set) {
      var link = set.querySelector("legend a");
      var item = { id: set.getAttribute("data-item"), layer: set.getAttribute("data-layer"),
        name: link ? link.textContent : "", proposal: !!set.querySelector(".rcp-proposal"),
        set: set, note: set.querySelector("textarea") };
      self.items.push(item);
      self.byId[item.id] = item;
    });
    this.choices = [];
    if (this.items.length) {
      this.items[0].set.querySelectorAll("input[type=radio]").forEach(function (radio) {
        var label = self.page.querySelector("label[for='" + radio.id + "']");
        self.choices.push({ value: radio.value, label: label ? label.textContent : radio.value });
      });
    }
    this.label = {};
    this.choices.forEach(function (c) { self.label[c.value] = c.label; });
    this.who = this.page.querySelector("#rcp-who");
    this.place = this.page.querySelector("#rcp-place");
    this.message = this.page.querySelector("#rcp-message");
    this.page.classList.add("rcp-on");
    this.page.querySelectorAll(".rcp-js").forEach(function (n) { n.hidden = false; });
    this.page.addEventListener("change", function (e) { self.changed(e); });
    this.page.addEventListener("input", function (e) { if (e.target.type !== "radio") self.save(); });
    this.page.addEventListener("click", function (e) { self.click(e); });
    this.load();
  }

  Sheet.prototype.q = function (sel) { return this.page.querySelector(sel); };

  // --- state: read from and written to the form ------------------------------------------------
  Sheet.prototype.state = function () {
    var answers = {};
    this.items.forEach(function (item) {
      var checked = item.set.querySelector("input[type=radio]:checked");
      var answer = checked ? checked.value : "", note = item.note ? item.note.value : "";
      if (answer || note) answers[item.id] = { answer: answer, note: note };
    });
    return { who: this.who ? this.who.value : "", place: this.place ? this.place.value : "",
      answers: answers };
  };

  Sheet.prototype.apply = function (state) {
    if (this.who) this.who.value = state.who;
    if (this.place) this.place.value = state.place;
    this.items.forEach(function (item) {
      var a = has(state.answers, item.id) ? state.answers[item.id] : { answer: "", note: "" };
      item.set.querySelectorAll("input[type=radio]").forEach(function (r) { r.checked = r.value === a.answer; });
      if (item.note) item.note.value = a.note;
    });
    this.update();
  };

  Sheet.prototype.file = function () {
    var st = this.state(), self = this;
    return { format: FORMAT, version: 1, framework: this.version, saved: new Date().toISOString(),
      who: st.who, place: st.place,
      answers: this.items.filter(function (i) { return has(st.answers, i.id); }).map(function (i) {
        var a = st.answers[i.id];
        return { id: i.id, layer: i.layer, item: i.name, answer: a.answer, note: a.note };
      }) };
  };

  Sheet.prototype.changed = function (e) {
    if (e.target.id === "rcp-import") { this.importFile(e.target); return; }
    this.save();
  };

  Sheet.prototype.save = function () {
    this.update();
    try {
      localStorage.setItem(KEY, JSON.stringify(this.file()));
    } catch (err) {
      if (!this.warned) this.report("Your answers could not be saved in this browser (its storage is full or turned off). Download them to keep them.");
      this.warned = true;
    }
  };

  Sheet.prototype.load = function () {
    var text = null;
    try { text = localStorage.getItem(KEY); } catch (err) {
      this.report("This browser does not let the page keep your answers. Download them before you leave the page.");
    }
    if (text !== null) {
      var got = this.read(text, "The answers saved in this browser");
      if (got.fatal) {
        this.report(got.fatal, ["They may come from an older version of this page, or have been changed by hand. Remove them, or answer again to replace them."]);
        this.discard(true);
      } else {
        this.apply(got.state);
        if (got.problems.length) {
          this.report("Some of the answers saved in this browser could not be used.", got.problems);
          this.discard(true);
        }
      }
    }
    this.update();
  };

  Sheet.prototype.discard = function (show) {
    var button = this.q("#rcp-discard");
    if (button) button.hidden = !show;
  };

  // --- reading a file (or storage) strictly --------------------------------------------------
  Sheet.prototype.read = function (text, what) {
    var self = this, problems = [];
    if (typeof text !== "string" || text.length > MAX_BYTES) return { fatal: what + " are larger than 1 MB, so nothing was read." };
    if (depth(text) > MAX_DEPTH) return { fatal: what + " are nested too deeply to be answers from this page, so nothing was read." };
    var data;
    try { data = JSON.parse(text); } catch (err) { return { fatal: what + " are not JSON, so nothing was read." }; }
    if (!isObj(data) || data.format !== FORMAT) return { fatal: what + " are not answers from this page (a JSON file downloaded here says \"format\": \"rcp-reflect\"), so nothing was read." };
    if (!Array.isArray(data.answers)) return { fatal: what + " have no list of answers, so nothing was read." };
    if (data.answers.length > MAX_ANSWERS) return { fatal: what + " hold more than " + MAX_ANSWERS + " answers, so nothing was read." };
    var state = { who: "", place: "", answers: {} };
    [["who", "The name or team"], ["place", "The place or service"]].forEach(function (f) {
      var v = data[f[0]];
      if (v == null || v === "") return;
      if (typeof v !== "string") problems.push(f[1] + " was not text, so it was skipped.");
      else if (v.length > MAX_LINE) problems.push(f[1] + " was longer than " + MAX_LINE + " characters, so it was skipped.");
      else state[f[0]] = v;
    });
    if (typeof data.framework !== "string") problems.push("It does not say which version of the framework it comes from; answers were matched by item id.");
    else if (data.framework !== this.version) problems.push("It comes from version " + short(data.framework) + " of the framework, and this page shows version " + this.version + ". Answers were matched by item id.");
    var unknown = [], dupes = [], wrong = 0, badAnswer = [], badNote = [], longNote = [], retired = [], moved = [];
    data.answers.forEach(function (a) {
      if (!isObj(a) || typeof a.id !== "string") { wrong++; return; }
      var id = a.id;
      if (!self.byId[id]) {
        if (!has(self.moved, id)) { unknown.push(id); return; }
        if (!self.byId[self.moved[id]]) { retired.push(id); return; }
        moved.push(id + " (now " + self.byId[self.moved[id]].name + ")");
        id = self.moved[id];
      }
      if (has(state.answers, id)) { dupes.push(a.id); return; }
      var answer = a.answer == null ? "" : a.answer, note = a.note == null ? "" : a.note;
      if (answer !== "" && !(typeof answer === "string" && has(self.label, answer))) { badAnswer.push(a.id); answer = ""; }
      if (typeof note !== "string") { badNote.push(a.id); note = ""; }
      else if (note.length > MAX_NOTE) { longNote.push(a.id); note = ""; }
      if (answer || note) state.answers[id] = { answer: answer, note: note };
    });
    var say = function (list, text) { if (list.length) problems.push(text + ": " + names(list) + "."); };
    if (wrong) problems.push(wrong + " entr" + (wrong === 1 ? "y was" : "ies were") + " not an answer with an item id, so " + (wrong === 1 ? "it was" : "they were") + " skipped.");
    say(unknown, "Skipped, because no item has this id");
    say(retired, "Skipped, because these items are no longer part of the framework");
    say(moved, "Moved to the item that replaces them");
    say(dupes, "Skipped, because the item was already answered earlier in the file");
    say(badAnswer, "Answer skipped, because it is not one of the four choices");
    say(badNote, "Note skipped, because it is not text");
    say(longNote, "Note skipped, because it is longer than " + MAX_NOTE + " characters");
    return { state: state, problems: problems };
  };

  Sheet.prototype.importFile = function (input) {
    var self = this, file = input.files && input.files[0];
    if (!file) return;
    var done = function (text) {
      var got = self.read(text, "The file\u2019s contents");
      input.value = "";
      if (got.fatal) { self.report("Nothing was imported from " + short(file.name) + ".", [got.fatal]); return; }
      self.apply(got.state);
      self.save();
      var n = Object.keys(got.state.answers).length;
      self.report("Imported " + n + " answer" + (n === 1 ? "" : "s") + " from " + short(file.name) + "." + (got.problems.length ? " Some of it could not be used:" : ""), got.problems);
    };
    if (file.size > MAX_BYTES) { done(null); return; }
    file.text().then(done, function () { done(null); });
  };

  Sheet.prototype.report = function (text, list) {
    var box = this.message;
    if (!box) return;
    box.textContent = "";
    box.appendChild(el("p", text));
    if (list && list.length) {
      var ul = box.appendChild(el("ul"));
      list.forEach(function (line) { ul.appendChild(el("li", line)); });
    }
  };

  // --- buttons --------------------------------------------------------------------------------
  Sheet.prototype.click = function (e) {
    var button = e.target.closest ? e.target.closest("button[data-rcp]") : null;
    if (!button) return;
    var act = button.getAttribute("data-rcp"), confirm = this.q("#rcp-confirm"),
      clear = this.q("button[data-rcp=clear]");
    if (act === "json") this.download("json");
    else if (act === "csv") this.download("csv");
    else if (act === "print") window.print();
    else if (act === "clear") {
      confirm.hidden = false;
      clear.setAttribute("aria-expanded", "true");
      confirm.querySelector("button").focus();
    } else if (act === "clear-yes" || act === "clear-no") {
      confirm.hidden = true;
      clear.setAttribute("aria-expanded", "false");
      if (act === "clear-yes") {
        try { localStorage.removeItem(KEY); } catch (err) { /* nothing was stored */ }
        this.apply({ who: "", place: "", answers: {} });
        this.discard(false);
        this.report("All answers and notes were cleared.");
      }
      clear.focus();
    } else if (act === "discard") {
      try { localStorage.removeItem(KEY); } catch (err) { /* nothing was stored */ }
      this.discard(false);
      this.report("The saved answers were removed from this browser.");
      if (this.who) this.who.focus();
    }
  };

  Sheet.prototype.download = function (kind) {
    var data = this.file(), stamp = data.saved.slice(0, 10), text, type;
    if (kind === "json") { text = JSON.stringify(data, null, 2) + "\n"; type = "application/json"; }
    else {
      var cell = function (v) {
        v = String(v);
        if (/^[=+\-@\t\r]/.test(v)) v = "'" + v; // never a formula in a spreadsheet
        return "\"" + v.replace(/"/g, "\"\"") + "\"";
      };
      var st = this.state(), self = this, rows = [["framework_version", "who", "place", "layer", "id", "item", "proposal", "answer", "note"]];
      this.items.forEach(function (i) {
        var a = has(st.answers, i.id) ? st.answers[i.id] : { answer: "", note: "" };
        rows.push([self.version, st.who, st.place, i.layer, i.id, i.name, i.proposal ? "yes" : "no",
          a.answer ? self.label[a.answer] : "", a.note]);
      });
      text = "\ufeff" + rows.map(function (r) { return r.map(cell).join(","); }).join("\r\n") + "\r\n";
      type = "text/csv";
    }
    var url = URL.createObjectURL(new Blob([text], { type: type + ";charset=utf-8" }));
    var a = document.createElement("a");
    a.href = url;
    a.download = "reflection-" + stamp + "." + kind;
    a.click(); // detached: Material's instant navigation never sees the click
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  };

  // --- the summary: "Your onion", its figures, and the printed answers -----------------------
  Sheet.prototype.update = function () {
    var st = this.state(), self = this;
    var counts = this.layers.map(function (layer) {
      var c = { layer: layer, total: 0, yes: 0, sometimes: 0, "not-yet": 0, "not-sure": 0, none: 0 };
      self.items.forEach(function (i) {
        if (i.layer !== layer.id) return;
        var a = has(st.answers, i.id) ? st.answers[i.id].answer : "";
        c.total++;
        c[a && has(c, a) ? a : "none"]++;
      });
      return c;
    });
    this.figures(counts);
    this.onion(counts);
    this.printed(st);
  };

  Sheet.prototype.figures = function (counts) {
    var list = this.q("#rcp-figures"), self = this;
    if (!list) return;
    counts.forEach(function (c, n) {
      var text = c.layer.name + " (" + c.total + " item" + (c.total === 1 ? "" : "s") + "): " +
        self.choices.map(function (ch) { return ch.label + " " + c[ch.value]; }).join(", ") +
        ", Not answered " + c.none + ".";
      var li = list.children[n] || list.appendChild(el("li"));
      li.setAttribute("data-layer", c.layer.id);
      if (li.textContent !== text) li.textContent = text; // only changed lines are announced
    });
  };

  function point(r, angle) {
    return (320 + r * Math.sin(angle)).toFixed(1) + " " + (320 - r * Math.cos(angle)).toFixed(1);
  }
  function sector(r0, r1, a0, a1) {
    return "M" + point(r1, a0) + "A" + r1 + " " + r1 + " 0 0 1 " + point(r1, a1) + "L" + point(r0, a1) +
      "A" + r0 + " " + r0 + " 0 0 0 " + point(r0, a0) + "Z";
  }
  var FILLS = { yes: "#2e7d32", sometimes: "url(#rcp-stripes)", "not-yet": "url(#rcp-dots)" };

  Sheet.prototype.onion = function (counts) {
    var box = this.q("#rcp-onion");
    if (!box || !counts.length) return;
    var s = svg("svg", { viewBox: "0 0 640 640", role: "img", "aria-labelledby": "your-onion",
      "aria-describedby": "rcp-figures", "font-family": "inherit" });
    var defs = s.appendChild(svg("defs", {}));
    var stripes = defs.appendChild(svg("pattern", { id: "rcp-stripes", width: 14, height: 14,
      patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" }));
    stripes.appendChild(svg("rect", { width: 14, height: 14, fill: "#fff3c4" }));
    stripes.appendChild(svg("rect", { width: 6, height: 14, fill: "#8a6d00" }));
    var dots = defs.appendChild(svg("pattern", { id: "rcp-dots", width: 16, height: 16, patternUnits: "userSpaceOnUse" }));
    dots.appendChild(svg("rect", { width: 16, height: 16, fill: "#fde0dc" }));
    dots.appendChild(svg("circle", { cx: 8, cy: 8, r: 4, fill: "#b3261e" }));
    var n = counts.length, step = n > 1 ? 216 / (n - 1) : 0;
    var radius = function (i) { return n > 1 ? 96 + i * step : 312; };
    var line = { fill: "none", stroke: "#4d4d4d", "stroke-width": 2 }, edges = [];
    for (var i = n - 1; i >= 0; i--) { // outermost first: inner rings sit on top
      var c = counts[i], r0 = i ? radius(i - 1) : 0, r1 = radius(i), angle = 0;
      var parts = [["yes", c.yes], ["sometimes", c.sometimes], ["not-yet", c["not-yet"]], ["rest", c["not-sure"] + c.none]]
        .filter(function (p) { return p[1] > 0; });
      s.appendChild(svg("circle", { cx: 320, cy: 320, r: r1, fill: "#ffffff" }));
      parts.forEach(function (p) {
        var end = angle + 2 * Math.PI * p[1] / c.total, d = "";
        if (parts.length > 1) edges.push("M" + point(r0, angle) + "L" + point(r1, angle));
        if (p[0] !== "rest") {
          for (var a = angle; a < end - 1e-9; a += Math.PI) d += sector(r0, r1, a, Math.min(a + Math.PI, end));
          s.appendChild(svg("path", { d: d, fill: FILLS[p[0]], "data-layer": c.layer.id, "data-answer": p[0], "data-count": p[1] }));
        }
        angle = end;
      });
    }
    for (i = 0; i < n; i++) s.appendChild(svg("circle", Object.assign({ cx: 320, cy: 320, r: radius(i) }, line)));
    if (edges.length) s.appendChild(svg("path", Object.assign({ d: edges.join("") }, line)));
    for (i = 0; i < n; i++) { // labels on white, above every ring
      var y = i ? 320 - (radius(i - 1) + radius(i)) / 2 : 320, name = counts[i].layer.name;
      var w = Math.min(620, name.length * 15 + 24);
      s.appendChild(svg("rect", { x: 320 - w / 2, y: y - 20, width: w, height: 40, rx: 8, fill: "#ffffff", stroke: "#4d4d4d" }));
      var t = s.appendChild(svg("text", { x: 320, y: y + 9, "text-anchor": "middle", fill: "#1b1b1b", "font-size": 27, "font-weight": "bold" }));
      t.textContent = name;
    }
    box.textContent = "";
    box.appendChild(s);
  };

  Sheet.prototype.printed = function (st) {
    var out = this.q("#rcp-print"), stamp = this.q("#rcp-stamp"), self = this;
    var who = [st.who && "Whose reflection: " + st.who + ".", st.place && "Place or service: " + st.place + "."].filter(Boolean).join(" ");
    if (stamp) stamp.textContent = "Printed on " + today() + ", from version " + this.version + " of the framework. " + who;
    if (!out) return;
    out.textContent = "";
    out.appendChild(el("h2", "Your answers and notes"));
    this.layers.forEach(function (layer) {
      out.appendChild(el("h3", layer.name));
      var ul = out.appendChild(el("ul"));
      self.items.forEach(function (i) {
        if (i.layer !== layer.id) return;
        var a = has(st.answers, i.id) ? st.answers[i.id] : { answer: "", note: "" };
        var li = ul.appendChild(el("li"));
        li.appendChild(el("strong", i.name + (i.proposal ? " (proposal)" : "") + ": "));
        li.appendChild(document.createTextNode(a.answer ? self.label[a.answer] : "Not answered"));
        if (a.note) li.appendChild(el("p", "Note: " + a.note, "rcp-printed-note"));
      });
    });
  };

  function start() {
    var root = document.getElementById("rcp-reflect");
    if (!root || root.getAttribute("data-ready")) return;
    root.setAttribute("data-ready", "1");
    new Sheet(root); // eslint-disable-line no-new
  }
  window.rcpReflect = start;
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

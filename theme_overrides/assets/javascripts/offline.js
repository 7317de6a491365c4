/* rcp-docs: reading with no signal. Registers the site's service worker (sw.js) on the published
   site only: over http(s), never from files on disk; main.html leaves this script out of a pull
   request's preview. Then makes "Keep this site for offline reading" work: it shows the size
   first, and asks the worker to keep every page (the PDF only if asked). Site's own files only. */
(function () {
"use strict";
var here = document.currentScript && document.currentScript.src;
if (window.rcpOffline) { window.rcpOffline(); return; }
if (!here || !/^https?:$/.test(location.protocol) || !("serviceWorker" in navigator)) return;
var ROOT = new URL("../../", here).href; // this script is at assets/javascripts/offline.js
navigator.serviceWorker.register(ROOT + "sw.js", { scope: ROOT }).catch(function () {});

function mine(url) { return url.indexOf(ROOT) === 0 && !/#/.test(url); }
// Every page of the site: the sitemap's addresses (made for the published address, so taken
// relative to its root) and the navigation's links, with the theme's files this page uses.
function files() {
  var found = {};
  function add(url) { url = url.split("#")[0]; if (mine(url)) found[url] = 1; }
  document.querySelectorAll(".md-nav__link[href], link[rel=stylesheet][href], script[src], link[rel=icon][href], link[rel=manifest][href]")
    .forEach(function (n) { add(n.href || n.src); });
  add(ROOT);
  return fetch(ROOT + "sitemap.xml").then(function (r) { return r.ok ? r.text() : ""; }, function () { return ""; })
    .then(function (xml) {
      var locs = (xml.match(/<loc>[^<]+<\/loc>/g) || []).map(function (l) { return l.slice(5, -6).trim(); }),
        root = locs.reduce(function (a, b) { return !a || b.length < a.length ? b : a; }, "");
      locs.forEach(function (l) { if (l.indexOf(root) === 0) add(new URL(l.slice(root.length), ROOT).href); });
      ["search/search_index.json", "search.json"].forEach(function (s) { found[ROOT + s] = 1; });
      return Object.keys(found);
    });
}
function size(urls) {
  return Promise.all(urls.map(function (u) {
    return fetch(u, { method: "HEAD", cache: "no-cache" }).then(function (r) {
      return r.ok ? { url: u, bytes: +(r.headers.get("content-length") || 0) } : null;
    }, function () { return null; });
  })).then(function (all) { return all.filter(Boolean); });
}
function mb(bytes) { return bytes < 1e6 ? Math.max(1, Math.round(bytes / 1e3)) + " kB" : (bytes / 1e6).toFixed(1) + " MB"; }
function ask(message) {
  return navigator.serviceWorker.ready.then(function (reg) {
    return new Promise(function (done) {
      var channel = new MessageChannel();
      channel.port1.onmessage = function (e) { done(e.data); };
      reg.active.postMessage(message, [channel.port2]);
    });
  });
}

function control(box) {
  if (box.getAttribute("data-ready")) return;
  box.setAttribute("data-ready", "1");
  var status = box.querySelector(".rcp-offline-status"), pdfBox = box.querySelector(".rcp-offline-pdf"),
    pdfPath = box.getAttribute("data-pdf"), pdf = pdfPath ? new URL(pdfPath, ROOT).href : "", list = [];
  box.querySelector(".rcp-offline-needs").hidden = true;
  box.querySelector(".rcp-offline-tools").hidden = false;
  function say(text) { status.textContent = text; }
  box.addEventListener("click", function (e) {
    var b = e.target.closest && e.target.closest("button[data-offline]");
    if (!b) return;
    var act = b.getAttribute("data-offline");
    if (act === "size") {
      say("Checking the size\u2026");
      files().then(size).then(function (found) {
        list = found.map(function (f) { return f.url; });
        var total = found.reduce(function (s, f) { return s + f.bytes; }, 0);
        say("Keeping every page takes about " + mb(total) + " on this device (" + found.length + " files).");
        if (!pdf) return;
        return size([pdf]).then(function (p) {
          if (!p.length) return;
          pdfBox.querySelector("label").textContent = "Also keep the PDF of the whole framework (about " + mb(p[0].bytes) + ")";
          pdfBox.hidden = false;
        });
      }).then(function () { box.querySelector(".rcp-offline-actions").hidden = false; });
    } else if (act === "keep") {
      var urls = list.slice(), withPdf = pdf && box.querySelector("#rcp-offline-pdf").checked;
      if (withPdf) urls.push(pdf);
      say("Keeping " + urls.length + " files\u2026");
      ask({ keep: urls }).then(function (r) {
        say("Kept " + r.kept + " files for offline reading" + (withPdf ? ", the PDF included" : "") +
          (r.failed ? "; " + r.failed + " could not be fetched: try again with a better signal." : "."));
      });
    } else if (act === "forget") {
      ask({ forget: true }).then(function () { say("The kept pages were removed from this device."); });
    }
  });
}
function start() { document.querySelectorAll(".rcp-offline").forEach(control); }
window.rcpOffline = start;
if (window.document$) window.document$.subscribe(start);
else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
})();

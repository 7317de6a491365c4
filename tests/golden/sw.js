/* rcp-docs: the service worker. Keeps the site's own pages and files as a reader opens them
   (network first, so a published change shows on the next visit with signal), serves them from
   this cache with no signal, and keeps every page when the reader asks ("Keep this site for
   offline reading"). Nothing from another address is cached or fetched. Written at build time. */
"use strict";
var PREFIX = "rcp-offline-", CACHE = PREFIX + "53bf86ae75f8fd05", SCOPE = self.registration.scope;

// The site's own files only; never `mkdocs serve`'s live-reload requests, which wait for a change.
function ours(url) { return url.indexOf(SCOPE) === 0 && url.indexOf("/livereload/") < 0; }
function keep(request, response) {
  if (!response || !response.ok || response.type !== "basic") return Promise.resolve(response);
  var copy = response.clone();
  return caches.open(CACHE).then(function (c) { return c.put(request, copy); })
    .then(function () { return response; }, function () { return response; });
}

self.addEventListener("install", function () { self.skipWaiting(); });
// A new build: what the reader kept moves into this build's cache, and the old caches go.
self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    var old = names.filter(function (n) { return n.indexOf(PREFIX) === 0 && n !== CACHE; });
    return caches.open(CACHE).then(function (fresh) {
      return Promise.all(old.map(function (name) {
        return caches.open(name).then(function (c) {
          return c.keys().then(function (keys) {
            return Promise.all(keys.map(function (k) {
              return fresh.match(k).then(function (has) {
                return has || c.match(k).then(function (r) { return r && fresh.put(k, r); });
              });
            }));
          });
        }).then(function () { return caches.delete(name); });
      }));
    });
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || !ours(request.url) || request.headers.has("range")) return;
  var page = request.mode === "navigate";
  event.respondWith(fetch(request).then(function (response) { return keep(request, response); },
    function () {
      return caches.open(CACHE).then(function (c) {
        return c.match(request, { ignoreSearch: page }).then(function (hit) {
          return hit || (page ? offline(c) : Response.error());
        });
      });
    }));
});

function esc(text) {
  return String(text).replace(/&(?![a-z#0-9]+;)/gi, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
// A page that was not kept: a short page linking to those that were.
function offline(cache) {
  return cache.keys().then(function (keys) {
    return Promise.all(keys.map(function (k) {
      return cache.match(k).then(function (r) {
        if (!r || (r.headers.get("content-type") || "").indexOf("text/html") !== 0) return null;
        return r.text().then(function (t) {
          var m = /<title>([^<]*)<\/title>/.exec(t);
          return { url: k.url, title: m ? m[1] : k.url };
        });
      });
    }));
  }).then(function (found) {
    var pages = found.filter(Boolean).sort(function (a, b) { return a.url < b.url ? -1 : 1; }),
      list = pages.map(function (p) { return "<li><a href=\"" + esc(p.url) + "\">" + esc(p.title) + "</a></li>"; }).join("");
    return new Response("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">" +
      "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>Not kept for offline reading</title>" +
      "<style>:root{color-scheme:light dark}body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5}a{color:inherit}li{margin:.4em 0}</style></head><body>" +
      "<h1>This page is not kept on this device</h1><p>You seem to have no signal, and this page was not kept for offline reading. " +
      (pages.length ? "These pages are kept, and you can read them now:</p><ul>" + list + "</ul>" :
        "No page of this site is kept on this device yet.</p>") +
      "<p>When you have signal again, reload this page.</p></body></html>",
      { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
  });
}

// "Keep this site for offline reading": every page asked for, or forget what was kept.
self.addEventListener("message", function (event) {
  var data = event.data || {}, port = event.ports && event.ports[0];
  function reply(value) { if (port) port.postMessage(value); }
  if (data.forget) {
    event.waitUntil(caches.keys().then(function (names) {
      return Promise.all(names.filter(function (n) { return n.indexOf(PREFIX) === 0; }).map(function (n) { return caches.delete(n); }));
    }).then(function () { reply({ forgot: true }); }));
    return;
  }
  if (!Array.isArray(data.keep)) return;
  var urls = data.keep.filter(function (u) { return typeof u === "string" && ours(u); }), kept = 0, failed = 0;
  event.waitUntil(caches.open(CACHE).then(function (c) {
    return urls.reduce(function (chain, url) {
      return chain.then(function () {
        return fetch(url, { cache: "no-cache" }).then(function (r) {
          if (!r.ok || r.type !== "basic") { failed++; return; }
          kept++;
          return c.put(url, r);
        }, function () { failed++; });
      });
    }, Promise.resolve());
  }).then(function () { reply({ kept: kept, failed: failed }); }));
});

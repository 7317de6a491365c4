/* rcp-docs: addresses that readers already hold. A page that keeps an item's old address has a
   note under that id (class rcp-moved) whose link is where the item is now; a page that moved as a
   whole says so in a paragraph (class rcp-moved-page). Arriving at either, go straight on. Without
   this script the notes are plain text with links. Stores nothing; runs again on every page that
   Material's instant navigation loads, and when the address's #fragment changes. */
(function () {
"use strict";
function forward() {
  var id = "";
  try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { id = ""; }
  var note = id ? document.getElementById(id) : null;
  var link = null;
  if (note && note.classList.contains("rcp-moved")) {
    link = note.querySelector("a[href]");
  } else if (!note) {
    link = document.querySelector(".rcp-moved-page a[href]");
  }
  if (link && link.href !== location.href) location.replace(link.href);
}
if (!window.rcpForward) window.addEventListener("hashchange", function () { window.rcpForward(); });
window.rcpForward = forward;
forward();
})();

// Glossary terms are <abbr> elements: Material (content.tooltips) shows the definition on hover
// and on focus, and then names the tooltip in aria-describedby. So that keyboard and screen-reader
// users reach it too, the first use of each term on a page joins the tab order. Runs on every page
// Material's instant navigation loads; stores nothing.
document$.subscribe(function () {
  var seen = {};
  document.querySelectorAll(".md-content abbr").forEach(function (abbr) {
    var term = abbr.textContent;
    if (!seen[term]) {
      seen[term] = true;
      abbr.tabIndex = 0;
    }
  });
});

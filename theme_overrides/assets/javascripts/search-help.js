// When a search finds nothing, Material says "No matching documents" and stops. This puts advice
// under it: ways to browse (by role, the glossary), an email to the project with the word filled
// in, and other words to try (each runs the search again). Its data is
// search-help.json, made from framework.yml at build time and fetched the first time a search
// finds nothing. Text is set as text, never as HTML; the word is percent-encoded in the email
// address. Re-attached on every page Material's instant navigation loads; stores nothing.
(function () {
  var script = document.currentScript;
  if (!script || !window.fetch || !window.MutationObserver || !window.document$) return;
  var root = new URL("../../", script.src); // assets/javascripts/ -> the site's root
  var none, help, loading, watched;
  try {
    none = JSON.parse(document.getElementById("__config").textContent).translations["search.result.none"];
  } catch (error) {
    return;
  }

  function load() {
    loading = loading || fetch(new URL("search-help.json", root).href)
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) { help = data; }, function () { loading = null; });
    return loading;
  }

  function element(tag, text, attributes) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    return node;
  }

  function encoded(text) { // as rcp-docs encodes every part of a mailto: address
    return encodeURIComponent(text).replace(/[!'()*]/g, function (c) {
      return "%" + c.charCodeAt(0).toString(16).toUpperCase();
    });
  }

  function search(input, word) {
    input.value = word;
    input.focus();
    ["input", "keyup"].forEach(function (type) { input.dispatchEvent(new Event(type, {bubbles: true})); });
  }

  function advice(input, query) {
    var box = element("div", "", {"class": "rcp-search-help", "data-query": query});
    box.appendChild(element("p", "Check the spelling, or try a shorter or more general word."));
    var ways = box.appendChild(element("ul"));
    ways.appendChild(element("li")).appendChild(element("a", "Browse by role: find your way in",
      {href: new URL(help.pages.roles, root).href}));
    ways.appendChild(element("li")).appendChild(element("a", "The glossary: the words this framework uses",
      {href: new URL(help.pages.glossary, root).href}));
    var tell = ways.appendChild(element("li"));
    if (help.mailto) {
      tell.appendChild(element("a", "Tell us the word you looked for",
        {href: help.mailto + encoded(query.slice(0, 200))}));
      tell.appendChild(document.createTextNode(" (opens your email, with the word filled in)"));
    } else {
      tell.appendChild(element("a", "Tell us what's missing", {href: new URL(help.pages.feedback, root).href}));
    }
    if (help.words.length) {
      box.appendChild(element("p", "Other words to try:"));
      var words = box.appendChild(element("ul", "", {"class": "rcp-search-help__words"}));
      help.words.forEach(function (word) {
        var button = words.appendChild(element("li")).appendChild(element("button", word, {type: "button"}));
        button.addEventListener("click", function () { search(input, word); });
      });
    }
    return box;
  }

  function update() {
    var result = document.querySelector(".md-search-result");
    var input = document.querySelector(".md-search__input");
    if (!result || !input) return;
    var meta = result.querySelector(".md-search-result__meta");
    var shown = result.querySelector(".rcp-search-help");
    var query = input.value.trim();
    if (!query || !meta || meta.textContent.trim() !== none) {
      if (shown) shown.remove();
      return;
    }
    if (shown && shown.getAttribute("data-query") === query) return;
    load().then(function () {
      var now = result.querySelector(".rcp-search-help");
      if (!help || input.value.trim() !== query || meta.textContent.trim() !== none) return;
      if (now) now.remove();
      meta.after(advice(input, query));
    });
  }

  document$.subscribe(function () {
    var result = document.querySelector(".md-search-result");
    if (!result || result === watched) return;
    watched = result;
    new MutationObserver(update).observe(result, {childList: true, subtree: true, characterData: true});
  });
})();

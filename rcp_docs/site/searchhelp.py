"""What the search box offers when a word finds nothing: `search-help.json`, from the model.

The script `theme_overrides/assets/javascripts/search-help.js` fetches it the first time a search
finds nothing, so no page carries it: other words to try (the search terms the data gives items
and glossary entries), the addresses of "Find your way in", the glossary and "Tell us what's
missing" (from the site's root), and the start of an email to the feedback addresses that the
script ends with the word looked for, percent-encoded as every other part.
"""

from __future__ import annotations

import json

from ..base.options import Options
from ..structure import model
from ..structure.registry import address, page
from .links import Links

PATH = "search-help.json"
SUBJECT = "A word I looked for on the site"
BODY = "I searched the framework's site for this word and found nothing:\r\n\r\n"


def search_help(framework: model.Framework, options: Options) -> str:
    """The JSON the no-result advice reads."""
    words = sorted({term for layer in framework.layers for item in layer.items
                    for term in item.data.search_terms}
                   | {term for entry in framework.data.glossary for term in entry.search_terms},
                   key=str.casefold)
    mail = ""
    if framework.emails:
        # the body's last part is the word: the script appends it, encoded the same way
        mail = Links(PATH, False, options, {}, tuple(framework.emails)).mailto(SUBJECT, BODY)
    pages = {name: address(page(name).path, options.directory_urls)
             for name in ("roles", "glossary", "feedback")}
    return json.dumps({"words": words, "pages": pages, "mailto": str(mail)},
                      ensure_ascii=True, separators=(",", ":"))

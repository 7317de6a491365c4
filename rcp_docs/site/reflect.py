"""The "Reflect on your practice" page: what its worksheet asks, and the data its script needs.

The page lists every item that is part of the framework or proposed (retired items are not asked),
layer by layer from the core. Its script (theme_overrides/assets/javascripts/reflect.js) reads what
it needs from the page itself: the framework's version, the layers, and where answers to old ids go
(redirects, and retired items' replacements), so an answer file from an earlier version still
lands on the right items. Everything here comes from the model at build time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from ..structure import model
from .svgtext import INK, STROKE
from ..base.text import Md, checked_id, html, html_line

# The one closed question asked of every item, and its answers: the project's own wording (the
# items' questions, from the framework, are prompts for the note).
QUESTION = "How well does this describe your work now?"
CHOICES = (  # (value in files, label on the page), in the order shown
    ("well", "Well"),
    ("partly", "In part"),
    ("not-yet", "Not yet"),
    ("not-sure", "Not sure"),
)
# Answers written by the first form of the page ("This is how I/we work", "Sometimes"), as they
# are read now: the one mapping, used for what the browser kept and for imported files alike.
OLD_ANSWERS = {"yes": "well", "sometimes": "partly"}


@dataclass(frozen=True, slots=True)
class WorksheetLayer:
    layer: model.Layer
    items: list[model.Item]  # the draft items first, then proposals; never retired items


@dataclass(frozen=True, slots=True)
class Worksheet:
    parts: list[WorksheetLayer]
    version: str
    layers: str  # JSON: [{id, name}] from the core outwards
    redirects: str  # JSON {old id: id asked now, or "" for a retired item with no replacement}
    frame: Md  # "Your onion" without answers: the script adds a slice per answer
    data: str  # JSON for the scripts: choices, old answers, items, roles' reading paths

    def fieldset(self, item: model.Item, layer: str, href: str) -> Md:
        """One item's block: its questions, the choices and a note, as one HTML block with no
        blank line inside. Written here rather than in the template: at 10,000 items Jinja took
        a third of a second for the worksheet alone. Text from framework.yml goes through `html_line`;
        ids are checked against the id pattern; `href` is a link rcp-docs built."""
        key, ident, in_layer = f"rcp-{checked_id(item.id)}", checked_id(item.id), checked_id(layer)
        proposal = ' <span class="rcp-proposal">(proposal)</span>' if item.proposed else ""
        # data-search-exclude: search leaves the questions here to the item's own section
        name = html_line(item.data.name)
        lines = [f'<fieldset class="rcp-item" id="{key}" data-item="{ident}" '
                 f'data-layer="{in_layer}" data-search-exclude>',
                 f'<legend><span class="rcp-name">{name}</span>{proposal}</legend>']
        if item.proposed:
            lines.append('<p class="rcp-hint">A proposal under discussion: not yet part of the '
                         'framework.</p>')
        lines += [f'<p class="rcp-ask" id="{key}-ask">{_QUESTION}</p>',
                  f'<div class="rcp-choices" role="radiogroup" aria-labelledby="{key}-ask">']
        lines += [f'<span class="rcp-choice"><input type="radio" id="{key}-{value}" '
                  f'name="{key}" value="{value}"><label for="{key}-{value}">{label}'
                  '</label></span>' for value, label in _CHOICES]
        lines += ['</div>', f'<label class="rcp-note-label" for="{key}-note">Your note '
                  '(optional)</label>']
        if item.data.questions:
            lines += [f'<p class="rcp-prompts-intro" id="{key}-prompts">To help your note:</p>',
                      '<ul class="rcp-questions">',
                      *(f"<li>{html_line(question)}</li>" for question in item.data.questions),
                      '</ul>']
        described = f' aria-describedby="{key}-prompts"' if item.data.questions else ""
        lines += [f'<textarea id="{key}-note" rows="3"{described}></textarea>',
                  f'<p class="rcp-read"><a href="{href}" target="_blank" rel="noopener">'
                  f'Read about {name} <span class="rcp-new">(opens in a new tab)</span></a></p>',
                  '</fieldset>']
        return Md("\n".join(lines) + "\n")


def worksheet(fw: model.Framework) -> Worksheet:
    parts = [WorksheetLayer(layer, [i for i in layer.items if not i.retired and not i.proposed]
                  + [i for i in layer.items if i.proposed]) for layer in fw.layers]
    layers = [{"id": layer.id, "name": layer.data.name} for layer in fw.layers]
    return Worksheet(parts, fw.data.framework.version, _json(layers), _json(answer_redirects(fw)),
                     frame(fw.layers), _json(script_data(fw, parts)))


def script_data(fw: model.Framework, parts: list[WorksheetLayer]) -> dict[str, object]:
    """What both scripts (one person's worksheet, the team view) read: the answers and their
    labels, the old answers' new values, every item asked, and each role's reading path (the
    short version of the worksheet)."""
    asked = [(item, part.layer) for part in parts for item in part.items]
    ids = {item.id for item, _ in asked}
    return {
        "question": QUESTION,
        "choices": [list(choice) for choice in CHOICES],
        "oldAnswers": OLD_ANSWERS,
        "items": [{"id": item.id, "name": item.data.name, "layer": layer.id,
                   "proposal": item.proposed} for item, layer in asked],
        "roles": {role.id: {"name": role.data.name,
                            "items": [i.id for i in role.path if i.id in ids]}
                  for role in fw.roles},
    }


def answer_redirects(fw: model.Framework) -> dict[str, str]:
    """Ids an older answer file may hold, and the item now asked instead ("" for none): old ids
    redirected to an item, and retired items, followed through their replacements."""
    step: dict[str, str] = {}
    for item in fw.items:
        for alias in item.aliases:
            step[alias] = item.id
        if item.retired:
            step[item.id] = item.replaced_by.id if item.replaced_by else ""
    found: dict[str, str] = {}
    for old in step:
        target, seen = step[old], {old}
        while target in step and target not in seen:  # a replacement may itself be retired
            seen.add(target)
            target = step[target]
        found[old] = "" if target in step else target
    return dict(sorted(found.items()))


_CHOICES = [(checked_id(value), html_line(label)) for value, label in CHOICES]  # the same for every item
_QUESTION = html_line(QUESTION)


def _json(value: object) -> str:
    """Compact JSON, for a data attribute (the template escapes it for HTML)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def frame(layers: list[model.Layer], ident: str = "your-onion", figures: str = "rcp-figures"
          ) -> Md:
    """The rings of "Your onion", named, from the core outwards; the script draws the slices
    (solid, striped, dotted: patterns as well as colours, in blues and a muted purple, with no
    green or red that would read as pass and fail) into `#rcp-slices` and the lines between them
    into `#rcp-edges`. Names sit on white labels, so their contrast never depends on a slice."""
    count = len(layers)
    step = 216 / (count - 1) if count > 1 else 0
    radii = [96 + i * step for i in range(count)] if count > 1 else [312.0]
    rings = [[round(radii[i - 1] if i else 0, 1), round(radii[i], 1)] for i in range(count)]
    outlines = "".join(f'<circle cx="320" cy="320" r="{r:.1f}"/>' for r in radii)
    labels = []
    for i, layer in enumerate(layers):
        y = 320 - (radii[i - 1] + radii[i]) / 2 if i else 320
        name = " ".join(layer.data.name.split())
        width = min(620, len(name) * 15 + 24)
        labels.append(
            f'<rect x="{320 - width / 2:.0f}" y="{y - 20:.0f}" width="{width}" height="40" rx="8" '
            f'fill="#ffffff" stroke="{STROKE}"/><text x="320" y="{y + 9:.0f}" text-anchor="middle" '
            f'fill="{INK}" font-size="27" font-weight="bold">{html(name)}</text>')
    return Md(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 640" role="img" '
        f'aria-labelledby="{ident}" aria-describedby="{figures}" font-family="inherit"><defs>'
        '<pattern id="rcp-stripes" width="14" height="14" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="14" height="14" fill="#d4e3f4"/>'
        '<rect width="6" height="14" fill="#1a5fb4"/></pattern>'
        '<pattern id="rcp-dots" width="16" height="16" patternUnits="userSpaceOnUse">'
        '<rect width="16" height="16" fill="#ece4f3"/><circle cx="8" cy="8" r="4" fill="#6b4c8a"/>'
        f'</pattern></defs><circle cx="320" cy="320" r="{radii[-1]:.1f}" fill="#ffffff"/>'
        f'<g id="rcp-slices" data-rings="{html(_json(rings))}"></g>'
        f'<g fill="none" stroke="{STROKE}" stroke-width="2">{outlines}<path id="rcp-edges" d=""/></g>'
        f'{"".join(labels)}</svg>')

"""Render: the validated framework to `{path: text}`, the Markdown pages and downloads of the site,
and the print document the PDF is made from.

The only Jinja code in rcp-docs: two environments over site/templates/, one for Markdown (every
value escaped by `finalize`) and one for the print document's HTML (autoescape). Which pages
exist, and what each shows, is the page registry's (`structure.registry`); framework text reaches
templates only as variables, and every value they print is escaped unless it is `Md` built here
(links, diagrams). The output is plain Markdown (headings with `{ #id }` anchors, lists, tables,
inline SVG) with no theme specifics, so any Markdown site engine can publish it.
"""

from __future__ import annotations

import html as htmllib
import re
from collections.abc import Iterator

import jinja2
import markdown
from markupsafe import Markup

from ..base import abbr
from ..base.gcpause import pauses_gc
from ..base.options import Options
from ..base.text import Md, checked_id, finalize, html_line, inline, paragraphs
from ..structure import model
from ..structure.addresses import forwards
from ..structure.record import Change, sentence
from ..structure.registry import PAGES, PRINT_PAGE, PageType, address, homes
from ..structure.registry import page as page_type
from . import diagrams, offline
from .downloads import download_names, downloads, pdf_path
from .links import Links
from .reflect import frame, worksheet
from .terms import terms

__all__ = ["Options", "fragments", "instances", "print_html", "render"]
CHANGES = page_type("changes").path
EDITORS_WORDS = "the editors' words"  # the marker of the editors' own explanations


@pauses_gc
def render(framework: model.Framework, options: Options | None = None) -> dict[str, str]:
    """Every generated file of the site: Markdown pages (with their glossary tooltips), then the
    downloads."""
    pages = _Renderer(framework, options or Options()).render()
    known = tooltips(framework)
    # The all-in-one page is for paper: tooltips do not print, and it holds the glossary. What's
    # changed is a log of old and new wording: tooltips on struck-out words only weigh it down.
    plain = {PRINT_PAGE, CHANGES}
    files = {path: abbr.first_uses(text, known) if path.endswith(".md") and path not in plain
             else text for path, text in pages.items()}
    worker = _ENV.get_template("sw.js.j2").render(build=Md(offline.build_id(files)))
    return files | offline.offline_files(files, framework, worker)


def tooltips(framework: model.Framework) -> list[abbr.Tooltip]:
    """The glossary as `abbr` tooltips, for generated and hand-written pages alike. A tooltip
    without sources says it is the editors' explanation, as the Glossary page does."""
    return abbr.tooltips((g.term, g.full, g.definition if g.sources else
                          f"{g.definition.rstrip()} ({EDITORS_WORDS.capitalize()}.)")
                         for g in framework.data.glossary)


def instances(page: PageType, framework: model.Framework) -> Iterator[tuple[str, object]]:
    """The pages of one page type: (path, the part of the model each shows)."""
    part = page.shows(framework)
    if not page.each:
        yield page.path, part
        return
    assert isinstance(part, list)
    for each in part:
        yield page.path_for(each.id), each


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=_TEMPLATES,
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # noqa: S701 - Markdown, not HTML: `finalize` escapes every value
        finalize=finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # templates are package data; an include per item need not stat them
    )
    env.filters["paras"] = paragraphs
    env.filters["text"] = inline
    env.filters["weblink"] = _weblink
    env.filters["anchor"] = _anchor
    env.filters["count"] = _count
    env.filters["html"] = _html
    env.filters["as_html"] = _as_html
    env.filters["first_sentence"] = _first_sentence
    env.filters["html_paras"] = _html_paras
    env.globals["blank"] = Md("\n")
    return env


class _Renderer:
    def __init__(self, framework: model.Framework, options: Options) -> None:
        self.fw = framework
        self.options = options
        self.homes = homes(framework.data)
        self.notes = framework.history.notes()
        self.forwards = forwards(framework)  # old item addresses each page keeps

    def render(self) -> dict[str, str]:
        pages: dict[str, str] = {}
        gather = next(page for page in PAGES if page.gathers)
        bodies: list[Md] = []
        for page in PAGES:
            for path, part in instances(page, self.fw) if page.in_all else ():
                pages[path] = self.page(page, path, part, single=False, offset=0)
                bodies.append(Md(self.page(page, gather.path, part, single=True, offset=1)))
        for page in PAGES:
            for path, part in instances(page, self.fw) if not page.in_all else ():
                pages[path] = self.page(page, path, part, single=page.gathers, offset=0,
                                        bodies=bodies)
        pages.update(downloads(self.fw))
        return pages

    def page(self, page: PageType, path: str, part: object, *, single: bool, offset: int,
             bodies: list[Md] | None = None) -> str:
        links = Links(path, single, self.options, self.homes, tuple(self.fw.emails))
        return _ENV.get_template(page.template).render(
            page=page,
            part=part,
            bodies=bodies or [],
            fw=self.fw,
            about=self.fw.data.framework,
            link=links.link,
            href=links.href,
            suggest=links.suggest,
            html_link=links.html_link,
            html_cite=links.html_cite,
            mailto=links.mailto,
            cite=links.cite,
            url=links.url,
            asset=links.asset,
            h=lambda level: Md("#" * (level + offset)),
            single=single,
            forwarded=[] if single else self.forwards.get(path, []),
            onion=lambda: Md(diagrams.onion(self.fw.layers, links.url)),  # drawn where used
            venn=lambda: Md(diagrams.venn(self.fw.comparison)),
            flows=lambda: [(p, Md(diagrams.flow(p, self.fw.layers, links.url)))
                           for p in self.fw.proposals if p.flow],
            history=lambda item, html=False: self.history_line(links, item, html),
            change=lambda c: self.change(links, c),
            sections=_sections,
            worksheet=worksheet,
            frame=frame,
            terms=terms,
            download_names=download_names,
            all_page=PRINT_PAGE,
            pdf=pdf_path(self.fw, self.options),
            offline_pdf=pdf_path(self.fw, self.options),
        )

    def history_line(self, links: Links, item: model.Item, html: bool = False) -> Md:
        """'Added in 0.2.0; changed in 0.3.0.', each linking to its release on the changes page
        (not on the single page, which is for paper); with `html`, a paragraph for a raw HTML
        block, its links as served."""
        note = self.notes.get(item.id)
        if note is None or links.single:
            return Md("")
        said = _history_parts(note)
        if not said:
            return Md("")
        labels = [label if not i else label[0].lower() + label[1:] for i, (label, _) in enumerate(said)]
        if html:
            page_url = links.asset(address(CHANGES, links.options.directory_urls))
            text = "; ".join(f'<a href="{page_url}#{anchor}">{label}</a>'
                             for label, (_, anchor) in zip(labels, said, strict=True))
            return Md(f'<p class="rcp-history">{text}.</p>')
        page_href = links.href(CHANGES)
        text = "; ".join(f"[{label}]({page_href}#{anchor})"
                         for label, (_, anchor) in zip(labels, said, strict=True))
        return Md(f"{text}.\n")

    def change(self, links: Links, change: Change) -> Md:
        """A change as a sentence whose ids link to the entries as they are now."""
        def to(ident: str) -> str | None:
            return links.href(self.homes[ident]) if ident in self.homes else None

        return Md(sentence(change.segments, True, to))


INSERTS = {"cite": "cite.md.j2", "credits": "credits.md.j2", "layers": "insert-layers.md.j2",
           "layer-questions": "insert-layer-questions.md.j2"}


def fragments(framework: model.Framework, options: Options) -> dict[str, str]:
    """Generated blocks for hand-written pages, by name: a line `<!-- rcp:cite -->` in about.md
    becomes the citation, `<!-- rcp:offline -->` "Keep this site for offline reading". Their links
    are relative to a page at the top of the site, where the hand-written pages are; a page deeper
    down that uses one fails the strict build."""
    links = Links("index.md", False, options, homes(framework.data), tuple(framework.emails))
    blocks = {name: _ENV.get_template(template).render(
        fw=framework, about=framework.data.framework, address=options.site_url or "",
        last=framework.history.last, link=links.link, credit_line=framework.credit_line(),
        authors=framework.authors, compilers=framework.compilers)
        for name, template in INSERTS.items()}
    blocks["offline"] = _ENV.get_template("offline.md.j2").render(
        h=lambda level: Md("#" * level), offline_pdf=pdf_path(framework, options))
    return blocks


def _history_parts(note: model.Note) -> list[tuple[str, str]]:
    """(what the history line says, the anchor on the changes page) for an item's note."""
    said = []
    if note.added:
        said.append(("Added in " + note.added.version, note.added.anchor))
    if note.moved and note.moved is not note.added:
        said.append(("Moved to this layer in " + note.moved.version, note.moved.anchor))
    if note.changed and note.changed is not note.added:
        said.append(("Changed in " + note.changed.version, note.changed.anchor))
    for since, what in ((note.added_since, "Added"), (note.moved_since, "Moved to this layer"),
                        (note.changed_since and not note.added_since, "Changed")):
        if since:
            said.append((f"{what} since the last release", "since-the-last-release"))
    return said


def _sections(changes: list[Change]) -> list[tuple[str, list[Change]]]:
    """Changes grouped under their headings, in the order a reader meets them."""
    found: dict[str, list[Change]] = {}
    for change in changes:
        found.setdefault(change.section, []).append(change)
    return list(found.items())


def _anchor(ident: str) -> Md:
    """An id as a heading anchor (`checked_id`)."""
    return Md(checked_id(ident))


def _html(value: str) -> Md:
    """Text for raw HTML, on one line (`html_line`)."""
    return Md(html_line(value))


def _html_paras(value: str) -> list[Md]:
    """Plain text whose blank lines separate paragraphs, as paragraphs for raw HTML."""
    return [Md(html_line(p)) for p in re.split(r"\n\s*\n", value.strip()) if p.strip()]


def _first_sentence(value: str) -> Md:
    """The first sentence of a text (up to the first '.', '!' or '?' before a space), escaped."""
    found = _SENTENCE.match(" ".join(value.split()))
    return inline(found[1] if found else value)


_SENTENCE = re.compile(r"(.+?[.!?])(?:\s|$)")


def _as_html(value: Md) -> Md:
    """Markdown that rcp-docs built from escaped parts (such as "Suggest a change"), as HTML for
    a raw HTML block, on one line. Only for absolute links: MkDocs rewrites `.md` links in
    Markdown, not in HTML. Anything but `Md` is escaped as text."""
    if not isinstance(value, Md):
        return Md(html_line(str(value)))
    return Md(" ".join(markdown.markdown(str(value)).split()))


def _count(things: list[object], noun: str) -> Md:
    return Md(f"{len(things)} {noun}{'' if len(things) == 1 else 's'}")


def _weblink(url: str) -> Md:
    """A link to a validated https:// address (the schema admits no spaces, quotes or '<>')."""
    if not url.startswith("https://") or any(ch in url for ch in " <>\"'`\n"):
        return inline(url)
    return Md(f"[{inline(url)}](<{url}>)")


def print_html(framework: model.Framework, pages: dict[str, str], address: str | None = None
               ) -> str:
    """The print document of the whole framework (for the PDF), from the all-in-one page's
    Markdown, which rcp-docs built with every value escaped: a cover with the title, version and
    date; a contents list; every chapter; no navigation and no script."""
    text = pages[PRINT_PAGE]
    start = text.find("\n## ")  # the chapters; the page's own heading and note make the cover
    body = text[start + 1:] if start >= 0 else text
    md = markdown.Markdown(extensions=["attr_list", "tables", "toc"],
                           extension_configs={"toc": {"toc_depth": "2-3"}})
    converted = md.convert(body)
    contents = [(t["id"], htmllib.unescape(t["name"]),
                 [(c["id"], htmllib.unescape(c["name"])) for c in t["children"]])
                for t in md.toc_tokens]
    about = framework.data.framework
    return _HTML_ENV.get_template("print.html.j2").render(
        title=about.title, title_css=_css_string(about.title), version=about.version,
        date=about.updated, author=framework.credit_line(), authors=framework.authors,
        compilers=framework.compilers, address=address or "",
        contents=contents, body=Markup(converted))  # noqa: S704 - from escaped Markdown


def _css_string(value: str) -> str:
    """Text for a CSS string in double quotes: the title in every page's footer."""
    return "".join(ch if ch.isalnum() or ch in " ,.:;'-()&" else f"\\{ord(ch):x} " for ch in value)


_TEMPLATES = jinja2.PackageLoader("rcp_docs.site", "templates")
_ENV = _environment()
_HTML_ENV = jinja2.Environment(loader=_TEMPLATES, autoescape=True, undefined=jinja2.StrictUndefined,
                               trim_blocks=True, lstrip_blocks=True)

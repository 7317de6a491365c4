"""The shape of framework.yml: the one source of truth.

These models say what every field holds, in plain English; `rcp-docs schema` turns them into the JSON
Schema that editors use for autocomplete (rcp_docs/framework.schema.json, made by `jsonschema`), and
validation checks the loaded file against them (`check/validate.py`). Rules that span fields
(references, unique ids) live in `check/rules.py`.
"""

from __future__ import annotations

import types
import typing
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..base.text import ID

ID_PATTERN = f"^{ID.pattern}$"
LINE_PATTERN = r"^[^\n<>]*[^\s<>][^\n<>]*$"
TEXT_PATTERN = r"\S"
VERSION_PATTERN = r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$"
DATE_PATTERN = r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
URL_PATTERN = r"^https://[A-Za-z0-9.-]+(/[^\s<>\"'`\\]*)?$"
# A glossary term: letters and digits, with single spaces, hyphens, '&' or apostrophes between.
TERM_PATTERN = r"^[A-Za-z0-9]+([ &'-][A-Za-z0-9]+)*$"
# Letters, digits and . _ + - only: nothing that could end an address in a mailto: link.
EMAIL_PATTERN = r"^[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$"

# What a pattern mismatch means, said the way an editor would fix it.
PATTERN_ADVICE = {
    ID_PATTERN: "expected an id of lowercase letters a-z, digits and single hyphens, "
    "such as 'active-listening'",
    LINE_PATTERN: "expected one line of text without '<' or '>'",
    TEXT_PATTERN: "is empty; expected text",
    VERSION_PATTERN: "expected a version such as \"1.2.0\" (major.minor.patch), in quotes",
    DATE_PATTERN: "expected a date such as \"2026-11-21\" (year-month-day), in quotes",
    URL_PATTERN: "expected a web address starting with https://",
    TERM_PATTERN: "expected a word or phrase of letters and digits, with single spaces, "
    "hyphens, '&' or apostrophes between them, such as 'A&E' or 'co-production'",
    EMAIL_PATTERN: "expected an email address such as 'name@example.org'",
}

Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=64)]
Line = Annotated[str, Field(pattern=LINE_PATTERN, max_length=200)]
Text = Annotated[str, Field(pattern=TEXT_PATTERN)]
Origin = Annotated[str, Field(
    pattern=LINE_PATTERN, max_length=200,
    description="Where this comes from, for readers: which post, which part, or which reader's "
    "comment. Say plainly when the editors drew the item from a post's prose, or placed a "
    "reader's suggestion in a layer.",
)]
SourceIds = Annotated[
    list[Id],
    Field(min_length=1, description="Ids of entries in `sources` that this draws on."),
]
SearchTerms = Annotated[
    list[Annotated[str, Field(pattern=TERM_PATTERN, max_length=60)]],
    Field(description="Everyday words readers may search for that should lead here, such as "
          "'empathy': only words the sources support for this entry. The page shows them "
          "('Related words: ...') and search finds them there. Not its own name."),
]
Status = Literal["adopted", "proposed"]
ItemStatus = Literal["draft", "proposed", "retired"]

# Where an item comes from, as a reader sees it beside the item's name. The labels are said here
# once: the schema's description, the pages, the PDF and the downloads all read them from this.
PROVENANCE_LABELS = {
    "named": "Named in the posts",
    "drawn": "Drawn by the editors from the posts' text",
    "placed": "Placed by the editors from a reader's comment",
    "proposed": "Proposed by a reader",
}
Provenance = Literal["named", "drawn", "placed", "proposed"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Credit(Strict):
    """Someone the framework credits: the writers of the posts it is drawn from, or the editors
    who compiled it. 'Cite this framework', the PDF's cover, the sources page, the About page and
    CITATION.cff all name them from here."""

    name: Line = Field(
        description="Their name exactly as the sources give it, and no more: no surname, "
        "title or date the sources do not give, such as 'David'."
    )
    kind: Literal["person", "group"] = Field(
        description="'person' for one named person; 'group' for an organisation, a team, or "
        "writers the sources do not name one by one."
    )
    role: Literal["author", "compiler"] = Field(
        description="'author' for the writers of a post the framework is drawn from (list the "
        "post under `sources`); 'compiler' for the editors who put the framework together in "
        "the project's own words (no `sources`)."
    )
    note: Text = Field(
        description="How the sources credit them, in a sentence or two for readers, quoting the "
        "sources where they name them."
    )
    sources: list[Id] = Field(
        default=[],
        description="For an author: the ids of the posts in `sources` that they wrote.",
    )


class About(Strict):
    """The framework as a whole: what it is called, its version and its definition of RCP."""

    title: Line = Field(description="The framework's title, shown at the top of every page.")
    credits: list[Credit] = Field(
        min_length=1,
        description="Who to credit: the posts' writers as authors of the ideas, then the editors "
        "as compilers. Shown in 'Cite this framework', on the PDF's cover, on the sources page "
        "and on the About page, and written into CITATION.cff by `rcp-docs release`.",
    )
    version: Annotated[str, Field(pattern=VERSION_PATTERN)] = Field(
        description="Version of the framework, major.minor.patch, in quotes: \"1.2.0\"."
    )
    updated: Annotated[str, Field(pattern=DATE_PATTERN)] = Field(
        description="The day of the last change, year-month-day, in quotes: \"2026-11-21\"."
    )
    summary: Text = Field(description="One paragraph saying what the framework is and is for.")
    definition: Text = Field(description="The working definition of relationship-centred practice.")
    characteristics: list[Text] = Field(
        min_length=1, description="What characterises the practice, one point per entry."
    )
    why_define: list[Text] = Field(
        min_length=1, description="Why defining the practice matters, one reason per entry."
    )
    hopes: list[Text] = Field(
        min_length=1, description="What offering a definition hopes to achieve, one per entry."
    )
    sources: SourceIds


class Example(Strict):
    """An example of the item in practice, from a setting the sources name."""

    setting: Line = Field(
        description="Where it happens, as the sources name it, such as 'Primary care in "
        "Fleetwood'; 'Everyday experience' when they name no setting. Never a setting the sources "
        "do not give."
    )
    text: Text = Field(description="What it looks like there, in a sentence or two.")
    sources: SourceIds
    roles: list[Id] = Field(
        default=[],
        description="Ids of entries in `roles` this example speaks to: it appears on their pages.",
    )


class Named(Strict):
    """An entry with its own address on the site, a name and a one-sentence summary."""

    id: Id = Field(
        description="Permanent id: its address in shared links, such as /principles/ for a layer "
        "or /behaviours/#kindness for an item. Never change it; rename it with `name` instead."
    )
    name: Line = Field(description="Its name as readers see it: the heading of its page or section.")
    summary: Text = Field(description="One sentence saying what it is.")


class Item(Named):
    """One principle, behaviour, competency or protocol: a section of its layer's page."""

    description: Text = Field(
        description="A fuller explanation, in plain English: first what the practice is, then "
        "what the posts say about it. Do not open with the sources ('Part one says...'). Mark "
        "an explanation of the editors' own, where the posts only name a thing, with "
        "\"(the editors' words)\"."
    )
    examples: list[Example] = Field(
        default=[], description="Examples from named settings, where the sources give them."
    )
    questions: list[Text] = Field(
        min_length=1,
        description="Questions a practitioner can ask themselves about this item. They are the "
        "editors' own: the posts put questions to readers only about each layer.",
    )
    related: list[Id] = Field(
        default=[],
        description="Ids of related items in other layers: a behaviour names the principles it "
        "expresses, the competencies that enable it and the protocols that support it.",
    )
    search_terms: SearchTerms = []
    origin: Origin
    provenance: Provenance = Field(
        description="Where the item comes from, shown beside its name: "
        + "; ".join(f"'{key}': {label.lower()}" for key, label in PROVENANCE_LABELS.items())
        + ". A 'proposed' item has status 'proposed'; an item with status 'proposed' is "
        "'proposed' or 'placed'."
    )
    status: ItemStatus = Field(
        description="'draft' if it is part of the draft framework; 'proposed' if a reader proposed "
        "it and it is under discussion; 'retired' if it is no longer part of the framework (it stays "
        "on its page, so links to it keep working)."
    )
    replaced_by: Id | None = Field(
        default=None,
        description="For a retired item: the id of the item that replaces it, if there is one.",
    )
    reasoning: Text | None = Field(
        default=None, description="Why it was proposed. Required when status is 'proposed'."
    )
    sources: SourceIds


class Layer(Named):
    """A ring of the onion, from the core outwards: its own page on the site."""

    explanation: Text = Field(description="How this layer relates to the layers around it.")
    question: Text = Field(description="The question part two puts to readers about this layer, "
                           "paraphrased.")
    related_heading: Line = Field(
        description="Heading over links to this layer's items from items elsewhere, such as "
        "'Principles it expresses'."
    )
    backlink_heading: Line = Field(
        description="Heading over links back from items elsewhere that name this layer's items, "
        "such as 'Expressed in'."
    )
    sources: SourceIds
    items: list[Item] = Field(min_length=1, description="The layer's items, in reading order.")


class StructuralProposal(Named):
    """A reader's proposal to change the framework's structure rather than add an item."""

    reasoning: Text = Field(description="Why the reader proposed it.")
    layers: list[Id] = Field(default=[], description="Ids of the layers the proposal concerns.")
    flow: list[list[Id]] = Field(
        default=[],
        description="For a proposed ordering of the layers: its stages in order, each a list of "
        "layer ids that act together. The site draws it as a flow diagram.",
    )
    flow_outcome: Line | None = Field(
        default=None, description="What the flow leads to in the end, such as 'Relationships'."
    )
    origin: Origin
    status: Status = Field(description="'proposed' while under discussion; 'adopted' once made.")
    sources: SourceIds


class Distinction(Strict):
    """One of the distinctions between relationships and transactions."""

    id: Id = Field(description="Permanent id: the anchor on the comparison page.")
    name: Line = Field(description="The distinction in a few words.")
    text: Text = Field(description="The distinction explained.")
    example: Text | None = Field(default=None, description="The example the sources give.")


class Characteristic(Strict):
    """A characteristic of a good relationship, a good transaction, or both."""

    id: Id = Field(description="Permanent id.")
    name: Line = Field(description="The characteristic, such as 'Unscripted'.")
    side: Literal["relationship", "transaction", "both"] = Field(
        description="Whose characteristic it is: 'relationship', 'transaction' or 'both'."
    )
    summary: Text = Field(description="What it means, in one sentence.")


class Refinement(Named):
    """A refinement of the comparison proposed in readers' feedback: a proposal under discussion."""

    origin: Origin
    sources: SourceIds


class Comparison(Strict):
    """Good relationships compared with good transactions."""

    summary: Text = Field(description="Why the comparison matters, in a paragraph.")
    distinctions: list[Distinction] = Field(min_length=1, description="The distinctions to make.")
    characteristics: list[Characteristic] = Field(
        min_length=1, description="Characteristics, each with the side it belongs to."
    )
    when_transaction: Text = Field(description="When a good transaction is the right choice.")
    when_relationship: Text = Field(description="When a good relationship is needed.")
    refinements: list[Refinement] = Field(default=[], description="Refinements from feedback.")
    sources: SourceIds


class Entry(Named):
    """A context, barrier or piece of evidence: a section of its page."""

    description: Text = Field(description="A fuller explanation, in plain English.")
    sources: SourceIds


class Context(Entry):
    """A kind of setting where relationship-centred practice is relevant."""

    roles: list[Id] = Field(
        min_length=1,
        description="Ids of entries in `roles`: the roles the sources place in this context.",
    )


class Section(Strict):
    """A page of entries with an introduction."""

    intro: Text = Field(description="The opening paragraph of the page.")
    sources: SourceIds


class Contexts(Section):
    items: list[Context] = Field(min_length=1, description="The contexts, in reading order.")


class Entries(Section):
    items: list[Entry] = Field(min_length=1, description="The entries, in reading order.")


class ReadingPath(Strict):
    """Where a reader in a role might start: the project's editorial guidance, not the sources'."""

    note: Text = Field(
        description="Why these items first, in a sentence or two. The page marks it as editorial "
        "guidance; never attribute it to the sources."
    )
    items: list[Id] = Field(
        min_length=1,
        description="Ids of items to read first, in order; the page shows their reflection "
        "questions.",
    )


class Role(Named):
    """A role the sources name, such as 'Teacher': its own page, a way into the framework."""

    why: Text = Field(
        description="Why relationships matter in this role, only as far as the sources say. "
        "The contexts that name the role (their `roles` lists) are shown beside it."
    )
    reading_path: ReadingPath = Field(description="Where a reader in this role might start.")
    sources: SourceIds


class Feedback(Strict):
    """How readers can respond: the 'Tell us what's missing' page, and the email address in
    every 'Suggest a change'."""

    intro: Text = Field(description="The sources' invitation to respond, paraphrased.")
    emails: list[Annotated[str, Field(pattern=EMAIL_PATTERN)]] = Field(
        min_length=1,
        description="Where readers can write, as the sources give it: 'name@example.org'. Every "
        "'Suggest a change' offers an email to these addresses.",
    )
    who_reads: Text | None = Field(
        default=None, description="Who reads what readers send, as far as the sources or the "
        "project can say: 'What happens to your feedback' on the Tell us page.")
    quoting: Text | None = Field(
        default=None, description="Whether what readers send may be quoted or shared, and how a "
        "reader can say no. Promise nothing the project has not agreed.")
    sources: SourceIds


class Source(Strict):
    """A person, organisation, study or document the framework draws on."""

    id: Id = Field(description="Permanent id that items use in their `sources` lists.")
    name: Line = Field(description="Who or what it is, as readers see it.")
    kind: Literal["document", "person", "organisation", "study", "book", "website",
                  "event", "reader-feedback", "other"] = Field(
        description="What kind of source it is; 'other' when the sources do not say."
    )
    description: Text = Field(description="Who they are or what it is, and what it contributes.")
    citation: Text | None = Field(default=None, description="A full citation, where there is one.")
    url: Annotated[str, Field(pattern=URL_PATTERN)] | None = Field(
        default=None, description="A web address starting with https://, where there is one."
    )


class Redirect(Strict):
    """An id that no longer exists, and where links to it should now land."""

    old: Id = Field(alias="from", description="The old id, as people's links still use it.")
    new: Id = Field(alias="to", description="The id of the item, layer or source that replaces "
                    "it (a source's old id keeps its place on the sources page).")


class GlossaryEntry(Strict):
    """A term or abbreviation explained in plain words: on the Glossary page, and as a tooltip
    wherever the term appears on the site."""

    term: Annotated[str, Field(pattern=TERM_PATTERN, max_length=60)] = Field(
        description="The term exactly as the text writes it, such as 'A&E' or 'co-production'. "
        "Terms are matched as whole words; a lowercase term also matches with a capital first "
        "letter. An abbreviation (two or more capital letters) used anywhere in the text must "
        "have an entry."
    )
    full: Line | None = Field(
        default=None,
        description="For an abbreviation: the words it stands for, such as 'accident and "
        "emergency'. The entry also counts as used where these words appear.",
    )
    definition: Text = Field(
        description="What it means, in plain words, in a sentence or two. Follow the sources "
        "where they explain the term; otherwise a plain-English explanation of the word."
    )
    search_terms: SearchTerms = []
    sources: list[Id] = Field(
        default=[],
        description="Ids of entries in `sources` that explain or use the term. Required when "
        "the term is the sources' own (such as 'curse of transactionality' or 'I-Thou'); leave "
        "it out when the definition is the project's plain-English explanation of a common word.",
    )


class FrameworkFile(Strict):
    """framework.yml: the Relationship-Centred Practice framework, as data."""

    framework: About
    layers: list[Layer] = Field(
        min_length=1, description="The layers, in onion order from the core outwards."
    )
    structural_proposals: list[StructuralProposal] = Field(
        default=[], description="Readers' proposals to change the framework's structure."
    )
    comparison: Comparison
    contexts: Contexts = Field(description="When relationship-centred practice is relevant.")
    barriers: Entries = Field(description="What gets in the way of the practice.")
    why_now: Entries = Field(description="Why the practice matters now, with the evidence.")
    roles: list[Role] = Field(
        default=[], description="Roles the sources name, each with a page: ways into the framework."
    )
    feedback: Feedback | None = Field(
        default=None, description="How readers can respond, with the address they can write to."
    )
    sources: list[Source] = Field(min_length=1, description="Everything the framework cites.")
    redirects: list[Redirect] = Field(
        default=[],
        description="Old ids and the ids that replace them, so that shared links keep working "
        "after an item or layer is renamed or merged. Add one whenever an id disappears.",
    )
    glossary: list[GlossaryEntry] = Field(
        default=[],
        description="Terms and abbreviations explained in plain words, in alphabetical order. "
        "Every entry must be used in the text, and every abbreviation the text uses needs one.",
    )


def model_in(annotation: Any) -> type[BaseModel] | None:
    """The schema model inside an annotation such as `list[Item]` or `Comparison | None`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is not None:
        for arg in typing.get_args(annotation):
            found = model_in(arg)
            if found is not None:
                return found
    return None

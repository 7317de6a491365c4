"""CITATION.cff's authors and references, from framework.yml's credits (plain data, as a release
has it): the posts' writers and the editors who compiled the framework as authors, and each post
as a reference with its writers. `rcp-docs release` writes them; a test keeps them in step."""

from __future__ import annotations

from typing import Any

CREDITS_START = "authors:"  # CITATION.cff's credits run from this line to the end of the file


def cff_person(credit: dict[str, Any]) -> dict[str, str]:
    """A credit as CITATION.cff names it: a person by the names given, a group as an entity."""
    name = str(credit.get("name") or "")
    return {"given-names": name} if credit.get("kind") == "person" else {"name": name}


def cff_credits(data: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """`authors` (everyone credited, in the file's order) and `references` (each post an author
    wrote, with its writers, its name and its citation as the sources page gives them)."""
    about = data.get("framework")
    credits = [c for c in (about.get("credits") or []) if isinstance(c, dict)] \
        if isinstance(about, dict) else []
    sources = {s.get("id"): s for s in data.get("sources") or [] if isinstance(s, dict)}
    references: dict[str, dict[str, Any]] = {}
    for credit in credits:
        if credit.get("role") != "author":
            continue
        for ident in credit.get("sources") or []:
            source = sources.get(ident, {})
            ref = references.setdefault(ident, {
                "type": "blog", "title": str(source.get("name") or ident), "authors": []})
            if source.get("citation"):
                ref["notes"] = str(source["citation"]).strip()
            ref["authors"].append(cff_person(credit))
    return {"authors": [cff_person(c) for c in credits], "references": list(references.values())}


def credits_yaml(data: dict[str, Any]) -> str:
    """The `authors:` and `references:` blocks of CITATION.cff, every value quoted."""
    made = cff_credits(data)
    out = ["authors:"]
    out += [_entry(person, "  ") for person in made["authors"]]
    if made["references"]:
        out.append("references:")
        for ref in made["references"]:
            out.append(f"  - type: {quote(ref['type'])}")
            out.append(f"    title: {quote(ref['title'])}")
            out.append("    authors:")
            out += [_entry(person, "      ") for person in ref["authors"]]
            if "notes" in ref:
                out.append(f"    notes: {quote(ref['notes'])}")
    return "\n".join(out) + "\n"


def _entry(person: dict[str, str], indent: str) -> str:
    return "\n".join(f"{indent}{'- ' if i == 0 else '  '}{key}: {quote(value)}"
                     for i, (key, value) in enumerate(person.items()))


def quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'

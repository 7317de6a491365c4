"""The page registry: adding a page type is one registry entry and one template.

Done the way a contributor would, in a temporary copy of the project: append a `PageType` to
rcp_docs/structure/registry.py, add its template, build. The page appears with its anchors and its edit link,
joins the all-in-one page, its anchor becomes a reserved id, and a strict build says it is missing
from the navigation until mkdocs.yml lists it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rcp_docs.publish.build import load_framework
from rcp_docs.site.render import instances
from rcp_docs.structure import registry

ROOT = Path(__file__).resolve().parent.parent

ENTRY = '''
PAGES = (*PAGES, PageType("questions", "questions.md", "Every question", "every-question",
                          "questions.md.j2", lambda fw: fw.items, source="layers"))
'''
TEMPLATE = '''{{ h(1) }} {{ page.title }} { #{{ page.anchor | anchor }} }

{% for item in part %}
{{ h(2) }} {{ item.data.name }} { #ask-{{ item.id | anchor }} }

{% for question in item.data.questions %}
- {{ question }}
{% endfor %}

{% endfor %}
'''


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project with one more page type, added in two files."""
    copy = tmp_path_factory.mktemp("contributor")
    for folder in ("rcp_docs", "content", "theme_overrides"):
        shutil.copytree(ROOT / folder, copy / folder,
                        ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", "framework.yml"):
        shutil.copy(ROOT / name, copy / name)
    with (copy / "rcp_docs" / "structure" / "registry.py").open("a", encoding="utf-8") as registry:
        registry.write(ENTRY)
    (copy / "rcp_docs" / "site" / "templates" / "questions.md.j2").write_text(TEMPLATE, encoding="utf-8")
    return copy


def _run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(project), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, *args], cwd=project, env=env, capture_output=True,
                          text=True, check=False, timeout=300)


def test_a_strict_build_asks_for_the_new_page_in_the_navigation(project: Path) -> None:
    result = _run(project, "-m", "mkdocs", "build", "--strict", "-d", "strict-site")
    assert result.returncode == 1
    assert re.search(r"not included in the \"nav\" configuration:\s*- questions\.md",
                     result.stderr), result.stderr


def test_the_new_page_is_built_with_anchors_edit_link_and_a_chapter(project: Path) -> None:
    result = _run(project, "-m", "mkdocs", "build", "-d", "site")
    assert result.returncode == 0, result.stderr
    html = (project / "site" / "questions" / "index.html").read_text(encoding="utf-8")
    framework = load_framework(ROOT / "framework.yml")
    assert '<h1 id="every-question">Every question' in html
    for item in framework.items:
        assert f'id="ask-{item.id}"' in html
    edit = re.search(r'href="([^"]+)"[^>]*title="Edit this page"', html)
    assert edit is not None and edit.group(1).endswith("/edit/main/framework.yml"), html[:2000]
    single = (project / "site" / "all" / "index.html").read_text(encoding="utf-8")
    assert '<h2 id="every-question">Every question' in single


def test_the_new_anchor_is_reserved(project: Path) -> None:
    result = _run(project, "-c", "from rcp_docs.structure.registry import reserved_ids; "
                  "print(sorted(reserved_ids()))")
    assert result.returncode == 0, result.stderr
    assert "'every-question'" in result.stdout
    assert "'every-question'" not in str(sorted(registry.reserved_ids()))  # only in the copy


def test_every_registered_page_is_rendered_once() -> None:
    """The registry is the only list of generated pages: each of its pages, and nothing else."""
    from rcp_docs.publish.build import build

    framework = load_framework(ROOT / "framework.yml")
    declared = [path for page in registry.PAGES for path, _ in instances(page, framework)]
    assert len(declared) == len(set(declared))
    generated = [p for p in build(ROOT / "framework.yml").pages if p.endswith(".md")]
    assert sorted(generated) == sorted(declared)


def test_reserved_ids_cover_the_anchors_of_the_navigable_pages() -> None:
    """Every heading anchor the site uses that is not an id from the data is reserved."""

    from rcp_docs.check.validate import validate
    from rcp_docs.publish.build import build_bytes
    from rcp_docs.source.load import load_bytes

    mini = (ROOT / "tests" / "fixtures" / "mini.yml").read_text(encoding="utf-8")
    flow = mini.replace("    layers: [protocols]\n",
                        "    layers: [protocols]\n    flow: [[principles], [protocols]]\n", 1)
    assert flow != mini
    framework = validate(load_bytes(flow.encode()))
    site = build_bytes(flow.encode())
    data_ids = set(registry.homes(framework.data))
    unlisted = set(site.unlisted)
    used = {anchor for path, text in site.pages.items()
            if path.endswith(".md") and path not in unlisted
            for anchor in re.findall(r"\{ #([a-z0-9-]+) \}", text)}
    dynamic = {a for a in used if a.startswith(registry.reserved_prefixes())}  # "flow-" + an id
    assert used - data_ids - dynamic <= registry.reserved_ids()  # some show only with releases
    assert {a.split("-")[0] + "-" for a in dynamic} <= set(registry.reserved_prefixes())


# `{ #anchor }` on a heading, or `id="anchor"` on an element of raw HTML, written in a template.
_LITERAL_ANCHOR = re.compile(r'(?:\{ #|\bid=")([a-z0-9]+(?:-[a-z0-9]+)*)(?: \}|")')


def test_each_page_type_declares_the_anchors_its_template_writes() -> None:
    """Validation reserves the anchors the registry declares, without reading templates: the
    declaration must be exactly what each template writes, so a new heading cannot slip by."""
    templates = ROOT / "rcp_docs" / "site" / "templates"

    def written(name: str) -> set[str]:  # the template's own anchors and those of its includes
        text = (templates / name).read_text(encoding="utf-8")
        found = set(_LITERAL_ANCHOR.findall(text))
        for included in re.findall(r'\{% include "([^"]+)" %\}', text):
            found |= written(included)
        return found

    for page in registry.PAGES:
        assert written(page.template) == set(page.anchors), page.name


def test_reserved_ids_need_no_template() -> None:
    """Validation reads nothing but the registry: reserved_ids() works with no templates at all."""
    code = ("import importlib.resources as r; r.files = None; "
            "from rcp_docs.structure.registry import reserved_ids; print(len(reserved_ids()))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) >= 30

"""Build the site with Zensical, Material's successor, which runs no MkDocs plugin.

Zensical reads mkdocs.yml but silently skips plugins it does not know, so the `rcp` plugin never
runs there. This builds from a docs folder that the one publishing step (`publishing.Publication`, as the
plugin uses it) writes into a work folder (Zensical wants docs_dir and site_dir inside the folder
of its config file): the hand-written pages with their generated blocks and tooltips, the
generated pages, each page with front matter carrying what the plugin gives MkDocs pages
(`rcp_edit_url`, `rcp_view_url`, `rcp_print`), and a config generated from mkdocs.yml with
docs_dir pointing at them, the footer's version and the navigation the plugin would make. The
built site replaces `--site-dir` only when Zensical succeeded, so a failed build leaves the
previous site whole.

    python -m rcp_docs.publish.zensical zensical [--config mkdocs.yml] [--work .zensical] [--site-dir site]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from ..base.errors import FrameworkError, RcpError
from ..base.files import write_tree
from .build import Options, build
from .publishing import Publication, Repository

DOCS = "docs"  # inside the work folder
SITE = "site"
OVERRIDES = "overrides"  # the theme overrides Zensical gets
# Overrides of Material partials that Zensical replaces with its own (its search is another
# component: Material's partial there would leave the page without search).
MATERIAL_ONLY = frozenset({"search.html"})


class _Loader(yaml.SafeLoader):
    """mkdocs.yml's `!ENV [NAME, default]` read as MkDocs reads it."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        values = loader.construct_sequence(node)  # type: ignore[arg-type]
        names, default = values[:-1] if len(values) > 1 else values, values[-1] if len(values) > 1 else None
    for name in names:
        if str(name) in os.environ:
            return os.environ[str(name)]
    return default


_Loader.add_constructor("!ENV", _env)


def read_config(path: Path) -> dict[str, Any]:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 - a SafeLoader
    if not isinstance(data, dict):
        raise SystemExit(f"{path}: not a mapping")
    return data


def _plugin_options(config: dict[str, Any]) -> dict[str, Any]:
    for entry in config.get("plugins", []):
        if isinstance(entry, dict) and "rcp" in entry:
            return dict(entry["rcp"] or {})
        if entry == "rcp":
            return {}
    return {}


def prepare(config_path: Path, work: Path, pdf: bool = False) -> Path:
    """Write the Zensical project into `work` (with the PDF of the whole framework when `pdf`);
    return its config file."""
    root = config_path.absolute().parent
    config = read_config(config_path)
    framework = str(_plugin_options(config).get("framework", "framework.yml"))
    docs_dir = str(config.get("docs_dir", "docs"))
    repo_url, site_url = config.get("repo_url"), config.get("site_url")
    options = Options(repo_url=str(repo_url) if repo_url else None,
                      site_url=str(site_url) if site_url else None,
                      directory_urls=bool(config.get("use_directory_urls", True)), pdf=pdf)
    site = build(root / framework, options, framework)  # the pipeline the plugin runs
    binaries: dict[str, bytes] = {}
    if site.prints:
        from ..site.pdf import pdfs

        binaries = pdfs(site.prints, root / ".cache" / "rcp-docs")
    edit_uri = config.get("edit_uri")
    preview = _plugin_options(config).get("preview")  # editors' actions only in a preview
    publication = Publication(site, Repository(options.repo_url, str(edit_uri) if edit_uri else None,
                                               docs_dir, framework), editors=bool(preview))
    work.mkdir(parents=True, exist_ok=True)
    write_tree(publication.docs_folder(root / docs_dir, binaries, front_matter=True), work / DOCS)
    config["copyright"] = publication.copyright(config.get("copyright"))
    if isinstance(config.get("nav"), list):
        config["nav"] = publication.nav(config["nav"])
    config["docs_dir"], config["site_dir"] = DOCS, SITE
    config["plugins"] = [p for p in config.get("plugins", []) if p != "rcp"
                         and not (isinstance(p, dict) and "rcp" in p)]
    config.pop("hooks", None)
    theme = config.get("theme")
    if isinstance(theme, dict):
        theme.setdefault("variant", "classic")  # Material's look, which rcp.css's fixes measure
        if theme.get("custom_dir"):
            overrides = work / OVERRIDES
            shutil.rmtree(overrides, ignore_errors=True)
            shutil.copytree(root / theme["custom_dir"], overrides,
                            ignore=lambda folder, names: [n for n in names if n in MATERIAL_ONLY])
            theme["custom_dir"] = str(overrides.resolve())
    out = work / "mkdocs.yml"
    out.write_text("# Generated by rcp_docs.publish.zensical from " + config_path.name + ": do not edit.\n"
                   + yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return out


def build_zensical(config_path: Path, work: Path, site_dir: Path, strict: bool = True,
                   pdf: bool = False) -> int:
    """Prepare, build with Zensical, and put the site at `site_dir`: the exit code."""
    generated = prepare(config_path, work, pdf)
    built = work / SITE
    shutil.rmtree(built, ignore_errors=True)
    command = [sys.executable, "-m", "zensical", "build", "-f", str(generated)]
    result = subprocess.run(command + (["--strict"] if strict else []), check=False)
    if result.returncode != 0 or not (built / "index.html").is_file():
        print("rcp-docs: the Zensical build failed; the previous site is unchanged", file=sys.stderr)
        return result.returncode or 1
    site_dir = site_dir.resolve()
    if site_dir.exists():
        shutil.rmtree(site_dir)
    shutil.move(str(built), str(site_dir))
    print(f"rcp-docs: Zensical built the site into {site_dir}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m rcp_docs.publish.zensical",
                                     description="Build the site with another engine than MkDocs.")
    parser.add_argument("engine", choices=["zensical"])
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--work", type=Path, default=Path(".zensical"),
                        help="the generated project (git-ignored; default: .zensical)")
    parser.add_argument("--site-dir", type=Path, default=Path("site"))
    parser.add_argument("--no-strict", dest="strict", action="store_false")
    parser.add_argument("--pdf", action="store_true",
                        help="also publish the PDF of the whole framework (as make build does)")
    args = parser.parse_args(argv)
    try:
        return build_zensical(args.config, args.work, args.site_dir, args.strict, args.pdf)
    except FrameworkError as exc:
        print(exc.report(), file=sys.stderr)
    except RcpError as exc:
        print(f"rcp-docs: {exc}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())

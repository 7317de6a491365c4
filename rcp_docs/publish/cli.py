"""The `rcp-docs` command: a thin publisher over load, validate and render.

Every error a person can cause ends here as a clear message on stderr and exit code 1; an
unexpected internal error is one line naming the file, with the traceback only under --debug.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TypeAlias

from ..base.errors import DiffError, FrameworkError, RcpError
from ..base.files import write_tree
from ..editors.diff import diff_data, load_version, vanished
from ..editors.report import FORMATS, report
from ..source.jsonschema import SCHEMA_PATH, json_schema_text
from .build import Options, build
from .publishing import Publication


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        result: int = args.run(args)
        return result
    except FrameworkError as exc:
        if getattr(args, "format", "text") == "github":
            for problem in exc.problems:
                print(problem.github())
        print(exc.report(), file=sys.stderr)
        return 1
    except DiffError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"rcp-docs: {exc}", file=sys.stderr)
        return 1
    except RcpError as exc:
        print(f"rcp-docs: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if args.debug:
            traceback.print_exc()
        where = getattr(args, "path", None) or getattr(args, "framework", "")
        print(
            f"rcp-docs: internal error while processing {where}: {type(exc).__name__}: {exc}. "
            "This is a bug in rcp-docs, not in your file; please report it "
            "(run again with --debug for the details).",
            file=sys.stderr,
        )
        return 1


Commands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rcp-docs",
        description="Validate framework.yml and render the RCP framework as Markdown pages.",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")
    for add in (_add_validate, _add_render, _add_release, _add_diff, _add_schema):
        add(commands)
    return parser


def _add_validate(commands: Commands) -> None:
    check = commands.add_parser("validate", help="check framework.yml and report every problem")
    check.add_argument("path", nargs="?", default="framework.yml", help="default: framework.yml")
    check.add_argument("--format", choices=["text", "github"], default="text",
                       help="github: also print GitHub Actions annotations on stdout")
    check.add_argument("--readability", choices=["warn", "error", "off"], default="warn",
                       help="long sentences and hard fields: warnings that do not fail (warn, "
                       "the default), problems that do (error), or not checked (off)")
    check.set_defaults(run=_validate)


def _add_render(commands: Commands) -> None:
    out = commands.add_parser(
        "render", help="write the generated pages, plus the hand-written ones, to a folder")
    out.add_argument("path", nargs="?", default="framework.yml", help="default: framework.yml")
    out.add_argument("--out", type=Path, required=True, help="the folder to (re)place")
    out.add_argument("--content", type=Path, default=Path("content"),
                     help="hand-written pages to copy alongside (default: content)")
    out.add_argument("--repo-url", default=None, help="for 'Suggest a change' links")
    out.add_argument("--site-url", default=None, help="the published site's address")
    out.add_argument("--no-directory-urls", dest="directory_urls", action="store_false",
                     help="pages are served as page.html, not page/")
    out.add_argument("--releases", type=Path, default=None,
                     help="the folder of release snapshots (default: releases/ beside the file)")
    out.add_argument("--pdf", action="store_true",
                     help="also write the PDF of the whole framework (cached in .cache/rcp-docs/)")
    out.set_defaults(run=_render)


def _add_release(commands: Commands) -> None:
    rel = commands.add_parser(
        "release", help="release the framework: set its version and date, keep a snapshot, "
        "print what changed since the last release")
    rel.add_argument("version", help="the new version, major.minor.patch, such as 0.2.0")
    rel.add_argument("path", nargs="?", default="framework.yml", help="default: framework.yml")
    rel.add_argument("--date", default=None, help="the release date, year-month-day "
                     "(default: today)")
    rel.add_argument("--releases", type=Path, default=None,
                     help="the folder of release snapshots (default: releases/ beside the file)")
    rel.add_argument("--format", choices=["markdown", "text"], default="markdown",
                     help="the summary's format (default: markdown, for the pull request)")
    rel.set_defaults(run=_release)


def _add_diff(commands: Commands) -> None:
    compare = commands.add_parser(
        "diff", help="say in plain English what changed between two versions of framework.yml")
    compare.add_argument("base", help="the old version: a file, or a git revision such as "
                         "origin/main (REV:PATH for another path)")
    compare.add_argument("head", nargs="?", default="framework.yml",
                         help="the new version (default: framework.yml)")
    compare.add_argument("--format", choices=FORMATS, default="text",
                         help="text for a terminal (default); markdown for a pull request or job "
                         "summary; json; github: annotations for ids that vanished")
    compare.add_argument("--check", action="store_true",
                         help="fail if an id vanished without being retired or redirected")
    compare.set_defaults(run=_diff)


def _add_schema(commands: Commands) -> None:
    schema = commands.add_parser("schema", help="write the JSON Schema editors use")
    schema.add_argument("--out", type=Path, default=SCHEMA_PATH,
                        help=f"default: {SCHEMA_PATH.name} inside the package; '-' for stdout")
    schema.add_argument("--check", action="store_true",
                        help="fail if the file differs from the schema in code")
    schema.set_defaults(run=_schema)


def _validate(args: argparse.Namespace) -> int:
    from ..check.readability import check as readability_check
    from ..check.validate import validate
    from ..source.load import load_file

    doc = load_file(args.path)
    framework = validate(doc)
    if args.readability != "off":
        readability_check(doc, args.format, strict=args.readability == "error")
    print(framework.summary())
    return 0


def _render(args: argparse.Namespace) -> int:
    site = build(args.path, Options(repo_url=args.repo_url, site_url=args.site_url,
                                    directory_urls=args.directory_urls, pdf=args.pdf),
                 releases=args.releases)
    binaries: dict[str, bytes] = {}
    if site.prints:
        from ..site.pdf import pdfs

        binaries = pdfs(site.prints, Path(".cache") / "rcp-docs")
    count = write_tree(Publication(site).docs_folder(args.content, binaries), args.out)
    print(f"wrote {count} files to {args.out} ({len(site.pages) + len(binaries)} generated)")
    return 0


def _release(args: argparse.Namespace) -> int:
    from ..editors.release import release

    done = release(Path(args.path), args.version, args.date, args.releases, args.format)
    sys.stdout.write(done.summary)
    print(f"rcp-docs: released version {done.version}: {args.path} now says version "
          f"{done.version}; the snapshot is {done.snapshot}. Commit both, with the summary above "
          "in the pull request.", file=sys.stderr)
    return 0


def _diff(args: argparse.Namespace) -> int:
    base, head = load_version(args.base, strict=False), load_version(args.head)
    assert head.framework is not None  # strict: a head with problems raised FrameworkError
    broken = vanished(base.data, head.framework)
    sys.stdout.write(report(args.format, diff_data(base.data, head.data), broken, args.base,
                            args.head))
    if args.check and broken:
        count = len(broken)
        raise DiffError(f"{count} id{'s' if count != 1 else ''} vanished", broken)
    return 0


def _schema(args: argparse.Namespace) -> int:
    text = json_schema_text()
    if str(args.out) == "-":
        sys.stdout.write(text)
        return 0
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != text:
            print(f"{args.out} is out of date; run: rcp-docs schema", file=sys.stderr)
            return 1
        print(f"{args.out} is up to date")
        return 0
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}")
    return 0

"""The `fortran-tei` command: a thin layer over the library.

Exit codes: 0 success; 1 the sources have errors (with --strict: or warnings); 2 wrong usage;
3 an output could not be produced.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from . import __version__
from .build import FORMATS, BuildError, OutputError
from .build import build as build_volume
from .info import volume_info
from .problems import Problem, display_path
from .validate import validate as validate_paths

EXIT_INVALID = 1
EXIT_OUTPUT_FAILED = 3

err = Console(stderr=True, highlight=False)
PATHS = click.argument("paths", nargs=-1, type=click.Path(path_type=Path))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="fortran-tei")
def main() -> None:
    """Validate a TEI edition and build it as PDF, HTML and EPUB 3.

    PATHS default to ./tei, the volume of this project. A folder with a volume.xml is that
    volume; any other folder is every *.xml file in it; a single file is checked on its own.
    """


@main.command()
@PATHS
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: one 'path:line:col: severity: message [rule]' line per problem; json: one object.")
def validate(paths: tuple[Path, ...], strict: bool, fmt: str) -> None:
    """Check sources against the schema (per file) and the editorial rules (over the volume).

    \b
    Examples:
      fortran-tei validate                      # the volume in ./tei
      fortran-tei validate tei/documents/d021.xml
      fortran-tei validate --strict --format json tei
    """
    start = time.perf_counter()
    report = validate_paths(_paths(paths))
    elapsed = time.perf_counter() - start
    if fmt == "json":
        click.echo(json.dumps({
            "ok": report.ok(strict), "files": report.files, "errors": len(report.errors),
            "warnings": len(report.warnings), "problems": [p.as_json() for p in report.problems],
        }, ensure_ascii=False, indent=2))
    else:
        for problem in report.problems:
            click.echo(str(problem))
        _summary(report.files, len(report.errors), len(report.warnings), elapsed)
    sys.exit(0 if report.ok(strict) else EXIT_INVALID)


def _paths(paths: tuple[Path, ...]) -> list[Path]:
    """The paths given, or ./tei; with neither, a usage error (exit 2) rather than "file not found"."""
    if paths:
        return list(paths)
    if not Path("tei").is_dir():
        raise click.UsageError("no ./tei folder here: run fortran-tei in the edition's folder, or name the files or folders to use")
    return [Path("tei")]


def _summary(files: int, errors: int, warnings: int, elapsed: float) -> None:
    colour = "red" if errors else "yellow" if warnings else "green"
    err.print(f"[{colour}]{files} file(s) checked: {errors} error(s), {warnings} warning(s)[/] in {elapsed:.2f} s")


@main.command()
@PATHS
@click.option("--to", "formats", multiple=True, type=click.Choice(FORMATS), help="Output format; repeat for several. Default: all.")
@click.option("-o", "--out", type=click.Path(path_type=Path, file_okay=False), default=Path("dist"), show_default=True,
              help="Folder the outputs are written to.")
@click.option("--site-url", default="", metavar="URL",
              help="Where the HTML edition will be published (https://…/): citations then carry absolute addresses.")
def build(paths: tuple[Path, ...], formats: tuple[str, ...], out: Path, site_url: str) -> None:
    """Validate, then build the PDF, the HTML site and/or the EPUB into OUT.

    An edition whose files point at our schema must be valid; other TEI is built leniently.
    Each output replaces the previous one only once it is complete.
    """
    def done(name: str, path: Path) -> None:
        err.print(f"[green]✓[/] {name:<5} {display_path(str(path))}")

    try:
        context = build_volume(_paths(paths), formats or FORMATS, out, on_format=done, site_url=site_url)
    except BuildError as exc:
        _print_problems(exc.problems)
        err.print(f"[red]build stopped: {len(exc.problems)} error(s) in the sources[/]")
        sys.exit(EXIT_INVALID)
    except OutputError as exc:
        err.print(f"[red]output failed:[/] {exc}")
        sys.exit(EXIT_OUTPUT_FAILED)
    for problem in context.report.warnings:
        click.echo(str(problem), err=True)
    for warning in context.warnings:
        click.echo(f"warning: {warning}", err=True)
    err.print("  ".join(f"{k} {v:.2f} s" for k, v in context.timings.items() if ":" not in k))


def _print_problems(problems: list[Problem]) -> None:
    for problem in sorted(problems):
        click.echo(str(problem))


@main.command()
@PATHS
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def info(paths: tuple[Path, ...], fmt: str) -> None:
    """A table of the volume: documents by kind, date range, notes, apparatus, persons, pages."""
    try:
        facts = volume_info(_paths(paths))
    except BuildError as exc:
        _print_problems(exc.problems)
        sys.exit(EXIT_INVALID)
    if fmt == "json":
        click.echo(json.dumps(facts, ensure_ascii=False, indent=2))
        return
    table = Table(title=facts.get("title") or "Volume", show_header=False)
    table.add_column("")
    table.add_column("", justify="right")
    for kind, count in facts["documents_by_kind"].items():
        table.add_row(f"documents: {kind}", str(count))
    table.add_row("documents", str(facts["documents"]), end_section=True)
    table.add_row("date range", f"{facts['date_range'][0]} – {facts['date_range'][1]}" if facts["date_range"] else "—")
    labels = {"notes": "editorial notes", "apparatus_entries": "apparatus entries", "persons": "persons in the List of Names",
              "persons_referred_to": "persons named in the texts", "abbreviations": "abbreviations",
              "pages": "original page breaks", "files": "source files"}
    for key, label in labels.items():
        table.add_row(label, str(facts[key]))
    Console(highlight=False).print(table)


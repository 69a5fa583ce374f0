"""PDF output: the volume → Typst source (xslt/pdf.xsl) → PDF, compiled in-process by `typst`.

The book design lives in `xslt/book.typ`; the generated source imports it from the compile
root (the xslt folder), so nothing is fetched from Typst's package registry. Fonts are Typst's
own bundle only (system fonts are ignored), so the same sources give the same book anywhere.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import typst

from . import saxon
from .build import BuildContext, OutputError, atomic_file, source_date

STYLESHEET = "pdf.xsl"
TEMPLATE_ROOT = saxon.XSLT_DIR
PDF_STANDARD = "a-2b"


@dataclass
class Typeset:
    """The outcome of one PDF build: the bytes and the Typst source they were set from."""

    pdf: bytes
    source: str


def transform(context: BuildContext) -> str:
    """Run pdf.xsl over the volume; return the Typst source."""
    source = context.transform("pdf", STYLESHEET)
    if not source:
        raise OutputError("pdf: the stylesheet xslt/pdf.xsl produced no output")
    return source


@cache
def _fonts() -> typst.Fonts:
    """Typst's bundled fonts only: Libertinus Serif, New Computer Modern, DejaVu Sans Mono."""
    return typst.Fonts(include_system_fonts=False, include_embedded_fonts=True)


def compiler(source: str, sys_inputs: dict[str, str] | None = None) -> typst.Compiler:
    """A Typst compiler for the generated source, rooted at the template's folder."""
    return typst.Compiler(source.encode("utf-8"), root=str(TEMPLATE_ROOT), font_paths=_fonts(),
                          ignore_system_fonts=True, sys_inputs=sys_inputs or {})


class MissingGlyphs(OutputError):
    """PDF/A refuses characters that no bundled font can draw (emoji, rare CJK)."""


def typeset(source: str, sys_inputs: dict[str, str] | None = None, standards: tuple[str, ...] = (PDF_STANDARD,)) -> bytes:
    """Compile Typst source to PDF (PDF/A-2b by default), or raise OutputError with Typst's own words."""
    when = source_date()
    try:
        pdf = compiler(source, sys_inputs).compile(
            format="pdf", pdf_standards=list(standards),
            timestamp=when if when is not None else datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0),
        )
    except typst.TypstError as exc:
        message = str(getattr(exc, "message", exc))
        if standards and "could not be displayed with font" in message:
            raise MissingGlyphs(message) from None
        hints = "".join(f"; hint: {h}" for h in (getattr(exc, "hints", None) or []))
        raise OutputError(f"PDF: Typst could not typeset the volume: {message}{hints}") from None
    except RuntimeError as exc:  # older bindings raise plain RuntimeErrors
        raise OutputError(f"PDF: Typst could not typeset the volume: {exc}") from None
    if not pdf:
        raise OutputError("PDF: Typst produced no pages")
    return pdf


def page_size_inputs() -> dict[str, str]:
    """The trim size, settable through FORTRAN_TEI_PAGE=WIDTHxHEIGHT (inches), e.g. 6.125x9.25."""
    value = os.environ.get("FORTRAN_TEI_PAGE", "").strip()
    if not value:
        return {}
    try:
        width, height = (float(v) for v in value.lower().split("x"))
    except ValueError:
        raise OutputError(f"FORTRAN_TEI_PAGE must read WIDTHxHEIGHT in inches (e.g. 6.125x9.25), not {value!r}") from None
    if not (2 <= width <= 20 and 2 <= height <= 30):
        raise OutputError(f"FORTRAN_TEI_PAGE {value!r} is not a book page size")
    return {"page-width-in": str(width), "page-height-in": str(height)}


def render(context: BuildContext) -> Typeset:
    """Transform and typeset, timing each stage in the context."""
    with context.stage("pdf: transform"):
        source = transform(context)
    with context.stage("pdf: typeset"):
        try:
            pdf = typeset(source, page_size_inputs())
        except MissingGlyphs as exc:
            # A book with a few empty boxes beats no book: say so, and give up the PDF/A claim.
            context.warnings.append(f"pdf: {exc} — the PDF is made without PDF/A, those characters print as empty boxes")
            pdf = typeset(source, page_size_inputs(), standards=())
    return Typeset(pdf, source)


def build(context: BuildContext) -> Path:
    """Write `<out>/<volume-id>.pdf` atomically and return its path."""
    result = render(context)
    with context.stage("pdf: write"):
        return atomic_file(context.out / f"{context.volume_id}.pdf", result.pdf)


def positions(source: str, sys_inputs: dict[str, str] | None = None) -> dict[str, list]:
    """Where things landed: the physical page (1-based) of every note marker, document start
    and end, contents target, person mention and chapter opening; and of every note's entry at
    the page foot, as (key, page, y in pt) where it is drawn (the apparatus above the notes).

    For proofs (tests, checks): the source is compiled with the `positions` input, which
    makes book.typ record the pages in one metadata element; the layout is the same.
    """
    import json

    inputs = dict(sys_inputs or {}, positions="1")
    found = json.loads(compiler(source, inputs).query("<positions>", field="value", one=True))
    return found

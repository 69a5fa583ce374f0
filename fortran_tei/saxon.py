"""One Saxon processor per process; every stylesheet compiled once and kept."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from saxonche import PySaxonProcessor, PyXdmNode, PyXsltExecutable

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
XSLT_DIR = PACKAGE_ROOT / "xslt"


@cache
def processor() -> PySaxonProcessor:
    return PySaxonProcessor(license=False)


def _compiler():
    return processor().new_xslt30_processor()


@cache
def stylesheet(name: str) -> PyXsltExecutable:
    """Compile `xslt/<name>` once per process."""
    path = XSLT_DIR / name
    return _compiler().compile_stylesheet(stylesheet_file=str(path))


def compile_text(text: str, base: Path) -> PyXsltExecutable:
    compiler = _compiler()
    compiler.set_cwd(str(base))
    return compiler.compile_stylesheet(stylesheet_text=text)


def parse(xml_text: str) -> PyXdmNode:
    # saxonche decodes text with the platform default unless told otherwise.
    return processor().parse_xml(xml_text=xml_text, encoding="UTF-8")

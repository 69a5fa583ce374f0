"""One Saxon processor per process; every stylesheet compiled once and kept."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lxml import etree
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


# Saxon's XML parser (JAXP) refuses elements nested deeper than this; saxonche offers no way to
# lift the limit, so deeper markup is reported before Saxon sees it.
MAX_DEPTH = 100


class TooDeep(ValueError):
    """The volume nests elements deeper than Saxon reads; `element` is the first too deep."""

    def __init__(self, element: etree._Element):
        super().__init__(f"elements nested more than {MAX_DEPTH} deep")
        self.element = element


def volume_document(volume) -> PyXdmNode:
    """The assembled volume as a Saxon document, parsed once and kept on the volume."""
    if volume.xdm is None:
        depth = 0
        for event, element in etree.iterwalk(volume.root, events=("start", "end")):
            depth += 1 if event == "start" else -1
            if depth > MAX_DEPTH:
                raise TooDeep(element)
        volume.xdm = parse(etree.tostring(volume.root, encoding="unicode"))
    return volume.xdm


def parse(xml_text: str) -> PyXdmNode:
    """saxonche decodes text with the platform default unless told otherwise: say UTF-8."""
    return processor().parse_xml(xml_text=xml_text, encoding="UTF-8")


_running = threading.Lock()  # a compiled stylesheet keeps parameters and messages: one run at a time


@dataclass
class Outcome:
    """What one run of a stylesheet gave: its principal result and its xsl:messages."""

    text: str
    messages: list[str]


def run(name: str, document: PyXdmNode, params: dict[str, str] | None = None, output_folder: Path | None = None) -> Outcome:
    """Apply `xslt/<name>` to a document, with string parameters; xsl:result-document
    files land in `output_folder`. Raises saxonche's PySaxonApiError with Saxon's message."""
    executable = stylesheet(name)
    with _running:
        executable.clear_parameters()
        executable.clear_xsl_messages()
        executable.set_save_xsl_message(True, None)  # kept in memory, read below
        for key, value in (params or {}).items():
            executable.set_parameter(key, processor().make_string_value(value))
        if output_folder is not None:
            executable.set_base_output_uri(output_folder.resolve().as_uri() + "/")
        executable.set_global_context_item(xdm_item=document)
        text = executable.apply_templates_returning_string(xdm_value=document)
        raw = executable.get_xsl_messages()
        messages = [str(raw.item_at(i).string_value) for i in range(raw.size)] if raw is not None else []
        executable.clear_xsl_messages()
    return Outcome(text or "", messages)

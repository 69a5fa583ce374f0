"""Editorial rules (ISO Schematron) over the assembled volume.

`schemas/fortran-tei.sch` is compiled to XSLT 3 by `xslt/schematron.xsl` once per process.
The validator reports each finding with the XPath `path()` of its node; we walk that path
in the lxml tree to give the file, line and column the editor edits.
"""

from __future__ import annotations

import re
from functools import cache

from lxml import etree

from . import saxon
from .problems import ERROR, WARNING, Problem
from .saxon import PACKAGE_ROOT
from .sources import Volume

RULES_FILE = PACKAGE_ROOT / "schemas" / "fortran-tei.sch"
_EQNAME = re.compile(r"Q\{([^}]*)\}")
_STEP = re.compile(r"(?:Q\{[^}]*\}|[^/])+")  # a step; EQName URIs hold slashes
_NOT_ELEMENT = ("@", "text()", "comment()", "processing-instruction", "namespace::")


@cache
def validator():
    compiled = saxon.stylesheet("schematron.xsl").transform_to_string(
        xdm_node=saxon.processor().parse_xml(xml_file_name=str(RULES_FILE))
    )
    return saxon.compile_text(compiled, RULES_FILE.parent)


def too_deep(volume: Volume, exc: saxon.TooDeep) -> Problem:
    return volume.problem_at(exc.element, ERROR,
                             f"elements are nested more than {saxon.MAX_DEPTH} deep here: Saxon, which checks the rules "
                             "and makes the outputs, cannot read deeper markup — flatten it", "xml-depth")


def check(volume: Volume) -> list[Problem]:
    try:
        document = saxon.volume_document(volume)
    except saxon.TooDeep as exc:
        return [too_deep(volume, exc)]
    report = validator().transform_to_string(xdm_node=document)
    problems = []
    for finding in etree.fromstring(report.encode("utf-8")).iter("problem"):
        element = _resolve(volume.root, finding.get("path", ""))
        severity = WARNING if finding.get("role") == "warning" else ERROR
        message = " ".join((finding.text or "").split())
        problems.append(volume.problem_at(element, severity, message, finding.get("rule", "rule")))
    return problems


def _resolve(root: etree._Element, path: str) -> etree._Element:
    """The element a Saxon `path()` names (an attribute or text node maps to its element)."""
    namespaces: dict[str, str] = {}

    def prefix(match: re.Match) -> str:
        uri = match.group(1)
        if not uri:
            return ""
        namespaces.setdefault(uri, f"n{len(namespaces)}")
        return namespaces[uri] + ":"

    steps = _STEP.findall(path)
    while steps and steps[-1].startswith(_NOT_ELEMENT):
        steps.pop()
    if len(steps) < 2:
        return root
    # The first step is the root element itself; walk the rest from there.
    xpath = "/".join(_EQNAME.sub(prefix, s) for s in steps[1:])
    try:
        found = root.xpath(xpath, namespaces={v: k for k, v in namespaces.items()})
    except etree.XPathError:
        found = []
    return found[0] if found and isinstance(found[0], etree._Element) else root

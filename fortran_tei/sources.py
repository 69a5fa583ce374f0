"""Read TEI sources safely and assemble them into one volume tree.

Each file is parsed once, with entities and the network switched off. A volume file
(`teiCorpus` with `xi:include` children) is assembled by our own XInclude step, so that a
missing or broken part is reported at the include that names it and every element keeps
the file and line it came from.
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .problems import ERROR, WARNING, Problem, SourceError, file_problem

TEI_NS = "http://www.tei-c.org/ns/1.0"
XI_NS = "http://www.w3.org/2001/XInclude"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XI_INCLUDE = f"{{{XI_NS}}}include"
VOLUME_FILE = "volume.xml"


def tei(local: str) -> str:
    return f"{{{TEI_NS}}}{local}"


def _parser() -> etree.XMLParser:
    # No DTD loading, no entity expansion, no network: a source never reaches outside itself.
    return etree.XMLParser(
        resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False, remove_blank_text=False
    )


@dataclass
class SourceFile:
    """One parsed file: its tree and its text, kept to compute columns."""

    path: Path
    root: etree._Element
    text: str
    _lines: list[str] | None = field(default=None, repr=False)
    _by_line: dict[int, list[etree._Element]] | None = field(default=None, repr=False)

    @property
    def lines(self) -> list[str]:
        if self._lines is None:
            self._lines = self.text.splitlines()
        return self._lines

    def column(self, element: etree._Element) -> int:
        """1-based column of the element's start tag, found in the source text.

        libxml2 keeps only lines for elements; the n-th element of a name on a line is the
        n-th start tag of that name there.
        """
        line = element.sourceline or 0
        if not 0 < line <= len(self.lines):
            return 1
        if self._by_line is None:
            self._by_line = {}
            for el in self.root.iter(etree.Element):
                self._by_line.setdefault(el.sourceline or 0, []).append(el)
        same_name = [el for el in self._by_line.get(line, []) if el.tag == element.tag]
        nth = next((i for i, el in enumerate(same_name) if el is element), 0)
        local = etree.QName(element).localname
        starts = [m.start() + 1 for m in re.finditer(rf"<(?:[\w.-]+:)?{re.escape(local)}(?=[\s/>])", self.lines[line - 1])]
        return starts[nth] if nth < len(starts) else (starts[0] if starts else 1)


def parse_file(path: Path) -> SourceFile:
    """Parse one file or raise SourceError with a located, one-line message."""
    try:
        if path.exists() and not stat.S_ISREG(path.stat().st_mode):
            kind = "a folder" if path.is_dir() else "not a regular file (a pipe, device or socket)"
            raise SourceError(file_problem(path, f"is {kind}, not an XML file", "file-unreadable"))
        data = path.read_bytes()
    except FileNotFoundError:
        raise SourceError(file_problem(path, "file not found", "file-missing")) from None
    except OSError as exc:  # permissions, symbolic link loops, …
        raise SourceError(file_problem(path, f"cannot be read: {exc.strerror or exc}", "file-unreadable")) from None
    if not data.strip():
        raise SourceError(file_problem(path, "the file is empty: a TEI document needs at least a root element", "xml-empty", 1, 1))
    try:
        root = etree.fromstring(data, _parser(), base_url=path.resolve().as_uri())
    except etree.XMLSyntaxError as exc:
        raise SourceError(_syntax_problem(path, exc)) from None
    except (LookupError, ValueError) as exc:  # unknown encoding names surface here in some libxml2 builds
        raise SourceError(file_problem(path, f"cannot be decoded: {exc}", "xml-encoding", 1, 1)) from None
    encoding = root.getroottree().docinfo.encoding or "utf-8"
    try:
        text = data.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        text = data.decode("utf-8", errors="replace")
    _check_declared_encoding(path, data, encoding)
    return SourceFile(path, root, text)


def _check_declared_encoding(path: Path, data: bytes, encoding: str) -> None:
    """A single-byte declaration over UTF-8 bytes turns every accented letter into mojibake."""
    if encoding.lower().replace("_", "-") in ("utf-8", "utf8", "utf-16", "utf-16le", "utf-16be", "us-ascii", "ascii"):
        return
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return
    if any(b > 127 for b in data):
        raise SourceError(file_problem(
            path, f"declares encoding {encoding!r} but its bytes are UTF-8: its text would be misread — declare encoding=\"UTF-8\"",
            "xml-encoding", 1, 1))


def _syntax_problem(path: Path, exc: etree.XMLSyntaxError) -> Problem:
    entry = exc.error_log.last_error if exc.error_log else None
    line, col = (entry.line, entry.column) if entry else (exc.lineno or 1, exc.offset or 1)
    message = (entry.message if entry else str(exc)).strip()
    rule = "xml-syntax"
    if "Document is empty" in message or "Start tag expected" in message:
        message, rule = "no root element: the file holds no XML element", "xml-empty"
    elif "encoding" in message.lower():
        message, rule = f"unsupported or wrong character encoding ({message})", "xml-encoding"
    elif "amplification" in message or "entity" in message.lower() and "loop" in message.lower():
        message, rule = "entity declarations that expand without end (an entity bomb): remove the DOCTYPE", "xml-entity"
    elif "ID" in message and "already defined" in message:
        message, rule = f"duplicate xml:id: {message}", "id-unique"
    else:
        message = f"not well-formed XML: {message}"
    return Problem(str(path), max(line, 1), max(col, 1), ERROR, message, rule)


@dataclass
class Volume:
    """The assembled tree, and where each of its elements came from."""

    root: etree._Element
    files: list[SourceFile]
    _owners: dict = field(default_factory=dict, repr=False)
    name: str = ""  # what to call a volume without xml:id: the file or folder it was read from
    xdm: object = field(default=None, repr=False)  # its Saxon document, once parsed (saxon.volume_document)

    @classmethod
    def single(cls, source: SourceFile) -> "Volume":
        return cls(source.root, [source], {source.root: source}, source.path.stem)

    @property
    def main_file(self) -> SourceFile:
        return self.files[0]

    def file_of(self, element: etree._Element) -> SourceFile:
        for el in (element, *element.iterancestors()):
            owner = self._owners.get(el)
            if owner is not None:
                return owner
        return self.main_file

    def locate(self, element: etree._Element) -> tuple[str, int, int]:
        source = self.file_of(element)
        return str(source.path), element.sourceline or 0, source.column(element)

    def problem_at(self, element: etree._Element, severity: str, message: str, rule: str) -> Problem:
        path, line, col = self.locate(element)
        return Problem(path, line, col, severity, message, rule)


@dataclass
class Sources:
    """What `read_sources` found: parsed files in reading order, and the problems on the way."""

    files: list[SourceFile]
    problems: list[Problem]
    volume_file: SourceFile | None
    origin: Path = Path("tei")
    skipped_includes: set = field(default_factory=set)
    unread: int = 0  # files that could not be parsed, and includes refused

    @property
    def complete(self) -> bool:
        return self.unread == 0

    def assemble(self) -> Volume | None:
        """One tree: the volume file with its includes replaced, or the files under one teiCorpus."""
        if not self.files:
            return None
        if self.volume_file is not None:
            by_path = {_key(f.path): f for f in self.files}
            volume = Volume(self.volume_file.root, self.files, name=self.origin.resolve().stem)
            volume._owners[self.volume_file.root] = self.volume_file
            _expand_includes(self.volume_file, by_path, volume, self.skipped_includes)
            return volume
        if len(self.files) == 1:
            return Volume.single(self.files[0])  # named after its file
        # Loose files: gather them as a corpus so that every output sees one tree.
        corpus = etree.Element(tei("teiCorpus"), nsmap={None: TEI_NS})
        volume = Volume(corpus, self.files, name=self.origin.resolve().name)
        for source in self.files:
            corpus.append(source.root)
            volume._owners[source.root] = source
        return volume


def _expand_includes(source: SourceFile, by_path: dict, volume: Volume, skipped: set) -> None:
    for include in list(source.root.iter(XI_INCLUDE)):
        parent = include.getparent()
        if parent is None:
            continue
        target = None if include in skipped else by_path.get(_key(source.path.parent / include.get("href", "")))
        if target is None:  # reported by read_sources; leave a gap, not a crash
            parent.remove(include)
            continue
        if include.tail:
            target.root.tail = include.tail
        parent.replace(include, target.root)
        volume._owners[target.root] = target
        _expand_includes(target, by_path, volume, skipped)


def xml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.xml") if p.is_file())


def _key(path: Path) -> Path:
    """The identity of a file; a symbolic link loop cannot be resolved and stays as given."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def read_sources(paths: list[Path]) -> Sources:
    """Parse the given files and folders, following a volume file's includes.

    A folder holding `volume.xml` is that volume; another folder is every `*.xml` file in it.
    Each file is parsed once and may be included once: a second include, or an include of a
    file that is already being included (a cycle), is reported and skipped.
    """
    problems: list[Problem] = []
    files: list[SourceFile] = []
    volume_file: SourceFile | None = None
    included_at: dict[Path, str] = {}  # file → "path:line" of the include (or argument) that brought it
    skipped: set = set()  # xi:include elements left out of the assembly
    reading: list[Path] = []  # the chain of includes being followed, for cycles
    unread: list = []

    def add(path: Path, origin: str) -> SourceFile | None:
        key = _key(path)
        if key in included_at:
            return None
        included_at[key] = origin
        try:
            source = parse_file(path)
        except SourceError as exc:
            problems.append(exc.problem)
            unread.append(key)
            return None
        files.append(source)
        problems.extend(_flatten_entities(source))
        reading.append(key)
        for include in source.root.iter(XI_INCLUDE):
            if not _follow_include(source, include):
                skipped.add(include)
        reading.pop()
        return source

    def _follow_include(source: SourceFile, include: etree._Element) -> bool:
        href = include.get("href")
        where = (str(source.path), include.sourceline or 0, source.column(include))

        def refuse(message: str, rule: str) -> bool:
            problems.append(Problem(*where, ERROR, message, rule))
            unread.append(href)
            return False

        if not href:
            return refuse("xi:include without href: name the file to include", "xinclude-href")
        if include.get("parse", "xml") != "xml" or include.get("xpointer"):
            return refuse(f"xi:include of {href!r}: only whole XML files can be included (no parse='text', no xpointer)", "xinclude-href")
        if re.match(r"^[a-z][a-z0-9+.-]*:", href, re.I):
            return refuse(f"xi:include of {href!r}: only local files are included, nothing is fetched", "xinclude-href")
        target = source.path.parent / href
        key = _key(target)
        if key in reading:
            return refuse(f"xi:include of {href!r} makes a cycle: that file is itself including this one — remove the include", "xinclude-cycle")
        if key in included_at:
            return refuse(f"{href!r} is already included ({included_at[key]}): a part can stand in the volume only once — remove one include", "xinclude-duplicate")
        if target.is_dir():
            return refuse(f"xi:include of {href!r}: that is a folder — include its files one by one", "xinclude-missing")
        if not target.exists():
            return refuse(f"included file {href!r} not found (looked for {target})", "xinclude-missing")
        add(target, f"{where[0]}:{where[1]}")
        return True

    for path in paths:
        if path.is_dir():
            if (path / VOLUME_FILE).is_file():
                volume_file = volume_file or add(path / VOLUME_FILE, "the command line")
            else:
                found = xml_files(path)
                if not found:
                    problems.append(file_problem(path, "holds no XML files: name a folder with TEI files or a volume.xml", "file-missing"))
                    unread.append(path)
                for file in found:
                    add(file, "the command line")
        elif path.name == VOLUME_FILE and volume_file is None:
            volume_file = add(path, "the command line")
        else:
            add(path, "the command line")
    if volume_file is not None and len(paths) > 1:
        volume_file = None  # several explicit paths: validate each on its own
    return Sources(files, problems, volume_file, paths[0] if paths else Path("tei"), skipped, len(unread))


def _flatten_entities(source: SourceFile) -> list[Problem]:
    """Entities are never resolved. An external one is an error at its declaration; a reference
    that stayed unexpanded is kept as its literal text, with a warning: nothing is lost or fetched."""
    problems = []
    dtd = source.root.getroottree().docinfo.internalDTD
    for declared in dtd.entities() if dtd is not None else ():
        if declared.system_url:
            line, col = _find(source, f"<!ENTITY {declared.name}")
            problems.append(Problem(str(source.path), line, col, ERROR,
                                    f"external entity {declared.name!r} ({declared.system_url}) is not allowed: "
                                    "entities are never resolved — remove the declaration and write the text itself",
                                    "xml-entity"))
    for entity in list(source.root.iter(etree.Entity)):
        line = entity.sourceline or 0
        text_line = source.lines[line - 1] if 0 < line <= len(source.lines) else ""
        col = text_line.find(entity.text) + 1
        if not col:  # libxml2 does not always keep the reference's line
            line, col = _find(source, entity.text)
        problems.append(Problem(str(source.path), line, col, WARNING,
                                f"entity reference {entity.text} is not expanded (entities are never resolved): "
                                "replace it with the text it stands for", "xml-entity"))
        literal = entity.text + (entity.tail or "")
        previous, parent = entity.getprevious(), entity.getparent()
        if previous is not None:
            previous.tail = (previous.tail or "") + literal
        else:
            parent.text = (parent.text or "") + literal
        parent.remove(entity)
    return problems


def _find(source: SourceFile, needle: str) -> tuple[int, int]:
    """Line and column of the first occurrence of `needle` in the file's text (1, 1 if absent)."""
    for number, line in enumerate(source.lines, 1):
        col = line.find(needle)
        if col >= 0:
            return number, col + 1
    return 1, 1

"""Build outputs from a volume: validate, assemble once, transform per format, write atomically."""

from __future__ import annotations

import datetime
import importlib
import os
import shutil
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from lxml import etree
from saxonche import PySaxonApiError

from . import rules, saxon
from .problems import ERROR, Problem, file_problem
from .sources import TEI_NS, Volume, read_sources, tei
from .validate import Report, validate_sources

# Each format lives in its own module with `build(context) -> Path`.
FORMATS = ("pdf", "html", "epub")
SCHEMA_MARK = "fortran-tei.rng"

# The output stylesheets report what they could not render as `fortran-tei:KIND:VALUE`
# messages (common.xsl's f:report), once per occurrence; the build says each once.
MESSAGE_PREFIX = "fortran-tei:"
MESSAGE_TEXT = {
    "unknown-element": "no rule for <{}>: its text is kept as running text",
    "dropped-element": "<{}> (script or embedded content) is left out with its content",
    "unsafe-url": "link target {!r} dropped (only web and same-volume addresses are kept); its text is kept",
}


class BuildError(Exception):
    """The sources stop the build; `problems` say why."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s) stop the build")
        self.problems = problems


class OutputError(Exception):
    """An output tool failed (Typst, the search indexer, …): the message says which and why."""


@dataclass
class BuildContext:
    """What every format needs: the volume, parsed once for Saxon, and where to write."""

    volume: Volume
    out: Path
    report: Report
    timings: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    site_url: str = ""

    @property
    def xdm(self):
        """The assembled volume as a Saxon document, parsed once for the rules and all formats."""
        return saxon.volume_document(self.volume)

    @property
    def volume_id(self) -> str:
        ident = self.volume.root.get("{http://www.w3.org/XML/1998/namespace}id")
        if ident:
            return ident
        return self.volume.name or "volume"

    def transform(self, output: str, name: str, params: dict[str, str] | None = None,
                  output_folder: Path | None = None) -> str:
        """Run an output stylesheet over the volume; its reports become this build's warnings."""
        try:
            outcome = saxon.run(name, self.xdm, params, output_folder)
        except saxon.TooDeep as exc:
            raise BuildError([rules.too_deep(self.volume, exc)]) from None
        except PySaxonApiError as exc:
            raise OutputError(f"{output}: the stylesheet xslt/{name} failed: {str(exc).strip()}") from None
        for message in outcome.messages:
            text = message.strip()
            if not text.startswith(MESSAGE_PREFIX):
                continue
            kind, _, value = text[len(MESSAGE_PREFIX):].partition(":")
            warning = f"{output}: " + MESSAGE_TEXT.get(kind, kind + ": {}").format(value)
            if warning not in self.warnings:
                self.warnings.append(warning)
        return outcome.text

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - start


def source_date() -> datetime.datetime | None:
    """SOURCE_DATE_EPOCH as a UTC time, for reproducible outputs; None when it is not set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return None
    try:
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.timezone.utc)
    except (ValueError, OverflowError, OSError):
        raise OutputError(f"SOURCE_DATE_EPOCH must be whole seconds since 1970, not {epoch!r}") from None


def declares_our_schema(volume: Volume) -> bool:
    """True for an edition that points at our schema: it must then be valid to be built."""
    for source in volume.files:
        for node in source.root.itersiblings(preceding=True):
            if isinstance(node, etree._ProcessingInstruction) and node.target == "xml-model" and SCHEMA_MARK in (node.text or ""):
                return True
    return False


def build(
    paths: list[Path] | None = None,
    formats: tuple[str, ...] = FORMATS,
    out: Path = Path("dist"),
    on_format: Callable[[str, Path], None] | None = None,
    site_url: str = "",
) -> BuildContext:
    """Validate and build the given formats; raise BuildError if the sources cannot be built.

    An edition that declares our schema must have no errors. Other TEI is built leniently:
    only what cannot be read at all stops it.
    """
    sources = read_sources(paths or [Path("tei")])
    if not sources.complete or not sources.files:
        raise BuildError([p for p in sources.problems if p.severity == ERROR])
    foreign = [s for s in sources.files if s.root.tag not in (tei("TEI"), tei("teiCorpus"))]
    if foreign:  # an HTML page or TEI in another namespace would build an empty book
        raise BuildError([file_problem(s.path, f"not a TEI document: the root is <{etree.QName(s.root).localname}>"
                                       f"{' in ' + etree.QName(s.root).namespace if etree.QName(s.root).namespace else ' in no namespace'};"
                                       f" TEI has <TEI> or <teiCorpus> in {TEI_NS}", "not-tei", 1, 1) for s in foreign])
    report = validate_sources(sources)
    volume = report.volume or sources.assemble()  # loose files are validated one by one, built as one book
    if declares_our_schema(volume) and report.errors:
        raise BuildError(report.errors)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the output folder {out}: {exc.strerror or exc}") from None
    context = BuildContext(volume, out, report, site_url=site_url)
    if report.errors:
        context.warnings.append(
            f"the sources do not point at the fortran-tei schema, so they were built leniently: "
            f"{len(report.errors)} validation error(s) set aside (`fortran-tei validate` lists them)")
    failed: list[str] = []
    for name in formats:
        module = importlib.import_module(f"fortran_tei.{name}")
        try:
            with context.stage(name):
                result = module.build(context)
        except OutputError as exc:  # the other outputs are still made
            failed.append(str(exc))
            continue
        except OSError as exc:  # a full disk, a read-only folder: one line, not a traceback
            failed.append(f"{name}: cannot write into {out}: {exc.strerror or exc}")
            continue
        if on_format:
            on_format(name, result)
    if failed:
        raise OutputError("; ".join(failed))
    return context


def atomic_file(target: Path, data: bytes) -> Path:
    """Write bytes so that readers see the old file or the new one, never half of one."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


@contextmanager
def atomic_folder(target: Path) -> Iterator[Path]:
    """Yield a fresh folder to fill; on success it replaces `target`, on failure it is removed."""
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        yield work
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    work.chmod(0o755)  # mkdtemp makes it private; a site folder is meant to be read
    work.rename(target)
    shutil.rmtree(old, ignore_errors=True)



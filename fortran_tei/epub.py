"""EPUB 3: xslt/epub.xsl writes every file of the book; this module zips them reproducibly.

The stylesheet returns `<ft:book modified="…"><ft:file href="EPUB/…">serialized text</ft:file>…`.
The zip holds `mimetype` first and stored, then META-INF/container.xml, then the files in the
stylesheet's order, every entry with the same fixed timestamp and permissions: the same sources
and SOURCE_DATE_EPOCH give the same bytes.
"""

from __future__ import annotations

import io
import re
import uuid
import zipfile
from pathlib import Path

from lxml import etree

from .build import BuildContext, OutputError, atomic_file, source_date

STYLESHEET = "epub.xsl"
BOOK_NS = "https://fortran-tei.org/ns/epub"
PACKAGE_PATH = "EPUB/package.opf"
# A fixed namespace for the identifiers of our books: uuid5(namespace, volume id).
ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://fortran-tei.org/ns/epub/volume")

CONTAINER = f"""<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="{PACKAGE_PATH}" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
"""


def book_identifier(volume_id: str) -> str:
    """A stable identifier: the same volume id always gives the same urn:uuid."""
    return f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, volume_id)}"


def modified() -> str:
    """dcterms:modified from SOURCE_DATE_EPOCH, or "" to let the stylesheet use the volume's date."""
    when = source_date()
    return when.strftime("%Y-%m-%dT%H:%M:%SZ") if when else ""


def transform(context: BuildContext) -> etree._Element:
    """Run epub.xsl over the volume; return the <ft:book> listing the serialized files."""
    params = {
        "identifier": book_identifier(context.volume_id),
        "modified": modified(),
        "fallback-title": context.volume.name or "TEI documents",
    }
    result = context.transform("epub", STYLESHEET, params)
    if not result:
        raise OutputError("epub: the stylesheet produced nothing")
    return etree.fromstring(result.encode("utf-8"), etree.XMLParser(huge_tree=True, resolve_entities=False))


def _zip_time(modified: str) -> tuple[int, int, int, int, int, int]:
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})", modified)
    stamp = tuple(int(g) for g in match.groups()) if match else (1980, 1, 1, 0, 0, 0)
    # The zip format counts from 1980 to 2107.
    return max(stamp, (1980, 1, 1, 0, 0, 0)) if stamp[0] < 2108 else (2107, 12, 31, 23, 59, 58)


def package(book: etree._Element) -> bytes:
    """The EPUB container: mimetype first and stored, then every file, all with one timestamp."""
    when = _zip_time(book.get("modified", ""))
    buffer = io.BytesIO()

    def entry(name: str, data: bytes, compress: int) -> None:
        info = zipfile.ZipInfo(name, date_time=when)
        info.compress_type = compress
        info.create_system = 3
        info.external_attr = 0o100644 << 16
        archive.writestr(info, data, compress_type=compress, compresslevel=9 if compress else None)

    with zipfile.ZipFile(buffer, "w") as archive:
        entry("mimetype", b"application/epub+zip", zipfile.ZIP_STORED)
        entry("META-INF/container.xml", CONTAINER.encode("utf-8"), zipfile.ZIP_DEFLATED)
        for file in book.iterfind(f"{{{BOOK_NS}}}file"):
            entry(file.get("href"), (file.text or "").encode("utf-8"), zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def build(context: BuildContext) -> Path:
    """Write `<out>/<volume-id>.epub` atomically and return its path."""
    book = transform(context)
    return atomic_file(context.out / f"{context.volume_id}.epub", package(book))

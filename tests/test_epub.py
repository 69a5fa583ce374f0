"""The EPUB 3 book: structure, notes, metadata, safety, reproducibility, and the checkers' verdicts.

Every book is built once per module and checked once per book (EPUBCheck, Ace are slow).
"""

from __future__ import annotations

import json
import re
import subprocess
import time
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from fortran_tei import epub
from fortran_tei.build import BuildContext
from fortran_tei.build import build as build_volume
from fortran_tei.sources import read_sources
from fortran_tei.validate import Report

from .conftest import CORPUS, TEI_DIR, checker

XHTML = "http://www.w3.org/1999/xhtml"
OPS = "http://www.idpf.org/2007/ops"
OPF = "http://www.idpf.org/2007/opf"
TEI = "http://www.tei-c.org/ns/1.0"
NS = {"h": XHTML, "epub": OPS, "opf": OPF, "dc": "http://purl.org/dc/elements/1.1/", "t": TEI}
EPOCH = "1700000000"  # 2023-11-14T22:13:20Z

# A messy single-file volume: documents as div type="document", ids that collide with the
# book's own file names, script and iframe, javascript:/data: links, event attributes,
# an apparatus whose lemma and reading carry markup, page breaks.
MESSY = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="messy" xml:lang="en">
  <teiHeader><fileDesc><titleStmt><title>Messy Volume</title><editor>Ann Editor</editor></titleStmt>
    <publicationStmt><publisher>Test Press</publisher><date when="2020-05-01">2020</date></publicationStmt>
    <sourceDesc><p>Made up.</p></sourceDesc></fileDesc></teiHeader>
  <text><body>
    <p>Opening words outside any document.</p>
    <div type="document" xml:id="nav" n="1">
      <head>First <hi rend="italic">document</hi></head>
      <p onclick="alert(1)">Text with <app type="translation"><lem>a <hi rend="italic">lemma</hi> word</lem>
        <rdg type="better-translation">a <foreign xml:lang="ru-Latn">reading</foreign></rdg></app> and a note<note n="1">Note <hi rend="bold">one</hi>.</note>.</p>
      <pb n="7"/>
      <p>Bad <ref target="javascript:alert('x')">script link</ref> and <ref target="data:text/html,hi">data link</ref>
         and <ref target="https://example.org/">good link</ref>.<script>alert("evil")</script></p>
      <iframe xmlns="http://www.tei-c.org/ns/1.0" src="https://evil.example/">iframe words</iframe>
      <list><item>one</item><pb n="8"/><item>two <list><item>nested</item></list></item></list>
      <p>A paragraph with a <list><item>list inside</item></list> and a <table><row><cell>cell</cell></row></table>.</p>
      <unknownThing>kept words</unknownThing>
    </div>
    <div type="document" xml:id="index" n="2"><head>Second</head><p>See <ref target="#nav">the first</ref>.</p></div>
  </body></text>
</TEI>
"""


def _context(paths: list[Path], out: Path) -> BuildContext:
    """A build context over any TEI, however invalid (the EPUB must still be clean)."""
    sources = read_sources(paths)
    volume = sources.assemble()
    assert volume is not None, "the sources could not be assembled"
    return BuildContext(volume, out, Report([], len(sources.files), volume))


def _build_any(paths: list[Path], out: Path) -> Path:
    return epub.build(_context(paths, out))


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildContext]:
    if not (TEI_DIR / "volume.xml").is_file():
        pytest.skip("the sample volume tei/volume.xml is absent")
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
    try:
        context = build_volume([TEI_DIR], formats=("epub",), out=tmp_path_factory.mktemp("sample"))
    finally:
        mp.undo()
    return context.out / f"{context.volume_id}.epub", context


@pytest.fixture(scope="module")
def sample_book(sample) -> Path:
    return sample[0]


def _corpus_book(name: str, tmp_path_factory) -> Path:
    folder = CORPUS / name
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent (../shared not available)")
    return _build_any([folder], tmp_path_factory.mktemp(name))


@pytest.fixture(scope="module")
def documents_book(tmp_path_factory) -> Path:
    return _corpus_book("documents", tmp_path_factory)


@pytest.fixture(scope="module")
def articles_book(tmp_path_factory) -> Path:
    return _corpus_book("articles", tmp_path_factory)


@pytest.fixture(scope="module")
def messy_book(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("messy")
    source = folder / "messy.xml"
    source.write_text(MESSY, encoding="utf-8")
    mp = pytest.MonkeyPatch()
    mp.delenv("SOURCE_DATE_EPOCH", raising=False)
    try:
        return _build_any([source], folder / "out")
    finally:
        mp.undo()


BOOKS = ["sample_book", "documents_book", "articles_book", "messy_book"]


# ------------------------------------------------------------------ helpers

def _files(book: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(book) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def _xml(data: bytes) -> etree._Element:
    return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))


def _content_documents(book: Path) -> dict[str, etree._Element]:
    return {name: _xml(data) for name, data in _files(book).items() if name.endswith(".xhtml")}


_epubcheck_cache: dict[Path, dict] = {}


def _epubcheck(book: Path) -> dict:
    if book not in _epubcheck_cache:
        tool = checker("epubcheck5")
        run = subprocess.run([str(tool), str(book), "--json", "-"], capture_output=True, text=True, timeout=300)
        start = run.stdout.find("{")
        assert start >= 0, f"EPUBCheck printed no JSON: {run.stderr[-2000:]}"
        _epubcheck_cache[book] = json.loads(run.stdout[start:])
    return _epubcheck_cache[book]


# ------------------------------------------------------------------ the checkers

@pytest.mark.parametrize("book_fixture", BOOKS)
def test_epubcheck_reports_no_errors_and_no_warnings(book_fixture: str, request) -> None:
    book = request.getfixturevalue(book_fixture)
    report = _epubcheck(book)
    messages = [f"{m['severity']} {m['ID']}: {m['message']} @ {[loc.get('path') for loc in m['locations'][:3]]}"
                for m in report["messages"] if m["severity"] in ("FATAL", "ERROR", "WARNING")]
    assert report["checker"]["nFatal"] == 0 and report["checker"]["nError"] == 0 and report["checker"]["nWarning"] == 0, "\n".join(messages)


def test_ace_passes_on_the_sample_volume(sample_book: Path, tmp_path: Path) -> None:
    tool = checker("ace")
    subprocess.run([str(tool), "-f", "-o", str(tmp_path), str(sample_book)], capture_output=True, text=True, timeout=600)
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    violations = [(a["earl:testSubject"]["url"], b["earl:test"]["dct:title"]) for a in report.get("assertions", [])
                  for b in a.get("assertions", [])]
    assert report["earl:result"]["earl:outcome"] == "pass", violations[:20]


# ------------------------------------------------------------------ the container

def test_mimetype_is_first_and_stored_and_entries_have_fixed_times(sample_book: Path) -> None:
    with zipfile.ZipFile(sample_book) as archive:
        infos = archive.infolist()
        assert infos[0].filename == "mimetype"
        assert infos[0].compress_type == zipfile.ZIP_STORED
        assert infos[0].extra == b""
        assert archive.read("mimetype") == b"application/epub+zip"
        assert infos[1].filename == "META-INF/container.xml"
        assert {i.date_time for i in infos} == {(2023, 11, 14, 22, 13, 20)}
    assert sample_book.read_bytes()[30:38] == b"mimetype"


def test_two_builds_are_byte_identical(sample_book: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    again = build_volume([TEI_DIR], formats=("epub",), out=tmp_path)
    assert (tmp_path / sample_book.name).read_bytes() == sample_book.read_bytes(), again.timings


def test_generated_file_names_never_collide_with_xml_ids(messy_book: Path) -> None:
    files = _files(messy_book)
    nav = _xml(files["EPUB/nav.xhtml"])
    assert nav.find(".//h:nav[@epub:type='toc']", NS) is not None, "nav.xhtml was overwritten by a document"
    assert "EPUB/text/doc-nav.xhtml" in files and "EPUB/text/doc-index.xhtml" in files
    assert len(files) == len({name.lower() for name in files})


# ------------------------------------------------------------------ package metadata

def test_package_metadata(sample_book: Path, sample) -> None:
    _, context = sample
    opf = _xml(_files(sample_book)["EPUB/package.opf"])
    meta = {m.get("property"): m.text for m in opf.iterfind(".//opf:metadata/opf:meta", NS) if m.get("property")}
    assert meta["dcterms:modified"] == "2023-11-14T22:13:20Z"
    assert opf.findtext(".//dc:identifier", namespaces=NS) == epub.book_identifier(context.volume_id)
    assert opf.findtext(".//dc:identifier", namespaces=NS).startswith("urn:uuid:")
    titles = {t.get("id"): t.text for t in opf.iterfind(".//dc:title", NS)}
    assert titles["title"] == "Kennedy–Khrushchev Exchanges, 1960–1963"
    assert titles["subtitle"] == "A Calendar of the Correspondence"
    creator = opf.find(".//dc:creator", NS)
    role = opf.find(f".//opf:meta[@refines='#{creator.get('id')}'][@property='role']", NS)
    assert role is not None and role.text == "edt"
    assert opf.findtext(".//dc:publisher", namespaces=NS) == "fortran-tei"
    assert opf.findtext(".//dc:language", namespaces=NS) == "en"
    assert opf.findall(".//dc:subject", NS)
    features = {m.text for m in opf.iterfind(".//opf:meta[@property='schema:accessibilityFeature']", NS)}
    assert {"tableOfContents", "pageNavigation", "printPageNumbers"} <= features
    assert meta["dcterms:conformsTo"] == "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"
    assert meta["schema:accessibilityHazard"] == "none"
    assert meta["schema:accessModeSufficient"] == "textual"
    assert meta["schema:accessibilitySummary"]
    assert meta["pageBreakSource"] == "urn:isbn:9780160420184"
    cover = opf.find(".//opf:item[@properties='cover-image']", NS)
    assert cover is not None and cover.get("media-type") == "image/svg+xml"


def test_modified_falls_back_to_the_volume_date(messy_book: Path) -> None:
    # messy_book is built without SOURCE_DATE_EPOCH in the environment of the fixture
    opf = _xml(_files(messy_book)["EPUB/package.opf"])
    assert opf.findtext(".//opf:meta[@property='dcterms:modified']", namespaces=NS) == "2020-05-01T00:00:00Z"


def test_cover_carries_title_and_subtitle(sample_book: Path) -> None:
    svg = _xml(_files(sample_book)["EPUB/cover.svg"])
    text = " ".join(svg.itertext())
    assert "Kennedy–Khrushchev" in text and "A Calendar of the Correspondence" in text


# ------------------------------------------------------------------ navigation

def test_nav_lists_every_document_and_every_page(sample_book: Path) -> None:
    docs = _content_documents(sample_book)
    nav = docs["EPUB/nav.xhtml"]
    toc = [a.get("href") for a in nav.iterfind(".//h:nav[@epub:type='toc']//h:a", NS)]
    sources = sorted((TEI_DIR / "documents").glob("*.xml"))
    assert len([h for h in toc if re.match(r"text/d\d+\.xhtml$", h)]) == len(sources)
    pages = nav.findall(".//h:nav[@epub:type='page-list']//h:a", NS)
    assert [a.text for a in pages] == ["IX", "X", "XI", "XII"]
    for a in pages:
        file, fragment = a.get("href").split("#")
        target = docs["EPUB/" + file].find(f".//*[@id='{fragment}']")
        assert target is not None and target.get(f"{{{OPS}}}type") == "pagebreak" and target.get("aria-label") == a.text
    landmarks = {a.get(f"{{{OPS}}}type") for a in nav.iterfind(".//h:nav[@epub:type='landmarks']//h:a", NS)}
    assert {"cover", "titlepage", "toc", "bodymatter"} <= landmarks


# ------------------------------------------------------------------ notes

@pytest.mark.parametrize("book_fixture", ["sample_book", "messy_book"])
def test_every_noteref_has_its_footnote_and_a_way_back(book_fixture: str, request) -> None:
    docs = _content_documents(request.getfixturevalue(book_fixture))
    count = 0
    for name, root in docs.items():
        ids = {el.get("id"): el for el in root.iter() if el.get("id")}
        for ref in root.iterfind(".//h:a[@epub:type='noteref']", NS):
            aside = ids.get(ref.get("href").lstrip("#"))
            assert aside is not None and aside.tag == f"{{{XHTML}}}aside", (name, ref.get("href"))
            assert aside.get(f"{{{OPS}}}type") == "footnote"
            back = aside.find(".//h:a[@role='doc-backlink']", NS)
            assert back is not None and back.get("href") == "#" + ref.get("id"), (name, ref.get("id"))
            count += 1
        assert len(root.findall(".//h:aside", NS)) == len(root.findall(".//h:a[@epub:type='noteref']", NS)), name
    assert count > 0


def test_apparatus_is_lettered_and_lemma_and_reading_keep_markup(messy_book: Path) -> None:
    doc = _content_documents(messy_book)["EPUB/text/doc-nav.xhtml"]
    app_ref = doc.find(".//h:a[@epub:type='noteref'][@class='noteref app']", NS)
    assert app_ref.text == "a"
    note_ref = doc.find(".//h:a[@epub:type='noteref'][@class='noteref']", NS)
    assert note_ref.text == "1"
    lemma_in_text = app_ref.getprevious()
    assert lemma_in_text.find("h:i", NS).text == "lemma"
    aside = doc.find(f".//h:aside[@id='{app_ref.get('href')[1:]}']", NS)
    assert aside.find(".//h:span[@class='lemma']/h:i", NS).text == "lemma"
    reading = aside.find(".//h:span[@class='reading']/h:i", NS)
    assert reading.text == "reading" and reading.get("lang") == "ru-Latn"
    footnote = doc.find(f".//h:aside[@id='{note_ref.get('href')[1:]}']", NS)
    assert footnote.find(".//h:b", NS).text == "one"


def test_sample_apparatus_note_gives_the_better_translation(sample_book: Path) -> None:
    doc = _content_documents(sample_book)["EPUB/text/d21.xhtml"]
    ref = doc.find(".//h:a[@class='noteref app']", NS)
    assert ref.getprevious().text == "gleams"
    aside = doc.find(f".//h:aside[@id='{ref.get('href')[1:]}']", NS)
    assert "glimmering of light" in "".join(aside.itertext())
    source = doc.find(".//h:aside[@class='sourcenote']", NS)
    assert "Lot 77 D 163" in "".join(source.itertext())


# ------------------------------------------------------------------ safety and text

def test_no_script_iframe_events_or_unsafe_links_reach_the_xhtml(messy_book: Path, documents_book: Path, articles_book: Path) -> None:
    for book in (messy_book, documents_book, articles_book):
        for name, root in _content_documents(book).items():
            for el in root.iter(etree.Element):
                assert etree.QName(el).localname not in ("script", "iframe", "object", "embed"), (book, name)
                assert not any(attr.lower().startswith("on") for attr in el.attrib), (book, name, el.attrib)
                href = (el.get("href") or el.get("src") or "").strip().lower()
                assert not href.startswith(("javascript:", "data:")), (book, name, href)
    text = "".join(_content_documents(messy_book)["EPUB/text/doc-nav.xhtml"].itertext())
    assert "evil" not in text and "iframe words" not in text
    assert "script link" in text and "data link" in text and "kept words" in text


# What the book does not show as text: the header (its facts are the source note), script and
# HTML markup, the superseded side of a choice, running heads.
SKIPPED = {"teiHeader", "script", "iframe", "object", "embed", "style", "param", "sic", "orig", "fw"}


def _source_words(paths: list[Path]) -> set[str]:
    words: set[str] = set()
    for path in paths:
        root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
        for text_el in root.iter(f"{{{TEI}}}text"):
            for node in text_el.xpath(".//text()"):
                owner = node.getparent().getparent() if node.is_tail else node.getparent()
                ancestors = {etree.QName(a).localname for a in (owner, *owner.iterancestors())}
                if ancestors & SKIPPED:
                    continue
                if "choice" in ancestors and "abbr" in ancestors:
                    continue
                words.update(re.findall(r"\w+", node))
    return words


def _book_words(book: Path) -> set[str]:
    words: set[str] = set()
    for name, root in _content_documents(book).items():
        if name.startswith("EPUB/text/"):
            for node in root.xpath("//h:body//text()", namespaces=NS):
                words.update(re.findall(r"\w+", node))
    return words


@pytest.mark.parametrize("book_fixture, sources", [
    ("sample_book", lambda: sorted((TEI_DIR / "documents").glob("*.xml")) + sorted((TEI_DIR / "front").glob("*.xml"))),
    ("documents_book", lambda: sorted((CORPUS / "documents").glob("*.xml"))),
    ("articles_book", lambda: sorted((CORPUS / "articles").glob("*.xml"))),
])
def test_every_word_of_the_sources_text_is_in_the_book(book_fixture: str, sources, request) -> None:
    book = request.getfixturevalue(book_fixture)
    expected = _source_words(sources())
    found = _book_words(book)
    # A word the book joins to its neighbour (markup removed between them) is still there: it
    # begins or ends a book word that is no source word.
    joins = found - expected
    missing = sorted(w for w in expected - found if not any(j.startswith(w) or j.endswith(w) for j in joins))
    assert expected and not missing, missing[:50]

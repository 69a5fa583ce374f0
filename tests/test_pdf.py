"""The printed volume: proofs read from the PDF's own text.

The sample volume is built once for the module. Where things landed is read two ways: the
text of each page (pypdf), and the pages Typst recorded for markers (`pdf.positions`, the
same source compiled with the `positions` input). Every claim is checked against the text.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import defaultdict
from pathlib import Path

import pypdf
import pytest
from lxml import etree

from fortran_tei import pdf
from fortran_tei.build import OutputError, build

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "tei"
SHARED = Path(__file__).parents[1].parent / "shared"
CORPUS = SHARED / "corpus" / "frus-history"
TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
EPOCH = "1700000000"
WORD = re.compile(r"[^\W\d_]+|\d+")  # a note mark glued to a word ("treaty1") is two tokens
# Elements whose edges part words (a block, a note, a reading, a cell).
BOUNDARIES = {"p", "ab", "head", "item", "label", "cell", "row", "l", "lg", "note", "lem", "rdg", "app", "div", "list",
              "table", "bibl", "person", "listBibl", "listPerson", "dateline", "closer", "signed", "salute", "opener",
              "byline", "figure", "quote", "lb", "pb", "front", "body", "back"}

pytestmark = pytest.mark.skipif(not (SAMPLE / "volume.xml").exists(), reason="no sample volume in tei/")


def page_texts(path: Path) -> list[str]:
    """Each page's text, hyphenation undone (Typst marks its breaks with a soft hyphen)."""
    texts = []
    for page in pypdf.PdfReader(path).pages:
        text = page.extract_text() or ""
        # pypdf gives the text's own hyphens as U+00AD: back to "-"
        text = text.replace("\u00ad", "-")
        texts.append(re.sub(r"\s+", " ", text))
    return texts


def dehyphenate(text: str) -> str:
    """Undo Typst's hyphenation: "compli- cated" → "complicated"."""
    return re.sub(r"(?<=[^\W\d_])- (?=[^\W\d_])", "", text)


class Printed(set):
    """Words of the pages. A hyphen at a line end may be Typst's or the text's own
    ("record-length"): both readings count. A word Typst broke across a page (its two
    halves apart, with heads and notes between) counts when "half-" and "half" are printed."""

    def __init__(self, texts: list[str]):
        joined = " ".join(texts)
        super().__init__(words(joined) | words(dehyphenate(joined)))
        self.fragments = set(re.findall(r"([^\W\d_]+)- ", joined))

    def __contains__(self, word) -> bool:
        return set.__contains__(self, word) or any(
            word[:i] in self.fragments and set.__contains__(self, word[i:]) for i in range(2, len(word) - 1))

    def missing(self, source: set[str]) -> set[str]:
        return {w for w in source if w not in self}


def printed_words(texts: list[str]) -> Printed:
    return Printed(texts)


def contains(page: str, text: str) -> bool:
    return text in page or text in dehyphenate(page)


def words(text: str) -> set[str]:
    return set(WORD.findall(text))


def source_words(text_element, skip=()) -> set[str]:
    """The words a reader should find: all text (joined as the reader sees it, so that
    "<hi>Franklin</hi>alluded" is one word), both sides of a choice and a del among them."""
    skipped = {n for s in skip for n in s.iter()}

    def hidden(node) -> bool:
        return node in skipped

    pieces = []

    def walk(node):
        if isinstance(node.tag, str) and not hidden(node):
            # the readings of a choice are printed apart: "Germany [Gemany]"
            parent = node.getparent()
            edge = " " if etree.QName(node).localname in BOUNDARIES or (
                parent is not None and parent.tag == f"{TEI}choice") else ""
            pieces.append(edge + (node.text or ""))
            for child in node:
                walk(child)
                pieces.append(child.tail or "")
            pieces.append(edge)
        # comments and processing instructions: no text of the edition

    walk(text_element)
    return words("".join(pieces))


def plain(element) -> str:
    return re.sub(r"\s+", " ", "".join(element.itertext())).strip()


class Book:
    def __init__(self, out: Path):
        self.context = build([SAMPLE], formats=("pdf",), out=out)
        self.path = out / f"{self.context.volume_id}.pdf"
        self.source = pdf.transform(self.context)
        self.positions = pdf.positions(self.source)
        self.reader = pypdf.PdfReader(self.path)
        self.pages = page_texts(self.path)
        self.labels = list(self.reader.page_labels)
        self.root = self.context.volume.root
        self.headings = {
            tei.find(f".//{TEI}idno[@type='document-number']").text:
                " ".join(plain(tei.find(f".//{TEI}title[@type='heading']")).split()[:3])
            for tei in documents(self.root)
        }


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> Book:
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
    try:
        yield Book(tmp_path_factory.mktemp("pdf"))
    finally:
        mp.undo()


def documents(root):
    return [tei for tei in root.iter(f"{TEI}TEI") if tei.find(f".//{TEI}div[@type='document']") is not None]


# ------------------------------------------------------------------ the book as a whole

def test_writes_volume_pdf_with_trim_size(book):
    assert book.path.name == "frus1961-63v06-calendar.pdf"
    box = book.reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (441, 666)  # 6.125 × 9.25 in
    assert len(book.pages) > 40


def test_front_matter_roman_documents_arabic_from_a_recto(book):
    first_doc_page = dict(book.positions["doc-start"])["1"]
    assert book.labels[first_doc_page - 1] == "1"
    assert first_doc_page % 2 == 1, "the documents must start on a recto"
    assert all(re.fullmatch(r"[ivxlc]+", label) for label in book.labels[: first_doc_page - 1])


def test_every_note_stands_on_the_page_of_its_marker(book):
    """0 misplaced: the text of each note is found on the page its marker is on."""
    expected = {}
    for tei in documents(book.root):
        ident = tei.get(XML_ID)
        bibl = tei.find(f"{TEI}teiHeader/{TEI}fileDesc/{TEI}sourceDesc/{TEI}bibl")
        if bibl is not None:
            expected[f"{ident}-source"] = "Source: " + plain(bibl)
        for note in tei.find(f"{TEI}text").iter(f"{TEI}note"):
            if note.get(XML_ID) and note.getparent().tag != f"{TEI}app":
                expected[note.get(XML_ID)] = plain(note)
        for letter, app in zip("abcdefghijklmnopqrstuvwxyz", tei.find(f"{TEI}text").iter(f"{TEI}app")):
            lemma = plain(app.find(f"{TEI}lem"))
            reading = plain(app.find(f"{TEI}rdg"))
            expected[f"{ident}app-{letter}"] = f"{lemma}] {reading}"
    marks = dict((key, page) for key, page in book.positions["note-mark"])
    assert set(expected) <= set(marks), set(expected) - set(marks)
    misplaced = []
    for key, text in expected.items():
        opening = " ".join(text.split()[:7])
        if not contains(book.pages[marks[key] - 1], opening):
            misplaced.append((key, marks[key], opening))
    assert misplaced == [], f"{len(misplaced)} misplaced notes: {misplaced[:5]}"
    assert len(expected) > 120


def test_source_note_is_composed_from_the_header(book):
    page = dict(book.positions["note-mark"])["d21-source"]
    text = book.pages[page - 1]
    assert contains(text, "Source: Department of State, Presidential Correspondence: Lot 77 D 163")
    assert contains(text, "Also printed in Foreign Relations, 1961–1963, vol. V")


def test_apparatus_is_lettered_with_lemma_and_reading(book):
    page = dict(book.positions["note-mark"])["d21app-a"]
    assert contains(book.pages[page - 1], "gleams] glimmering of light — The editors suggest")


def test_apparatus_is_a_block_of_its_own_above_the_numbered_notes(book):
    """The lettered series stands apart: on each page all its entries come first, directly under
    the text, then the numbered notes (the y of each entry, as drawn, from Typst); every entry
    stands on the page of its marker."""
    marks = dict(book.positions["note-mark"])
    entries = book.positions["foot-entry"]
    assert {key for key, _, _ in entries} == set(marks)
    pages = defaultdict(lambda: {"app": [], "note": []})
    for key, page, y in entries:
        assert page == marks[key], (key, page, marks[key])
        pages[page]["app" if "app-" in key else "note"].append((y, key))
    mixed = 0
    for page, found in pages.items():
        if found["app"] and found["note"]:
            assert max(found["app"])[0] < min(found["note"])[0], (page, sorted(found["app"] + found["note"]))
            mixed += 1
    assert sum(len(f["app"]) for f in pages.values()) == 4 and mixed >= 1


def test_the_layout_converges(book):
    """The apparatus block is drawn from introspection: Typst must settle on one layout."""
    _, warnings = pdf.compiler(book.source).compile_with_warnings(format="pdf")
    assert not [w for w in warnings if "converge" in str(w) or "stabilize" in str(w)], warnings


def test_headings_are_never_alone_at_a_page_foot(book):
    """The page that holds a document's heading also holds the start of its text."""
    starts = dict(book.positions["doc-start"])
    for tei in documents(book.root):
        number = tei.find(f".//{TEI}idno[@type='document-number']").text
        para = tei.find(f".//{TEI}div[@type='document']//{TEI}p")
        opening = " ".join(plain(para).split()[:3])
        assert contains(book.pages[starts[number] - 1], opening), (number, opening)


def test_contents_page_numbers_are_where_each_document_starts(book):
    contents_pages = [i for i, text in enumerate(book.pages) if text.startswith("Contents")]
    first = contents_pages[0]
    # the contents run until the next chapter opening (About this edition)
    end = min(p for p in book.positions["chapter"] if p - 1 > first) - 1
    contents = " ".join(book.pages[first:end])
    contents = re.sub(r"(?: ?\.){3,} ?", " … ", contents)  # the leaders
    starts = dict(book.positions["doc-start"])
    checked = 0
    for number, page in starts.items():
        label = book.labels[page - 1]
        # "21. Letter From … . . . 8" — the number after the leaders, before the next entry
        match = re.search(rf"(?<![\d.]){number}\. [^…]* … (\w+)", contents)
        assert match, f"no contents line for document {number}"
        assert match.group(1) == label, (number, match.group(1), label)
        assert f"{number}. " in book.pages[page - 1].replace(f"{number}.", f"{number}. ")
        checked += 1
    assert checked == 120


def test_running_heads_name_the_documents_on_each_page(book):
    starts = dict(book.positions["doc-start"])
    ends = dict(book.positions["doc-end"])
    checked = 0
    for index, text in enumerate(book.pages):
        page = index + 1
        on_page = [n for n in starts if starts[n] <= page <= ends[n]]
        head = re.match(r"(Nos?\. (\d+)(?:–(\d+))?) (\d+)", text)
        if page % 2 == 0 or not on_page or page in book.positions["chapter"]:
            assert not (head and page % 2 == 0), f"verso {page} carries a document head"
            continue
        assert head, f"recto {page} has no running head: {text[:60]!r}"
        first, last = head.group(2), head.group(3) or head.group(2)
        assert (first, last) == (on_page[0], on_page[-1]), (page, head.group(1), on_page)
        assert head.group(4) == book.labels[index]
        # every heading printed on the page is within the head's range
        for number, title in book.headings.items():
            if re.search(rf"(?<!\d){number}\. {re.escape(title)}", text):
                assert int(first) <= int(number) <= int(last), (page, number)
        checked += 1
    assert checked > 10


def test_verso_heads_carry_the_volume_title_and_chapter_openings_none(book):
    for index, text in enumerate(book.pages):
        page = index + 1
        if page in book.positions["chapter"]:
            assert not re.match(r"\w+ Foreign Relations of the United States", text), page
        elif page % 2 == 0 and text.strip():
            assert text.startswith(f"{book.labels[index]} Foreign Relations of the United States"), text[:80]


def test_every_word_of_the_sources_is_printed(book):
    printed = printed_words(book.pages)
    source = set()
    for text in book.root.iter(f"{TEI}text"):
        source |= source_words(text)
    missing = printed.missing(source)
    assert not missing, sorted(missing)[:20]


def test_index_page_numbers_are_right_for_a_sample_of_names(book):
    persons = {p.get(XML_ID): p for p in book.root.iter(f"{TEI}person")}
    mentions = defaultdict(set)
    for ident, page in book.positions["person"]:
        if re.fullmatch(r"\d+", book.labels[page - 1]):
            mentions[ident].add(page)
    index_start = next(i for i, t in enumerate(book.pages) if t.startswith("Index of Persons"))
    # the index's own text: running heads and folios off
    index = " ".join(re.sub(r"^(\w+ Foreign Relations of the United States, 1961–1963, Volume VI|Index \d+) | \d+$", "", page)
                     for page in book.pages[index_start:])
    index = index.replace("– ", "–")
    sample = ["p_BGN1", "p_TLET1", "p_AK3", "p_SPEG1", "p_DAF1", "p_RDF1"]
    checked = 0
    for ident in sample:
        if ident not in persons or not mentions[ident]:
            continue
        person = persons[ident]
        surname = plain(person.find(f"{TEI}persName/{TEI}surname"))
        entry = re.search(rf"{re.escape(surname)}, [^,]+?, ((?:\d+(?:–\d+)?(?:, )?)+)", index)
        assert entry, f"no index entry for {surname}"
        listed = set()
        for part in entry.group(1).rstrip(", ").split(", "):
            a, _, b = part.partition("–")
            listed |= set(range(int(a), int(b or a) + 1))
        pages = {int(book.labels[p - 1]) for p in mentions[ident]}
        assert listed == pages, (surname, sorted(listed), sorted(pages))
        for p in mentions[ident]:  # and each listed page really names the person
            names = {plain(n) for n in book.root.iter(f"{TEI}persName") if n.get("ref") == f"#{ident}"}
            assert any(name.split()[-1] in book.pages[p - 1] for name in names), (surname, p)
        checked += 1
    assert checked >= 3


def test_index_has_see_references_for_variant_names(book):
    index_start = next(i for i, t in enumerate(book.pages) if t.startswith("Index of Persons"))
    assert re.search(r", see \w", " ".join(book.pages[index_start:]))


def test_bookmarks_and_metadata(book):
    outline = book.reader.outline
    titles = [item.title for item in outline if not isinstance(item, list)]
    assert {"Contents", "About this edition", "Introduction", "List of Sources", "List of Names", "Index of Persons"} <= set(titles)
    nested = [item for item in outline if isinstance(item, list)]
    assert sum(len(n) for n in nested) == 120
    meta = book.reader.metadata
    assert meta.title.startswith("Kennedy–Khrushchev Exchanges")
    assert meta.author and meta.subject and meta.get("/Keywords")
    xmp = book.reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert "pdfaid:part" in xmp and "dc:creator" in xmp


def test_introduction_keeps_its_original_page_numbers(book):
    text = " ".join(book.pages[:30])
    for n in ("IX", "X", "XI", "XII"):
        assert f"[{n}]" in text


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")
def test_every_font_is_embedded(book):
    lines = subprocess.run(["pdffonts", str(book.path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert lines, "no fonts listed"
    for line in lines:
        assert line.split()[-5] == "yes", line


def test_same_sources_and_epoch_give_the_same_bytes(book, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    again = build([SAMPLE], formats=("pdf",), out=tmp_path)
    assert (tmp_path / book.path.name).read_bytes() == book.path.read_bytes()


# ------------------------------------------------------------------ text as data

SPECIAL = [
    "# $ * _ [ ] < > @ \\ / ~ = + -",
    "// not a comment",
    "= not a heading",
    "- not a list",
    "+ not an enum",
    "#set text(red)",
    '"double" and \\"escaped\\"',
    "`raw` and $x^2$ and <label> and @ref",
    "שלום עולם",
    "مرحبا بالعالم",
    "𝔄𝔅ℭ",
]


def test_text_reaches_typst_as_data(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    paras = "\n".join(f"<p>{s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')}</p>" for s in SPECIAL)
    source = tmp_path / "special.xml"
    source.write_text(f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Specials \\ "#"</title></titleStmt>
<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>
<text><body><div type="document" n="1"><head>Head # $ [ *</head>
{paras}
<p>A note<note>Note with # and ] and \\ and "quotes"</note> and <foo>unknown</foo> <foo>twice</foo> <bar>once</bar>.</p>
</div></body></text></TEI>""", encoding="utf-8")
    context = build([source], formats=("pdf",), out=tmp_path / "out")
    text = " ".join(page_texts(tmp_path / "out" / "special.pdf"))
    for s in SPECIAL:
        if any("\u0590" <= c <= "\u06ff" for c in s):  # right-to-left: extracted in visual order
            assert all(word in text for word in s.split()), s  # (the space between may be lost)
        else:
            assert s in text, s
    assert 'Note with # and ] and \\ and "quotes"' in text
    assert "unknown twice once" in text
    warnings = [w for w in context.warnings if w.startswith("pdf:")]
    assert len([w for w in warnings if "<foo>" in w]) == 1
    assert len([w for w in warnings if "<bar>" in w]) == 1


def test_both_sides_of_a_choice_and_deletions_are_printed(tmp_path, monkeypatch):
    """Every word of the text reaches the book: the chosen reading, then the other in brackets
    (as the HTML prints it); a deletion struck through, beside what replaced it."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    source = tmp_path / "choices.xml"
    source.write_text("""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Choices</title></titleStmt>
<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>
<text><body><div type="document" n="1"><head>Choices</head>
<p>Talks with <choice><sic>Gemany</sic><corr>Germany</corr></choice> went on at the
<choice><abbr>Dept.</abbr><expan>Department</expan></choice> of <choice><orig>Warre</orig><reg>War</reg></choice>,
a <subst><del>hasty</del><add>measured</add></subst> reply <del>struckword</del> followed.<note>In the note
<choice><corr>Moscow</corr><sic>Moskow</sic></choice> and <subst><del>tuesday</del><add>Wednesday</add></subst>.</note></p>
</div></body></text></TEI>""", encoding="utf-8")
    context = build([source], formats=("pdf",), out=tmp_path / "out")
    typst_source = pdf.transform(context)
    pages = page_texts(tmp_path / "out" / "choices.pdf")
    text = " ".join(pages)
    for phrase in ("Germany [Gemany]", "Department [Dept.]", "War [Warre]", "Moscow [Moskow]"):
        assert contains(text, phrase), (phrase, text[-600:])
    for deleted in ("hasty", "struckword", "tuesday"):
        assert f'strike(x("{deleted}"))' in typst_source, deleted
    root = etree.parse(str(source)).getroot()
    missing = printed_words(pages).missing(source_words(root.find(f"{TEI}text")))
    assert not missing, sorted(missing)
    # a deletion stands where it was, against its replacement (it may be part of a word)
    assert {"Gemany", "Dept", "Warre", "Moskow", "struckword", "hastymeasured", "tuesdayWednesday"} <= words(text)


def test_typst_failure_is_an_output_error():
    with pytest.raises(OutputError, match="Typst"):
        pdf.typeset('#import "/book.typ": *\n#undefined-function()')


def test_page_size_is_settable(monkeypatch):
    monkeypatch.setenv("FORTRAN_TEI_PAGE", "5.5x8.5")
    assert pdf.page_size_inputs() == {"page-width-in": "5.5", "page-height-in": "8.5"}
    monkeypatch.setenv("FORTRAN_TEI_PAGE", "big")
    with pytest.raises(OutputError):
        pdf.page_size_inputs()


# ------------------------------------------------------------------ any TEI

@pytest.mark.skipif(not CORPUS.exists(), reason="shared corpus not present")
def test_real_tei_builds_with_every_word(tmp_path):
    files = sorted(CORPUS.rglob("*.xml"))
    assert files
    for path in files[:: max(1, len(files) // 12)]:  # an even sample keeps the suite fast
        out = tmp_path / path.stem
        context = build([path], formats=("pdf",), out=out)
        produced = out / f"{context.volume_id}.pdf"
        printed = printed_words(page_texts(produced))
        root = etree.parse(str(path)).getroot()
        # what a book does not print, in any namespace; the text after each stays
        etree.strip_elements(root, *(f"{{*}}{name}" for name in ("script", "iframe", "object", "style")), with_tail=False)
        source = set()
        for text in root.iter(f"{TEI}text"):
            source |= source_words(text)
        missing = printed.missing(source)
        assert not missing, (path.name, sorted(missing)[:10])

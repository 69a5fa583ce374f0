"""A single-file volume whose documents are div type="document": every output, one build."""

from __future__ import annotations

import json
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from fortran_tei.build import build

from .conftest import TEI_DIR, checker, minimal_tei

TEI = "{http://www.tei-c.org/ns/1.0}"
NUMBERS = (1, 2, 21, 65, 118)


@pytest.fixture(scope="module")
def single_volume(tmp_path_factory) -> tuple[Path, dict[int, str]]:
    """Five documents of the sample volume as divs of one TEI file, and their headings."""
    folder = tmp_path_factory.mktemp("single")
    tei = etree.Element(f"{TEI}TEI", nsmap={None: TEI[1:-1]})
    tei.set("{http://www.w3.org/XML/1998/namespace}id", "single-volume")
    header = etree.SubElement(tei, f"{TEI}teiHeader")
    file_desc = etree.SubElement(header, f"{TEI}fileDesc")
    etree.SubElement(etree.SubElement(file_desc, f"{TEI}titleStmt"), f"{TEI}title").text = "A single-file volume"
    etree.SubElement(etree.SubElement(file_desc, f"{TEI}publicationStmt"), f"{TEI}p").text = "test"
    etree.SubElement(etree.SubElement(file_desc, f"{TEI}sourceDesc"), f"{TEI}p").text = "from the sample"
    body = etree.SubElement(etree.SubElement(tei, f"{TEI}text"), f"{TEI}body")
    headings = {}
    for n in NUMBERS:
        div = etree.parse(str(TEI_DIR / "documents" / f"d{n:03d}.xml")).find(f".//{TEI}div[@type='document']")
        div.set("{http://www.w3.org/XML/1998/namespace}id", f"d{n}")
        headings[n] = " ".join("".join(div.find(f"{TEI}head").itertext()).split())
        body.append(div)
    source = folder / "single.xml"
    etree.ElementTree(tei).write(str(source), encoding="UTF-8", xml_declaration=True)
    build([source], out=folder / "out")
    return folder / "out", headings


def test_html_has_one_page_per_document(single_volume):
    out, headings = single_volume
    for n, heading in headings.items():
        page = etree.parse(str(out / "html" / f"d{n}.html"), etree.HTMLParser())
        assert heading in " ".join("".join(page.find(".//h1").itertext()).split())


def test_epub_has_every_document(single_volume):
    out, headings = single_volume
    with zipfile.ZipFile(out / "single-volume.epub") as book:
        text = " ".join(book.read(name).decode("utf-8") for name in book.namelist() if name.endswith(".xhtml"))
    assert all(heading.split()[0] in text and f"d{n}" in text for n, heading in headings.items())


def test_pdf_prints_every_heading(single_volume):
    out, headings = single_volume
    text = subprocess.run(["pdftotext", str(out / "single-volume.pdf"), "-"], capture_output=True, text=True).stdout
    if not text:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    words = set(text.replace("\u00ad\n", "").replace("-\n", "").split())  # hyphenation undone
    for n, heading in headings.items():
        assert f"{n}." in words and set(heading.split()) <= words, (n, heading)


def test_checkers_accept_the_single_file_volume(single_volume):
    out, _ = single_volume
    vnu = subprocess.run([str(checker("vnu")), "--errors-only", "--format", "json", *map(str, (out / "html").glob("*.html"))],
                         capture_output=True, text=True)
    assert vnu.returncode == 0, vnu.stderr[-2000:]
    epubcheck = subprocess.run([str(checker("epubcheck5")), str(out / "single-volume.epub"), "--json", "-"],
                               capture_output=True, text=True)
    report = json.loads(epubcheck.stdout)
    assert [m for m in report["messages"] if m["severity"] in ("FATAL", "ERROR", "WARNING")] == []


def test_figure_descriptions_and_surplus_text_reach_every_output(tmp_path):
    doc = tmp_path / "fig.xml"
    doc.write_text(minimal_tei('<p>Before <surplus>extra words</surplus> after.</p>'
                               '<figure><graphic url="x.png"/><figDesc>A map of Berlin</figDesc></figure>', "Fig"))
    build([doc], out=tmp_path / "out")
    pdf_text = subprocess.run(["pdftotext", str(tmp_path / "out" / "fig.pdf"), "-"], capture_output=True, text=True).stdout
    if not pdf_text:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    html_text = " ".join("".join(etree.parse(str(p), etree.HTMLParser()).getroot().itertext()) for p in (tmp_path / "out" / "html").glob("d*.html"))
    with zipfile.ZipFile(tmp_path / "out" / "fig.epub") as book:
        epub_text = " ".join(book.read(n).decode("utf-8") for n in book.namelist() if n.endswith(".xhtml"))
    for text in (pdf_text, html_text, epub_text):
        assert "[extra words]" in " ".join(text.split())
        assert "A map of Berlin" in text

"""The HTML edition: pages, notes, links, safety, fidelity, and the external checkers."""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from lxml import etree, html as lxml_html

from fortran_tei import html
from fortran_tei.build import BuildContext
from fortran_tei.sources import TEI_NS, read_sources
from fortran_tei.validate import Report

from .conftest import CHECKERS, checker, minimal_tei

ROOT = Path(__file__).resolve().parents[1]
TEI_DIR = ROOT / "tei"
SHARED = Path(__file__).parents[1].parent / "shared"
CORPUS = SHARED / "corpus" / "frus-history"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
NS = {"t": TEI_NS}

needs_volume = pytest.mark.skipif(not (TEI_DIR / "volume.xml").is_file(), reason="sample volume tei/volume.xml not present")
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"real corpus not found at {CORPUS}")


def build_site(paths: list[Path], out: Path, search: bool = True) -> tuple[Path, BuildContext]:
    sources = read_sources(paths)
    volume = sources.assemble()
    assert volume is not None, sources.problems
    context = BuildContext(volume, out, Report([], len(volume.files), volume))
    return html.build(context, search=search), context


def page(site: Path, name: str):
    return lxml_html.fromstring((site / name).read_bytes())


def text_of(tree) -> str:
    return " ".join(" ".join(tree.itertext()).split())


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    if not (TEI_DIR / "volume.xml").is_file():
        pytest.skip("sample volume tei/volume.xml not present")
    folder, _ = build_site([TEI_DIR], tmp_path_factory.mktemp("dist"))
    return folder


@pytest.fixture(scope="module")
def volume_tree():
    return read_sources([TEI_DIR]).assemble().root


# ---------------------------------------------------------------- the site


@needs_volume
def test_site_has_every_page_and_the_search_index(site, volume_tree):
    ids = [t.get("{http://www.w3.org/XML/1998/namespace}id") for t in volume_tree.iterfind(".//t:TEI", NS)
           if t.find(".//t:div[@type='document']", NS) is not None]
    assert len(ids) == 120
    for ident in ids:
        assert (site / f"{ident}.html").is_file(), ident
    for name in ("index.html", "persons.html", "abbreviations.html", "sources.html", "about.html",
                 "introduction.html", "search.html", "assets/edition.css", "assets/print.css", "assets/search.js",
                 "pagefind/pagefind.js"):
        assert (site / name).is_file(), name
    assert list((site / "pagefind").glob("fragment/*")), "Pagefind wrote no fragments"


@needs_volume
def test_home_lists_the_contents_as_a_table(site):
    home = page(site, "index.html")
    rows = home.xpath("//table[contains(@class,'contents-table')]/tbody/tr")
    assert len(rows) == 120
    first = [" ".join(c.text_content().split()) for c in rows[20]]
    assert first[0] == "21"
    assert first[1] == "Letter From Chairman Khrushchev to President Kennedy"
    assert first[2] == "September 29, 1961"
    assert first[3].lower().startswith("letter")
    assert rows[20].xpath(".//a/@href") == ["d21.html"]
    assert home.xpath("//a[@href='introduction.html']") and home.xpath("//a[@href='persons.html']")
    assert not home.xpath("//script"), "the home page needs no script"


@needs_volume
def test_document_page_heading_facts_body_notes(site):
    doc = page(site, "d21.html")
    h1 = doc.xpath("//h1")[0]
    assert " ".join(h1.text_content().replace("*", "").split()) == "21. Letter From Chairman Khrushchev to President Kennedy"
    facts = {" ".join(dt.text_content().split()): " ".join(dt.getnext().text_content().split())
             for dt in doc.xpath("//aside[contains(@class,'facts')]//dt")}
    assert facts["From"] == "Nikita S. Khrushchev" and facts["To"] == "John F. Kennedy"
    assert facts["Date"] == "September 29, 1961" and facts["Place"] == "Moscow"
    assert "Bolshakov" in facts["Intermediary"]
    assert "vol. XIV, p. 387" in facts["Printed elsewhere"]
    # the source note, composed from the header, with a back link to the heading marker
    source = doc.xpath("//*[@id='ft-src-d21']")[0]
    assert source.get("popover") is not None
    assert "Source: Department of State, Presidential Correspondence: Lot 77 D 163" in text_of(source)
    assert "No classification marking." in text_of(source)
    assert doc.xpath("//button[@popovertarget='ft-src-d21']")
    # apparatus: lemma in the text, its own lettered series "lemma] reading — comment"
    marker = doc.xpath("//button[contains(@class,'appref')]")[0]
    assert marker.text == "a" and marker.get("popovertarget") == "d21app-a"
    entry = doc.xpath("//li[@id='d21app-a']")[0]
    assert re.search(r"a gleams\] glimmering of light \(better translation\) — The editors suggest", " ".join(entry.text_content().split()))
    assert entry.xpath(".//a[@href='#ft-ref-d21app-a']"), "apparatus entry links back to its marker"
    # navigation and citation
    assert doc.xpath("//a[@rel='prev']/@href") == ["d20.html"] and doc.xpath("//a[@rel='next']/@href") == ["d22.html"]
    assert doc.xpath("//meta[@name='citation_title']/@content") == ["21. Letter From Chairman Khrushchev to President Kennedy"]
    assert doc.xpath("//meta[@name='citation_date']/@content") == ["1961/09/29"]
    assert "Document 21" in text_of(doc.xpath("//p[@class='citation']")[0])
    assert doc.xpath("//nav[@aria-label='Breadcrumb']//a[@href='index.html']")


@needs_volume
def test_numbered_footnotes_have_markers_popovers_and_back_links(site, volume_tree):
    notes = volume_tree.xpath("//t:div[@type='document']//t:note[@xml:id][not(ancestor::t:app)]", namespaces=NS)
    assert notes, "the sample volume has editorial footnotes"
    for note in notes:
        ident = note.get("{http://www.w3.org/XML/1998/namespace}id")
        doc_id = note.xpath("ancestor::t:TEI[1]/@xml:id", namespaces=NS)[0]
        doc = page(site, f"{doc_id}.html")
        li = doc.xpath(f"//li[@id='{ident}']")
        assert li and li[0].get("popover") is not None, ident
        button = doc.xpath(f"//button[@popovertarget='{ident}']")
        assert button and button[0].text == note.get("n"), ident
        assert li[0].xpath(f".//a[@href='#ft-ref-{ident}']"), ident


@needs_volume
def test_page_breaks_are_linkable_margin_markers(site):
    intro = page(site, "introduction.html")
    marker = intro.xpath("//a[@id='pg_XI']")
    assert marker and marker[0].get("href") == "#pg_XI" and marker[0].text == "[XI]"
    assert "[IX]" in text_of(intro) and "[XII]" in text_of(intro)


@needs_volume
def test_persons_and_abbreviations_link_both_ways(site):
    persons = page(site, "persons.html")
    kennedy = persons.xpath("//section[@id='p_KJF2']")[0]
    assert "Kennedy, John F." in text_of(kennedy)
    assert "d21.html" in kennedy.xpath(".//a/@href")
    doc = page(site, "d21.html")
    assert doc.xpath("//a[@href='persons.html#p_KJF2']")
    term = doc.xpath("//a[@href='abbreviations.html#t_UN1']/abbr")[0]
    assert term.text == "UN" and term.get("title") == "United Nations"
    abbreviations = page(site, "abbreviations.html")
    assert abbreviations.xpath("//*[@id='t_UN1']//abbr")[0].text == "UN"


# ---------------------------------------------------------------- fidelity


def document_texts(root: etree._Element):
    """(file name, text nodes) of each document as html.xsl splits the volume."""
    units = []
    divs = root.xpath("//t:div[@type='document']", namespaces=NS)
    if divs:
        for div in divs:
            tei = div.xpath("ancestor::t:TEI[1]", namespaces=NS)
            unit = tei[0] if tei and len(tei[0].xpath(".//t:div[@type='document']", namespaces=NS)) == 1 else div
            units.append((unit, div))
    else:
        teis = [t for t in root.xpath("descendant-or-self::t:TEI", namespaces=NS)
                if t.xpath("t:text/t:body[normalize-space() or *]", namespaces=NS)]
        units = [(t, t.find("t:text", NS)) for t in teis]
    return units


SKIPPED = {"script", "style", "iframe", "object", "embed", "teiHeader", "fw", "facsimile"}


def assert_every_text_node_shown(site: Path, root: etree._Element, name_of):
    checked = 0
    for position, (unit, div) in enumerate(document_texts(root), start=1):
        shown = text_of(page(site, name_of(unit, position)))
        for node in div.xpath(".//text()"):
            parent = node.getparent()
            if any(etree.QName(a).localname in SKIPPED for a in [parent, *parent.iterancestors()] if isinstance(a.tag, str)):
                continue
            words = " ".join(str(node).split())
            if words:
                assert words in shown, f"{name_of(unit, position)}: text {words[:80]!r} missing"
                checked += 1
    assert checked > 0


@needs_volume
def test_every_character_of_every_document_appears_in_its_page(site, volume_tree):
    assert_every_text_node_shown(site, volume_tree, lambda unit, _: unit.get("{http://www.w3.org/XML/1998/namespace}id") + ".html")


# ---------------------------------------------------------------- any TEI, safety

HOSTILE = minimal_tei("""
    <div type="document" n="1" xml:id="index"><head>First</head>
      <p onclick="alert(1)" style="color:red">Alpha <ref target="javascript:alert(2)">beta</ref>
        <ref target=" JaVaScRiPt:alert(3)">gamma</ref> <ref target="data:text/html,&lt;script&gt;x&lt;/script&gt;">delta</ref>
        <mysteryTag>epsilon</mysteryTag> <mysteryTag>zeta</mysteryTag> <otherThing>eta</otherThing>
        <script>alert(4)</script><h:script>alert(5)</h:script><h:iframe src="https://example.org"/>
        <ref target="https://example.org/ok">theta</ref> &lt;b&gt;iota&lt;/b&gt;</p>
    </div>
    <div type="document" n="2"><head>Second</head><p>Kappa<note>a note <p>with a paragraph</p></note>.</p></div>
  """, "Hostile", ' xmlns:h="http://www.w3.org/1999/xhtml"')


def assert_safe(site: Path):
    for file in site.glob("*.html"):
        tree = page(site, file.name)
        for script in tree.xpath("//script"):
            assert script.get("src") == "assets/search.js" and not (script.text or "").strip(), file.name
        assert not tree.xpath("//iframe | //object | //embed | //style"), file.name
        assert not tree.xpath("//@*[starts-with(name(), 'on')]"), file.name
        assert not tree.xpath("//@style"), file.name
        for href in tree.xpath("//@href | //@src"):
            assert not re.match(r"\s*(javascript|data|vbscript):", href, re.I), (file.name, href)


def test_hostile_tei_never_becomes_markup(tmp_path, capsys):
    source = tmp_path / "hostile.xml"
    source.write_text(HOSTILE, encoding="utf-8")
    site, context = build_site([source], tmp_path / "out", search=False)
    assert_safe(site)
    names = sorted(p.name for p in site.glob("*.html"))
    assert "doc-index.html" in names and "index.html" in names, names  # an xml:id "index" cannot overwrite home
    first = text_of(page(site, "doc-index.html"))
    for word in ("Alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "<b>iota</b>"):
        assert word in first, word
    assert "alert" not in first
    assert page(site, "doc-index.html").xpath("//a[@href='https://example.org/ok']")
    warnings = context.warnings
    assert sum("mysteryTag" in w for w in warnings) == 1, warnings
    assert sum("otherThing" in w for w in warnings) == 1, warnings
    assert any("javascript:alert(2)" in w for w in warnings) and any("data:" in w for w in warnings)
    assert any("<script>" in w for w in warnings) and any("<iframe>" in w for w in warnings)
    second = page(site, "d2.html")
    assert second.xpath("//li[@popover]") and "with a paragraph" in text_of(second)


HOSTILE_IDS = minimal_tei("""<div type="document" n="1" xml:id="d1"><head>First</head>
    <p xml:id="main">Omega</p><p xml:id="site-search">Alpha<note xml:id="n1">a note</note> <note>another</note> <pb n="4"/></p>
    <p xml:id="ft-main">Beta</p><p xml:id="n1-ref">Gamma</p><p xml:id="ft-notes-d1">Delta</p>
    <p xml:id="contents">Epsilon</p><p xml:id="d1fn2">Zeta</p><p xml:id="pg_4">Eta</p>
  </div>""", "Ids")


def vnu_errors(files: list[Path]) -> str:
    """vnu's complaints about some pages (skips the test when vnu is not installed)."""
    vnu = checker("vnu")
    done = subprocess.run([str(vnu), "--errors-only", *map(str, files)], capture_output=True, text=True)
    return (done.stdout + done.stderr).strip()


def test_source_ids_never_equal_the_sites_own_ids(tmp_path):
    source = tmp_path / "ids.xml"
    source.write_text(HOSTILE_IDS, encoding="utf-8")
    site, _ = build_site([source], tmp_path / "out", search=True)
    for file in site.glob("*.html"):
        ids = page(site, file.name).xpath("//@id")
        assert len(ids) == len(set(ids)), (file.name, sorted(i for i in ids if ids.count(i) > 1))
    doc = page(site, "d1.html")
    assert doc.xpath("//main[@id='ft-main']") and doc.xpath("//a[@href='#ft-main']")
    assert doc.xpath("//input[@id='ft-site-search']") and doc.xpath("//label[@for='ft-site-search']")
    # the sources' own anchors are kept, except one in our "ft-" space, which moves out of it
    for ident in ("main", "site-search", "n1-ref", "contents", "d1fn2", "pg_4", "id-ft-main", "id-ft-notes-d1"):
        assert len(doc.xpath(f"//*[@id='{ident}']")) == 1, ident
    # made-up anchors that a source id already names are moved aside, and still linked
    assert doc.xpath("//button[@id='ft-ref-ft-id-d1fn2'][@popovertarget='ft-id-d1fn2']")
    assert doc.xpath("//a[@id='ft-id-pg_4'][@href='#ft-id-pg_4']")
    assert page(site, "search.html").xpath("//input[@id='ft-search-page-q']")
    assert "ft-search-page-q" in (site / "assets" / "search.js").read_text(encoding="utf-8")
    assert vnu_errors(sorted(site.glob("*.html"))) == ""


HOSTILE_URLS = minimal_tei("""<div type="document" n="1" xml:id="d1"><head>First</head>
    <p><ref target="https://example.com/&quot;onmouseover=&quot;alert(25)">quote</ref>
       <ref target="https://example.com/a|b{c}^d`e\\f&lt;g&gt;%zz#h#i">odd</ref>
       <ref target="javascript&#xAD;:alert(13)">shy</ref> <ref target="&#x200B;javascript:alert(14)">zwsp</ref>
       <ref target="https://example.com/caf&#xE9;">accent</ref></p>
  </div>""", "Urls")


def test_kept_link_targets_are_valid_urls_and_invisible_characters_hide_no_scheme(tmp_path):
    source = tmp_path / "urls.xml"
    source.write_text(HOSTILE_URLS, encoding="utf-8")
    site, context = build_site([source], tmp_path / "out", search=False)
    doc = page(site, "d1.html")
    hrefs = doc.xpath("//main//a/@href")
    assert "https://example.com/%22onmouseover=%22alert(25)" in hrefs, hrefs
    assert "https://example.com/a%7Cb%7Bc%7D%5Ed%60e%5Cf%3Cg%3E%25zz#h%23i" in hrefs, hrefs
    assert "https://example.com/caf%C3%A9" in hrefs, hrefs
    assert not [h for h in hrefs if "alert(1" in h], hrefs
    text = text_of(doc)
    for word in ("quote", "odd", "shy", "zwsp", "accent"):
        assert word in text, word
    assert any("alert(13)" in w for w in context.warnings) and any("alert(14)" in w for w in context.warnings)
    assert vnu_errors([site / "d1.html"]) == ""


C1_TEXT = minimal_tei("""<div type="document" n="1" xml:id="d1"><head>First&#x80;</head>
    <p>next&#x85;line c1&#x80;&#x9F;end ok&#xA0;&#xE9;</p>
  </div>""", "Con&#x85;trols&#x90;")


def test_c1_control_characters_never_reach_the_html(tmp_path):
    source = tmp_path / "c1.xml"
    source.write_text(C1_TEXT, encoding="utf-8")
    site, _ = build_site([source], tmp_path / "out", search=False)
    for file in site.glob("*.html"):
        raw = file.read_text(encoding="utf-8")
        assert not re.search("[\x80-\x9f]|&#(x[89][0-9a-f]|1[2-5][0-9]);", raw, re.I), file.name
    raw = (site / "d1.html").read_text(encoding="utf-8")
    assert "next line" in raw and "c1\ufffd\ufffdend" in raw and "ok&nbsp;\u00e9" in raw
    assert vnu_errors(sorted(site.glob("*.html"))) == ""


FIGURES = minimal_tei("""<div type="document" n="1" xml:id="d1"><head>First</head>
    <figure><graphic url="data:image/svg+xml,&lt;svg onload=alert(21)&gt;"/><figDesc>unsafe-image words</figDesc></figure>
    <figure><head>Caption</head><figDesc>no-image words</figDesc></figure>
    <figure><graphic url="https://example.org/map.png"/><figDesc>safe-image words</figDesc></figure>
    <p>Inline <figure><graphic url="javascript:alert(20)"/><figDesc>inline-figure words</figDesc></figure></p>
  </div>""", "Figures")


def test_figure_descriptions_always_reach_the_page(tmp_path):
    source = tmp_path / "fig.xml"
    source.write_text(FIGURES, encoding="utf-8")
    site, _ = build_site([source], tmp_path / "out", search=False)
    assert_safe(site)
    doc = page(site, "d1.html")
    descriptions = [" ".join(e.text_content().split()) for e in doc.xpath("//*[contains(@class,'figdesc')]")]
    assert descriptions == ["unsafe-image words", "no-image words", "safe-image words", "inline-figure words"]
    assert doc.xpath("//a[@class='graphic'][@href='https://example.org/map.png']")
    assert "alert" not in text_of(doc)
    assert vnu_errors([site / "d1.html"]) == ""


@needs_corpus
def test_real_corpus_each_file_builds_safely_and_completely(tmp_path):
    files = sorted(CORPUS.rglob("*.xml"))
    assert len(files) >= 90
    for index, file in enumerate(files):
        site, _ = build_site([file], tmp_path / f"o{index}", search=False)
        assert (site / "index.html").is_file(), file
        assert_safe(site)
        root = read_sources([file]).assemble().root
        names = {}

        def name_of(unit, position, site=site):
            return names.setdefault(position, _page_for(site, position))

        assert_every_text_node_shown(site, root, name_of)


def _page_for(site: Path, position: int) -> str:
    """The page of the n-th document, read from the contents table of the home page."""
    hrefs = page(site, "index.html").xpath("//table[contains(@class,'contents-table')]//a/@href")
    return hrefs[position - 1]


@needs_corpus
def test_real_corpus_as_one_folder(tmp_path):
    site, context = build_site([CORPUS], tmp_path, search=False)
    assert len(page(site, "index.html").xpath("//table[contains(@class,'contents-table')]/tbody/tr")) >= 90
    assert_safe(site)
    assert any("script" in w for w in context.warnings)


# ---------------------------------------------------------------- external checkers


@needs_volume
def test_vnu_finds_no_errors_on_any_page(site):
    vnu = checker("vnu")
    pages = sorted(str(p) for p in site.glob("*.html"))
    result = subprocess.run([str(vnu), "--stdout", "--format", "json", *pages], capture_output=True, text=True, timeout=300)
    messages = [m for m in json.loads(result.stdout or "{}").get("messages", []) if m.get("type") == "error"]
    assert not messages, messages[:5]
    assert result.returncode == 0, result.stderr[-2000:]


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@needs_volume
def test_axe_finds_no_violations(site, tmp_path):
    playwright = pytest.importorskip("playwright.sync_api", reason="Python package playwright not installed")
    axe = CHECKERS / "node" / "node_modules" / "axe-core" / "axe.min.js"
    if not axe.exists() or not CHROMIUM.exists():
        pytest.skip("axe-core or Debian Chromium is not installed (run `make checkers`)")
    violations = {}
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            tab = browser.new_page()
            for name in ("index.html", "d21.html", "persons.html", "introduction.html", "search.html"):
                tab.goto((site / name).as_uri())
                tab.add_script_tag(path=str(axe))
                result = tab.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
                assert result["passes"], name  # axe ran and checked something
                if result["violations"]:
                    violations[name] = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
        finally:
            browser.close()
    assert not violations


@pytest.fixture
def served(site):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *a, **k: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@needs_volume
def test_browser_opens_a_note_in_place_follows_next_and_searches(served, site, tmp_path):
    playwright = pytest.importorskip("playwright.sync_api", reason="Python package playwright==1.65.2 not installed")
    if not CHROMIUM.exists():
        pytest.skip("Debian Chromium not installed at /usr/bin/chromium")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            tab = browser.new_page()
            tab.goto(served + "d21.html")
            entry = tab.locator("#d21app-a")
            tab.click("button[popovertarget='d21app-a']")
            assert entry.evaluate("e => e.matches(':popover-open')")
            assert "glimmering of light" in entry.inner_text()
            tab.keyboard.press("Escape")
            assert not entry.evaluate("e => e.matches(':popover-open')")
            tab.click("a[rel='next']")
            tab.wait_for_url("**/d22.html")
            tab.click("a[rel='prev']")
            tab.wait_for_url("**/d21.html")
            # a word of d21's summary, typed into the header's search box
            tab.fill("#ft-site-search", "Belgrade")
            tab.press("#ft-site-search", "Enter")
            tab.wait_for_url("**/search.html?q=Belgrade")
            tab.wait_for_selector("#ft-search-results li a", timeout=10000)
            assert "d21.html" in tab.locator("#ft-search-results li a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
        finally:
            browser.close()

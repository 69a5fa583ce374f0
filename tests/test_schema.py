"""Tests of the RelaxNG schema schemas/fortran-tei.rnc (and its generated XML form .rng).

(a) the committed .rng is what rnc2rng makes of the .rnc now;
(b) every file in tei/ is valid against it (volume.xml as it stands and after XInclude);
(c) conformance: whatever it accepts (tei/, valid fixtures) is valid against TEI P5 tei_all;
(d) the invalid fixtures in tests/fixtures/schema/invalid/ are each rejected, the valid ones
    in tests/fixtures/schema/valid/ accepted.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = ROOT / "schemas"
RNC = SCHEMAS / "fortran-tei.rnc"
RNG = SCHEMAS / "fortran-tei.rng"
TEI_DIR = ROOT / "tei"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "schema"
VALID = sorted((FIXTURES / "valid").glob("*.xml"))
INVALID = sorted((FIXTURES / "invalid").glob("*.xml"))
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
TEI_ALL = SHARED / "reference" / "tei_all.rng"

TEI_FILES = sorted(TEI_DIR.rglob("*.xml")) if TEI_DIR.is_dir() else []

# Invalid fixtures that tei_all accepts: what our schema adds to TEI. Each must be
# valid against tei_all, so that it is rejected by our rule and not by a slip.
STRICTER_THAN_TEI_ALL = {
    "app-unknown-type", "app-without-lem", "app-without-rdg", "app-without-type",
    "corresp-redirected", "date-notBefore-only", "date-without-normalization",
    "document-div-bad-subtype", "document-div-without-n", "document-id-not-dN",
    "document-number-not-a-number", "foreign-without-lang", "hi-without-rend",
    "no-channel", "no-date", "no-document-number", "no-kind", "no-recipient", "no-sender",
    "no-source-bibl", "note-without-id", "note-without-n", "pb-without-n",
    "rdg-unknown-type", "rdg-without-type", "recipient-only-note", "ref-javascript-target",
    "ref-without-target", "sender-without-name", "source-bibl-without-type",
    "summary-without-resp", "two-recipient-actions", "two-senders-actions",
    "unknown-channel", "unknown-header-note-type", "unknown-kind",
}

PARSER = etree.XMLParser(no_network=True, resolve_entities=False)


def rel(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def parse(path: Path, *, expand: bool = False) -> etree._ElementTree:
    doc = etree.parse(str(path), PARSER)
    if expand:
        doc.xinclude()
    return doc


def errors(schema: etree.RelaxNG, limit: int = 8) -> str:
    return "\n".join(
        f"  line {e.line}: {e.message}" for e in list(schema.error_log)[:limit]
    )


def canonical(xml: str | bytes) -> str:
    """Canonical XML without insignificant white space, for comparing two schemas."""
    if isinstance(xml, str):
        xml = xml.encode("utf-8")
    tree = etree.fromstring(xml, etree.XMLParser(remove_blank_text=True))
    return etree.canonicalize(tree, strip_text=True)


@pytest.fixture(scope="module")
def schema() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(RNG)))


@pytest.fixture(scope="module")
def tei_all() -> etree.RelaxNG:
    if not TEI_ALL.is_file():
        pytest.skip(f"TEI P5 reference schema not found at {TEI_ALL} (../shared is absent)")
    return etree.RelaxNG(etree.parse(str(TEI_ALL)))


# --- (a) the .rng is generated from the .rnc ---------------------------------------------

def test_rng_is_generated_from_rnc():
    rnc2rng = pytest.importorskip("rnc2rng")
    with RNC.open(encoding="utf-8") as f:
        generated = rnc2rng.dumps(rnc2rng.load(f))
    committed = RNG.read_text(encoding="utf-8")
    assert canonical(committed) == canonical(generated), (
        "schemas/fortran-tei.rng is out of date; regenerate it with\n"
        "  .venv/bin/python -m rnc2rng schemas/fortran-tei.rnc schemas/fortran-tei.rng"
    )


def test_rnc_documents_its_regeneration_command():
    assert "python -m rnc2rng schemas/fortran-tei.rnc schemas/fortran-tei.rng" in RNC.read_text(
        encoding="utf-8"
    )


@pytest.mark.skipif(shutil.which("jing") is None, reason="jing is not installed")
def test_jing_accepts_the_compact_schema_and_validates_like_lxml():
    """jing reads the .rnc directly: same verdicts as lxml on the .rng (fixtures)."""
    for path in VALID:
        if path.name == "volume.xml":
            continue  # jing does not expand XInclude without extra options
        run = subprocess.run(["jing", "-c", str(RNC), str(path)], capture_output=True, text=True)
        assert run.returncode == 0, f"jing rejects {rel(path)}:\n{run.stdout}{run.stderr}"
    for path in INVALID:
        run = subprocess.run(["jing", "-c", str(RNC), str(path)], capture_output=True, text=True)
        assert run.returncode != 0, f"jing accepts invalid fixture {rel(path)}"


# --- (b) every file in tei/ is valid -----------------------------------------------------

def test_tei_directory_holds_the_volume():
    assert (TEI_DIR / "volume.xml").is_file(), "tei/volume.xml is missing"
    assert list((TEI_DIR / "documents").glob("d*.xml")), "tei/documents/ holds no document"


@pytest.mark.parametrize("path", TEI_FILES, ids=rel)
def test_tei_file_is_valid(schema, path):
    assert schema.validate(parse(path)), f"{rel(path)} is invalid:\n{errors(schema)}"


def test_volume_is_valid_after_xinclude(schema):
    volume = TEI_DIR / "volume.xml"
    if not volume.is_file():
        pytest.fail("tei/volume.xml is missing")
    doc = parse(volume, expand=True)
    assert doc.getroot().find("{http://www.w3.org/2001/XInclude}include") is None
    assert schema.validate(doc), f"expanded tei/volume.xml is invalid:\n{errors(schema)}"


# --- (c) conformance: valid against ours => valid against tei_all -------------------------

CONFORMANCE = [p for p in TEI_FILES] + VALID


@pytest.mark.parametrize("path", CONFORMANCE, ids=rel)
def test_valid_against_ours_is_valid_against_tei_all(schema, tei_all, path):
    doc = parse(path, expand=True)  # volume files: the XInclude-expanded form
    if not schema.validate(doc):
        pytest.fail(f"{rel(path)} is not valid against our schema:\n{errors(schema)}")
    assert tei_all.validate(doc), (
        f"{rel(path)} is valid against fortran-tei but not tei_all:\n{errors(tei_all)}"
    )


@pytest.mark.parametrize("path", [p for p in INVALID if p.stem in STRICTER_THAN_TEI_ALL], ids=rel)
def test_stricter_fixture_is_valid_tei(tei_all, path):
    assert tei_all.validate(parse(path)), (
        f"{rel(path)} should break only a fortran-tei rule, but tei_all rejects it too:\n"
        f"{errors(tei_all)}"
    )


# --- (d) fixtures -------------------------------------------------------------------------

def test_fixture_sets_are_complete():
    names = {p.stem for p in INVALID}
    assert len(VALID) >= 5 and len(INVALID) >= 30
    assert STRICTER_THAN_TEI_ALL <= names, STRICTER_THAN_TEI_ALL - names
    for required in ("no-recipient", "no-sender", "no-date", "date-bad-when", "no-source-bibl",
                     "app-without-lem", "rdg-without-type", "unknown-kind", "pb-without-n",
                     "script-in-p"):
        assert required in names


@pytest.mark.parametrize("path", VALID, ids=rel)
def test_valid_fixture_is_accepted(schema, path):
    assert schema.validate(parse(path)), f"{rel(path)} is rejected:\n{errors(schema)}"


@pytest.mark.parametrize("path", INVALID, ids=rel)
def test_invalid_fixture_is_rejected(schema, path):
    text = path.read_text(encoding="utf-8")
    assert "<!-- INVALID:" in text, "an invalid fixture says what it breaks"
    assert not schema.validate(parse(path)), f"{rel(path)} is accepted but should not be"


def test_volume_fixture_with_xinclude_children_only_in_teicorpus(schema):
    """xi:include is allowed as a child of teiCorpus, nowhere else."""
    volume = parse(FIXTURES / "valid" / "volume.xml")
    includes = volume.getroot().findall("{http://www.w3.org/2001/XInclude}include")
    assert includes and schema.validate(volume)
    # the same include one level down (inside the teiHeader) is rejected
    header = volume.getroot()[0]
    header.append(etree.fromstring(
        '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="about.xml"/>'))
    assert not schema.validate(volume)

"""The editorial Schematron rules (schemas/fortran-tei.sch) and their compiler (xslt/schematron.xsl).

Every rule id has a failing fixture (tests/fixtures/rules/fail-*.xml, one slip each, described
in the file's first comment) and passes on volume-good.xml / document-good.xml, which hold the
near misses the rules must accept.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
from lxml import etree

from fortran_tei import rules as fortran_rules
from fortran_tei import saxon

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "schemas" / "fortran-tei.sch"
FIXTURES = ROOT / "tests" / "fixtures" / "rules"
VOLUME = ROOT / "tei" / "volume.xml"
SCH = "http://purl.oclc.org/dsdl/schematron"
TEI = "http://www.tei-c.org/ns/1.0"
NS = {"tei": TEI}


class Rules:
    """A Schematron schema compiled by the production path (fortran_tei.saxon / .rules);
    `run` gives (rule, role, path, message) per finding. Without text, the project's rules."""

    def __init__(self, schema_text: str | None = None):
        self.proc = saxon.processor()
        if schema_text is None:
            self.validator = fortran_rules.validator()
        else:
            source = self.proc.parse_xml(xml_text=schema_text, encoding="UTF-8")
            self.compiled = saxon.stylesheet("schematron.xsl").transform_to_string(xdm_node=source)
            self.validator = saxon.compile_text(self.compiled, RULES.parent)

    def report(self, source: str | Path) -> str:
        node = (
            self.proc.parse_xml(xml_file_name=str(source))
            if isinstance(source, Path)
            else self.proc.parse_xml(xml_text=source, encoding="UTF-8")
        )
        return self.validator.transform_to_string(xdm_node=node)

    def run(self, source: str | Path) -> list[tuple[str, str, str, str]]:
        root = etree.fromstring(self.report(source).encode("utf-8"))
        return [(p.get("rule"), p.get("role"), p.get("path"), p.text or "") for p in root]


@pytest.fixture(scope="module")
def rules() -> Rules:
    return Rules()


def fixture(name: str) -> Path:
    return FIXTURES / f"{name}.xml"


def fired(findings) -> set[tuple[str, str]]:
    return {(rule, role) for rule, role, _, _ in findings}


# fixture, the rule it must fire, its role, how many times, other rules that may fire with it
FAILS = [
    ("fail-id-unique", "id-unique", "error", 2, set()),
    ("fail-id-reserved", "id-reserved", "error", 1, set()),
    ("fail-ptr-resolves", "ptr-resolves", "error", 1, set()),
    ("document-fail-ptr-resolves", "ptr-resolves", "error", 1, set()),
    ("fail-ptr-resolves-person", "ptr-resolves", "error", 1, set()),
    ("fail-ptr-resolves-catref", "ptr-resolves", "error", 1, set()),
    ("fail-ptr-kind", "ptr-kind", "error", 1, set()),
    ("fail-ptr-kind-catref", "ptr-kind", "error", 1, set()),
    ("fail-ptr-unsafe-scheme", "ptr-unsafe-scheme", "error", 1, set()),
    ("fail-doc-has-sender", "doc-has-sender", "error", 1, set()),
    ("fail-doc-has-recipient", "doc-has-recipient", "error", 1, set()),
    ("document-fail-doc-has-recipient", "doc-has-recipient", "error", 1, set()),
    ("fail-doc-has-date", "doc-has-date", "error", 1, set()),
    ("fail-doc-has-source", "doc-has-source", "error", 1, set()),
    ("fail-doc-has-number", "doc-has-number", "error", 1, set()),
    ("fail-doc-number-id", "doc-number-id", "error", 1, set()),
    ("fail-doc-number-sequence", "doc-number-sequence", "error", 1, set()),
    ("fail-doc-date-order", "doc-date-order", "warning", 1, set()),
    ("fail-date-in-range", "date-in-range", "error", 1, set()),
    ("fail-date-range-order", "date-range-order", "error", 1, set()),
    ("fail-date-range-timezone", "date-range-timezone", "warning", 1, set()),
    ("fail-note-number-unique", "note-number-unique", "error", 2, set()),
    ("fail-app-lem-empty", "app-lem-empty", "error", 1, set()),
    ("fail-persname-title", "persname-title", "warning", 1, set()),
    ("fail-persname-title-dean", "persname-title", "warning", 1, set()),
    ("fail-persname-surname", "persname-surname", "warning", 1, set()),
    ("fail-persname-two-persons", "persname-two-persons", "error", 1, set()),
    ("fail-sender-not-recipient", "sender-not-recipient", "error", 1, set()),
    (
        "fail-sender-not-recipient-heading",
        "sender-not-recipient",
        "error",
        1,
        {("persname-title", "warning"), ("persname-surname", "warning")},
    ),
]


def rule_ids_in_schema() -> set[str]:
    tree = etree.parse(str(RULES))
    return {e.get("id") for e in tree.iter(f"{{{SCH}}}assert", f"{{{SCH}}}report")}


# ------------------------------------------------------------------ the rules


def test_every_rule_has_a_failing_fixture():
    ids = rule_ids_in_schema()
    assert ids == {rule for _, rule, _, _, _ in FAILS}
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", i) for i in ids), "rule ids are kebab-case"


@pytest.mark.parametrize("name", ["volume-good", "document-good"])
def test_passing_fixtures_fire_nothing(rules, name):
    assert rules.run(fixture(name)) == []


@pytest.mark.parametrize(
    "name, rule, role, count, allowed", FAILS, ids=[f[0] for f in FAILS]
)
def test_failing_fixture_fires_its_rule(rules, name, rule, role, count, allowed):
    findings = rules.run(fixture(name))
    hits = [f for f in findings if f[0] == rule]
    assert hits, f"{rule} did not fire on {name}: {findings}"
    assert {f[1] for f in hits} == {role}
    assert len(hits) == count, hits
    assert fired(findings) - {(rule, role)} <= allowed, findings


def test_messages_name_the_document_and_the_remedy(rules):
    [(rule, role, path, message)] = rules.run(fixture("document-fail-doc-has-recipient"))
    assert message.startswith("d2: no recipient — add <correspAction type='received'> with a <persName")
    [(_, _, _, message)] = rules.run(fixture("fail-persname-title"))
    assert message.startswith('d2: "Kennedy" is called President, but points at #p_KRF1 (Kennedy, Robert F.)')
    assert "perhaps #p_KJF2 (Kennedy, John F.) is meant" in message
    [(_, _, _, message)] = rules.run(fixture("fail-persname-title-dean"))
    assert "#p_RD3 (Rusk, Dean)" in message and "perhaps #p_DAH1 (Dean, Arthur H.)" in message
    [(_, _, _, message)] = rules.run(fixture("fail-doc-date-order"))
    assert message.startswith("d2: dated 1962-01-21T18:34:00-05:00, out of date order between d1")


def _node_at(source: Path, path: str):
    """The lxml node a Saxon path() names in a fixture (an attribute step gives its value)."""
    root = etree.parse(str(source)).getroot()
    steps = path.replace(f"Q{{{TEI}}}", "tei:").replace("Q{}", "").split("/")[2:]
    return root.xpath("/".join(steps), namespaces=NS)[0] if steps else root


def test_paths_locate_the_context_node(rules):
    [(_, _, path, _)] = rules.run(fixture("fail-ptr-unsafe-scheme"))
    assert path.endswith(f"Q{{{TEI}}}ref[2]/@target")
    [(_, _, path, _)] = rules.run(fixture("fail-note-number-unique"))[:1]
    assert re.search(rf"/Q\{{{re.escape(TEI)}\}}note\[\d+\]$", path), path


T = f"Q{{{TEI}}}"
# per-document facts point where the editor acts, not at the document's TEI root:
# fixture, rule, how the path ends, what the node there is (tag, attributes it must carry)
SUBJECTS = [
    ("fail-doc-has-recipient", "doc-has-recipient", f"{T}profileDesc[1]/{T}correspDesc[1]", ("correspDesc", {})),
    ("document-fail-doc-has-recipient", "doc-has-recipient", f"{T}profileDesc[1]/{T}correspDesc[1]", ("correspDesc", {})),
    ("fail-doc-has-sender", "doc-has-sender", f"{T}correspDesc[1]/{T}correspAction[1]", ("correspAction", {"type": "sent"})),
    ("fail-doc-has-date", "doc-has-date", f"{T}correspDesc[1]/{T}correspAction[1]", ("correspAction", {"type": "sent"})),
    ("fail-doc-has-source", "doc-has-source", f"{T}fileDesc[1]/{T}sourceDesc[1]", ("sourceDesc", {})),
    # no idno: the publicationStmt it goes into
    ("fail-doc-has-number", "doc-has-number", f"{T}fileDesc[1]/{T}publicationStmt[1]", ("publicationStmt", {})),
    ("fail-doc-number-id", "doc-number-id", f"{T}publicationStmt[1]/{T}idno[1]", ("idno", {"type": "document-number"})),
    ("fail-doc-number-sequence", "doc-number-sequence", f"{T}publicationStmt[1]/{T}idno[1]", ("idno", {"type": "document-number"})),
    ("fail-doc-date-order", "doc-date-order", f"{T}correspAction[1]/{T}date[1]", ("date", {})),
]


@pytest.mark.parametrize("name, rule, ending, node", SUBJECTS, ids=[s[0] for s in SUBJECTS])
def test_document_facts_point_where_the_editor_acts(rules, name, rule, ending, node):
    [(_, _, path, message)] = [f for f in rules.run(fixture(name)) if f[0] == rule]
    assert path.endswith("/" + ending), path
    element = _node_at(fixture(name), path)
    tag, attributes = node
    assert etree.QName(element).localname == tag
    assert all(element.get(k) == v for k, v in attributes.items()), etree.tostring(element)
    # still inside the document the message names
    assert message.startswith(_home(element) + ":"), (message, _home(element))
    if rule == "doc-date-order":
        assert element.getparent().get("type") == "sent"


def test_pointer_messages_give_the_advice_once(rules):
    [(_, _, _, message)] = rules.run(fixture("fail-ptr-resolves-person"))
    assert message == (
        'd2: persName/@ref="#p_KRF9" points nowhere: the List of Names (front/persons.xml) has no person'
        ' xml:id="p_KRF9" — add the person or point at the right entry.'
    )
    [(_, _, _, message)] = rules.run(fixture("fail-ptr-resolves"))
    assert message.endswith('no note has xml:id="d2fn9" (notes are numbered dNfnK) — correct the pointer.')
    for name in ("fail-ptr-resolves", "fail-ptr-resolves-person", "fail-ptr-kind",
                 "fail-ptr-resolves-catref", "fail-ptr-kind-catref"):
        for _, _, _, message in rules.run(fixture(name)):
            assert message.count(" — ") == 1, message


def test_catref_outside_its_taxonomy_lists_the_categories(rules):
    [(_, _, path, message)] = rules.run(fixture("fail-ptr-resolves-catref"))
    assert path.endswith(f"{T}catRef[1]/@target")
    assert message == ("d2: catRef scheme='#kind' target='#kind-telgram' is not a category of the kind"
                       " taxonomy — use one of #kind-message, #kind-telegram.")
    [(_, _, path, message)] = rules.run(fixture("fail-ptr-kind-catref"))
    assert path.endswith(f"{T}catRef[1]/@target")
    assert message == ("d2: catRef scheme='#classification' target='#kind-telegram' is not a category of the"
                       " classification taxonomy (#kind-telegram belongs to the kind taxonomy)"
                       " — use one of #cls-secret.")


def test_output_contract(rules):
    report = etree.fromstring(rules.report(fixture("fail-note-number-unique")).encode())
    assert report.tag == "problems"
    for problem in report:
        assert problem.tag == "problem"
        assert set(problem.attrib) == {"rule", "role", "path"}
    empty = etree.fromstring(rules.report(fixture("volume-good")).encode())
    assert empty.tag == "problems" and len(empty) == 0


# ------------------------------------------------------------------ the compiler


COMPILER_TEST = """<sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:f="urn:f" queryBinding="xslt3">
  <sch:ns prefix="f" uri="urn:f"/>
  <sch:phase id="ignored"><sch:active pattern="p1"/></sch:phase>
  <xsl:key name="by-n" match="b" use="@n"/>
  <xsl:function name="f:twice"><xsl:param name="x"/><xsl:sequence select="2 * $x"/></xsl:function>
  <sch:let name="total" value="count(//b)"/>
  <sch:pattern id="p1">
    <sch:let name="limit" value="5"/>
    <sch:rule context="b[@n = '1']">
      <sch:report test="true()" id="first-rule">first <sch:name/> of <sch:value-of select="$total"/></sch:report>
    </sch:rule>
    <sch:rule context="b">
      <sch:let name="d" value="f:twice(number(@n))"/>
      <sch:assert test="$d lt $limit" id="too-big" role="warning">n=<sch:value-of select="@n"/>   doubled is <sch:value-of select="$d"/>, 'quoted' "too"</sch:assert>
    </sch:rule>
  </sch:pattern>
  <sch:pattern>
    <sch:rule context="@n"><sch:report test="count(key('by-n', .)) gt 1" id="dup" role="fatal">dup <sch:value-of select="."/></sch:report></sch:rule>
  </sch:pattern>
</sch:schema>"""


def test_compiler_semantics():
    r = Rules(schema_text=COMPILER_TEST)
    findings = r.run('<a><b n="1"/><b n="3"/><c><b n="3"/></c><b n="2"/></a>')
    assert findings == [
        # pattern 1: a node is taken by the first rule that matches it
        ("first-rule", "error", "/Q{}a[1]/Q{}b[1]", "first b of 4"),
        ("too-big", "warning", "/Q{}a[1]/Q{}b[2]", "n=3 doubled is 6, 'quoted' \"too\""),
        ("too-big", "warning", "/Q{}a[1]/Q{}c[1]/Q{}b[1]", "n=3 doubled is 6, 'quoted' \"too\""),
        # pattern 2: attributes are visited; keys work; unknown roles are errors
        ("dup", "error", "/Q{}a[1]/Q{}b[2]/@n", "dup 3"),
        ("dup", "error", "/Q{}a[1]/Q{}c[1]/Q{}b[1]/@n", "dup 3"),
    ]
    assert "xsl:mode" in r.compiled and 'on-no-match="shallow-skip"' in r.compiled


SUBJECT_TEST = """<sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt3">
  <sch:pattern>
    <sch:rule context="doc" subject="head">
      <sch:let name="body" value="body"/>
      <sch:assert test="head/title" id="rule-subject">no title</sch:assert>
      <sch:assert test="$body/p" id="own-subject" subject="($body, head)">no p</sch:assert>
      <sch:report test="true()" id="attribute-subject" subject="@n">n</sch:report>
      <sch:report test="true()" id="empty-subject" subject="missing">context</sch:report>
      <sch:report test="true()" id="atomic-subject" subject="(1, 'x', head)">first node</sch:report>
      <sch:report test="true()" id="union-subject" subject="head | body">document order</sch:report>
      <sch:extends rule="lent"/>
    </sch:rule>
    <sch:rule abstract="true" id="lent">
      <sch:report test="true()" id="lent-check">lent</sch:report>
    </sch:rule>
  </sch:pattern>
  <sch:pattern>
    <sch:rule context="doc" subject="body">
      <sch:extends rule="lent-with-subject"/>
    </sch:rule>
    <sch:rule abstract="true" id="lent-with-subject" subject="head">
      <sch:report test="true()" id="abstract-subject">abstract</sch:report>
    </sch:rule>
    <sch:rule context="body"><sch:report test="true()" id="no-subject">plain</sch:report></sch:rule>
  </sch:pattern>
</sch:schema>"""


def test_compiler_subject_gives_the_path():
    r = Rules(schema_text=SUBJECT_TEST)
    findings = r.run('<x><doc n="7"><head/><body><p/></body></doc><doc><body/><head/></doc></x>')
    paths = [(rule, path) for rule, _, path, _ in findings]
    d1, d2 = "/Q{}x[1]/Q{}doc[1]", "/Q{}x[1]/Q{}doc[2]"
    assert paths == [
        # the rule's @subject is the default for its checks
        ("rule-subject", f"{d1}/Q{{}}head[1]"),
        ("attribute-subject", f"{d1}/@n"),
        # a subject that yields no node: the context node
        ("empty-subject", d1),
        # the first node of the subject's value, in the order the expression gives
        ("atomic-subject", f"{d1}/Q{{}}head[1]"),
        ("union-subject", f"{d1}/Q{{}}head[1]"),
        # an abstract rule's check without @subject takes the extending rule's
        ("lent-check", f"{d1}/Q{{}}head[1]"),
        # rule variables are in scope; the check's own @subject wins over the rule's
        ("rule-subject", f"{d2}/Q{{}}head[1]"),
        ("own-subject", f"{d2}/Q{{}}body[1]"),
        ("attribute-subject", d2),
        ("empty-subject", d2),
        ("atomic-subject", f"{d2}/Q{{}}head[1]"),
        ("union-subject", f"{d2}/Q{{}}body[1]"),
        ("lent-check", f"{d2}/Q{{}}head[1]"),
        # pattern 2: the abstract rule's own @subject comes before the extending rule's
        ("abstract-subject", f"{d1}/Q{{}}head[1]"),
        ("no-subject", f"{d1}/Q{{}}body[1]"),
        ("abstract-subject", f"{d2}/Q{{}}head[1]"),
        ("no-subject", f"{d2}/Q{{}}body[1]"),
    ]
    # without @subject nothing changes: path() of the context node
    assert "path()" in r.compiled


def test_compiler_refuses_an_assert_without_id():
    with pytest.raises(Exception):
        Rules(schema_text=COMPILER_TEST.replace(' id="too-big"', ""))


# ------------------------------------------------------------------ the real volume


def assembled_volume() -> str:
    tree = etree.parse(str(VOLUME))
    tree.xinclude()
    return etree.tostring(tree, encoding="unicode")


needs_volume = pytest.mark.skipif(not VOLUME.exists(), reason="tei/volume.xml not generated yet")


@needs_volume
def test_real_volume_is_clean(rules):
    findings = rules.run(assembled_volume())
    assert findings == [], "\n".join(f"{r} {role} {m}" for r, role, _, m in findings)


@needs_volume
def test_real_files_on_their_own_fire_no_volume_rules(rules):
    """Each file of tei/ validated alone: volume-wide rules must stay silent, not misfire."""
    files = sorted((ROOT / "tei").glob("documents/*.xml")) + sorted((ROOT / "tei").glob("front/*.xml"))
    volume_wide = {"doc-number-sequence", "doc-date-order", "date-in-range", "ptr-resolves"}
    for path in files:
        findings = [f for f in rules.run(path) if f[0] in volume_wide]
        assert findings == [], (path.name, findings)


def _doc(root, n: int):
    return root.xpath(f"tei:TEI[@xml:id='d{n}']", namespaces=NS)[0]


def _first(root, xpath):
    found = root.xpath(xpath, namespaces=NS)
    assert found, f"the volume has no {xpath} to plant a slip in"
    return found[0]


def _home(node) -> str:
    return node.xpath("string(ancestor-or-self::tei:TEI[1]/@xml:id)", namespaces=NS)


def slip_president(root):
    """"President Kennedy" linked to p_KRF1 (Robert F. Kennedy, Attorney General)."""
    heads = root.xpath("//tei:head/tei:persName[@ref='#p_KJF2']", namespaces=NS)
    titled = [pn for pn in heads if (pn.getprevious().tail if pn.getprevious() is not None
                                     else pn.getparent().text or "").rstrip().endswith("President")]
    assert titled, "no heading says President <persName ref='#p_KJF2'>"
    pn = titled[0]
    pn.set("ref", "#p_KRF1")
    return _home(pn)


def slip_dean(root):
    """Ambassador Arthur Dean linked to p_RD3 (Rusk, Dean)."""
    pn = _first(_doc(root, 85), ".//tei:persName[@ref='#p_DAH1']")
    pn.set("ref", "#p_RD3")
    return "d85"


def slip_d94(root):
    """d94 heading: "Attorney General Kennedy" (the sender) linked to the President."""
    _first(_doc(root, 94), ".//tei:head/tei:persName[@ref='#p_KRF1']").set("ref", "#p_KJF2")
    return "d94"


def slip_two_names(root):
    """d56: one persName spans "Dobrynin Robert Kennedy"."""
    pn = _first(_doc(root, 56), ".//tei:div[@type='summary']//tei:persName")
    for child in list(pn):
        pn.remove(child)
    pn.text = "Dobrynin Robert Kennedy"
    pn.set("ref", "#p_DAF1")
    return "d56"


def slip_footnotes(root):
    """Two footnotes numbered 1 (d75 in the printed volume; any document with two notes here)."""
    doc = _first(root, "tei:TEI[@xml:id='d75'][count(.//tei:text//tei:note[@n]) >= 2]"
                       " | tei:TEI[count(.//tei:text//tei:note[@n]) >= 2]")
    notes = doc.xpath(".//tei:text//tei:note[@n]", namespaces=NS)
    notes[1].set("n", notes[0].get("n"))
    return _home(doc)


def slip_d14(root):
    """d14: inferred date 1962-05-06, while it belongs in May 1961."""
    date = _first(_doc(root, 14), "tei:teiHeader//tei:correspAction[@type='sent']/tei:date")
    for att in ("when", "notBefore", "notAfter"):
        date.attrib.pop(att, None)
    date.set("when", "1962-05-06")
    return "d14"


def slip_zones(root):
    """d30: a date range whose two ends use different time zones."""
    date = _first(_doc(root, 30), "tei:teiHeader//tei:correspAction[@type='sent']/tei:date")
    date.attrib.pop("when", None)
    date.set("notBefore", "1961-12-30T12:00:00+03:00")
    date.set("notAfter", "1962-01-18T12:00:00-05:00")
    return "d30"


@needs_volume
@pytest.mark.parametrize(
    "plant, expected",
    [
        (slip_president, ("persname-title", "warning")),
        (slip_dean, ("persname-title", "warning")),
        (slip_d94, ("sender-not-recipient", "error")),
        (slip_d94, ("persname-title", "warning")),
        (slip_two_names, ("persname-two-persons", "error")),
        (slip_footnotes, ("note-number-unique", "error")),
        (slip_d14, ("doc-date-order", "warning")),
        (slip_zones, ("date-range-timezone", "warning")),
    ],
    ids=lambda v: v.__name__ if callable(v) else v[0],
)
def test_known_slips_of_the_printed_volume_are_caught(rules, pristine_volume, pristine_findings, plant, expected):
    """Put a slip of edition/KNOWN-SLIPS.md back into the real volume: its rule must catch it there."""
    before = pristine_findings
    root = copy.deepcopy(pristine_volume)
    where = plant(root)
    findings = [f for f in rules.run(etree.tostring(root, encoding="unicode")) if f not in before]
    hits = [f for f in findings if (f[0], f[1]) == expected]
    assert hits, f"{expected} did not fire; got {findings}"
    assert all(m.startswith(where + ":") for _, _, _, m in hits), hits


@pytest.fixture(scope="module")
def pristine_findings(rules, pristine_volume):
    """What the rules say of the untouched volume (nothing, on a clean edition), computed once."""
    return rules.run(etree.tostring(pristine_volume, encoding="unicode"))


@pytest.fixture(scope="module")
def pristine_volume():
    return etree.fromstring(assembled_volume().encode("utf-8"))

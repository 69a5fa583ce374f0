"""The command line: exit codes, located messages, JSON, and broken sources."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from fortran_tei.cli import main

from .conftest import CORPUS, ROOT, TEI_DIR, corpus_files, minimal_tei

LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): .+ \[(?P<rule>[\w-]+)\]$")


def run(*args: str, cwd: Path = ROOT):
    runner = CliRunner()
    result = runner.invoke(main, list(args), catch_exceptions=False)
    return result


def problem_lines(output: str) -> list[re.Match]:
    return [m for m in map(LINE.match, output.splitlines()) if m]


def test_sample_volume_is_valid_with_no_warnings():
    result = run("validate", "--strict", str(TEI_DIR))
    assert result.exit_code == 0, result.output
    assert problem_lines(result.output) == []


def test_json_output_counts_files_and_problems():
    result = run("validate", "--format", "json", str(TEI_DIR))
    data = json.loads(result.output)
    assert data["ok"] is True
    assert data["files"] == 1 + 5 + 120
    assert data["errors"] == 0 and data["warnings"] == 0


def test_single_document_validates_on_its_own():
    result = run("validate", "--strict", str(TEI_DIR / "documents" / "d021.xml"))
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    "content, rule, line",
    [
        (b"", "xml-empty", 1),
        (b"   \n\n", "xml-empty", 1),
        (b'<?xml version="1.0"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<teiHeader>\n</TEI>\n', "xml-syntax", 4),
        (b'<?xml version="1.0" encoding="klingon-8"?>\n<TEI/>\n', "xml-encoding", 1),
        (b'<?xml version="1.0"?>\n<a>\n<b xml:id="x"/>\n<b xml:id="x"/></a>\n', "id-unique", 4),
    ],
    ids=["empty", "blank", "unclosed", "encoding", "duplicate-id"],
)
def test_unreadable_files_get_one_located_line(tmp_path, content, rule, line):
    bad = tmp_path / "bad.xml"
    bad.write_bytes(content)
    result = run("validate", str(bad))
    assert result.exit_code == 1
    lines = problem_lines(result.output)
    assert len(lines) == 1, result.output
    assert lines[0]["rule"] == rule
    assert int(lines[0]["line"]) == line
    assert lines[0]["path"].endswith("bad.xml")


def test_missing_file(tmp_path):
    result = run("validate", str(tmp_path / "nowhere.xml"))
    assert result.exit_code == 1
    assert problem_lines(result.output)[0]["rule"] == "file-missing"


def test_missing_include_is_reported_at_the_include(volume_copy):
    (volume_copy / "documents" / "d050.xml").unlink()
    result = run("validate", str(volume_copy))
    assert result.exit_code == 1
    missing = [m for m in problem_lines(result.output) if m["rule"] == "xinclude-missing"]
    assert len(missing) == 1
    assert missing[0]["path"].endswith("volume.xml")
    text = (volume_copy / "volume.xml").read_text().splitlines()
    assert "d050.xml" in text[int(missing[0]["line"]) - 1]


def test_external_entities_are_never_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET CONTENT")
    doc = tmp_path / "ent.xml"
    doc.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY s SYSTEM "{secret.as_uri()}">]>\n'
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>&s;</p></body></text></TEI>\n'
    )
    result = run("validate", "--format", "json", str(doc))
    assert "TOP SECRET CONTENT" not in result.output
    rules = {p["rule"] for p in json.loads(result.output)["problems"]}
    assert "xml-entity" in rules


def test_broken_document_in_the_volume_points_into_its_own_file(volume_copy):
    doc = volume_copy / "documents" / "d012.xml"
    text = doc.read_text()
    start = text.index('<correspAction type="received"')
    end = text.index("</correspAction>", start) + len("</correspAction>")
    doc.write_text(text[:start] + text[end:])
    result = run("validate", str(volume_copy))
    assert result.exit_code == 1
    lines = problem_lines(result.output)
    assert lines and all(m["path"].endswith("d012.xml") for m in lines if m["sev"] == "error")
    assert any("recipient" in m.group(0) and "received" in m.group(0) for m in lines), result.output


def test_strict_fails_on_warnings(volume_copy):
    doc = volume_copy / "documents" / "d085.xml"
    text = doc.read_text()
    # Point a name at the wrong person: the rules warn, --strict fails.
    assert 'ref="#p_DAH1"' in text
    doc.write_text(text.replace('ref="#p_DAH1"', 'ref="#p_RD3"', 1))
    assert run("validate", str(volume_copy)).exit_code == 0
    result = run("validate", "--strict", str(volume_copy))
    assert result.exit_code == 1
    assert any(m["sev"] == "warning" for m in problem_lines(result.output))


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not present")
def test_real_corpus_gets_located_messages_without_crashing():
    files = corpus_files()
    assert len(files) >= 90
    result = run("validate", "--format", "json", *map(str, files))
    data = json.loads(result.output)
    assert data["files"] == len(files)
    assert data["errors"] > 0  # the real corpus is not valid against our schema
    for problem in data["problems"]:
        assert problem["line"] >= 1 and problem["col"] >= 1, problem
        assert problem["message"]


def test_console_script_exit_code(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text("<TEI>")
    proc = subprocess.run([sys.executable, "-m", "fortran_tei", "validate", str(bad)], capture_output=True, text=True)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert re.search(r"bad\.xml:1:\d+: error: not well-formed XML", proc.stdout)


def test_info_reports_the_volume():
    result = run("info", "--format", "json", str(TEI_DIR))
    facts = json.loads(result.output)
    assert facts["documents"] == 120
    assert sum(facts["documents_by_kind"].values()) == 120
    assert facts["date_range"][0].startswith("1960-11")
    assert facts["apparatus_entries"] >= 4
    assert facts["persons"] >= 60
    assert facts["pages"] >= 4


def test_bad_date_is_named_at_its_attribute(volume_copy):
    doc = volume_copy / "documents" / "d021.xml"
    lines = doc.read_text().splitlines()
    where = next(i for i, line in enumerate(lines) if 'when="1961-09-29"' in line)
    lines[where] = lines[where].replace('when="1961-09-29"', 'when="1961-13-45"')
    doc.write_text("\n".join(lines) + "\n")
    result = run("validate", str(volume_copy))
    assert result.exit_code == 1
    found = [m for m in problem_lines(result.output) if m["path"].endswith("d021.xml") and int(m["line"]) == where + 1]
    assert found, result.output
    assert "when" in found[0].group(0) and "1961-09-29" in found[0].group(0)  # says what form is expected


def test_unknown_element_is_named(volume_copy):
    doc = volume_copy / "documents" / "d021.xml"
    doc.write_text(doc.read_text().replace("Writing from the Black Sea", "<foo>Writing</foo> from the Black Sea"))
    result = run("validate", str(volume_copy))
    lines = [m for m in problem_lines(result.output) if m["rule"] == "schema"]
    assert len(lines) == 1 and '"foo"' in lines[0].group(0), result.output


def test_missing_document_is_one_error_not_a_cascade(volume_copy):
    (volume_copy / "documents" / "d021.xml").unlink()
    volume = volume_copy / "volume.xml"
    volume.write_text("\n".join(l for l in volume.read_text().splitlines() if "d021.xml" not in l) + "\n")
    result = run("validate", str(volume_copy))
    sequence = [m for m in problem_lines(result.output) if m["rule"] == "doc-number-sequence"]
    assert len(sequence) == 1 and sequence[0]["path"].endswith("d022.xml")


def test_xinclude_cycles_and_duplicates_are_refused(volume_copy):
    volume = volume_copy / "volume.xml"
    text = volume.read_text()
    first = '<xi:include href="documents/d001.xml"/>'
    assert first in text
    volume.write_text(text.replace(first, first + '<xi:include href="volume.xml"/>' + first, 1))
    result = run("validate", str(volume_copy))
    rules = [m["rule"] for m in problem_lines(result.output)]
    assert result.exit_code == 1
    assert "xinclude-cycle" in rules and "xinclude-duplicate" in rules


def test_a_broken_part_does_not_flood_the_report(volume_copy):
    persons = volume_copy / "front" / "persons.xml"
    persons.write_text(persons.read_text().replace("</forename>", "</forname>", 1))
    result = run("validate", str(volume_copy))
    lines = problem_lines(result.output)
    assert result.exit_code == 1
    assert [m["rule"] for m in lines if m["sev"] == "error"] == ["xml-syntax"]
    assert lines[0]["path"].endswith("persons.xml")


def test_external_entity_declaration_is_an_error(tmp_path):
    doc = tmp_path / "ent.xml"
    doc.write_text('<?xml version="1.0"?>\n<!DOCTYPE TEI [\n<!ENTITY x SYSTEM "/etc/passwd">\n]>\n'
                   '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>&x;</p></body></text></TEI>\n')
    result = run("validate", str(doc))
    entity = [m for m in problem_lines(result.output) if m["rule"] == "xml-entity" and m["sev"] == "error"]
    assert result.exit_code == 1 and entity and entity[0]["line"] == "3"
    assert "root:" not in result.output  # /etc/passwd was not read


def test_a_declared_single_byte_encoding_over_utf8_is_refused(tmp_path):
    doc = tmp_path / "latin.xml"
    doc.write_bytes('<?xml version="1.0" encoding="ISO-8859-1"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">“gleams”</TEI>\n'.encode("utf-8"))
    result = run("validate", str(doc))
    assert result.exit_code == 1
    assert problem_lines(result.output)[0]["rule"] == "xml-encoding"


def test_a_pipe_is_not_read(tmp_path):
    import os
    pipe = tmp_path / "pipe.xml"
    os.mkfifo(pipe)
    result = run("validate", str(pipe))
    assert result.exit_code == 1 and "not a regular file" in result.output


def test_no_tei_folder_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 2 and "no ./tei folder" in result.output


def test_an_empty_folder_is_not_a_valid_volume(tmp_path):
    result = run("validate", str(tmp_path))
    assert result.exit_code == 1 and problem_lines(result.output)[0]["rule"] == "file-missing"
    assert CliRunner().invoke(main, ["info", str(tmp_path)]).exit_code == 1


def test_a_warning_does_not_stop_the_build_of_foreign_tei(tmp_path):
    doc = tmp_path / "letter.xml"
    doc.write_text('<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY co "Company">]>\n'
                   '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>A letter</title></titleStmt>'
                   '<publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>'
                   '<text><body><p>Dear &co;, thank you.</p></body></text></TEI>\n')
    result = CliRunner().invoke(main, ["build", "--to", "epub", "-o", str(tmp_path / "out"), str(doc)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "letter.epub").is_file()


def test_an_output_folder_that_cannot_be_made_is_exit_3(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = CliRunner().invoke(main, ["build", "--to", "epub", "-o", str(blocker / "out"), str(TEI_DIR)])
    assert result.exit_code == 3, result.output
    assert "cannot create the output folder" in result.output


def test_invalid_edition_stops_the_build_with_the_validators_messages(volume_copy, tmp_path):
    doc = volume_copy / "documents" / "d021.xml"
    doc.write_text(doc.read_text().replace('when="1961-09-29"', 'when="1961-13-45"', 1))
    result = CliRunner().invoke(main, ["build", "--to", "epub", "-o", str(tmp_path / "out"), str(volume_copy)])
    assert result.exit_code == 1
    assert any(m["path"].endswith("d021.xml") for m in problem_lines(result.output))
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


MINIMAL = minimal_tei("<p>{}</p>", "T")


def test_markup_nested_deeper_than_saxon_reads_is_one_located_error(tmp_path):
    doc = tmp_path / "deep.xml"
    doc.write_text(MINIMAL.format('<hi rend="italic">' * 120 + "deep" + "</hi>" * 120))
    result = CliRunner().invoke(main, ["build", "--to", "epub", "-o", str(tmp_path / "out"), str(doc)])
    assert result.exit_code == 1
    depth = [m for m in problem_lines(result.output) if m["rule"] == "xml-depth"]
    assert len(depth) == 1 and depth[0]["path"].endswith("deep.xml")


def test_a_file_that_is_not_tei_is_refused(tmp_path):
    page = tmp_path / "page.xml"
    page.write_text('<html xmlns="http://www.w3.org/1999/xhtml"><body><p>words</p></body></html>\n')
    result = CliRunner().invoke(main, ["build", "-o", str(tmp_path / "out"), str(page)])
    assert result.exit_code == 1
    assert problem_lines(result.output)[0]["rule"] == "not-tei"


def test_characters_no_bundled_font_has_still_give_every_output(tmp_path):
    doc = tmp_path / "emoji.xml"
    doc.write_text(MINIMAL.format("a smile \U0001F600 and 𠀀"), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "-o", str(tmp_path / "out"), str(doc)])
    assert result.exit_code == 0, result.output
    assert {p.name for p in (tmp_path / "out").iterdir()} == {"emoji.pdf", "emoji.epub", "html"}
    assert "without PDF/A" in result.output

"""Shared paths and helpers for the test suite."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TEI_DIR = ROOT / "tei"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "frus-history"
TEI_ALL = SHARED / "reference" / "tei_all.rng"
CHECKERS = Path(os.environ.get("CHECKERS", "/opt/checkers"))


def checker(name: str) -> Path:
    """The path of an installed checker, or skip the test that needs it."""
    path = CHECKERS / "bin" / name
    if not path.exists():
        pytest.skip(f"{name} is not installed (run `make checkers`)")
    return path


def minimal_tei(body: str, title: str = "Test", namespaces: str = "") -> str:
    """A small complete TEI document (lenient: it does not point at our schema) around `body`,
    the content of text/body."""
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"{namespaces}>'
            f"<teiHeader><fileDesc><titleStmt><title>{title}</title></titleStmt><publicationStmt><p>x</p></publicationStmt>"
            f"<sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader><text><body>{body}</body></text></TEI>\n")


def corpus_files() -> list[Path]:
    return sorted(CORPUS.rglob("*.xml")) if CORPUS.is_dir() else []


@pytest.fixture
def volume_copy(tmp_path: Path) -> Path:
    """A private copy of the sample volume that a test may break."""
    target = tmp_path / "tei"
    shutil.copytree(TEI_DIR, target)
    return target

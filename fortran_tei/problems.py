"""Problems found in the sources: one located, editor-facing message each."""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from pathlib import Path

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """A message about one place in one source file.

    Ordered by file, line and column so that reports read top to bottom.
    ``line``/``col`` are 1-based; 0 means "the whole file".
    """

    path: str
    line: int
    col: int
    severity: str
    message: str
    rule: str

    def __str__(self) -> str:
        return f"{display_path(self.path)}:{self.line}:{self.col}: {self.severity}: {self.message} [{self.rule}]"

    def as_json(self) -> dict:
        data = asdict(self)
        data["path"] = display_path(self.path)
        return data


class SourceError(Exception):
    """Raised when a source cannot be read at all (missing, empty, not XML)."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


def display_path(path: str) -> str:
    """A path relative to the working directory when it lies below it, as editors type them."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path
    return path if rel.startswith("..") else rel


def file_problem(path: str | Path, message: str, rule: str, line: int = 0, col: int = 0) -> Problem:
    return Problem(str(path), line, col, ERROR, message, rule)

"""Validation: grammar per file, editorial rules over the assembled volume."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import rules, schema
from .problems import ERROR, WARNING, Problem
from .sources import Sources, Volume, read_sources


@dataclass
class Report:
    """The outcome of validating some sources."""

    problems: list[Problem]
    files: int
    volume: Volume | None = field(default=None, repr=False)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]

    def ok(self, strict: bool = False) -> bool:
        return not self.errors and not (strict and self.warnings)


def validate_sources(sources: Sources) -> Report:
    problems = list(sources.problems)
    problems.extend(schema.validate_files(sources.files))
    volume = None
    incomplete = sources.volume_file is not None and not sources.complete
    if incomplete:
        problems.append(Problem(str(sources.volume_file.path), 1, 1, WARNING,
                                "volume-wide rules (numbering, date order, pointers between files) were not run: "
                                "a part of the volume could not be read — fix the errors above first", "rules-skipped"))
    if incomplete or (sources.volume_file is None and len(sources.files) > 1):
        # A volume with a part missing, or loose files that are no volume: volume-wide rules would
        # misfire (the missing part's absence reported in every other file), so each file on its own.
        problems.extend(p for source in sources.files for p in rules.check(Volume.single(source)))
    else:
        volume = sources.assemble()
        if volume is not None:
            problems.extend(rules.check(volume))
    return Report(sorted(set(problems)), len(sources.files), volume)


def validate(paths: list[Path] | None = None) -> Report:
    """Validate files and folders (default: the volume in ./tei)."""
    return validate_sources(read_sources(paths or [Path("tei")]))

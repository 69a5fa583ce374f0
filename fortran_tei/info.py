"""Facts about a volume, for `fortran-tei info`."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from . import saxon
from .build import BuildError
from .problems import ERROR
from .sources import TEI_NS, read_sources

NS = {"t": TEI_NS}


def volume_info(paths: list[Path] | None = None) -> dict:
    sources = read_sources(paths or [Path("tei")])
    volume = sources.assemble() if sources.complete else None
    if volume is None:
        raise BuildError([p for p in sources.problems if p.severity == ERROR])
    root = volume.root
    # The documents and their kinds as the outputs see them (common.xsl), not a second opinion.
    lines = saxon.run("info.xsl", saxon.volume_document(volume)).text.splitlines()
    documents = [line.split("\t") for line in lines if line]
    kinds = Counter(kind.lower() for kind, _ in documents)
    dates = sorted(date for _, date in documents if date)
    titles = root.xpath("t:teiHeader/t:fileDesc/t:titleStmt/t:title", namespaces=NS)
    title = ": ".join(" ".join("".join(t.itertext()).split()) for t in titles[:2])
    return {
        "title": title,
        "files": len(volume.files),
        "documents": len(documents),
        "documents_by_kind": dict(sorted(kinds.items(), key=lambda kv: -kv[1])),
        "date_range": [dates[0], dates[-1]] if dates else None,
        "notes": len(root.xpath("//t:text//t:note[@n][not(ancestor::t:app)]", namespaces=NS)),
        "apparatus_entries": len(root.xpath("//t:app", namespaces=NS)),
        "persons": len(root.xpath("//t:listPerson[not(@type='mentioned')]/t:person", namespaces=NS)),
        "persons_referred_to": len(set(root.xpath("//t:text//t:persName/@ref", namespaces=NS))),
        "abbreviations": len(root.xpath("//t:list[@type='abbreviations']/t:item", namespaces=NS)),
        "pages": len(root.xpath("//t:pb", namespaces=NS)),
    }

"""Facts about a volume, for `fortran-tei info`."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from .build import BuildError
from .sources import TEI_NS, read_sources

NS = {"t": TEI_NS}


def volume_info(paths: list[Path] | None = None) -> dict:
    sources = read_sources(paths or [Path("tei")])
    volume = sources.assemble()
    if volume is None:
        raise BuildError(sources.problems)
    root = volume.root
    documents = root.xpath("//t:TEI[.//t:div[@type='document']] | //t:div[@type='document'][not(ancestor::t:TEI//t:correspDesc)]", namespaces=NS)
    kinds = Counter()
    for doc in documents:
        target = (doc.xpath(".//t:catRef[@scheme='#kind']/@target", namespaces=NS) or [""])[0]
        kinds[target.removeprefix("#kind-").replace("-", " ") or doc.get("subtype") or "document"] += 1
    sent_dates = "//t:correspAction[@type='sent']/t:date/@*[local-name()='when' or local-name()='notBefore' or local-name()='notAfter']"
    dates = sorted(value[:10] for value in root.xpath(sent_dates, namespaces=NS))
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

"""The HTML edition: pages from xslt/html.xsl, local assets, a Pagefind search index.

`build(context)` writes `context.out / "html"` atomically: the stylesheet writes every page
into a fresh folder (xsl:result-document, relative to the base output URI), the assets are
copied next to them, Pagefind indexes the folder offline, and only then does the folder
replace the old site.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from collections import OrderedDict
from pathlib import Path

from . import saxon
from .build import BuildContext, OutputError, atomic_folder

STYLESHEET = "html.xsl"
ASSETS = saxon.PACKAGE_ROOT / "assets" / "html"
MESSAGE_PREFIX = "fortran-tei:"
_lock = threading.Lock()  # one Saxon executable is shared: one transform at a time

# What the stylesheet reports, as the reader of the build log should read it.
WARNINGS = {
    "unknown-element": "element <{}> has no HTML rule: its text is shown as plain text",
    "dropped-element": "element <{}> (script or embedded content) was dropped with its content",
    "unsafe-url": "link target {!r} dropped (only http, https, mailto and same-volume links are kept)",
}


def build(context: BuildContext, search: bool = True, site_url: str = "") -> Path:
    """Write the site to `context.out / "html"` and return that folder."""
    target = context.out / "html"
    with atomic_folder(target) as work:
        with context.stage("html:transform"):
            messages = transform(context, work, site_url)
        with context.stage("html:assets"):
            copy_assets(work)
        if search:
            with context.stage("html:search"):
                index_search(work)
    context.html_warnings = warnings_from(messages)  # type: ignore[attr-defined]
    for warning in context.html_warnings:  # type: ignore[attr-defined]
        print(f"warning: html: {warning}", file=sys.stderr)
    return target


def transform(context: BuildContext, folder: Path, site_url: str = "") -> list[str]:
    """Run html.xsl over the volume, writing pages into `folder`; return its messages."""
    executable = saxon.stylesheet(STYLESHEET)
    with _lock:
        executable.clear_parameters()
        executable.clear_xsl_messages()
        executable.set_save_xsl_message(True, None)  # kept in memory, read below
        if site_url:
            executable.set_parameter("site-url", saxon.processor().make_string_value(site_url))
        executable.set_base_output_uri(folder.resolve().as_uri() + "/")
        executable.set_global_context_item(xdm_item=context.xdm)
        try:
            manifest = executable.apply_templates_returning_string(xdm_value=context.xdm)
        except Exception as exc:  # saxonche raises PySaxonApiError with Saxon's message
            raise OutputError(f"HTML stylesheet failed: {exc}") from exc
        raw = executable.get_xsl_messages()
        messages = [str(raw.item_at(i).string_value) for i in range(raw.size)] if raw is not None else []
    if not (folder / "index.html").is_file():
        raise OutputError(f"HTML stylesheet wrote no index.html (manifest: {manifest[:200]!r})")
    return messages


def warnings_from(messages: list[str]) -> list[str]:
    """One warning per (kind, value): the stylesheet reports each occurrence."""
    seen: OrderedDict[tuple[str, str], None] = OrderedDict()
    for message in messages:
        text = message.strip()
        if not text.startswith(MESSAGE_PREFIX):
            continue
        kind, _, value = text[len(MESSAGE_PREFIX):].partition(":")
        seen.setdefault((kind, value), None)
    return [WARNINGS.get(kind, kind + ": {}").format(value) for kind, value in seen]


def copy_assets(folder: Path) -> None:
    shutil.copytree(ASSETS, folder / "assets", dirs_exist_ok=True)


def pagefind_command() -> list[str] | None:
    """The Pagefind binary: the PyPI package's own, else one on PATH / in /opt/checkers."""
    try:
        from pagefind_bin import get_executable  # type: ignore

        return [str(get_executable())]
    except Exception:
        pass
    for candidate in (shutil.which("pagefind"), "/opt/checkers/bin/pagefind"):
        if candidate and Path(candidate).exists():
            return [candidate]
    return None


def index_search(folder: Path) -> None:
    """Index the site with Pagefind, offline; the index lands in `folder/pagefind`."""
    command = pagefind_command()
    if command is None:
        raise OutputError("the search indexer Pagefind is not installed: pip install 'pagefind[bin]==1.5.2'")
    env = {**os.environ, "PAGEFIND_SITE": str(folder)}
    result = subprocess.run(
        [*command, "--site", str(folder), "--quiet"],
        capture_output=True, text=True, env=env, timeout=120,
    )
    if result.returncode != 0 or not (folder / "pagefind" / "pagefind.js").is_file():
        detail = (result.stderr or result.stdout).strip().splitlines()[-5:]
        raise OutputError("Pagefind could not index the site: " + " | ".join(detail))

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
from pathlib import Path

from . import saxon
from .build import BuildContext, OutputError, atomic_folder

STYLESHEET = "html.xsl"
ASSETS = saxon.PACKAGE_ROOT / "assets" / "html"


def build(context: BuildContext, search: bool = True) -> Path:
    """Write the site to `context.out / "html"` and return that folder."""
    target = context.out / "html"
    with atomic_folder(target) as work:
        with context.stage("html: transform"):
            transform(context, work)
        with context.stage("html: assets"):
            copy_assets(work)
        if search:
            with context.stage("html: search"):
                index_search(work)
    return target


def transform(context: BuildContext, folder: Path) -> None:
    """Run html.xsl over the volume, writing every page into `folder`."""
    params = {"site-url": context.site_url} if context.site_url else {}
    manifest = context.transform("html", STYLESHEET, params, output_folder=folder)
    if not (folder / "index.html").is_file():
        raise OutputError(f"HTML stylesheet wrote no index.html (manifest: {manifest[:200]!r})")


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
    try:
        result = subprocess.run(
            [*command, "--site", str(folder), "--quiet"],
            capture_output=True, text=True, env=env, timeout=120,
        )
    except subprocess.TimeoutExpired:
        raise OutputError("Pagefind took more than 2 minutes to index the site and was stopped") from None
    if result.returncode != 0 or not (folder / "pagefind" / "pagefind.js").is_file():
        detail = (result.stderr or result.stdout).strip().splitlines()[-5:]
        raise OutputError("Pagefind could not index the site: " + " | ".join(detail))

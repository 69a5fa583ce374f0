"""fortran-tei: validate TEI editions and build PDF, HTML and EPUB 3 from them.

The library API: `validate(paths)`, `build(paths, formats, out)`, `read_sources(paths)`.
"""

__version__ = "0.1.0"

from .build import build  # noqa: E402
from .sources import read_sources  # noqa: E402
from .validate import validate  # noqa: E402

__all__ = ["__version__", "build", "read_sources", "validate"]

"""zoolint: validate and lint SparseZoo-style model directories."""

from __future__ import annotations

__version__ = "0.1.0"

from zoolint.api import lint  # noqa: E402  (after __version__: reporters import it)
from zoolint.engine import Report  # noqa: E402

__all__ = ["Report", "__version__", "lint"]

"""Facts about model directories as parts of a zoo: which stub each claims.

A model directory at a stub-shaped path claims that stub. So does a `.tar.gz` of the
directory beside it (zoos ship archived models), and so does a directory whose path
differs only in letter case (which case-insensitive file systems merge on checkout).
"""

from __future__ import annotations

import os
from collections import defaultdict

from zoolint.layout.profile import ARCHIVE_SUFFIX
from zoolint.model import ModelDir


def stub_claims(models: list[ModelDir]) -> dict[str, list[ModelDir]]:
    """Case-folded stub path -> the model directories at that path, sorted by path."""
    claims: dict[str, list[ModelDir]] = defaultdict(list)
    for model in models:
        if model.is_loose_file or model.path_stub is None:
            continue
        claims[model.path_stub.lower()].append(model)
    for group in claims.values():
        # The all-lower-case spelling (the stub's own) sorts first and is the keeper.
        group.sort(key=lambda model: (model.relpath != model.relpath.lower(), model.relpath))
    return dict(claims)


def sibling_archive(model: ModelDir) -> str | None:
    """The name of a `<folder>.tar.gz` beside the model directory, if there is one.

    Only the name is looked up; the archive is never opened."""
    name = model.root.name + ARCHIVE_SUFFIX
    return name if os.path.lexists(model.root.parent / name) else None

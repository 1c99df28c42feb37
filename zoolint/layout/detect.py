"""Which layout generation a model directory follows (placeholder until the layout
rules land: returns None, meaning "not determined")."""

from __future__ import annotations

from zoolint.model import ModelDir


def generation_name(model: ModelDir) -> str | None:
    return None

"""Suppression comments inside files (placeholder: the pass keeps every diagnostic).

`# zoolint: ignore[CODE]` on a YAML line, `<!-- zoolint: ignore[CODE] -->` in markdown.
"""

from __future__ import annotations

from collections.abc import Sequence

from zoolint.diagnostics import Diagnostic
from zoolint.model import ModelDir
from zoolint.rules.base import Rule


def apply_suppressions(
    diagnostics: list[Diagnostic], models: Sequence[ModelDir], enabled: Sequence[Rule]
) -> list[Diagnostic]:
    """Drop suppressed diagnostics and add ZL002 for suppressions that matched nothing."""
    return diagnostics

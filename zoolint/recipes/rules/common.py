"""What the recipes rules share: the recipe set of the rule's directory, and findings
placed at a key path of a recipe."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from zoolint.diagnostics import Finding, KeyPath
from zoolint.io.artifact import Parsed
from zoolint.recipes.document import RecipeDoc
from zoolint.recipes.evaluate import is_eval_string
from zoolint.recipes.load import RecipeSet, recipes
from zoolint.rules.base import RuleContext

VALUE_PREVIEW_CHARS = 60


def recipe_set(ctx: RuleContext) -> RecipeSet:
    """The recipes of the rule's directory (rules list `recipes` in their needs)."""
    state = recipes(ctx.model)
    return state.value if isinstance(state, Parsed) else RecipeSet()


def at(
    doc: RecipeDoc,
    message: str,
    key_path: KeyPath,
    hint: str | None = None,
    prefer_key: bool = False,
) -> Finding:
    """A finding about the value (or key) at `key_path` of a recipe."""
    line, column = doc.locate(key_path, prefer_key=prefer_key)
    return Finding(
        message,
        path=doc.path,
        line=line,
        column=column,
        key_path=key_path or None,
        hint=hint,
    )


def walk_values(value: Any, path: KeyPath) -> Iterator[tuple[KeyPath, Any]]:
    """Every scalar below `value`, with its key path (iteratively: recipes may nest)."""
    stack: list[tuple[KeyPath, Any]] = [(path, value)]
    while stack:
        current_path, current = stack.pop()
        if isinstance(current, dict):
            stack.extend(((*current_path, key), item) for key, item in reversed(list(current.items())))
        elif isinstance(current, list):
            stack.extend(((*current_path, index), item) for index, item in reversed(list(enumerate(current))))
        else:
            yield current_path, current


def preview(value: Any) -> str:
    """A value as it reads in a message, shortened."""
    text = repr(value)
    if len(text) > VALUE_PREVIEW_CHARS:
        text = text[: VALUE_PREVIEW_CHARS - 3] + "..."
    return text


def spelled(raw: Any, value: float) -> str:
    """A resolved number as the message shows it: `eval(a + 1) = 53`, or `53`."""
    number = format_number(value)
    if is_eval_string(raw):
        return f"{str(raw).strip()} = {number}"
    return number


def format_number(value: float) -> str:
    """`90` rather than `90.0`, `0.95` as written."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)

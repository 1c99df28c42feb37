"""Small rules for testing configuration and suppressions without the real families.

FAKE001 and FAKE002 read every text artifact through `ModelDir.text` (as real rules
do) and report each line holding a word, with line and column.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from zoolint.config.section import ConfigSection
from zoolint.diagnostics import Finding, Severity
from zoolint.io.artifact import Parsed
from zoolint.rules import meta
from zoolint.rules.base import Rule, RuleContext, rule


def _lines_with(ctx: RuleContext, word: str) -> Iterator[Finding]:
    for entry in ctx.model.walk():
        if not entry.is_file or not entry.relpath.endswith((".md", ".yaml", ".yml")):
            continue
        text = ctx.model.text(entry.relpath)
        if not isinstance(text, Parsed):
            continue
        for number, line in enumerate(text.value.split("\n"), start=1):
            column = line.find(word)
            if column != -1:
                yield Finding(f"line says {word}", entry.relpath, number, column + 1)


@rule(code="FAKE001", name="fake-bad", summary="A line says BAD.", severity=Severity.ERROR)
def fake_bad(ctx: RuleContext) -> Iterator[Finding]:
    """Reports lines that say BAD."""
    yield from _lines_with(ctx, "BAD")


@rule(code="FAKE002", name="fake-todo", summary="A line says TODO.", severity=Severity.WARNING)
def fake_todo(ctx: RuleContext) -> Iterator[Finding]:
    """Reports lines that say TODO."""
    yield from _lines_with(ctx, "TODO")


@rule(
    code="FAKE003",
    name="fake-off",
    summary="A line says OFF (off by default).",
    severity=Severity.INFO,
    default_enabled=False,
)
def fake_off(ctx: RuleContext) -> Iterator[Finding]:
    """Reports lines that say OFF; off unless selected."""
    yield from _lines_with(ctx, "OFF")


class LengthOptions(ConfigSection):
    """Options of FAKE010."""

    max_length: int = Field(80, gt=0, description="Longest line allowed.")
    words: list[str] = Field(default_factory=list, description="Words to look for.")


@rule(
    code="FAKE010",
    name="fake-long-line",
    summary="A line is longer than max-length.",
    severity=Severity.WARNING,
    options=LengthOptions,
)
def fake_long_line(ctx: RuleContext[LengthOptions]) -> Iterator[Finding]:
    """Reports lines longer than `max-length`."""
    for entry in ctx.model.walk():
        if not entry.is_file or not entry.relpath.endswith((".md", ".yaml", ".yml")):
            continue
        text = ctx.model.text(entry.relpath)
        if not isinstance(text, Parsed):
            continue
        for number, line in enumerate(text.value.split("\n"), start=1):
            if len(line) > ctx.options.max_length:
                yield Finding(
                    f"line is {len(line)} characters long (max-length {ctx.options.max_length})",
                    entry.relpath,
                    number,
                    ctx.options.max_length + 1,
                )


@rule(code="OTHER001", name="other-rule", summary="Never reports.", severity=Severity.ERROR)
def other_rule(ctx: RuleContext) -> Iterator[Finding]:
    """Never reports anything."""
    return iter(())


FAKE_RULES: list[Rule] = [fake_bad, fake_todo, fake_off, fake_long_line, other_rule]
RULES: list[Rule] = [*meta.RULES, *FAKE_RULES]

"""The human report: diagnostics grouped by model directory, then a summary line.

    zoo/cv/.../pruned95-none  (layout: documented)
    zoo/cv/.../pruned95-none/model.md:3:1: CARD001 [error] frontmatter has no 'domain'
        hint: add `domain: cv`

Each diagnostic line starts with `path:line:col:` relative to the working directory,
so terminals and editors link it. Colour is added only when asked (the command line
asks on a terminal); the words carry the same information without it.
"""

from __future__ import annotations

from pathlib import Path

import click

from zoolint.diagnostics import Diagnostic, Severity, format_key_path
from zoolint.engine import ModelSummary, Report
from zoolint.reporters.common import (
    affected_count,
    by_model,
    diagnostic_location,
    plural,
    printable,
    relative_path,
    scope_phrase,
)

SEVERITY_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def _style(text: str, color: bool, **styles: object) -> str:
    return click.style(text, **styles) if color else text  # type: ignore[arg-type]


def _header(root: Path, summary: ModelSummary | None, base: Path, color: bool) -> str:
    if summary is not None and summary.loose_file is not None:
        name = printable(relative_path(root / summary.loose_file, base))
        return _style(name, color, bold=True) + "  (not inside a model directory)"
    # The path already spells the stub, when it is one; the layout is news.
    suffix = f"  (layout: {summary.layout})" if summary is not None and summary.layout else ""
    return _style(printable(relative_path(root, base)), color, bold=True) + suffix


def _diagnostic_lines(diagnostic: Diagnostic, base: Path, color: bool) -> list[str]:
    severity = diagnostic.severity
    code = _style(diagnostic.code, color, fg=SEVERITY_COLOURS[severity], bold=True)
    tag = _style(f"[{severity.value}]", color, fg=SEVERITY_COLOURS[severity])
    where = printable(diagnostic_location(diagnostic, base))
    line = f"{where}: {code} {tag} {printable(diagnostic.message)}"
    key_path = format_key_path(diagnostic.key_path)
    if key_path and diagnostic.line is None:
        line += f" (at {printable(key_path)})"
    lines = [line]
    if diagnostic.hint:
        lines.append("    " + _style(f"hint: {printable(diagnostic.hint)}", color, fg="cyan"))
    return lines


def summary_line(report: Report, color: bool = False) -> str:
    """One line saying what was found, in how many of the directories looked at."""
    errors = report.count(Severity.ERROR)
    warnings = report.count(Severity.WARNING)
    infos = report.count(Severity.INFO)
    if not report.diagnostics:
        text = _style("No problems", color, fg="green", bold=True)
        line = f"{text} in {scope_phrase(report)}."
    else:
        affected = affected_count(report)
        counts = ", ".join(
            [plural(errors, "error"), plural(warnings, "warning"), plural(infos, "info")]
        )
        fg = "red" if errors else "yellow" if warnings else "blue"
        found = _style("Found", color, fg=fg, bold=True)
        line = f"{found} {counts} in {affected} of {scope_phrase(report)}."
    if report.internal_errors:
        line += (
            f" {plural(report.internal_errors, 'internal error')} (a bug in zoolint:"
            " please report it)."
        )
    return line


def render_text(report: Report, base: Path, color: bool = False) -> str:
    blocks: list[str] = []
    for root, summary, diagnostics in by_model(report):
        if not diagnostics:
            continue  # a zoo of thousands: name only the directories with findings
        lines = [_header(root, summary, base, color)]
        for diagnostic in diagnostics:
            lines.extend(_diagnostic_lines(diagnostic, base, color))
        blocks.append("\n".join(lines))
    blocks.append(summary_line(report, color))
    return "\n\n".join(blocks) + "\n"

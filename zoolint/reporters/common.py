"""Small helpers every reporter shares: paths relative to a base, counts, groups.

Reporters only format a `Report`; nothing here reads the checked tree.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from zoolint.diagnostics import Diagnostic, Severity
from zoolint.engine import ModelSummary, Report


def relative_path(path: Path, base: Path) -> str:
    """`path` relative to `base` with POSIX separators (".." when it lies outside)."""
    # Plain string work: this runs for every diagnostic of zoos with thousands of them.
    text, root = str(path), str(base)
    if text == root:
        return "."
    prefix = root if root.endswith(os.sep) else root + os.sep
    if text.startswith(prefix):
        return text[len(prefix) :].replace(os.sep, "/")
    return Path(os.path.relpath(path, base)).as_posix()


def diagnostic_location(diagnostic: Diagnostic, base: Path) -> str:
    """`path:line:col` as editors and terminals link it; parts that are unknown are left out."""
    where = relative_path(diagnostic.file, base)
    if diagnostic.line is not None:
        where += f":{diagnostic.line}"
        if diagnostic.column is not None:
            where += f":{diagnostic.column}"
    return where


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {many or word + 's'}"


@dataclass(frozen=True)
class CodeCount:
    """One line of `--statistics`: how often a rule reported."""

    code: str
    name: str
    severity: Severity
    count: int


def statistics(report: Report) -> list[CodeCount]:
    """Diagnostics counted per code, most frequent first (then by code)."""
    counts = Counter(d.code for d in report.diagnostics)
    first: dict[str, Diagnostic] = {}
    for diagnostic in report.diagnostics:
        first.setdefault(diagnostic.code, diagnostic)
    rows = [
        CodeCount(code, first[code].name, first[code].severity, count)
        for code, count in counts.items()
    ]
    return sorted(rows, key=lambda row: (-row.count, row.code))


def render_statistics(report: Report) -> str:
    rows = statistics(report)
    if not rows:
        return "No diagnostics.\n"
    width = max(len(str(row.count)) for row in rows)
    code_width = max(len(row.code) for row in rows)
    name_width = max(len(row.name) for row in rows)
    lines = [
        f"{row.count:>{width}}  {row.code:<{code_width}}  {row.name:<{name_width}}"
        f"  [{row.severity.value}]"
        for row in rows
    ]
    return "\n".join(lines) + "\n"


# A linted unit: a model directory (root, None) or a loose file (its folder, its name).
GroupKey = tuple[Path, str | None]


def group_key(diagnostic: Diagnostic, loose: set[GroupKey]) -> GroupKey:
    """Which linted unit a diagnostic belongs to. Loose files of one folder share its
    path as `model_root`, so the file's name tells them apart."""
    key = (diagnostic.model_root, diagnostic.path)
    return key if key in loose else (diagnostic.model_root, None)


def by_model(report: Report) -> Iterator[tuple[Path, ModelSummary | None, list[Diagnostic]]]:
    """Each linted directory (or loose file) with its diagnostics, in report order.

    Directories without diagnostics are included; a diagnostic whose directory is not
    among the report's models (it should not happen) still gets a group of its own.
    """
    summaries: dict[GroupKey, ModelSummary] = {
        (summary.root, summary.loose_file): summary for summary in report.models
    }
    loose = {key for key in summaries if key[1] is not None}
    groups: dict[GroupKey, list[Diagnostic]] = {key: [] for key in summaries}
    for diagnostic in report.diagnostics:
        groups.setdefault(group_key(diagnostic, loose), []).append(diagnostic)
    for key in sorted(groups, key=lambda key: (str(key[0]), key[1] or "")):
        yield key[0], summaries.get(key), groups[key]


def affected_count(report: Report) -> int:
    """How many linted directories and loose files have at least one diagnostic."""
    loose: set[GroupKey] = {(s.root, s.loose_file) for s in report.models if s.loose_file is not None}
    return len({group_key(diagnostic, loose) for diagnostic in report.diagnostics})


def scope_phrase(report: Report) -> str:
    """'3 model directories and 1 loose file': what a run looked at."""
    loose = sum(1 for summary in report.models if summary.loose_file is not None)
    models = len(report.models) - loose
    if loose and not models:
        return plural(loose, "loose file")
    phrase = plural(models, "model directory", "model directories")
    if loose:
        phrase += " and " + plural(loose, "loose file")
    return phrase


# C0/C1 control characters, and lone surrogates (undecodable bytes in file names):
# a hostile upload must not be able to drive the terminal, forge CI log commands or
# make the XML report unparsable through a file name or a value quoted in a message.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def printable(text: str) -> str:
    """`text` with control characters and lone surrogates written as `\\xNN` escapes."""
    return _UNPRINTABLE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"

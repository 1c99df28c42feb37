"""Suppression comments inside files, and ZL002 for the ones that suppress nothing.

    num_epochs: 10  # zoolint: ignore[RCP004]              (YAML, this line)
    # zoolint: ignore[RCP004, sparsity-range]              (YAML, the next line)
    <!-- zoolint: ignore[CARD007] -->                      (markdown body)
    # zoolint: ignore-file[CARD007]                         (anywhere: the whole file)

- Where: `*.md`, `*.yaml` and `*.yml` files of a model directory. In YAML files and in
  a markdown file's frontmatter, a `#` comment; in a markdown body, an HTML comment on
  one line. A `#` inside a quoted or block scalar, or a comment inside a code block or
  code span, is content, not a comment (`zoolint.io.comments`).
- Which line: a comment after content speaks about its own line; a comment alone on
  its line speaks about the next line with content. `ignore-file` covers the file.
- What: rule codes or names, comma-separated, matched exactly. Prefixes (`CARD`) are
  not accepted: a comment should not silence more than its author looked at; use
  `per-path-ignores` in the configuration for that.
- Line suppressions only apply to diagnostics that carry a line in that file;
  `ignore-file` applies to every diagnostic about the file.
- ZL002 (when enabled) reports, at the comment, each code that suppressed nothing,
  names that are no rule, and malformed `zoolint: ignore` comments. A code whose rule
  is not enabled in this run is not reported: its suppression may be needed elsewhere.

Files are read only through `ModelDir.text`, the cache the rules read through, so a
file is read once per run; a text without `zoolint:` in it is not scanned further. A
parallel run (`zoolint.parallel`) gathers each directory's comments with `prescan` in
the worker process that holds its texts, and hands them to `apply_suppressions`, which
then neither lists nor reads those directories again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from zoolint.config.errors import did_you_mean
from zoolint.diagnostics import Diagnostic, Severity
from zoolint.io.artifact import Parsed
from zoolint.io.comments import Comment, markdown_comments, yaml_comments
from zoolint.model import ModelDir
from zoolint.rules.base import Rule

UNUSED_CODE = "ZL002"
UNUSED_NAME = "unused-suppression"
SCANNED_SUFFIXES = (".md", ".yaml", ".yml")

_MARKER = re.compile(r"zoolint:\s*(?P<word>[A-Za-z-]*)")
_CODES = re.compile(r"\s*\[(?P<codes>[^\]\[]*)\]")
_DIRECTIVES = ("ignore", "ignore-file")


@dataclass
class Entry:
    """One code or name of a suppression comment."""

    selector: str
    rule: Rule | None
    used: bool = False


@dataclass
class Suppression:
    """One `zoolint: ignore[...]` of a comment, or a malformed one (`entries` empty)."""

    comment: Comment
    file_level: bool
    entries: list[Entry] = field(default_factory=list)
    malformed: str | None = None

    def covers(self, diagnostic: Diagnostic) -> bool:
        if self.file_level:
            return True
        return diagnostic.line is not None and diagnostic.line == self.comment.target


def parse_suppressions(comment: Comment, rules: Mapping[str, Rule]) -> list[Suppression]:
    """The suppressions a comment holds. `rules` maps codes and names to rules."""
    found = []
    for marker in _MARKER.finditer(comment.text):
        word = marker.group("word")
        codes = _CODES.match(comment.text, marker.end())
        if word not in _DIRECTIVES and codes is None:
            continue  # prose that mentions zoolint, not a directive
        selectors = [s.strip() for s in codes.group("codes").split(",")] if codes else []
        selectors = [s for s in selectors if s]
        suppression = Suppression(comment, file_level=word == "ignore-file")
        if word not in _DIRECTIVES or not selectors:
            suppression.malformed = marker.group(0) + (codes.group(0) if codes else "")
        else:
            suppression.entries = [Entry(s, rules.get(s)) for s in selectors]
        found.append(suppression)
    return found


def _comments(relpath: str, text: str) -> list[Comment]:
    if relpath.lower().endswith(".md"):
        return markdown_comments(text)
    return yaml_comments(text)


def _scannable(relpath: str) -> bool:
    return relpath.lower().endswith(SCANNED_SUFFIXES)


def file_comments(model: ModelDir, relpath: str) -> tuple[Comment, ...]:
    """The marker comments of one file of `model` (none for a file that is not text
    zoolint scans, or cannot be read)."""
    if not _scannable(relpath):
        return ()
    text = model.text(relpath)
    return tuple(_comments(relpath, text.value)) if isinstance(text, Parsed) else ()


def scanned_files(model: ModelDir) -> list[str]:
    """The files whose unused suppressions are reported: every text file of the
    directory (in listing order), or the one file of a loose-file target."""
    if model.only_file is not None:
        return [model.only_file]
    return [entry.relpath for entry in model.walk() if entry.is_file and _scannable(entry.relpath)]


@dataclass
class Prescan:
    """One directory's suppression comments, gathered where its texts are cached.

    `comments` maps relpaths to their marker comments (mostly none); `files` is
    `scanned_files(model)` when unused suppressions are reported, else None.
    Plain data: it travels back from a worker process."""

    comments: dict[str, tuple[Comment, ...]]
    files: list[str] | None


def prescan(model: ModelDir, relpaths: Iterable[str], every_file: bool) -> Prescan:
    """The comments of `relpaths` (the files a directory's diagnostics name) and, with
    `every_file` (ZL002 enabled), of every file `scanned_files` lists."""
    files = scanned_files(model) if every_file else None
    comments: dict[str, tuple[Comment, ...]] = {}
    for relpath in [*(files or ()), *relpaths]:
        if relpath not in comments and _scannable(relpath):
            comments[relpath] = file_comments(model, relpath)
    return Prescan(comments, files)


@dataclass
class _File:
    model: ModelDir
    relpath: str
    suppressions: list[Suppression]


class _Index:
    """Suppressions by absolute file path, each file scanned once."""

    def __init__(
        self,
        models: Sequence[ModelDir],
        rules: Mapping[str, Rule],
        prescanned: Mapping[Path, Prescan],
    ) -> None:
        self.rules = rules
        self.prescanned = prescanned  # by model root
        # Deepest first: a file belongs to the innermost model directory holding it.
        self.models = sorted(models, key=lambda model: len(model.root.parts), reverse=True)
        self.by_root = {model.root: model for model in models}
        self.files: dict[Path, _File | None] = {}

    def owner(self, diagnostic: Diagnostic) -> tuple[ModelDir, str] | None:
        model = self.by_root.get(diagnostic.model_root)
        if model is not None:
            return model, diagnostic.path
        path = diagnostic.file
        for model in self.models:
            if model.root in path.parents:
                return model, path.relative_to(model.root).as_posix()
        return None

    def scan(self, model: ModelDir, relpath: str) -> _File | None:
        path = model.root / relpath
        if path not in self.files:
            self.files[path] = None
            known = self.prescanned.get(model.root)
            if known is not None and relpath in known.comments:
                comments = known.comments[relpath]
            else:
                comments = file_comments(model, relpath)
            suppressions = [
                suppression
                for comment in comments
                for suppression in parse_suppressions(comment, self.rules)
            ]
            if suppressions:
                self.files[path] = _File(model, relpath, suppressions)
        return self.files[path]

    def scan_everything(self) -> None:
        """Every text artifact of every model, for unused suppressions."""
        for model in self.models:
            known = self.prescanned.get(model.root)
            files = known.files if known is not None and model.only_file is None else None
            for relpath in files if files is not None else scanned_files(model):
                self.scan(model, relpath)


def apply_suppressions(
    diagnostics: list[Diagnostic],
    models: Sequence[ModelDir],
    enabled: Sequence[Rule],
    *,
    known: Sequence[Rule] | None = None,
    severities: Mapping[str, Severity] | None = None,
    prescanned: Mapping[Path, Prescan] | None = None,
) -> list[Diagnostic]:
    """Drop suppressed diagnostics and add ZL002 for suppressions that matched nothing.

    `enabled` are the rules of this run; `known` every rule there is (default:
    `enabled`), to tell a deselected rule from a name that is no rule at all;
    `severities` the configured severity by code (for ZL002); `prescanned` the
    comments already gathered (`prescan`), by model root: a file found there is not
    read again, and a directory's `files` are not listed again.
    """
    known = list(known) if known is not None else list(enabled)
    rules = {rule.code: rule for rule in known} | {rule.name: rule for rule in known}
    enabled_codes = {rule.code for rule in enabled}
    report_unused = UNUSED_CODE in enabled_codes
    index = _Index(models, rules, prescanned or {})

    kept = []
    for diagnostic in diagnostics:
        owner = index.owner(diagnostic)
        scanned = index.scan(*owner) if owner is not None else None
        if scanned is None or not _suppressed(diagnostic, scanned.suppressions):
            kept.append(diagnostic)
    if report_unused:
        index.scan_everything()
        severity = (severities or {}).get(UNUSED_CODE) or _severity(known)
        for scanned in index.files.values():
            if scanned is not None:
                kept.extend(_unused(scanned, enabled_codes, rules, severity))
    return kept


def _suppressed(diagnostic: Diagnostic, suppressions: list[Suppression]) -> bool:
    """Whether a suppression covers `diagnostic`; marks every entry that does as used."""
    hit = False
    for suppression in suppressions:
        if not suppression.covers(diagnostic):
            continue
        for entry in suppression.entries:
            if entry.rule is not None and entry.rule.code == diagnostic.code:
                entry.used = hit = True
    return hit


def _severity(known: Sequence[Rule]) -> Severity:
    rule = next((rule for rule in known if rule.code == UNUSED_CODE), None)
    return rule.severity if rule is not None else Severity.WARNING


def _problems(
    suppression: Suppression, enabled_codes: set[str], rules: Mapping[str, Rule]
) -> Iterator[tuple[str, str]]:
    """(message, hint) for each thing a suppression gets wrong."""
    if suppression.malformed is not None:
        yield (
            f"malformed suppression {suppression.malformed!r}: expected"
            " 'zoolint: ignore[CODE, ...]' or 'zoolint: ignore-file[CODE, ...]'",
            "name the rules, by code or name, in square brackets",
        )
        return
    for entry in suppression.entries:
        if entry.rule is None:
            yield (
                f"suppression names {entry.selector!r}, which is no rule code or name"
                + did_you_mean(entry.selector, rules),
                "suppressions name rules exactly, by code or name; prefixes are not accepted",
            )
        elif entry.rule.code in enabled_codes and not entry.used:
            rule = f"{entry.rule.code} ({entry.rule.name})"
            if suppression.file_level:
                where = "in this file"
            elif suppression.comment.target is None:
                where = "(no line with content follows the comment)"
            else:
                where = f"on line {suppression.comment.target}"
            yield (
                f"unused suppression: {rule} reported nothing {where}",
                f"remove {entry.selector} from the comment",
            )


def _unused(
    scanned: _File, enabled_codes: set[str], rules: Mapping[str, Rule], severity: Severity
) -> Iterator[Diagnostic]:
    for suppression in scanned.suppressions:
        for message, hint in _problems(suppression, enabled_codes, rules):
            yield Diagnostic(
                code=UNUSED_CODE,
                name=UNUSED_NAME,
                severity=severity,
                message=message,
                model_root=scanned.model.root,
                path=scanned.relpath,
                line=suppression.comment.line,
                column=suppression.comment.column,
                hint=hint,
            )

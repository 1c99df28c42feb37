"""Comments in YAML and markdown text, found the way each format's parser sees them.

Used by suppression comments (`zoolint.suppressions`). Only comments that contain a
marker (`zoolint:`) are returned, and a text without the marker is not scanned at all,
so the cost falls on the few files that carry suppressions.

- YAML: a `#` is a comment only outside every token. The PyYAML scanner (libyaml when
  available) gives each token's span, so a `#` inside a quoted or block scalar is
  content, exactly as the parser reads it. If the scanner stops on a syntax error,
  lines past the last token are read with a quote-aware fallback.
- Markdown: `<!-- ... -->` on one line, outside fenced and indented code blocks (found
  with markdown-it) and outside inline code spans. In a file with YAML frontmatter,
  the frontmatter is YAML: its comments are `#` comments.

A comment that shares its line with content speaks about that line; a comment alone on
its line speaks about the next line with content (blank lines and other comment-only
lines in between are skipped).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import yaml
from markdown_it import MarkdownIt

from zoolint.io.frontmatter import Frontmatter, split_frontmatter

try:  # libyaml is much faster on large files; token spans are the same
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

MARKER = "zoolint:"


@dataclass(frozen=True)
class Comment:
    """A comment: where its marker (`#`, `<!--`) stands (1-based), its text without
    the markers, and the line it speaks about (None: no line with content follows)."""

    line: int
    column: int
    text: str
    target: int | None


# --- YAML --------------------------------------------------------------------------


class _YamlTokens:
    """Spans of a YAML text's tokens, to tell a comment's `#` from content."""

    def __init__(self, text: str) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        # Offsets from here on were not scanned (a syntax error stopped the scanner).
        self.known_until = len(text) + 1
        spans = []
        last_end = 0
        try:
            for token in yaml.scan(text, Loader=_Loader):
                start, end = token.start_mark.index, token.end_mark.index
                if isinstance(token, yaml.ScalarToken) and token.style in ("|", ">"):
                    # The header line (`key: |  # note`) may carry a real comment;
                    # the content starts on the next line.
                    newline = text.find("\n", start)
                    start = len(text) if newline == -1 else newline + 1
                if end > start:
                    spans.append((start, end))
                last_end = max(last_end, end)
        except yaml.YAMLError:
            self.known_until = last_end
        spans.sort()
        self.starts = [start for start, _ in spans]
        self.ends = [end for _, end in spans]

    def inside(self, offset: int) -> bool:
        index = bisect.bisect_right(self.starts, offset) - 1
        return index >= 0 and offset < self.ends[index]


def _fallback_comment_start(line: str) -> int | None:
    """Where a comment starts on a line the scanner did not reach: the first `#` at the
    line's start or after a blank, outside quotes (a quote opens only where a scalar
    can start, so the apostrophe in `it's` is not one)."""
    quote: str | None = None
    index = 0
    while index < len(line):
        char = line[index]
        before = line[index - 1] if index else " "
        if quote == '"':
            if char == "\\":
                index += 1
            elif char == '"':
                quote = None
        elif quote == "'":
            if char == "'" and line[index + 1 : index + 2] == "'":
                index += 1
            elif char == "'":
                quote = None
        elif char in "\"'" and before in " \t[{,":
            quote = char
        elif char == "#" and before in " \t":
            return index
        index += 1
    return None


class _YamlText:
    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        self.offsets = [0]
        for line in self.lines[:-1]:
            self.offsets.append(self.offsets[-1] + len(line) + 1)
        self.tokens = _YamlTokens(text)

    def comment_start(self, number: int) -> int | None:
        """Index in line `number` (0-based) of the `#` that starts its comment."""
        line, offset = self.lines[number], self.offsets[number]
        for index, char in enumerate(line):
            if char != "#":
                continue
            if offset + index >= self.tokens.known_until:
                return _fallback_comment_start(line)
            if not self.tokens.inside(offset + index):
                return index
        return None

    def is_blank_or_comment(self, number: int) -> bool:
        stripped = self.lines[number].strip()
        if not stripped:
            return True
        start = self.comment_start(number) if stripped.startswith("#") else None
        return start is not None and not self.lines[number][:start].strip()

    def next_content_line(self, number: int) -> int | None:
        for candidate in range(number + 1, len(self.lines)):
            if not self.is_blank_or_comment(candidate):
                return candidate
        return None


def yaml_comments(text: str, line_offset: int = 0, marker: str = MARKER) -> list[Comment]:
    """Comments containing `marker` in a YAML text whose first line is line
    `line_offset + 1` of its file."""
    if marker not in text:
        return []
    doc = _YamlText(text)
    found = []
    for number, line in enumerate(doc.lines):
        if marker not in line:
            continue
        start = doc.comment_start(number)
        if start is None:
            continue
        body = line[start + 1 :].rstrip("\r")
        if marker not in body:
            continue
        alone = not line[:start].strip()
        target = doc.next_content_line(number) if alone else number
        found.append(
            Comment(
                line=number + 1 + line_offset,
                column=start + 1,
                text=body.strip(),
                target=None if target is None else target + 1 + line_offset,
            )
        )
    return found


# --- Markdown ----------------------------------------------------------------------

_HTML_COMMENT = re.compile(r"<!--(.*?)-->")
_ONLY_HTML_COMMENTS = re.compile(r"^[ \t]*(?:<!--.*?-->[ \t]*)+\r?$")


def _code_block_lines(text: str) -> set[int]:
    """0-based lines inside fenced or indented code blocks (fences included)."""
    lines: set[int] = set()
    for token in MarkdownIt("commonmark").parse(text):
        if token.type in ("fence", "code_block") and token.map:
            lines.update(range(*token.map))
    return lines


def _in_code_span(line: str, position: int) -> bool:
    """Whether `position` falls inside an inline code span (`` `...` ``) of `line`."""
    index = 0
    while index < len(line) and index <= position:
        if line[index] == "\\":
            index += 2
            continue
        if line[index] != "`":
            index += 1
            continue
        run_end = index
        while run_end < len(line) and line[run_end] == "`":
            run_end += 1
        run = run_end - index
        close = run_end
        while close < len(line):
            if line[close] != "`":
                close += 1
                continue
            close_end = close
            while close_end < len(line) and line[close_end] == "`":
                close_end += 1
            if close_end - close == run:
                break
            close = close_end
        if close >= len(line):  # an unmatched run of backticks is literal text
            index = run_end
            continue
        if index <= position < close + run:
            return True
        index = close + run
    return False


def markdown_comments(text: str, marker: str = MARKER) -> list[Comment]:
    """Comments containing `marker` in a markdown file: HTML comments in the body,
    `#` comments in the YAML frontmatter."""
    if marker not in text:
        return []
    lines = text.split("\n")
    found: list[Comment] = []
    yaml_lines: range = range(0)
    split = split_frontmatter(text, allow_leading_comments=True)
    if isinstance(split, Frontmatter) and split.present:
        # From the opening `---` to the closing one, 0-based.
        yaml_lines = range(split.yaml_first_line - 2, split.body_first_line - 1)
        found += yaml_comments(split.yaml_text, line_offset=split.yaml_first_line - 1, marker=marker)
    masked = ["" if number in yaml_lines else line for number, line in enumerate(lines)]
    code = _code_block_lines("\n".join(masked))

    def comment_only(number: int) -> bool:
        line = masked[number]
        return not line.strip() or (number not in code and bool(_ONLY_HTML_COMMENTS.match(line)))

    for number, line in enumerate(masked):
        if marker not in line or number in code:
            continue
        for match in _HTML_COMMENT.finditer(line):
            if marker not in match.group(1) or _in_code_span(line, match.start()):
                continue
            alone = bool(_ONLY_HTML_COMMENTS.match(line))
            target: int | None = number
            if alone:
                target = next(
                    (n for n in range(number + 1, len(masked)) if not comment_only(n)), None
                )
            found.append(
                Comment(
                    line=number + 1,
                    column=match.start() + 1,
                    text=match.group(1).strip(),
                    target=None if target is None else target + 1,
                )
            )
    found.sort(key=lambda comment: (comment.line, comment.column))
    return found

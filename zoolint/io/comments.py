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
from collections.abc import Callable, Iterator
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

    def end_of_token_at(self, offset: int) -> int | None:
        """The end of the token that `offset` falls inside, or None (not in a token)."""
        index = bisect.bisect_right(self.starts, offset) - 1
        if index >= 0 and offset < self.ends[index]:
            return self.ends[index]
        return None


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
        index = line.find("#")
        while index != -1:
            if offset + index >= self.tokens.known_until:
                return _fallback_comment_start(line)
            end = self.tokens.end_of_token_at(offset + index)
            if end is None:
                return index
            index = line.find("#", max(index + 1, end - offset))
        return None

    def is_blank_or_comment(self, number: int) -> bool:
        stripped = self.lines[number].strip()
        if not stripped:
            return True
        start = self.comment_start(number) if stripped.startswith("#") else None
        return start is not None and not self.lines[number][:start].strip()

    def next_content_lines(self) -> list[int | None]:
        """For each line, the next line with content after it (one backward pass, so
        a file of many comment lines costs no more than reading it)."""
        return _next_content(len(self.lines), self.is_blank_or_comment)


def _next_content(count: int, skip: Callable[[int], bool]) -> list[int | None]:
    following: list[int | None] = [None] * count
    upcoming: int | None = None
    for number in range(count - 1, -1, -1):
        following[number] = upcoming
        if not skip(number):
            upcoming = number
    return following


def yaml_comments(text: str, line_offset: int = 0, marker: str = MARKER) -> list[Comment]:
    """Comments containing `marker` in a YAML text whose first line is line
    `line_offset + 1` of its file."""
    if marker not in text:
        return []
    doc = _YamlText(text)
    raw: list[tuple[int, int, str, bool]] = []  # line, column of '#', text, alone
    for number, line in enumerate(doc.lines):
        if marker not in line:
            continue
        start = doc.comment_start(number)
        if start is None:
            continue
        body = line[start + 1 :].rstrip("\r")
        if marker in body:
            raw.append((number, start, body.strip(), not line[:start].strip()))
    following = doc.next_content_lines() if any(alone for *_, alone in raw) else []
    found = []
    for number, start, body, alone in raw:
        target = following[number] if alone else number
        found.append(
            Comment(
                line=number + 1 + line_offset,
                column=start + 1,
                text=body,
                target=None if target is None else target + 1 + line_offset,
            )
        )
    return found


# --- Markdown ----------------------------------------------------------------------

def _html_comments(line: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, text) of each `<!-- ... -->` on a line, in one linear pass."""
    position = 0
    while True:
        start = line.find("<!--", position)
        if start == -1:
            return
        end = line.find("-->", start + 4)
        if end == -1:
            return
        yield start, end + 3, line[start + 4 : end]
        position = end + 3


def _only_html_comments(line: str) -> bool:
    """Whether the line holds HTML comments and nothing else but blanks."""
    position = len(line) - len(line.lstrip())
    if not line.startswith("<!--", position):
        return False
    for _, end, _ in _html_comments(line):
        if line[position:end].lstrip()[:4] != "<!--":
            return False
        position = end
    return not line[position:].strip()


# Block structure only: inline parsing is not needed to find code blocks, and is the
# part that hostile inputs (long runs of backticks) make slow.
_BLOCKS = MarkdownIt("commonmark").disable(["inline", "text_join"])


def _code_block_lines(text: str) -> set[int]:
    """0-based lines inside fenced or indented code blocks (fences included)."""
    lines: set[int] = set()
    for token in _BLOCKS.parse(text):
        if token.type in ("fence", "code_block") and token.map:
            lines.update(range(*token.map))
    return lines


_RUN = re.compile(r"`+")
_RUN_OR_ESCAPE = re.compile(r"`+|\\[!-/:-@\[-`{-~]")


def code_spans(line: str) -> list[tuple[int, int]]:
    """(start, end) of each inline code span of a line, as CommonMark reads them: a
    backtick run opens a span closed by the next run of the same length (an unmatched
    run is literal); a backslash escapes a backtick outside spans, not inside them."""
    closers: dict[int, list[int]] = {}  # run length -> starts of the runs, in order
    for run in _RUN.finditer(line):
        closers.setdefault(run.end() - run.start(), []).append(run.start())
    spans = []
    position = 0
    while (match := _RUN_OR_ESCAPE.search(line, position)) is not None:
        position = match.end()
        if match.group().startswith("\\"):
            continue  # an escaped character outside a span
        length = match.end() - match.start()
        starts = closers[length]
        found = bisect.bisect_left(starts, match.end())
        if found < len(starts):  # else no closer: the run is text
            spans.append((match.start(), starts[found] + length))
            position = starts[found] + length
    return spans


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
    raw: list[tuple[int, int, str, bool]] = []
    for number, line in enumerate(masked):
        if marker not in line or number in code:
            continue
        spans = code_spans(line) if "`" in line else []
        starts = [start for start, _ in spans]
        alone = _only_html_comments(line)
        for start, _, body in _html_comments(line):
            span = bisect.bisect_right(starts, start) - 1
            if marker not in body or (span >= 0 and start < spans[span][1]):
                continue
            raw.append((number, start, body.strip(), alone))
    following: list[int | None] = []
    if any(alone for *_, alone in raw):

        def comment_only(number: int) -> bool:
            line = masked[number]
            return not line.strip() or (number not in code and _only_html_comments(line))

        following = _next_content(len(masked), comment_only)
    for number, start, body, alone in raw:
        target = following[number] if alone else number
        found.append(Comment(number + 1, start + 1, body, None if target is None else target + 1))
    found.sort(key=lambda comment: (comment.line, comment.column))
    return found

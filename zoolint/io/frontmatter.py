"""Split a markdown file into its YAML frontmatter and its body, exactly.

Frontmatter is only recognised at the top of the file: the first line is `---`, and
it ends at the next line that is exactly `---` (or `...`). Recipes may put HTML
comments (a licence) and blank lines before it; model cards may not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DELIMITER = re.compile(r"^---[ \t]*$")
_END = re.compile(r"^(---|\.\.\.)[ \t]*$")


@dataclass(frozen=True)
class Frontmatter:
    """`yaml_text` starts on line `yaml_first_line` (1-based) of the file; the body on
    `body_first_line`. `present` is False when the file has no frontmatter at all."""

    present: bool
    yaml_text: str
    yaml_first_line: int
    body: str
    body_first_line: int


@dataclass(frozen=True)
class FrontmatterError:
    message: str
    line: int
    column: int = 1


def _skip_leading_comments(lines: list[str]) -> int | FrontmatterError:
    """Index of the first line after blank lines and HTML comments."""
    index = 0
    while index < len(lines):
        stripped = lines[index].strip()
        if not stripped:
            index += 1
            continue
        if stripped.startswith("<!--"):
            start = index
            while "-->" not in lines[index]:
                index += 1
                if index == len(lines):
                    return FrontmatterError("HTML comment is never closed (no '-->')", start + 1)
            index += 1
            continue
        break
    return index


def split_frontmatter(text: str, allow_leading_comments: bool = False) -> Frontmatter | FrontmatterError:
    lines = text.splitlines(keepends=True)
    start = 0
    if allow_leading_comments:
        skipped = _skip_leading_comments(lines)
        if isinstance(skipped, FrontmatterError):
            return skipped
        start = skipped
    if start >= len(lines) or not _DELIMITER.match(lines[start].rstrip("\r\n")):
        return Frontmatter(False, "", 0, text, 1)
    for index in range(start + 1, len(lines)):
        if _END.match(lines[index].rstrip("\r\n")):
            return Frontmatter(
                present=True,
                yaml_text="".join(lines[start + 1 : index]),
                yaml_first_line=start + 2,
                body="".join(lines[index + 1 :]),
                body_first_line=index + 2,
            )
    return FrontmatterError(
        "frontmatter opened with '---' is never closed by a second '---' line", start + 1
    )

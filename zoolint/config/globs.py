"""Path globs of the configuration (`exclude`, `per-path-ignores`), as gitignore reads them.

Paths are relative to the configuration file's directory, with `/` separators.
- A pattern without `/` matches a file or folder name at any depth: `*.yaml`, `legacy`.
- A pattern with `/` matches from the configuration's directory (a leading `/` or `./`
  is allowed): `cv/*/resnet_v1-50`, `**/recipes/*.md`.
- `*`, `?` and `[abc]` / `[!abc]` never cross a `/`; a `**` segment matches any number
  of folders, none included.
- A pattern that matches a folder matches everything inside it.

`fnmatch` is not used as is because its `*` crosses `/`, so `cv/*.md` would match files
at any depth below `cv/`.
"""

from __future__ import annotations

import functools
import re


@functools.lru_cache(maxsize=512)
def _segment_regex(segment: str) -> str:
    """One path segment's pattern as a regular expression that never crosses `/`."""
    out: list[str] = []
    index = 0
    while index < len(segment):
        char = segment[index]
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[":
            start = index + 1
            if segment[start : start + 1] in ("!", "^"):
                start += 1
            end = segment.find("]", start + 1)  # a `]` right after `[` is literal
            if end == -1:  # an unclosed bracket is a literal, as in fnmatch
                out.append(re.escape(char))
            else:
                negate = start > index + 1
                body = "".join("\\" + c if c in "\\[]^" else c for c in segment[start:end])
                out.append(f"[{'^/' if negate else ''}{body}]")
                index = end
        else:
            out.append(re.escape(char))
        index += 1
    return "".join(out)


@functools.lru_cache(maxsize=512)
def compile_glob(pattern: str) -> tuple[bool, re.Pattern[str]]:
    """(anchored, regex): anchored patterns match whole relative paths, the others
    match single names."""
    pattern = pattern.strip()
    if pattern.startswith("./"):
        pattern = pattern[2:]
    anchored = "/" in pattern.rstrip("/")
    pattern = pattern.strip("/")
    if not anchored:
        return False, re.compile(_segment_regex(pattern))
    parts = pattern.split("/")
    regex = ""
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        if part == "**":
            regex += ".*" if last else "(?:[^/]+/)*"
        else:
            regex += _segment_regex(part) + ("" if last else "/")
    return True, re.compile(regex)


def path_matches(relpath: str, pattern: str) -> bool:
    """True when `pattern` matches `relpath` (POSIX, relative) or a folder above it."""
    parts = [part for part in relpath.split("/") if part not in ("", ".")]
    if not parts:
        return False
    anchored, regex = compile_glob(pattern)
    if not anchored:
        return any(regex.fullmatch(part) for part in parts)
    return any(regex.fullmatch("/".join(parts[: i + 1])) for i in range(len(parts)))


def any_matches(relpath: str, patterns: list[str] | tuple[str, ...]) -> bool:
    return any(path_matches(relpath, pattern) for pattern in patterns)

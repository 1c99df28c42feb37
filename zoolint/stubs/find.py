"""Finding stubs inside free text: commands, code blocks, recipe values.

A stub in text is a `zoo:` token (the prefix is what makes it a stub there; bare paths
are too ambiguous to flag). The token runs to the next whitespace, quote, bracket or
separator; trailing sentence punctuation is not part of it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_TOKEN = re.compile(r"(?<![A-Za-z0-9_])zoo:[^\s'\"`<>()\[\]{}|,;\\]*")
_TRAILING = ".:!"


@dataclass(frozen=True)
class StubToken:
    """A `zoo:` token in a text: its text and where it starts (0-based offset)."""

    text: str
    offset: int


def find_stub_tokens(text: str) -> Iterator[StubToken]:
    """Every `zoo:` token in `text`, in order. A bare `zoo:` (followed by a space, as
    in prose "the zoo: ...") is not a token."""
    for match in _TOKEN.finditer(text):
        token = match.group(0).rstrip(_TRAILING)
        if len(token) > len("zoo:"):
            yield StubToken(token, match.start())


"""Every stub a model directory states, with where it states it: the card's `base` and
`parent`, stubs in the card's `commands` and in its body's code.

Collected once per model (a loader), so the stub rules agree on what they look at.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from zoolint.card.body import CardBody, load_card_body
from zoolint.card.load import CardDocument, card, load_card
from zoolint.diagnostics import KeyPath
from zoolint.io.artifact import Artifact, Parsed
from zoolint.model import ModelDir
from zoolint.stubs.find import find_stub_tokens
from zoolint.stubs.parse import PREFIX

# Where a stub was found: a card field, a command in the frontmatter, the body's code.
FIELD, COMMAND, BODY = "field", "command", "body"


@dataclass(frozen=True)
class StubOccurrence:
    text: str
    source: str  # FIELD, COMMAND or BODY
    path: str  # file, relative to the model directory
    line: int | None
    column: int | None
    key_path: KeyPath | None = None

    @property
    def label(self) -> str:
        if self.source == FIELD and self.key_path:
            return str(self.key_path[-1])
        return "command" if self.source == COMMAND else "stub in the card body"


def is_placeholder(value: str) -> bool:
    """A value that is not even trying to be a stub: `_some_base_stub`, `none`, `TBD`.
    Real cards carry such placeholders (the maintainers' own fixture does), so they
    are a warning, not a grammar error. A value with a `/` or the `zoo:` prefix is a
    stub attempt and must parse."""
    text = value.strip()
    return "/" not in text and not text.lower().startswith(PREFIX)


def _value_column(text: str | None, line: int | None, column: int | None) -> int | None:
    """The column where a scalar's characters start: after its quote, if quoted."""
    if text is None or line is None or column is None:
        return column
    lines = text.splitlines()
    if 0 < line <= len(lines) and column - 1 < len(lines[line - 1]):
        if lines[line - 1][column - 1] in "'\"":
            return column + 1
    return column


def _command_strings(value: Any, path: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _command_strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _command_strings(item, (*path, index))


def collect(model: ModelDir, relpath: str) -> list[StubOccurrence]:
    document = model.load(load_card, relpath)
    if not isinstance(document, Parsed):
        return []
    doc: CardDocument = document.value
    text_artifact = model.text(relpath)
    text = text_artifact.value if isinstance(text_artifact, Parsed) else None
    found: list[StubOccurrence] = []
    for key in ("base", "parent"):
        value = doc.data.get(key)
        if isinstance(value, str):
            line, column = doc.yaml.locate((key,))
            column = _value_column(text, line, column)
            found.append(StubOccurrence(value, FIELD, relpath, line, column, (key,)))
    for key_path, command in _command_strings(doc.data.get("commands"), ("commands",)):
        line, column = doc.yaml.locate(key_path)
        start = _value_column(text, line, column)
        single_line = "\n" not in command
        for token in find_stub_tokens(command):
            col = start + token.offset if (start is not None and single_line) else start
            found.append(StubOccurrence(token.text, COMMAND, relpath, line, col, key_path))
    body = model.load(load_card_body, relpath)
    if isinstance(body, Parsed):
        parsed_body: CardBody = body.value
        for stub in parsed_body.stubs:
            found.append(StubOccurrence(stub.text, BODY, relpath, stub.line, stub.column))
    return found


def load_stub_occurrences(model: ModelDir, relpath: str) -> Artifact[list[StubOccurrence]]:
    """Loader: the stubs the card at `relpath` states."""
    document = model.load(load_card, relpath)
    if not isinstance(document, Parsed):
        return document
    return Parsed(relpath, collect(model, relpath))


def card_stubs(model: ModelDir) -> Artifact[list[StubOccurrence]]:
    """Requirement: the stubs stated by the model card."""
    document = card(model)
    if not isinstance(document, Parsed):
        return document
    return model.load(load_stub_occurrences, document.path)

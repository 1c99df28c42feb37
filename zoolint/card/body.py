"""The card's markdown body, parsed once with markdown-it-py: headings, links and
images (markdown and HTML), and `zoo:` stubs in code (fenced and indented blocks,
inline code spans), each with its line and column in the file.

markdown-it does not give inline tokens a column, so a link is located by searching
its target in the source lines of its paragraph (a reference-style link, in the whole
body: that is where its definition is), after the previous link found there.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.token import Token

from zoolint.card.load import card, load_card
from zoolint.io.artifact import Artifact, Broken, BrokenKind, Parsed
from zoolint.model import ModelDir
from zoolint.stubs.find import find_stub_tokens

DEFAULT_MAX_BODY_BYTES = 256 * 1024
_HTML_LINK = re.compile(r"""\b(?:src|href)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)


@dataclass(frozen=True)
class BodyLink:
    target: str
    image: bool
    line: int
    column: int


@dataclass(frozen=True)
class BodyStub:
    text: str
    line: int
    column: int


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    line: int


@dataclass
class CardBody:
    headings: list[Heading] = field(default_factory=list)
    links: list[BodyLink] = field(default_factory=list)
    stubs: list[BodyStub] = field(default_factory=list)


class _Source:
    """The body's text, for turning a found text into a file line and column.
    Searches run on the whole text (C speed), then bisect to a line."""

    def __init__(self, body: str, first_line: int) -> None:
        self.text = body
        # Lines end at "\n" only, as markdown-it and editors count them.
        self.lines = [line.rstrip("\r") for line in body.split("\n")]
        self.first_line = first_line
        self.starts = [0]
        for line in body.split("\n"):
            self.starts.append(self.starts[-1] + len(line) + 1)

    def offset(self, line: int, column0: int = 0) -> int:
        return self.starts[min(line, len(self.starts) - 1)] + column0

    def find(self, needle: str, start: int, end: int) -> int | None:
        index = self.text.find(needle, start, end)
        return None if index == -1 else index

    def position(self, offset: int) -> tuple[int, int]:
        """File line and column (1-based) of a character offset in the body."""
        line = bisect_right(self.starts, offset) - 1
        return self.first_line + line, offset - self.starts[line] + 1

    def line_position(self, line: int, column0: int) -> tuple[int, int]:
        return self.first_line + line, column0 + 1


def parse_body(body: str, first_line: int) -> CardBody:
    """Parse a card body that starts on file line `first_line`."""
    source = _Source(body, first_line)
    result = CardBody()
    tokens = MarkdownIt("commonmark").parse(body)
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.map:
            inline = tokens[index + 1] if index + 1 < len(tokens) else None
            text = inline.content if inline is not None else ""
            result.headings.append(Heading(int(token.tag[1:]), text, first_line + token.map[0]))
        elif token.type in ("fence", "code_block") and token.map:
            _code_stubs(source, token.map, result)
        elif token.type == "html_block" and token.map:
            _html_links(source, token.map, result)
        elif token.type == "inline" and token.map:
            _inline(source, token, result)
    return result


def _code_stubs(source: _Source, span: list[int], result: CardBody) -> None:
    for line in range(span[0], min(span[1], len(source.lines))):
        for found in find_stub_tokens(source.lines[line]):
            result.stubs.append(BodyStub(found.text, *source.line_position(line, found.offset)))


def _html_links(source: _Source, span: list[int], result: CardBody) -> None:
    for line in range(span[0], min(span[1], len(source.lines))):
        for match in _HTML_LINK.finditer(source.lines[line]):
            target = match.group(1) if match.group(1) is not None else match.group(2)
            column = match.start(1) if match.group(1) is not None else match.start(2)
            image = "src" in match.group(0)[:4].lower()
            result.links.append(BodyLink(target, image, *source.line_position(line, column)))


def _inline(source: _Source, token: Token, result: CardBody) -> None:
    assert token.map is not None
    start, end = source.offset(token.map[0]), source.offset(token.map[1])
    code = [child.content for child in token.children or [] if child.type == "code_inline"]
    if any("zoo:" in text for text in code):
        for found in find_stub_tokens(source.text[start:end]):
            if any(found.text in text for text in code):
                result.stubs.append(BodyStub(found.text, *source.position(start + found.offset)))
    cursor = start
    for child in token.children or []:
        if child.type == "html_inline":
            _inline_html(source, child.content, cursor, end, result)
            continue
        if child.type == "link_open":
            target, image = str(child.attrs.get("href", "")), False
        elif child.type == "image":
            target, image = str(child.attrs.get("src", "")), True
        else:
            continue
        where = _locate(source, target, cursor, end)
        if where is not None and where < end:
            cursor = where + len(target)
        position = source.position(where if where is not None else start)
        result.links.append(BodyLink(target, image, *position))


def _locate(source: _Source, target: str, cursor: int, end: int) -> int | None:
    """Where a link's target is written: in its paragraph after the previous link,
    else anywhere (a reference-style link's definition). markdown-it percent-encodes
    targets, so the decoded form is tried too."""
    for needle in dict.fromkeys((target, unquote(target))):
        if not needle:
            continue
        where = source.find(needle, cursor, end)
        if where is None:
            where = source.find(needle, 0, len(source.text))
        if where is not None:
            return where
    return None


def _inline_html(source: _Source, html: str, start: int, end: int, result: CardBody) -> None:
    for match in _HTML_LINK.finditer(html):
        group = 1 if match.group(1) is not None else 2
        target = match.group(group)
        image = "src" in match.group(0)[:4].lower()
        where = source.find(match.group(0), start, end)
        offset = start if where is None else where + (match.start(group) - match.start())
        result.links.append(BodyLink(target, image, *source.position(offset)))


def load_card_body(model: ModelDir, relpath: str) -> Artifact[CardBody]:
    """Loader: the parsed body of the card at `relpath`."""
    document = model.load(load_card, relpath)
    if not isinstance(document, Parsed):
        return document
    limit = model.config.card.max_body_bytes if model.config else DEFAULT_MAX_BODY_BYTES
    size = len(document.value.body.encode("utf-8"))
    if size > limit:
        return Broken(
            relpath,
            f"the card's body is {size} bytes, over the {limit}-byte limit for markdown;"
            " its title, links and code were not checked",
            BrokenKind.TOO_LARGE,
            line=document.value.body_line,
            column=1,
        )
    return Parsed(relpath, parse_body(document.value.body, document.value.body_line))


def card_body(model: ModelDir) -> Artifact[CardBody]:
    """Requirement: the parsed body of the model card."""
    document = card(model)
    if not isinstance(document, Parsed):
        return document
    return model.load(load_card_body, document.path)

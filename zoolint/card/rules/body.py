"""CARD rules about the card's markdown body: a title, links that resolve."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from zoolint.card.body import BodyLink, CardBody, card_body
from zoolint.card.load import CardDocument, card
from zoolint.diagnostics import Finding, Severity
from zoolint.io.artifact import Absent, Parsed
from zoolint.io.files import resolve_inside
from zoolint.rules.base import RuleContext, rule


@dataclass(frozen=True)
class LinkTarget:
    """A relative link's file, normalized; `escapes` when it leaves the directory."""

    relpath: str
    escapes: bool


def link_target(target: str) -> LinkTarget | None:
    """The file a link points to inside the directory, or None for what is not
    checked: anchors (`#usage`), absolute URLs (`https:`, `mailto:`, `//host`) and
    site-absolute paths (`/org/model`: relative to the hosting site, not the model)."""
    text = target.strip()
    if not text or text.startswith("#"):
        return None
    parts = urlsplit(text)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if not path or path.startswith("/"):
        return None
    normalized = posixpath.normpath(path)
    escapes = normalized == ".." or normalized.startswith("../")
    return LinkTarget(normalized, escapes)


def _parts(ctx: RuleContext) -> tuple[CardDocument, CardBody, str]:
    document = card(ctx.model)
    body = card_body(ctx.model)
    assert isinstance(document, Parsed) and isinstance(body, Parsed)
    return document.value, body.value, document.path


def _link_finding(link: BodyLink, relpath: str, message: str, hint: str) -> Finding:
    return Finding(message, path=relpath, line=link.line, column=link.column, hint=hint)


@rule(
    code="CARD006",
    name="missing-title",
    summary="The card's body has no title heading.",
    severity=Severity.WARNING,
    needs=(card, card_body),
    loose_files=True,
)
def missing_title(ctx: RuleContext) -> Iterator[Finding]:
    """The markdown body has no level-1 heading (`# ResNet-50`, or a `===` underline).

    Why: hubs show the title as the model page's heading; without it the page starts
    with a paragraph, and tools that take the first heading as the name find none.
    """
    document, body, relpath = _parts(ctx)
    if any(heading.level == 1 for heading in body.headings):
        return
    line = document.body_line if document.body.strip() else max(1, document.body_line - 1)
    yield Finding(
        "the card's body has no title (a level-1 '# ' heading)",
        path=relpath,
        line=line,
        column=1,
        hint="start the body with '# <model name>'",
    )


@rule(
    code="CARD007",
    name="broken-link",
    summary="A relative link or image in the card points to a file that does not exist.",
    severity=Severity.ERROR,
    needs=(card, card_body),
    loose_files=True,
)
def broken_link(ctx: RuleContext) -> Iterator[Finding]:
    """A relative link or image in the card's body (markdown or HTML `src`/`href`)
    names a file or folder that is not in the model directory.

    Anchors (`#usage`), absolute URLs and site-absolute paths (`/org/model`) are not
    checked. Names are case-sensitive, as on every hub.

    Example: `![architecture](images/arch.png)` with no `images/arch.png` uploaded.
    """
    _, body, relpath = _parts(ctx)
    for link in body.links:
        target = link_target(link.target)
        if target is None or target.escapes or target.relpath == ".":
            continue
        if isinstance(resolve_inside(ctx.model.root, target.relpath), Absent):
            kind = "image" if link.image else "link"
            where = "beside the card" if ctx.model.is_loose_file else "in the model directory"
            yield _link_finding(
                link,
                relpath,
                f"{kind} target {link.target!r} does not exist {where}",
                "upload the file, or correct the path (it is relative to the card)",
            )


@rule(
    code="CARD008",
    name="link-outside-directory",
    summary="A relative link or image in the card leads outside the model directory.",
    severity=Severity.ERROR,
    needs=(card, card_body),
    loose_files=True,
)
def link_outside_directory(ctx: RuleContext) -> Iterator[Finding]:
    """A relative link or image climbs out of the model directory (`../shared/x.png`).

    Why: a model directory is published on its own; a link out of it breaks on every
    hub and mirror, and may expose files of the repository around it.

    Fix: copy the file into the model directory, or link to it by absolute URL.
    """
    _, body, relpath = _parts(ctx)
    for link in body.links:
        target = link_target(link.target)
        if target is not None and target.escapes:
            kind = "image" if link.image else "link"
            yield _link_finding(
                link,
                relpath,
                f"{kind} target {link.target!r} leads outside the model directory",
                "copy the file into the model directory, or use an absolute URL",
            )


"""STUB rules: model stubs parse, use known vocabulary, and resolve inside the zoo.

Stubs come from the model directory's path below the zoo root (when it has the stub's
seven segments) and from the model card (`base`, `parent`, commands, code in the body).
"""

from __future__ import annotations

from collections.abc import Iterator

from zoolint.diagnostics import Finding, Severity
from zoolint.io.artifact import Parsed
from zoolint.rules.base import RuleContext, rule
from zoolint.stubs.occurrences import FIELD, StubOccurrence, card_stubs, is_placeholder
from zoolint.stubs.parse import Stub, StubError, parse_stub
from zoolint.stubs.path import parsed_path_stub, path_stub
from zoolint.stubs.resolve import resolve_stub
from zoolint.stubs.settings import VOCABULARY_PARTS
from zoolint.stubs.vocab import unknown_values, vocabulary


def _finding(
    occurrence: StubOccurrence, message: str, offset: int = 0, hint: str | None = None
) -> Finding:
    """A finding at `occurrence`, `offset` characters into the stub's text."""
    column = occurrence.column + offset if occurrence.column is not None else None
    return Finding(
        message,
        path=occurrence.path,
        line=occurrence.line,
        column=column,
        key_path=occurrence.key_path,
        hint=hint,
    )


def _occurrences(ctx: RuleContext) -> list[StubOccurrence]:
    """The card's stubs; none when there is no parsed card (a loose report)."""
    found = card_stubs(ctx.model)
    return found.value if isinstance(found, Parsed) else []


@rule(
    code="STUB001",
    name="invalid-path-stub",
    summary="A model directory's path below the zoo root is not a valid stub.",
    severity=Severity.ERROR,
)
def invalid_path_stub(ctx: RuleContext) -> Iterator[Finding]:
    """A model directory that sits seven folders below the zoo root is stored at its
    stub (`cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/pruned95-none/`),
    and that path must parse as a stub.

    Why: the path is how the zoo serves the model (`zoo:` + path); a path that is not a
    stub cannot be downloaded by stub, and every check that compares the card, recipes
    and metrics with the stub is skipped.

    Example: `cv/Classification/...` (upper case), `.../pruned95/` (no sparse
    category). Fix: rename the folder to the model's stub.
    """
    parsed = parsed_path_stub(ctx.model)
    if isinstance(parsed, StubError):
        yield Finding(
            f"the directory's path {ctx.model.relpath!r} is not a valid stub: {parsed.message}",
            hint="store each model at its stub: DOMAIN/SUB_DOMAIN/ARCH-SUB_ARCH/FRAMEWORK/"
            "REPO/DATASET/SPARSE_NAME-SPARSE_CATEGORY",
        )


@rule(
    code="STUB002",
    name="invalid-stub",
    summary="A stub in the model card does not parse.",
    severity=Severity.ERROR,
    needs=(card_stubs,),
    loose_files=True,
)
def invalid_stub(ctx: RuleContext) -> Iterator[Finding]:
    """The card's `base` or `parent`, or a `zoo:` stub in a command (frontmatter
    `commands`, code blocks and inline code of the body), is not a valid stub. The
    message names the bad part and the column points at it.

    Why: users copy these commands and stubs; one that does not parse fails when run
    (`sparseml.image_classification.train --recipe-path zoo:...`).

    Example: `zoo:cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/pruned95`
    (no sparse category), `?recipe_typ=original` (unknown query argument).
    """
    for occurrence in _occurrences(ctx):
        if occurrence.source == FIELD and is_placeholder(occurrence.text):
            continue
        parsed = parse_stub(occurrence.text)
        if isinstance(parsed, StubError):
            yield _finding(
                occurrence,
                f"{occurrence.label} {occurrence.text!r} is not a valid stub: {parsed.message}",
                parsed.offset,
            )


@rule(
    code="STUB003",
    name="placeholder-stub",
    summary="The card's base or parent is a placeholder, not a stub.",
    severity=Severity.WARNING,
    needs=(card_stubs,),
    loose_files=True,
)
def placeholder_stub(ctx: RuleContext) -> Iterator[Finding]:
    """The card's `base` or `parent` holds a value that is not a stub at all (no `/`
    and no `zoo:` prefix), such as `_some_base_stub` or `TBD`.

    Why a warning: real cards carry such placeholders (the zoo maintainers' own
    fixture card says `base: _some_base_stub`), and the card is still usable; but the
    lineage it should record is missing. A value that tries to be a stub and fails is
    an error (STUB002).

    Fix: `base: zoo:cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/base-none`.
    """
    for occurrence in _occurrences(ctx):
        if occurrence.source == FIELD and is_placeholder(occurrence.text):
            yield _finding(
                occurrence,
                f"{occurrence.label} {occurrence.text!r} is a placeholder, not a stub",
                hint="write the stub of the model this one derives from (zoo:DOMAIN/...)",
            )


def _parsed(occurrences: list[StubOccurrence]) -> Iterator[tuple[StubOccurrence, Stub]]:
    for occurrence in occurrences:
        if occurrence.source == FIELD and is_placeholder(occurrence.text):
            continue
        parsed = parse_stub(occurrence.text)
        if isinstance(parsed, Stub):
            yield occurrence, parsed


@rule(
    code="STUB004",
    name="unresolved-stub",
    summary="A stub points into this zoo tree but no such model directory exists.",
    severity=Severity.ERROR,
    needs=(card_stubs,),
)
def unresolved_stub(ctx: RuleContext) -> Iterator[Finding]:
    """A stub in the card (`base`, `parent`, commands, body) names a model of this
    zoo, but the zoo tree has no folder at its path.

    A stub points into this zoo when the zoo stores models at their stub paths (this
    model does) and the zoo has the stub's DOMAIN/SUB_DOMAIN folder. Other stubs
    point elsewhere and are not followed; declare more in `[tool.zoolint.stubs]
    external-stubs` (globs of stub paths).

    Why: a broken lineage or a command that downloads nothing; usually a typo in the
    sparse tag (`pruned95-none` for `pruned95-conservative`) or a model not uploaded.
    """
    external = ctx.config.stubs.external_stubs
    for occurrence, stub in _parsed(_occurrences(ctx)):
        resolution = resolve_stub(ctx.model, ctx.zoo, stub, external)
        if resolution.inside and not resolution.exists:
            yield _finding(
                occurrence,
                f"{occurrence.label} {occurrence.text!r} points into this zoo, but"
                f" {stub.path}/ does not exist (the deepest existing folder is"
                f" {resolution.nearest}/)",
                hint="correct the stub, upload the model it names, or declare it in"
                " [tool.zoolint.stubs] external-stubs",
            )


@rule(
    code="STUB005",
    name="unknown-stub-value",
    summary="A stub uses a value outside the known vocabulary of its part.",
    severity=Severity.WARNING,
    loose_files=True,
)
def unknown_stub_value(ctx: RuleContext) -> Iterator[Finding]:
    """A part of a stub (the directory's path, the card's stubs) has a value not in
    the vocabulary of that part: `framework` `pytroch`, `domain` `vision`.

    The vocabularies (zoolint.stubs.vocab) are the values seen in the wild; they are
    examples, not closed sets, so this is a warning, reported once per value and
    model. A zoo declares its own values in `[tool.zoolint.stubs]`:

        [tool.zoolint.stubs]
        extend-architectures = ["convnext"]
        extend-datasets = ["beans"]
    """
    vocab = vocabulary(ctx.config.stubs)
    seen: set[tuple[str, str]] = set()
    parsed = path_stub(ctx.model)
    if parsed is not None:
        for unknown in unknown_values(parsed, vocab):
            seen.add((unknown.part, unknown.value))
            yield Finding(
                f"{unknown.part} {unknown.value!r} of the directory's stub"
                f" {parsed.path!r} is not a known {unknown.part}",
                hint=_vocab_hint(unknown.part),
            )
    for occurrence, stub in _parsed(_occurrences(ctx)):
        for unknown in unknown_values(stub, vocab):
            if (unknown.part, unknown.value) in seen:
                continue
            seen.add((unknown.part, unknown.value))
            yield _finding(
                occurrence,
                f"{unknown.part} {unknown.value!r} of {occurrence.label} {occurrence.text!r}"
                f" is not a known {unknown.part}",
                hint=_vocab_hint(unknown.part),
            )


def _vocab_hint(part: str) -> str:
    key = VOCABULARY_PARTS[part].replace("_", "-")
    return f"a typo? if the zoo uses this value, add it to [tool.zoolint.stubs] {key}"


RULES = [invalid_path_stub, invalid_stub, placeholder_stub, unresolved_stub, unknown_stub_value]

"""CARD rules about the card's frontmatter: it parses, exists, fits the schema."""

from __future__ import annotations

import re
from collections.abc import Iterator

from zoolint.card.body import card_body
from zoolint.card.load import CardDocument, card
from zoolint.card.schema import DEPRECATED_FIELDS, KNOWN_FIELDS, PATTERN_HINTS, ModelCard
from zoolint.diagnostics import Finding, Severity
from zoolint.docschema import (
    broken_finding,
    duplicate_key_findings,
    extra_schema_findings,
    json_compatible,
    problem_finding,
    pydantic_problems,
)
from zoolint.io.artifact import Broken, Parsed
from zoolint.rules.base import RuleContext, rule

_RULE_LINE = re.compile(r"^---[ \t]*$")


def _document(ctx: RuleContext) -> tuple[CardDocument, str]:
    """The parsed card (rules that need it run only when it parsed) and its path."""
    artifact = card(ctx.model)
    assert isinstance(artifact, Parsed)
    return artifact.value, artifact.path


@rule(
    code="CARD001",
    name="card-parse-error",
    summary="The model card cannot be read or its frontmatter does not parse.",
    severity=Severity.ERROR,
    loose_files=True,
)
def card_parse_error(ctx: RuleContext) -> Iterator[Finding]:
    """`model.md` is not valid UTF-8 text, is over the size limit, has frontmatter that
    is never closed or is not valid YAML (including alias bombs and nesting past the
    limits), gives a key twice in one mapping, or has a body over the markdown limit
    (`[tool.zoolint.card] max-body-bytes`, 256 KiB: the parser is slow on hostile text).

    Why: the reference library swallows these errors and crashes later, or silently
    keeps the last of two duplicate keys. zoolint reports them once, with line and
    column, and skips the checks that need the parsed card.

    Example: `display_name: 95% Pruned: ResNet` (a second `: ` in a plain scalar),
    an unclosed `---`.
    """
    artifact = card(ctx.model)
    finding = broken_finding(artifact)
    if finding is not None:
        yield finding
    elif isinstance(artifact, Parsed):
        yield from duplicate_key_findings(artifact.value.yaml, artifact.path)
        body = card_body(ctx.model)
        if isinstance(body, Broken):
            yield Finding(
                body.reason,
                path=body.path,
                line=body.line,
                column=body.column,
                hint="raise [tool.zoolint.card] max-body-bytes if the card is legitimately"
                " this large",
            )


@rule(
    code="CARD002",
    name="missing-frontmatter",
    summary="The model card has no YAML frontmatter at its top.",
    severity=Severity.ERROR,
    needs=(card,),
    loose_files=True,
)
def missing_frontmatter(ctx: RuleContext) -> Iterator[Finding]:
    """The card does not start with a `---` line opening its YAML frontmatter.

    Why: the card's metadata (domain, task, base, display name...) lives in the
    frontmatter, which must be the first thing in the file. The reference library's
    unanchored regular expression would take a `# Title` followed by two `---` rules
    for frontmatter; zoolint does not, and says so.

    Fix: move the `---` block to line 1 (no blank line or title before it).
    """
    document, relpath = _document(ctx)
    if document.has_frontmatter:
        return
    lines = document.body.splitlines()
    rules = [index + 1 for index, line in enumerate(lines) if _RULE_LINE.match(line)]
    first_text = next((i + 1 for i, line in enumerate(lines) if line.strip()), None)
    detail = ""
    hint = "start the file with a '---' line, the YAML fields, and a closing '---' line"
    if len(rules) >= 2:
        detail = (
            f"; the '---' lines {rules[0]} and {rules[1]} are not frontmatter, which must"
            " start on line 1"
        )
        if first_text == rules[0]:
            hint = "remove the blank lines above the opening '---'"
    yield Finding(
        f"the card has no YAML frontmatter at the top (line 1 must be '---'){detail}",
        path=relpath,
        line=1,
        column=1,
        hint=hint,
    )


@rule(
    code="CARD003",
    name="card-schema",
    summary="The card's frontmatter does not fit the model card schema.",
    severity=Severity.ERROR,
    needs=(card,),
    loose_files=True,
)
def card_schema(ctx: RuleContext) -> Iterator[Finding]:
    """A required field is missing, or a field has the wrong type or form, per the
    model card schema (schemas/model-card.schema.json): `card_version` (semver),
    `base`, `domain`, `task`, `architecture`, `source_dataset`, `optimizations`,
    `display_name` and `tags` are required; `commands` maps deploy/train/benchmark to
    mappings of name to command.

    Each problem points at the line and column of the offending value (of the key,
    for an unknown key; of the frontmatter's first line, for a missing field).

    Example: `card_version: 1.0` (a number, not the string `1.0.0`); `tags: resnet`
    (a string, not a list).
    """
    document, relpath = _document(ctx)
    if not document.has_frontmatter:
        return
    data = json_compatible(document.data)
    for problem in pydantic_problems(ModelCard, data, PATTERN_HINTS):
        yield problem_finding(
            problem, document.yaml, document.data, relpath, document.root_position
        )


@rule(
    code="CARD004",
    name="deprecated-field",
    summary="The card uses an older spelling of a field.",
    severity=Severity.WARNING,
    needs=(card,),
    loose_files=True,
)
def deprecated_field(ctx: RuleContext) -> Iterator[Finding]:
    """Older cards say `sub_domain` for `task`, `dataset` for `source_dataset`, and
    give `optimizations` as one string (`pruned95-none`) rather than a list of what
    was done (`[GMP 95%, QAT Int8]`). They are accepted, with this warning.

    Fix: rename the field; write optimizations as a list.
    """
    document, relpath = _document(ctx)
    for old, new in DEPRECATED_FIELDS.items():
        if old not in document.data:
            continue
        line, column = document.yaml.locate((old,), prefer_key=True)
        clash = ""
        if new in document.data and document.data[new] != document.data[old]:
            clash = f"; it also disagrees with {new} {document.data[new]!r}, which wins"
        yield Finding(
            f"{old!r} is the older spelling of {new!r}{clash}",
            path=relpath,
            line=line,
            column=column,
            key_path=(old,),
            hint=f"rename {old} to {new}",
        )
    value = document.data.get("optimizations")
    if isinstance(value, str):
        line, column = document.yaml.locate(("optimizations",))
        yield Finding(
            f"optimizations is one string ({value!r}), the older form; it is a list of what"
            " was done to the model",
            path=relpath,
            line=line,
            column=column,
            key_path=("optimizations",),
            hint="write a list, for example [GMP 95%, QAT Int8]",
        )


@rule(
    code="CARD005",
    name="unknown-field",
    summary="The card's frontmatter has a field the schema does not know.",
    severity=Severity.INFO,
    needs=(card,),
    loose_files=True,
)
def unknown_field(ctx: RuleContext) -> Iterator[Finding]:
    """A frontmatter field is neither one of the model card's fields nor declared by
    the zoo (`[tool.zoolint.card] extra-fields`).

    Why a note: zoos add fields of their own, which is fine; but a misspelt optional
    field (`parnet:`) is silently ignored by every tool.
    """
    document, relpath = _document(ctx)
    allowed = KNOWN_FIELDS | set(ctx.config.card.extra_fields)
    for key in document.data:
        if isinstance(key, str) and key in allowed:
            continue
        line, column = document.yaml.locate((key,), prefer_key=True)
        yield Finding(
            f"unknown field {key!r} in the card's frontmatter",
            path=relpath,
            line=line,
            column=column,
            key_path=(key,),
            hint="a typo? if the zoo uses this field, add it to [tool.zoolint.card] extra-fields",
        )


@rule(
    code="CARD011",
    name="card-extra-schema",
    summary="The card does not satisfy a JSON Schema the zoo requires.",
    severity=Severity.ERROR,
    needs=(card,),
    loose_files=True,
)
def card_extra_schema(ctx: RuleContext) -> Iterator[Finding]:
    """A zoo's own requirements on cards, as JSON Schema files named in configuration:

        [tool.zoolint.card]
        extra-schemas = ["schemas/our-card.schema.json"]

    Paths are relative to the configuration file. Each problem is reported at the line
    and column of the offending value, like the built-in schema's. A schema file that
    is missing or not a valid JSON Schema is a configuration error.
    """
    document, relpath = _document(ctx)
    if not document.has_frontmatter:
        return
    yield from extra_schema_findings(
        ctx.config.card.extra_schemas,
        ctx.base_dir,
        document.yaml,
        document.data,
        relpath,
        document.root_position,
    )

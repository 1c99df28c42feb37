"""Loading the model card, `model.md`: frontmatter (exact, with positions) and body.

Frontmatter is only taken from the very top of the file (`zoolint.io.frontmatter`): the
reference library's unanchored regular expression takes a `# Title` followed later by
two `---` rules for frontmatter; zoolint says instead that the card has none.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from zoolint.io.artifact import Absent, Artifact, Broken, Parsed
from zoolint.io.frontmatter import FrontmatterError, split_frontmatter
from zoolint.io.yaml_doc import YamlDoc, YamlError, parse_yaml
from zoolint.model import ModelDir

CARD_PATH = "model.md"


@dataclass(frozen=True)
class CardDocument:
    """A parsed card. `data` is the frontmatter mapping (empty when there is none);
    `yaml` has the position of every key and value; the body starts on `body_line`;
    the frontmatter's opening `---` is on `frontmatter_line` (0 when there is none)."""

    data: dict[str, Any]
    yaml: YamlDoc
    has_frontmatter: bool
    body: str
    body_line: int
    frontmatter_line: int = 1

    @property
    def root_position(self) -> tuple[int, int]:
        """Where problems about the frontmatter as a whole are reported."""
        return (self.frontmatter_line or 1), 1


def is_card_name(name: str) -> bool:
    """Whether a file linted on its own may be a model card, by its name: `model.md`,
    or a markdown file whose name says card (`model_card.md`, `card-resnet.md`)."""
    lower = name.lower()
    return lower == CARD_PATH or (lower.endswith(".md") and "card" in lower)


def yaml_limits(model: ModelDir) -> dict[str, int]:
    limits = model.config.limits if model.config else None
    if limits is None:
        return {}
    return {"max_nodes": limits.max_yaml_nodes, "max_depth": limits.max_yaml_depth}


def load_card(model: ModelDir, relpath: str) -> Artifact[CardDocument]:
    text = model.text(relpath)
    if not isinstance(text, Parsed):
        return text
    split = split_frontmatter(text.value)
    if isinstance(split, FrontmatterError):
        return Broken(relpath, split.message, line=split.line, column=split.column)
    doc = parse_yaml(split.yaml_text, line_offset=split.yaml_first_line - 1, **yaml_limits(model))
    if isinstance(doc, YamlError):
        message = f"frontmatter is not valid YAML: {doc.message}"
        return Broken(relpath, message, line=doc.line, column=doc.column)
    data = doc.value if doc.value is not None else {}
    if not isinstance(data, dict):
        line, column = doc.locate(())
        return Broken(
            relpath,
            f"frontmatter must be a mapping of fields, not {_kind(data)}",
            line=line,
            column=column,
        )
    return Parsed(
        relpath,
        CardDocument(
            data,
            doc,
            split.present,
            split.body,
            split.body_first_line,
            split.yaml_first_line - 1 if split.present else 0,
        ),
    )


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a string"
    return type(value).__name__


def card_path(model: ModelDir) -> str | None:
    """The card's path in `model`: `model.md`, or the loose file when it is a card."""
    if model.only_file is not None:
        return model.only_file if is_card_name(model.only_file) else None
    return CARD_PATH


def card(model: ModelDir) -> Artifact[CardDocument]:
    """Requirement: the model card of a model directory (or the loose card linted).

    A loose markdown file whose name merely mentions a card (`scorecard.md`, passed
    by pre-commit) is only taken for one when it has frontmatter; `model.md` always is.
    """
    relpath = card_path(model)
    if relpath is None:
        return Absent(CARD_PATH)
    loaded = model.load(load_card, relpath)
    if (
        model.is_loose_file
        and relpath.lower() != CARD_PATH
        and isinstance(loaded, Parsed)
        and not loaded.value.has_frontmatter
    ):
        return Absent(relpath)
    return loaded

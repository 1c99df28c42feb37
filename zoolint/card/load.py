"""Loading the model card, `model.md`: frontmatter (exact, with positions) and body."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from zoolint.io.artifact import Artifact, Broken, Parsed
from zoolint.io.frontmatter import FrontmatterError, split_frontmatter
from zoolint.io.yaml_doc import YamlDoc, YamlError, parse_yaml
from zoolint.model import ModelDir

CARD_PATH = "model.md"


@dataclass(frozen=True)
class CardDocument:
    """A parsed card. `data` is the frontmatter mapping (empty when there is none);
    `yaml` has the position of every key and value; the body starts on `body_line`."""

    data: dict[str, Any]
    yaml: YamlDoc
    has_frontmatter: bool
    body: str
    body_line: int


def load_card(model: ModelDir, relpath: str) -> Artifact[CardDocument]:
    text = model.text(relpath)
    if not isinstance(text, Parsed):
        return text
    split = split_frontmatter(text.value)
    if isinstance(split, FrontmatterError):
        return Broken(relpath, split.message, line=split.line, column=split.column)
    limits = model.config.limits if model.config else None
    doc = parse_yaml(
        split.yaml_text,
        line_offset=split.yaml_first_line - 1,
        **({"max_nodes": limits.max_yaml_nodes, "max_depth": limits.max_yaml_depth} if limits else {}),
    )
    if isinstance(doc, YamlError):
        return Broken(relpath, f"frontmatter is not valid YAML: {doc.message}", line=doc.line, column=doc.column)
    data = doc.value if doc.value is not None else {}
    if not isinstance(data, dict):
        line, column = doc.locate(())
        return Broken(relpath, "frontmatter must be a mapping of fields", line=line, column=column)
    return Parsed(relpath, CardDocument(data, doc, split.present, split.body, split.body_first_line))


def card(model: ModelDir) -> Artifact[CardDocument]:
    """Requirement: the model card of a model directory."""
    return model.load(load_card, CARD_PATH)

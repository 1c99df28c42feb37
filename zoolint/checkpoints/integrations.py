"""Which integration a model belongs to, and what its folders must hold (SPEC 7).

The integration is the card's `domain` and `task` (older cards: `sub_domain`), or, when
the card does not say, the stub spelled by the directory's path. The requirement table
is data: the built-in entries below, merged with `[tool.zoolint.checkpoints.integrations]`.
"""

from __future__ import annotations

from dataclasses import dataclass

from zoolint.card.load import card
from zoolint.checkpoints.settings import CheckpointSettings, IntegrationFiles
from zoolint.io.artifact import Parsed
from zoolint.model import ModelDir
from zoolint.stubs.path import path_stub

_NLP_WEIGHTS = "pytorch_model.bin|model.safetensors|pytorch_model.bin.index.json|model.safetensors.index.json"

BUILTIN_INTEGRATIONS: dict[str, IntegrationFiles] = {
    "nlp": IntegrationFiles(
        training=[
            "config.json",
            _NLP_WEIGHTS,
            "special_tokens_map.json",
            "tokenizer.json",
            "tokenizer_config.json",
            "trainer_state.json",
            "training_args.bin",
            "vocab.txt",
            "recipe.yaml",
        ],
        deployment=["model.onnx", "config.json", "tokenizer.json", "tokenizer_config.json"],
        checkpoint="pytorch_model.bin|model.safetensors",
        frameworks=["pytorch"],
    ),
    "cv/classification": IntegrationFiles(
        training=["model.pth"], deployment=["model.onnx"], checkpoint="model.pth",
        frameworks=["pytorch"],
    ),
    "cv/detection": IntegrationFiles(
        training=["model.pt"], deployment=["model.onnx"], checkpoint="model.pt",
        frameworks=["pytorch"],
    ),
    "cv/segmentation": IntegrationFiles(
        training=["model.pth"], deployment=["model.onnx"], checkpoint="model.pth",
        frameworks=["pytorch"],
    ),
}  # fmt: skip


@dataclass(frozen=True)
class Integration:
    """What is known of a model's integration; `source` says where it was read."""

    domain: str
    task: str | None
    framework: str | None
    source: str  # where domain and task were read: "model.md" or "path"
    framework_source: str | None = None

    @property
    def key(self) -> str:
        return f"{self.domain}/{self.task}" if self.task else self.domain


def _text(value: object) -> str | None:
    return value.strip().lower() if isinstance(value, str) and value.strip() else None


def integration_of(model: ModelDir) -> Integration | None:
    """The card's domain/task/framework, filled in from the path stub; None when
    neither says what the domain is."""
    domain = task = framework = None
    source = "path"
    framework_source: str | None = None
    state = card(model)
    if isinstance(state, Parsed):
        data = state.value.data
        domain = _text(data.get("domain"))
        task = _text(data.get("task")) or _text(data.get("sub_domain"))
        framework = _text(data.get("framework"))
        framework_source = "model.md" if framework else None
        if domain:
            source = "model.md"
    stub = path_stub(model)
    if stub is not None:
        if domain is None:
            domain, task = stub.domain, task or stub.sub_domain
        if framework is None:
            framework, framework_source = stub.framework, "the path stub"
    if domain is None:
        return None
    return Integration(domain, task, framework, source, framework_source)


def requirements_for(
    integration: Integration, settings: CheckpointSettings
) -> tuple[str, IntegrationFiles] | None:
    """The most specific table entry (`domain/task`, then `domain`) that applies to the
    integration's framework, with its key; None for an integration the table does not
    know."""
    table = {**BUILTIN_INTEGRATIONS, **settings.integrations}
    keys = [integration.key, integration.domain] if integration.task else [integration.domain]
    for key in keys:
        entry = table.get(key)
        if entry is None:
            continue
        if (
            entry.frameworks is not None
            and integration.framework is not None
            and integration.framework not in entry.frameworks
        ):
            return None
        return key, entry
    return None


def alternatives(entry: str) -> list[str]:
    return [name for name in entry.split("|") if name]

"""Helpers the checkpoints rules share: settings, the model's integration and its
requirement entry, the weights file of a training folder, JSON key positions."""

from __future__ import annotations

import json
import re

from zoolint.checkpoints.folders import Folder
from zoolint.checkpoints.integrations import (
    Integration,
    alternatives,
    integration_of,
    requirements_for,
)
from zoolint.checkpoints.settings import CheckpointSettings, IntegrationFiles
from zoolint.io.artifact import Artifact, Parsed
from zoolint.model import ModelDir

# Weights file names tried when the integration's table entry does not say.
DEFAULT_WEIGHTS = ("model.pth", "model.pt", "pytorch_model.bin", "model.safetensors")


def settings_of(model: ModelDir) -> CheckpointSettings:
    return model.config.checkpoints if model.config else CheckpointSettings()


def _load_integration(model: ModelDir, relpath: str) -> Artifact[Integration | None]:
    return Parsed(relpath, integration_of(model))


def integration(model: ModelDir) -> Integration | None:
    """The model's integration, computed once per directory."""
    state = model.load(_load_integration, "")
    return state.value if isinstance(state, Parsed) else None


def requirement_entry(model: ModelDir) -> tuple[str, IntegrationFiles] | None:
    """The requirement table entry of the model's integration, with its key."""
    found = integration(model)
    return requirements_for(found, settings_of(model)) if found is not None else None


def requirements(model: ModelDir) -> IntegrationFiles | None:
    entry = requirement_entry(model)
    return entry[1] if entry is not None else None


def weights_file(model: ModelDir, folder: Folder) -> str | None:
    """Relative path of the folder's weights checkpoint, if one is there."""
    entry = requirements(model)
    names = alternatives(entry.checkpoint) if entry and entry.checkpoint else list(DEFAULT_WEIGHTS)
    present = folder.files(model) or set()
    for name in names:
        if name in present:
            return folder.file_relpath(name)
    return None


def locate_json_key(model: ModelDir, relpath: str, key: str) -> tuple[int | None, int | None]:
    """Line and column (1-based) of the first `"key":` in a JSON file's text."""
    text = model.text(relpath)
    if not isinstance(text, Parsed):
        return None, None
    match = re.search(re.escape(json.dumps(key)) + r"\s*:", text.value)
    if match is None:
        return None, None
    line = text.value.count("\n", 0, match.start()) + 1
    column = match.start() - (text.value.rfind("\n", 0, match.start()) + 1) + 1
    return line, column


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"

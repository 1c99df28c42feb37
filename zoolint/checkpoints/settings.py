"""Configuration of the checkpoints rules: the `[tool.zoolint.checkpoints]` table.

```toml
[tool.zoolint.checkpoints]
extend-safe-globals = ["models.yolo.*"]      # pickled classes this zoo trusts

[tool.zoolint.checkpoints.integrations."cv/pose_estimation"]
training = ["model.pth"]
deployment = ["model.onnx"]
checkpoint = "model.pth"
```
"""

from __future__ import annotations

from pydantic import Field, field_validator

from zoolint.checkpoints.globals import TRAINING_ARGS_GLOBALS
from zoolint.config.section import ConfigSection


class IntegrationFiles(ConfigSection):
    """What the `training/` and `deployment/` folders of one integration must hold.

    Each entry is a file name; `a|b` accepts either (`pytorch_model.bin|model.safetensors`).
    """

    training: list[str] = Field(default_factory=list, description="Files training/ must hold.")
    deployment: list[str] = Field(
        default_factory=list, description="Files deployment/ must hold."
    )
    checkpoint: str | None = Field(
        None,
        description="The training file holding the model's weights (alternatives with '|'),"
        " compared with the graph.",
    )
    frameworks: list[str] | None = Field(
        None,
        description="Frameworks this entry applies to (the card's `framework`); unset: any.",
    )

    @field_validator("training", "deployment")
    @classmethod
    def _plain_names(cls, value: list[str]) -> list[str]:
        for entry in value:
            for name in entry.split("|"):
                if not name or "/" in name or name in (".", ".."):
                    raise ValueError(f"{entry!r}: file names only, without folders")
        return value


class CheckpointSettings(ConfigSection):
    """Settings shared by the checkpoints rules."""

    integrations: dict[str, IntegrationFiles] = Field(
        default_factory=dict,
        description="Required files per integration, keyed `domain`, `domain/task` (most"
        " specific wins); merged over the built-in table (nlp, cv/classification,"
        " cv/detection, cv/segmentation).",
    )
    safe_globals: list[str] = Field(
        default_factory=lambda: list(TRAINING_ARGS_GLOBALS),
        description="Pickle globals accepted besides the built-in safe list (torch's"
        " weights-only list): exact `module.name`, or `module.*`. Default: the training"
        " arguments classes of Hugging Face and SparseML (training_args.bin).",
    )
    extend_safe_globals: list[str] = Field(
        default_factory=list, description="More accepted pickle globals, added to safe-globals."
    )
    max_pickle_bytes: int = Field(
        256 * 1024 * 1024,
        gt=0,
        description="Most pickle bytes read from one file (all its pickles together).",
    )
    max_pickle_opcodes: int = Field(
        5_000_000, gt=0, description="Most opcodes replayed in one pickle."
    )
    max_archive_members: int = Field(
        100_000, gt=0, description="Most members listed in a zip or .tar.gz archive."
    )
    max_archive_bytes: int = Field(
        4 * 1024 * 1024 * 1024,
        gt=0,
        description="Most decompressed bytes walked to list a .tar.gz (decompression bombs).",
    )
    max_safetensors_header_bytes: int = Field(
        100 * 1024 * 1024, gt=0, description="Largest .safetensors JSON header read."
    )

    @field_validator("safe_globals", "extend_safe_globals")
    @classmethod
    def _never_dangerous(cls, value: list[str]) -> list[str]:
        from zoolint.checkpoints.globals import is_dangerous

        for pattern in value:
            probe = pattern[:-2] + ".x" if pattern.endswith(".*") else pattern
            if is_dangerous(probe) or pattern in ("*", ".*"):
                raise ValueError(f"{pattern!r} runs code or touches the system; it cannot be allowed")
        return value

    @property
    def allowed_globals(self) -> list[str]:
        return [*self.safe_globals, *self.extend_safe_globals]

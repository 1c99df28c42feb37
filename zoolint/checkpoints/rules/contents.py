"""What the training and deployment folders must hold, per integration (SPEC 7)."""

from __future__ import annotations

from collections.abc import Iterator

from zoolint.checkpoints.folders import Folder, deployment_folders, training_folders
from zoolint.checkpoints.integrations import alternatives
from zoolint.checkpoints.rules.common import integration, requirement_entry, requirements
from zoolint.diagnostics import Finding, Severity
from zoolint.model import ModelDir
from zoolint.rules.base import RuleContext, rule


def _missing(model: ModelDir, folder: Folder, kind: str) -> Iterator[Finding]:
    found = requirement_entry(model)
    present = folder.files(model)
    if found is None or present is None:  # an unlistable archive: DEP002 says so
        return
    key, entry = found
    for required in entry.training if kind == "training" else entry.deployment:
        names = alternatives(required)
        if any(name in present for name in names):
            continue
        shown = " or ".join(names)
        yield Finding(
            f"{folder.label} lacks {shown}, which {kind} folders of {key} models must hold",
            path=folder.relpath,
            hint=f"add {names[0]} to {folder.label}, or declare this zoo's own requirements"
            " in [tool.zoolint.checkpoints.integrations]",
        )


@rule(
    code="CKPT001",
    name="training-files-missing",
    summary="The training folder lacks a file its integration requires.",
    severity=Severity.ERROR,
)
def training_files_missing(ctx: RuleContext) -> Iterator[Finding]:
    """A training folder lacks a file the model's integration requires.

    The integration is the card's `domain` and `task` (or the path stub's). Built in
    (SPEC 7): nlp models keep the Hugging Face files (`config.json`,
    `pytorch_model.bin`, tokenizer files, `trainer_state.json`, `training_args.bin`,
    `vocab.txt`, `recipe.yaml`); cv classification and segmentation a `model.pth`, cv
    detection a `model.pt`. `a|b` entries accept either file
    (`pytorch_model.bin|model.safetensors`).

    Checkpoint stages (`checkpoint_prepruning`, `checkpoint_postpruning`,
    `checkpoint_preqat`, `checkpoint_postqat`, inside `training/` or beside it) may
    replace a flat `training/`; each stage is then checked as a training folder. A
    `training.tar.gz` is listed in place, never extracted.

    Why: the training folder is what lets a user resume or transfer-learn the model;
    a missing tokenizer or weights file only shows up when someone tries.

    A folder that is missing altogether is the layout rules' business, not this one's;
    so are legacy `<framework>/` folders (`pytorch/model.pth`), which predate these
    lists (their weights are still checked by the other CKPT rules).
    Zoos declare their own integrations:

        [tool.zoolint.checkpoints.integrations."cv/pose_estimation"]
        training = ["model.pth"]
        deployment = ["model.onnx"]
    """
    for folder in training_folders(ctx.model):
        if not folder.legacy:
            yield from _missing(ctx.model, folder, "training")


@rule(
    code="DEP001",
    name="deployment-files-missing",
    summary="The deployment folder lacks a file its integration requires.",
    severity=Severity.ERROR,
)
def deployment_files_missing(ctx: RuleContext) -> Iterator[Finding]:
    """`deployment/` (or the hub layout's `deployment.tar.gz`, listed in place) lacks a
    file the model's integration requires: `model.onnx` always; for nlp models also
    `config.json`, `tokenizer.json` and `tokenizer_config.json`.

    Why: the deployment folder is what an inference server loads as a unit; without
    the tokenizer an nlp model cannot turn text into inputs.
    """
    for folder in deployment_folders(ctx.model):
        yield from _missing(ctx.model, folder, "deployment")


@rule(
    code="CKPT002",
    name="unknown-integration",
    summary="No requirement table applies to the model's integration.",
    severity=Severity.INFO,
)
def unknown_integration(ctx: RuleContext) -> Iterator[Finding]:
    """The model has training or deployment folders, but zoolint does not know what
    they must hold: the card and the path do not say the domain, or no entry of the
    requirement table matches the domain, task and framework.

    This is a note, not a defect: the folders' contents are simply not checked against
    a list. Declare the integration to have them checked:

        [tool.zoolint.checkpoints.integrations."cv/pose_estimation"]
        training = ["model.pth"]
        deployment = ["model.onnx"]
    """
    if not training_folders(ctx.model) and not deployment_folders(ctx.model):
        return
    found = integration(ctx.model)
    if found is None:
        yield Finding(
            "the integration is unknown (no domain in model.md, and the path is not a stub):"
            " training/ and deployment/ contents were not checked against a list",
            hint="set `domain` and `task` in model.md",
        )
    elif requirements(ctx.model) is None:
        framework = f" with framework {found.framework}" if found.framework else ""
        yield Finding(
            f"no requirement table for integration {found.key}{framework}:"
            " training/ and deployment/ contents were not checked against a list",
            hint=f'declare it in [tool.zoolint.checkpoints.integrations."{found.key}"]',
        )


RULES = [training_files_missing, deployment_files_missing, unknown_integration]

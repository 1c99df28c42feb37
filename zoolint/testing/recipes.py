"""Write valid SparseML recipes for a stub, for tests and the demo zoo.

`recipe_text(stub)` returns a recipe that every RCP rule accepts: a GMP pruning
recipe whose final sparsity is the stub's `pruned<N>` claim, a quantization phase for
`quant` stubs, a plain training schedule for `base`. `write_recipe(model_dir, stub)`
puts it where the chosen layout generation keeps the default recipe.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from zoolint.stubs.parse import Stub, StubError, parse_stub

LICENCE = """<!--
Copyright (c) 2021 - present / Neuralmagic, Inc. All Rights Reserved.

Licensed under the Apache License, Version 2.0 (the "License");
you may not use this file except in compliance with the License.
-->

"""

# Pruning without a number in the stub (`pruned-moderate`) still needs a target.
DEFAULT_FINAL_SPARSITY = 0.8

RECIPE_LOCATIONS = {
    "documented": "recipes/recipe_{name}{suffix}",
    "hub": "recipe_{name}{suffix}",
    "legacy": "recipes/{name}{suffix}",
}


def _stub(stub: str | Stub | None) -> Stub | None:
    if stub is None or isinstance(stub, Stub):
        return stub
    parsed = parse_stub(stub)
    if isinstance(parsed, StubError):
        raise ValueError(f"not a stub: {stub!r}: {parsed.message}")
    return parsed


def _params_yaml(params: Sequence[str]) -> str:
    if len(params) == 1 and params[0].startswith("__"):
        return params[0]
    return "[" + ", ".join(repr(param) for param in params) + "]"


def recipe_yaml(
    stub: str | Stub | None = None,
    *,
    params: Sequence[str] = ("__ALL_PRUNABLE__",),
    epochs: int = 10,
) -> str:
    """The YAML of a recipe that makes what the stub claims, over `epochs` epochs."""
    parsed = _stub(stub)
    pruned = parsed is not None and parsed.claims.pruned
    quantized = parsed is not None and parsed.claims.quantized
    percent = parsed.claims.pruned_percent if parsed is not None else None
    final = percent / 100 if percent is not None else DEFAULT_FINAL_SPARSITY
    pruning_end = max(1, epochs * 6 // 10)
    quant_start = max(pruning_end, epochs - 2)
    lines = [
        "# General variables",
        f"num_epochs: &num_epochs {epochs}",
        "init_lr: &init_lr 0.008",
        "",
    ]
    if pruned:
        lines += [
            "# Pruning variables",
            "pruning_start_epoch: &pruning_start_epoch 0.0",
            f"pruning_end_epoch: &pruning_end_epoch {float(pruning_end)}",
            "init_sparsity: &init_sparsity 0.05",
            f"final_sparsity: &final_sparsity {final:g}",
            "",
        ]
    if quantized:
        lines += [f"quantization_start_epoch: &quantization_start_epoch {float(quant_start)}", ""]
    lines += [
        "training_modifiers:",
        "  - !EpochRangeModifier",
        "    start_epoch: 0.0",
        "    end_epoch: *num_epochs",
        "",
        "  - !LearningRateFunctionModifier",
        "    start_epoch: 0.0",
        "    end_epoch: *num_epochs",
        "    lr_func: cosine",
        "    init_lr: *init_lr",
        "    final_lr: 0.0",
    ]
    if pruned:
        lines += [
            "",
            "pruning_modifiers:",
            "  - !GMPruningModifier",
            f"    params: {_params_yaml(params)}",
            "    init_sparsity: *init_sparsity",
            "    final_sparsity: *final_sparsity",
            "    start_epoch: *pruning_start_epoch",
            "    end_epoch: *pruning_end_epoch",
            "    update_frequency: 0.5",
            "    inter_func: cubic",
            "    mask_type: unstructured",
        ]
    if quantized:
        lines += [
            "",
            "quantization_modifiers:",
            "  - !QuantizationModifier",
            "    start_epoch: *quantization_start_epoch",
            "    freeze_bn_stats_epoch: eval(num_epochs - 1)",
        ]
    return "\n".join(lines) + "\n"


def recipe_text(
    stub: str | Stub | None = None,
    *,
    params: Sequence[str] = ("__ALL_PRUNABLE__",),
    epochs: int = 10,
    suffix: str = ".md",
    name: str = "original",
) -> str:
    """A whole recipe file: YAML for `.yaml`; for `.md`, a licence comment, the YAML as
    frontmatter and a body with the training command (whose stub selects this recipe
    by `name`)."""
    yaml_text = recipe_yaml(stub, params=params, epochs=epochs)
    if suffix == ".yaml":
        return yaml_text
    parsed = _stub(stub)
    title = f"# {parsed.sparse_name} recipe" if parsed is not None else "# Recipe"
    body = [title, "", "Train with:", "", "```bash", "sparseml.image_classification.train \\"]
    if parsed is not None:
        body.append(f"    --recipe-path zoo:{parsed.path}?recipe={name} \\")
    body += ["    --dataset-path /PATH/TO/DATA", "```", ""]
    return LICENCE + "---\n" + yaml_text + "---\n\n" + "\n".join(body)


def write_recipe(
    model_dir: Path,
    stub: str | Stub | None = None,
    *,
    generation: str = "documented",
    name: str = "original",
    suffix: str = ".md",
    params: Sequence[str] = ("__ALL_PRUNABLE__",),
    epochs: int = 10,
) -> Path:
    """Write a valid recipe into `model_dir` where `generation` keeps recipe `name`
    (the hub layout's default is `recipe.md`); return its path."""
    if generation not in RECIPE_LOCATIONS:
        raise ValueError(f"unknown layout generation {generation!r}")
    if generation == "hub" and name == "original":
        relpath = f"recipe{suffix}"
    else:
        relpath = RECIPE_LOCATIONS[generation].format(name=name, suffix=suffix)
    path = model_dir / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        recipe_text(stub, params=params, epochs=epochs, suffix=suffix, name=name),
        encoding="utf-8",
    )
    return path

"""What a checkpoint holds: weights, the recipe it was trained with, intact storages,
and agreement with the exported graph."""

from __future__ import annotations

from collections.abc import Iterator

from zoolint.checkpoints.folders import main_training_folder, training_folders
from zoolint.checkpoints.pickle_scan import DTYPE_SIZES, PDict, TensorInfo
from zoolint.checkpoints.rules.common import plural, weights_file
from zoolint.checkpoints.torch_file import PickleFile, pickle_file, pickle_files
from zoolint.checkpoints.weights import Comparison, compare, graph_weights, named_shapes
from zoolint.diagnostics import Finding, Severity
from zoolint.graph.load import GRAPH_PATH, graph
from zoolint.io.artifact import Parsed
from zoolint.io.frontmatter import FrontmatterError, split_frontmatter
from zoolint.io.yaml_doc import YamlError, parse_yaml
from zoolint.model import ModelDir
from zoolint.rules.base import RuleContext, rule

_SHOWN = 3


def _weights_checkpoints(model: ModelDir) -> Iterator[tuple[str, PickleFile]]:
    """The weights checkpoint of every training folder, scanned completely."""
    for folder in training_folders(model):
        if folder.archived:
            continue
        relpath = weights_file(model, folder)
        if relpath is None or relpath.endswith(".safetensors"):
            continue
        state = pickle_file(model, relpath)
        if not isinstance(state, Parsed) or state.value.main is None:
            continue
        if not state.value.main.complete or state.value.torchscript:
            continue
        yield relpath, state.value


def _shape(shape: tuple[int, ...]) -> str:
    return "[" + ", ".join(str(d) for d in shape) + "]"


@rule(
    code="CKPT003",
    name="checkpoint-no-weights",
    summary="The training checkpoint holds no tensors.",
    severity=Severity.ERROR,
)
def checkpoint_no_weights(ctx: RuleContext) -> Iterator[Finding]:
    """The weights checkpoint of a training folder (`model.pth`, `model.pt`,
    `pytorch_model.bin`) holds no tensor at all, or its `state_dict` entry holds none.

    Read from the pickle's opcode stream: each tensor is a
    `torch._utils._rebuild_tensor_v2` call. A SparseML checkpoint is a dict with
    `state_dict` and optionally `optimizer`, `recipe`, `epoch`, `arch_key`; a Hugging
    Face `pytorch_model.bin` is a bare state dict.

    Why: such a file was saved from the wrong object (an optimizer, a config) and
    cannot restore the model.
    """
    for relpath, checkpoint in _weights_checkpoints(ctx.model):
        main = checkpoint.main
        assert main is not None
        top = checkpoint.top_dict
        if not any(True for _ in main.tensors()):
            keys = ""
            if top is not None:
                names = [repr(k) for k in top.keys() if isinstance(k, str)]
                keys = f" (top-level keys: {', '.join(names[:8]) or 'none'})"
            yield Finding(
                f"holds no tensors{keys}: it cannot restore the model's weights",
                path=relpath,
                hint="save the model's weights: torch.save({'state_dict': model.state_dict(), ...}, path)",
            )
        elif top is not None and "state_dict" in top.keys():
            state_dict = top.get("state_dict")
            if not isinstance(state_dict, PDict) or not any(
                isinstance(v, TensorInfo) for _, v in state_dict.items
            ):
                yield Finding(
                    "its 'state_dict' entry holds no tensors",
                    path=relpath,
                    key_path=("state_dict",),
                )


def _recipe_error(text: str) -> str | None:
    """Why a stored recipe does not parse as one (YAML, or markdown with frontmatter)."""
    split = split_frontmatter(text, allow_leading_comments=True)
    if isinstance(split, FrontmatterError):
        return f"line {split.line}: {split.message}"
    doc = parse_yaml(split.yaml_text if split.present else text,
                     line_offset=split.yaml_first_line - 1 if split.present else 0)  # fmt: skip
    if isinstance(doc, YamlError):
        where = f"line {doc.line}, column {doc.column}: " if doc.line else ""
        return f"{where}{doc.message}"
    if doc.value is not None and not isinstance(doc.value, dict):
        return f"it is a YAML {type(doc.value).__name__}, not a mapping of recipe fields"
    return None


@rule(
    code="CKPT004",
    name="checkpoint-recipe-invalid",
    summary="The recipe stored in a checkpoint does not parse.",
    severity=Severity.ERROR,
)
def checkpoint_recipe_invalid(ctx: RuleContext) -> Iterator[Finding]:
    """The `recipe` string a SparseML checkpoint stores (the recipe it was trained
    with) is not valid YAML, nor markdown with YAML frontmatter, or is not a mapping.

    Why: SparseML re-applies the stored recipe when the checkpoint is loaded for
    further training; a broken one fails there. The full recipe rules check the
    recipe files; this only checks that the stored copy parses.
    """
    for relpath, checkpoint in _weights_checkpoints(ctx.model):
        top = checkpoint.top_dict
        recipe = top.get("recipe") if top is not None else None
        if not isinstance(recipe, str) or not recipe.strip():
            continue
        error = _recipe_error(recipe)
        if error is not None:
            yield Finding(
                f"its stored recipe does not parse: {error}",
                path=relpath,
                key_path=("recipe",),
            )


def _graph_comparison(model: ModelDir) -> tuple[str, Comparison] | None:
    folder = main_training_folder(model)
    if folder is None:
        return None
    relpath = weights_file(model, folder)
    if relpath is None:
        return None
    shapes = named_shapes(model, relpath)
    state = graph(model)
    if not shapes or not isinstance(state, Parsed):
        return None
    return relpath, compare(shapes, graph_weights(state.value))


@rule(
    code="CKPT005",
    name="checkpoint-graph-unmatched",
    summary="Checkpoint weights match no initializer of the graph.",
    severity=Severity.WARNING,
    needs=(graph,),
)
def checkpoint_graph_unmatched(ctx: RuleContext) -> Iterator[Finding]:
    """Weights of the training checkpoint (2-D and larger: convolution, linear and
    embedding weights) have no initializer in `model.onnx` with the same name, nor one
    with the same shape (or, for a matrix, the transposed shape).

    Exporters rename initializers (`onnx::MatMul_123`), fold batch norms and transpose
    matrices, so names alone prove nothing; a weight whose shape appears nowhere in the
    graph does. The usual cause: the checkpoint and the graph come from different
    models or different runs.

    Compared: the flat `training/` checkpoint, or the latest checkpoint stage present.
    """
    found = _graph_comparison(ctx.model)
    if found is None:
        return
    relpath, result = found
    if result.unmatched:
        shown = ", ".join(f"{name!r} {_shape(shape)}" for name, shape in result.unmatched[:_SHOWN])
        more = f", and {len(result.unmatched) - _SHOWN} more" if len(result.unmatched) > _SHOWN else ""
        yield Finding(
            f"{len(result.unmatched)} of {plural(result.compared, 'weight')} match no"
            f" initializer of {GRAPH_PATH} by name or shape: {shown}{more}",
            path=relpath,
            hint=f"check that {GRAPH_PATH} was exported from this checkpoint",
        )


@rule(
    code="CKPT006",
    name="checkpoint-graph-shape-mismatch",
    summary="A checkpoint weight and the graph initializer of the same name differ in size.",
    severity=Severity.ERROR,
    needs=(graph,),
)
def checkpoint_graph_shape_mismatch(ctx: RuleContext) -> Iterator[Finding]:
    """A weight of the training checkpoint and the `model.onnx` initializer with the
    same name hold different numbers of elements (`fc.weight` [10, 512] in the
    checkpoint, [1000, 512] in the graph).

    Exporters may reshape or transpose a weight, never resize it: the graph was not
    exported from this checkpoint (typically: a transfer-learned head, with the base
    model's graph uploaded).
    """
    found = _graph_comparison(ctx.model)
    if found is None:
        return
    relpath, result = found
    for name, ours, theirs in result.conflicts:
        yield Finding(
            f"tensor {name!r} has shape {_shape(ours)} but the {GRAPH_PATH} initializer of"
            f" that name has {_shape(theirs)}: the graph was not exported from this checkpoint",
            path=relpath,
            key_path=("state_dict", name),
        )


def _storage_problems(checkpoint: PickleFile) -> list[str]:
    storages = checkpoint.storages
    if storages is None or checkpoint.main is None:
        return []
    problems: dict[str, str] = {}
    for tensor in checkpoint.main.tensors():
        key = tensor.storage_key
        if key is None or key in problems:
            continue
        if key not in storages:
            problems[key] = f"data/{key} is missing"
            continue
        size = DTYPE_SIZES.get(tensor.dtype or "")
        if size is not None and tensor.storage_numel is not None:
            needed = tensor.storage_numel * size
            if storages[key] < needed:
                problems[key] = f"data/{key} holds {storages[key]} of {needed} bytes"
                continue
        if tensor.storage_numel is not None and tensor.extent > tensor.storage_numel:
            problems[key] = (
                f"a tensor of shape {_shape(tensor.shape)} reaches element {tensor.extent}"
                f" of data/{key}, which has {tensor.storage_numel}"
            )
    return [problems[key] for key in sorted(problems, key=lambda k: (len(k), k))]


@rule(
    code="CKPT007",
    name="checkpoint-storage-missing",
    summary="A PyTorch zip checkpoint lacks tensor data its pickle refers to.",
    severity=Severity.ERROR,
)
def checkpoint_storage_missing(ctx: RuleContext) -> Iterator[Finding]:
    """A PyTorch zip checkpoint's `data.pkl` refers to tensor storages
    (`<archive>/data/<key>`) that are missing from the archive, hold fewer bytes than
    the storage's element count needs, or are smaller than a tensor viewing them.

    Why: the archive was truncated or assembled by hand; `torch.load` fails on it, or
    worse, reads garbage.
    """
    for relpath in pickle_files(ctx.model):
        state = pickle_file(ctx.model, relpath)
        if not isinstance(state, Parsed) or state.value.container not in ("torch-zip", "torchscript"):
            continue
        problems = _storage_problems(state.value)
        if problems:
            shown = "; ".join(problems[:_SHOWN])
            more = f"; and {len(problems) - _SHOWN} more" if len(problems) > _SHOWN else ""
            yield Finding(
                f"{plural(len(problems), 'tensor storage')} missing or short: {shown}{more}",
                path=relpath,
                hint="save the checkpoint again; the archive is incomplete",
            )


RULES = [
    checkpoint_no_weights,
    checkpoint_recipe_invalid,
    checkpoint_graph_unmatched,
    checkpoint_graph_shape_mismatch,
    checkpoint_storage_missing,
]

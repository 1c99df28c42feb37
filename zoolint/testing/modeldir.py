"""Build complete, correct model directories in each layout generation, by code.

One function per artifact (card, graph, samples, recipe, checkpoint, deployment,
reports), all deterministic, composed by `build_model_dir`. A `cv` stub gets a tiny
image classifier and a `model.pth`; an `nlp` stub a tiny BERT-shaped graph and the
Hugging Face training and deployment folders its integration requires. The demo zoo
(`fixtures/`) and tests use them to get a directory that every rule family accepts; a
family that learns more about its artifact adjusts its function here, and every
fixture follows.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import onnx

from zoolint.stubs.parse import Stub, parse_stub
from zoolint.testing import samples
from zoolint.testing.builders import tiny_classifier, tiny_question_answering
from zoolint.testing.checkpoints import (
    HF_SPECIAL_TOKENS,
    checkpoint_pickle,
    state_dict_from_graph,
    write_checkpoint,
    write_hf_folder,
    write_torch_zip,
)
from zoolint.testing.reports import benchmark_shapes, write_benchmarks, write_metrics

GENERATIONS = ("documented", "hub", "legacy")


@dataclass(frozen=True)
class Names:
    """Where a generation keeps things (the built-in `sparsezoo` profile)."""

    sample_inputs: str
    sample_outputs: str
    checkpoints: str | None  # folder of model.pth
    deployment: str | None
    recipe: str  # path of the original recipe


NAMES = {
    "documented": Names("sample_inputs", "sample_outputs", "training", "deployment",
                        "recipes/recipe_original.md"),
    "hub": Names("sample-inputs", "sample-outputs", "training", "deployment", "recipe.md"),
    "legacy": Names("sample-inputs", "sample-outputs", "pytorch", None, "recipes/original.md"),
}

ARCH_TITLES = {
    "resnet_v1": "ResNet", "mobilenet_v1": "MobileNet V1", "vgg": "VGG",
    "efficientnet": "EfficientNet", "bert": "BERT",
}  # fmt: skip

# The sparsity a plain `pruned` (no number) model is built with.
UNNUMBERED_PRUNED_SPARSITY = 0.8
# The words of the tiny WordPiece vocabulary an nlp model is built with.
HF_WORDS = ("the", "a", "model", "##s")
# The metric of `metrics.yaml` and its dense baseline (top-1 accuracy, percent).
BASELINE_TOP1 = 76.1


def stub_of(text: str) -> Stub:
    stub = parse_stub(text)
    if not isinstance(stub, Stub):
        raise ValueError(f"{text!r} is not a stub: {stub.message}")
    return stub


def sparsity_of(stub: Stub) -> float:
    percent = stub.claims.pruned_percent
    if percent is None:
        return UNNUMBERED_PRUNED_SPARSITY if stub.claims.pruned else 0.0
    return percent / 100.0


def model_graph(stub: Stub, seed: int = 0) -> onnx.ModelProto:
    """The tiny stand-in graph, pruned as the stub claims (nlp models stay dense)."""
    if stub.domain == "nlp":
        return tiny_question_answering(vocab_size=len(HF_SPECIAL_TOKENS) + len(HF_WORDS), seed=seed)
    return tiny_classifier(sparsity=sparsity_of(stub), seed=seed)


def display_name(stub: Stub) -> str:
    arch = ARCH_TITLES.get(stub.architecture, stub.architecture)
    name = f"{arch}-{stub.sub_architecture}" if stub.sub_architecture else arch
    percent = stub.claims.pruned_percent
    if stub.claims.base:
        return f"{name} (dense baseline)"
    if percent is not None:
        return f"{percent:g}% Pruned {name}"
    return f"Pruned {name}"


def base_stub(stub: Stub) -> str:
    parts = stub.path.split("/")
    return "zoo:" + "/".join(parts[:-1] + ["base-none"])


def card_text(stub: Stub, generation: str) -> str:
    """A model card whose frontmatter agrees with the stub (SPEC section 3)."""
    percent = stub.claims.pruned_percent
    optimizations = [] if stub.claims.base else [f"GMP {percent:g}%" if percent else "GMP"]
    tags = [stub.architecture, stub.repo, stub.framework, stub.dataset]
    if stub.claims.pruned:
        tags.insert(1, "pruned")
    lines = [
        "---",
        "card_version: 1.0.0",
        f"base: {base_stub(stub)}",
    ]
    if not stub.claims.base:
        lines.append(f"parent: {base_stub(stub)}")
    lines += [
        f"domain: {stub.domain}",
        f"task: {stub.sub_domain}",
        f"architecture: {stub.architecture}",
    ]
    if stub.sub_architecture:
        lines.append(f"sub_architecture: '{stub.sub_architecture}'")
    lines += [
        f"framework: {stub.framework}",
        f"repo: {stub.repo}",
        f"source_dataset: {stub.dataset}",
        f"train_dataset: {stub.dataset}",
        "optimizations: [" + ", ".join(optimizations) + "]",
        f"display_name: {display_name(stub)}",
        "tags:",
        *[f"- {tag}" for tag in tags],
        "commands:",
        "  benchmark:",
        f"    benchmark: deepsparse.benchmark zoo:{stub.path}",
        "---",
        "",
        f"# {display_name(stub)}",
        "",
        f"A tiny stand-in for {display_name(stub)} on {stub.dataset}, laid out in the"
        f" {generation} layout. {_graph_sentence(stub)}",
        "",
    ]
    if not stub.claims.base:
        lines += [
            "## Training",
            "",
            "```bash",
            "sparseml.image_classification.train \\",
            f"    --recipe-path zoo:{stub.path}?recipe=original \\",
            f"    --dataset {stub.dataset}",
            "```",
            "",
        ]
    return "\n".join(lines)


def _graph_sentence(stub: Stub) -> str:
    if stub.domain == "nlp":
        return "Its graph takes 16 token ids and returns start and end scores for each."
    return "Its graph takes one 3x8x8 image and returns 4 logits."


def recipe_text(stub: Stub) -> str:
    """A GMP pruning recipe (SparseML `.md` with frontmatter) reaching the stub's sparsity."""
    final = sparsity_of(stub)
    return f"""---
num_epochs: &num_epochs 10.0
init_lr: &init_lr 0.01
pruning_start_epoch: &pruning_start_epoch 1.0
pruning_end_epoch: &pruning_end_epoch 8.0
init_sparsity: &init_sparsity 0.05
final_sparsity: &final_sparsity {final:g}

training_modifiers:
  - !EpochRangeModifier
    start_epoch: 0.0
    end_epoch: *num_epochs

  - !SetLearningRateModifier
    start_epoch: 0.0
    learning_rate: *init_lr

pruning_modifiers:
  - !GMPruningModifier
    params: __ALL_PRUNABLE__
    init_sparsity: *init_sparsity
    final_sparsity: *final_sparsity
    start_epoch: *pruning_start_epoch
    end_epoch: *pruning_end_epoch
    update_frequency: 0.5
---

# {display_name(stub)}: original recipe

Gradual magnitude pruning of every prunable layer to {final:.0%} sparsity.
"""


def write_card(root: Path, stub: Stub, generation: str) -> None:
    root.mkdir(parents=True, exist_ok=True)
    (root / "model.md").write_text(card_text(stub, generation), encoding="utf-8")


def write_graph(root: Path, graph: onnx.ModelProto) -> None:
    root.mkdir(parents=True, exist_ok=True)
    (root / "model.onnx").write_bytes(graph.SerializeToString())


def write_samples(
    root: Path, graph: onnx.ModelProto, generation: str, count: int = 2, seed: int = 0
) -> None:
    """Inputs (without the batch dimension) and the graph's outputs on them; an nlp
    graph's token ids are drawn from the tiny vocabulary its tokenizer has."""
    rng = np.random.default_rng(seed)
    spec = graph.graph.input[0]
    shape = [dim.dim_value for dim in spec.type.tensor_type.shape.dim][1:]  # the batch is 1
    token_ids = spec.type.tensor_type.elem_type == onnx.TensorProto.INT64

    def feeds_of(number: int) -> dict[str, np.ndarray]:
        if token_ids:
            array = rng.integers(0, len(HF_SPECIAL_TOKENS) + len(HF_WORDS), size=shape)
        else:
            array = rng.standard_normal(shape).astype(np.float32)
        return {spec.name: array[np.newaxis]}

    samples.write_samples(root, graph, generation=generation, count=count, feeds_of=feeds_of)


def write_recipe(root: Path, stub: Stub, generation: str) -> None:
    path = root / NAMES[generation].recipe
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(recipe_text(stub), encoding="utf-8")


def write_training(root: Path, stub: Stub, graph: onnx.ModelProto, generation: str) -> None:
    """`model.pth`: the graph's weights as a state dict, as the exporter saves it; for
    an nlp model the Hugging Face training folder, its `pytorch_model.bin` holding the
    graph's weights."""
    folder = NAMES[generation].checkpoints
    if folder is None:
        return
    if stub.domain == "nlp":
        write_hf_folder(root / folder, words=HF_WORDS)
        state = state_dict_from_graph(graph)
        write_checkpoint(root / folder / "pytorch_model.bin", state, bare=True)
        return
    extra = {"epoch": 10 if not stub.claims.base else 0, "arch_key": stub.architecture}
    # The committed demo zoo's bytes: 4-byte ints, no torch >= 2.1 members.
    data, storages = checkpoint_pickle(state_dict_from_graph(graph), extra=extra, compact_ints=False)
    write_torch_zip(root / folder / "model.pth", data, storages, minimal=True)


def write_deployment(root: Path, stub: Stub, graph: onnx.ModelProto, generation: str) -> None:
    """`model.onnx`, and for an nlp model the config and tokenizer files beside it."""
    folder = NAMES[generation].deployment
    if folder is None:
        return
    if stub.domain == "nlp":
        write_hf_folder(root / folder, words=HF_WORDS, training=False)
    (root / folder).mkdir(parents=True, exist_ok=True)
    (root / folder / "model.onnx").write_bytes(graph.SerializeToString())


def recovered_top1(stub: Stub) -> float:
    """A top-1 its sparse category allows: conservative models recover all of the
    baseline, moderate ones at least 99%, aggressive ones less."""
    category = stub.sparse_category.split("_")[0]
    if stub.claims.base or category == "conservative":
        return BASELINE_TOP1
    if category == "aggressive":
        return 72.4
    return 75.6


def write_reports(root: Path, stub: Stub, graph: onnx.ModelProto) -> None:
    """`metrics.yaml` (top-1 against the dense baseline) and `benchmarks.yaml` (one
    run at batch size 1 with the graph's input shapes)."""
    baseline = None if stub.claims.base else BASELINE_TOP1
    write_metrics(root, value=recovered_top1(stub), baseline=baseline, dataset=stub.dataset)
    write_benchmarks(root, input_shapes=benchmark_shapes(graph, 1), batch_size=1)


def build_model_dir(
    zoo_root: Path, stub_text: str, generation: str, seed: int = 0, reports: bool = False
) -> Path:
    """A complete, correct model directory at the stub's path below `zoo_root`; with
    `reports`, also its metrics and benchmark reports."""
    if generation not in GENERATIONS:
        raise ValueError(f"unknown generation {generation!r}")
    stub = stub_of(stub_text)
    root = zoo_root / stub.path
    graph = model_graph(stub, seed)
    write_card(root, stub, generation)
    write_graph(root, graph)
    write_training(root, stub, graph, generation)
    write_deployment(root, stub, graph, generation)
    if not stub.claims.base:
        write_recipe(root, stub, generation)
    write_samples(root, graph, generation, seed=seed)
    if reports:
        write_reports(root, stub, graph)
    return root

"""The vocabularies of stub parts: values seen in the wild, extendable by a zoo.

They are examples, not closed sets (SPEC section 1): a value outside them earns a
warning, never an error, and `[tool.zoolint.stubs]` adds a zoo's own values
(`extend-architectures = ["convnext"]`). Built-in sets are the SPEC table plus values
common in published SparseZoo stubs (yolov5 sizes, distilbert, the GLUE datasets).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from zoolint.stubs.parse import Stub
from zoolint.stubs.settings import VOCABULARY_PARTS, StubSettings

BUILTIN: dict[str, frozenset[str]] = {
    "domain": frozenset({"cv", "nlp"}),
    "sub_domain": frozenset(
        {
            "classification",
            "detection",
            "segmentation",
            "question_answering",
            "text_classification",
            "sentiment_analysis",
            "token_classification",
            "masked_language_modeling",
            "document_classification",
        }
    ),
    "architecture": frozenset(
        {
            "resnet_v1",
            "mobilenet_v1",
            "mobilenet_v2",
            "efficientnet",
            "vgg",
            "inception_v3",
            "ssd",
            "yolo_v3",
            "yolov5",
            "yolact",
            "bert",
            "obert",
            "distilbert",
            "mnistnet",
        }
    ),
    "sub_architecture": frozenset(
        {
            "18", "34", "50", "101", "152", "101_2x", "1.0", "0.75", "0.5", "0.25",
            "b0", "b1", "b2", "b3", "b4", "b5", "11", "11_bn", "13", "16", "16_bn", "19",
            "spp", "resnet50_300", "darknet53", "base", "large", "none",
            "n", "s", "m", "l", "x",
        }
    ),  # fmt: skip
    "framework": frozenset({"pytorch", "tensorflow_v1", "keras"}),
    "repo": frozenset({"sparseml", "torchvision", "ultralytics", "huggingface", "dbolya"}),
    "dataset": frozenset(
        {
            "imagenet",
            "imagenette",
            "cifar10",
            "mnist",
            "coco",
            "voc",
            "squad",
            "mnli",
            "qqp",
            "sst2",
            "conll2003",
            "wikipedia_bookcorpus",
        }
    ),
    "training_scheme": frozenset({"augmented", "lower_lr"}),
    # SPARSE_NAME is compositional (`12layer_pruned80_quant`): these are the kinds of
    # token that say what was done; numbers and extras (`3layers`) ride along.
    "sparse_name": frozenset({"base", "pruned", "quant", "quantized", "arch"}),
    "sparse_category": frozenset({"none", "conservative", "moderate", "aggressive"}),
    "sparse_target": frozenset(
        {"disk", "edge", "deepsparse", "deepsparse_throughput", "gpu", "vnni"}
    ),
}

_TRAILING_NUMBER = re.compile(r"[0-9.]+$")


@dataclass(frozen=True)
class UnknownValue:
    part: str
    value: str
    known: frozenset[str]


def vocabulary(settings: StubSettings) -> dict[str, frozenset[str]]:
    """The built-in vocabularies with the zoo's extensions added."""
    merged = dict(BUILTIN)
    for part, field_name in VOCABULARY_PARTS.items():
        extra = getattr(settings, field_name)
        if extra:
            merged[part] = merged[part] | frozenset(extra)
    return merged


def _known_sparse_name(value: str, kinds: frozenset[str]) -> bool:
    """`pruned95_quant`, `12layer_pruned80_quant`: some token names a known kind."""
    if value in kinds:
        return True
    tokens = value.split("_")
    return any(token in kinds or _TRAILING_NUMBER.sub("", token) in kinds for token in tokens)


def unknown_values(stub: Stub, vocab: dict[str, frozenset[str]]) -> Iterator[UnknownValue]:
    """Parts of `stub` whose value is outside the vocabulary, in stub order."""
    for part, value in stub.part_values().items():
        known = vocab[part]
        if part == "sparse_name":
            ok = _known_sparse_name(value, known)
        elif part == "sparse_category":
            ok = value in known or stub.base_category in known
        else:
            ok = value in known
        if not ok:
            yield UnknownValue(part, value, known)

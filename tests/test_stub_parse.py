"""The stub grammar: every part parsed, every error naming its part and offset."""

from __future__ import annotations

from pathlib import Path

import pytest

from zoolint.stubs.find import find_stub_tokens
from zoolint.stubs.parse import Stub, StubError, parse_stub, sparse_claims
from zoolint.stubs.settings import StubSettings
from zoolint.stubs.vocab import unknown_values, vocabulary

FULL = "zoo:nlp/question_answering/bert-base/pytorch/huggingface/squad-augmented/12layer_pruned80_quant-aggressive_84-vnni?recipe=transfer&checkpoint=postqat"


def test_full_grammar() -> None:
    stub = parse_stub(FULL)
    assert isinstance(stub, Stub)
    assert (stub.domain, stub.sub_domain) == ("nlp", "question_answering")
    assert (stub.architecture, stub.sub_architecture) == ("bert", "base")
    assert (stub.framework, stub.repo) == ("pytorch", "huggingface")
    assert (stub.dataset, stub.training_scheme) == ("squad", "augmented")
    assert (stub.sparse_name, stub.sparse_category, stub.sparse_target) == (
        "12layer_pruned80_quant",
        "aggressive_84",
        "vnni",
    )
    assert stub.base_category == "aggressive"
    assert stub.args == {"recipe": "transfer", "checkpoint": "postqat"}
    assert stub.path == (
        "nlp/question_answering/bert-base/pytorch/huggingface/squad-augmented/"
        "12layer_pruned80_quant-aggressive_84-vnni"
    )
    assert stub.canonical == "zoo:" + stub.path


def test_prefix_is_optional_and_parts_optional() -> None:
    stub = parse_stub("cv/classification/mobilenet_v1/tensorflow_v1/sparseml/imagenet/base-none")
    assert isinstance(stub, Stub)
    assert stub.sub_architecture is None and stub.training_scheme is None
    assert stub.sparse_target is None and stub.args == {}
    assert stub.claims.base


@pytest.mark.parametrize(
    ("text", "part", "offset", "message"),
    [
        ("zoo:cv/classification/resnet_v1-50/pytorch/sparseml/imagenet", "path", 4,
         "this one has 6"),
        ("zoo:cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/base-none/", "path", 70,
         "ends with '/'"),
        ("zoo:/cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/base-none", "path", 4,
         "starts with '/'"),
        ("zoo:cv//resnet_v1-50/pytorch/sparseml/imagenet/base-none", "sub_domain", 7, "is empty"),
        ("zoo:cv/classification//pytorch/sparseml/imagenet/base-none/x", "path", 22, "'//'"),
        ("zoo:CV/classification/resnet_v1-50/pytorch/sparseml/imagenet/base-none", "domain", 4,
         "upper-case"),
        ("ZOO:cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/base-none", "prefix", 0,
         "lower case"),
        ("zoo:cv/classification/resnet v1-50/pytorch/sparseml/imagenet/base-none", "architecture",
         22, "' '"),
        ("zoo:cv/classification/resnet_v1-50-2/pytorch/sparseml/imagenet/base-none",
         "sub_architecture", 32, "only one '-'"),
        ("zoo:cv/classification/resnet_v1-/pytorch/sparseml/imagenet/base-none",
         "sub_architecture", 32, "is empty"),
        ("zoo:cv/classification/resnet_v1-50/Pytorch/sparseml/imagenet/base-none", "framework",
         35, "upper-case"),
        ("zoo:cv/classification/resnet_v1-50/pytorch/sparse-ml/imagenet/base-none", "repo", 43,
         "'-'"),
        ("zoo:cv/classification/resnet_v1-50/pytorch/sparseml/imagenet-a-b/base-none",
         "training_scheme", 61, "only one '-'"),
        ("zoo:cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/pruned95", "sparse_category",
         61, "SPARSE_NAME-SPARSE_CATEGORY"),
        ("zoo:cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/pruned95-none-gpu-x",
         "sparse_target", 61, "more than"),
        ("zoo:cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/pruned95--gpu",
         "sparse_category", 70, "is empty"),
        ("zoo:cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/base-none?recipe", "query",
         71, "not key=value"),
        ("zoo:cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/base-none?recipe=a?b=c",
         "query", 79, "at most one '?'"),
        ("zoo:cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/base-none?recipe=a&size=3",
         "query", 80, "unknown query argument 'size'"),
        ("zoo:cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/base-none?checkpoint=final",
         "query", 82, "not one of postpruning"),
        ("zoo:cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/base-none?recipe=a&recipe=b",
         "query", 80, "given twice"),
        ("zoo:cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/base-none?recipe=a b",
         "query", 78, "outside"),
        ("zoo:", "path", 4, "empty"),
    ],
)
def test_errors_name_part_and_offset(text: str, part: str, offset: int, message: str) -> None:
    error = parse_stub(text)
    assert isinstance(error, StubError), error
    assert (error.part, error.offset) == (part, offset), error
    assert message in error.message


def test_offsets_account_for_leading_whitespace() -> None:
    error = parse_stub("  zoo:cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/PRUNED-none")
    assert isinstance(error, StubError)
    assert error.offset == 63 and error.part == "sparse_name"


@pytest.mark.parametrize(
    ("name", "pruned", "percent", "quantized", "base"),
    [
        ("base", False, None, False, True),
        ("pruned95", True, 95.0, False, False),
        ("pruned", True, None, False, False),
        ("pruned_quant", True, None, True, False),
        ("pruned95_quant", True, 95.0, True, False),
        ("12layer_pruned80_quant", True, 80.0, True, False),
        ("pruned_quant_3layers", True, None, True, False),
        ("quant", False, None, True, False),
        ("base_quant", False, None, True, False),
        ("arch", False, None, False, False),
    ],
)
def test_sparse_claims(name: str, pruned: bool, percent: float | None, quantized: bool, base: bool) -> None:
    claims = sparse_claims(name)
    assert (claims.pruned, claims.pruned_percent, claims.quantized, claims.base) == (
        pruned,
        percent,
        quantized,
        base,
    )


def test_vocabulary_warns_and_extends() -> None:
    stub = parse_stub("zoo:cv/classification/convnext-tiny/pytorch/sparseml/imagenet/pruned95_quant-moderate_97-tpu")
    assert isinstance(stub, Stub)
    found = {(u.part, u.value) for u in unknown_values(stub, vocabulary(StubSettings()))}
    assert found == {("architecture", "convnext"), ("sub_architecture", "tiny"), ("sparse_target", "tpu")}
    settings = StubSettings.model_validate(
        {"extend-architectures": ["convnext"], "extend-sub-architectures": ["tiny"], "extend-sparse-targets": ["tpu"]}
    )
    assert list(unknown_values(stub, vocabulary(settings))) == []


def test_sparse_name_vocabulary_is_compositional() -> None:
    vocab = vocabulary(StubSettings())
    for name in ("12layer_pruned80_quant", "pruned_quant_3layers", "base", "arch"):
        stub = parse_stub(f"zoo:cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/{name}-none")
        assert isinstance(stub, Stub)
        assert list(unknown_values(stub, vocab)) == []
    odd = parse_stub("zoo:cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/distilled-none")
    assert isinstance(odd, Stub)
    assert [(u.part, u.value) for u in unknown_values(odd, vocab)] == [("sparse_name", "distilled")]


def test_settings_reject_invalid_names() -> None:
    with pytest.raises(ValueError):
        StubSettings.model_validate({"extend-domains": ["Audio"]})


def test_find_stub_tokens() -> None:
    text = (
        "run --recipe-path zoo:cv/a/b/c/d/e/f-none?recipe_type=original \\\n"
        " (see zoo:nlp/x), 'zoo:q' and the zoo: prose; sparsezoo:cv/x; https://h/zoo:cv/y."
    )
    tokens = [(t.text, t.offset) for t in find_stub_tokens(text)]
    assert tokens == [
        ("zoo:cv/a/b/c/d/e/f-none?recipe_type=original", 18),
        ("zoo:nlp/x", 71),
        ("zoo:q", 84),
        ("zoo:cv/y", 137),
    ]


def test_path_stub_of_a_model_directory(tmp_path: Path) -> None:
    from zoolint.model import ModelDir
    from zoolint.stubs.path import parsed_path_stub, path_stub

    good = tmp_path / "cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/pruned95-none"
    bad = tmp_path / "cv/Classification/resnet_v1-50/pytorch/sparseml/imagenet/pruned95-none"
    shallow = tmp_path / "cv/classification"
    for folder in (good, bad, shallow):
        folder.mkdir(parents=True, exist_ok=True)

    model = ModelDir(good, tmp_path)
    stub = path_stub(model)
    assert isinstance(stub, Stub)
    assert stub.path == "cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/pruned95-none"
    assert path_stub(model) is stub  # parsed once per directory

    error = parsed_path_stub(ModelDir(bad, tmp_path))
    assert isinstance(error, StubError) and error.part == "sub_domain"
    assert path_stub(ModelDir(bad, tmp_path)) is None
    assert parsed_path_stub(ModelDir(shallow, tmp_path)) is None
    assert parsed_path_stub(ModelDir(good, good, only_file="model.md")) is None

"""End to end on real models: the ONNX files and reference data the `onnx` wheel ships
(converted PyTorch modules, hand-written graphs, "light" ResNet/SqueezeNet/ShuffleNet
architectures), turned into model directories in every layout. Good directories pass
the fast and the deep check; the same directories with one altered output fail with
the error figures in the message; a model onnxruntime cannot load says so."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import numpy as np
import pytest

from zoolint.api import lint
from zoolint.config.model import Config
from zoolint.testing.backend_zoo import BackendModel, backend_models, write_model_dir

CHOSEN = (
    "test_Conv2d",  # float conv, batch 1
    "test_Embedding",  # int64 indices in
    "test_operator_chunk",  # several outputs
    "test_operator_maxpool",
    "test_sign_model",
    "test_strnorm_model_nostopwords_nochangecase",  # strings in and out
    "light_squeezenet",  # a real architecture, weights as defaulted inputs (IR 3)
    "light_shufflenet",
)
LAYOUTS = (
    {"generation": "documented"},
    {"generation": "hub", "archived": True},
    {"generation": "legacy", "engine": "onnxruntime"},
    {"generation": "documented", "archived": True, "engine": "onnxruntime"},
)
CONFIG = Config.model_validate({"select": ["SMP", "RUN"], "samples": {"run": True}})


@pytest.fixture(scope="module")
def models() -> list[BackendModel]:
    found = list(backend_models(names=CHOSEN))
    assert sorted(model.name for model in found) == sorted(CHOSEN)
    return found


@pytest.fixture(scope="module")
def zoo(models: list[BackendModel], tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("real") / "zoo"
    for index, model in enumerate(models):
        write_model_dir(model, root / model.name, **LAYOUTS[index % len(LAYOUTS)])  # type: ignore[arg-type]
    return root


def test_real_models_pass_fast_and_deep(zoo: Path) -> None:
    report = lint([zoo], CONFIG)
    assert [(d.code, d.model_root.name, d.message) for d in report.diagnostics] == []
    assert len(report.models) == len(CHOSEN)
    assert sorted(model.root.name for model in report.models) == sorted(CHOSEN)


def _altered(model: BackendModel) -> tuple[BackendModel, str]:
    """The model with its first output changed in one element, and the figure the
    message must carry."""
    name, value = next(iter(model.outputs.items()))
    changed = value.copy()
    flat = changed.reshape(-1)
    if changed.dtype.kind == "U":
        flat[0] = flat[0] + "!"
        figure = "exactly compared) at 1 of"
    elif changed.dtype.kind in "iub":
        flat[0] = flat[0] + 1 if changed.dtype.kind != "b" else not flat[0]
        figure = "exactly compared) at 1 of"
    else:
        flat[0] = flat[0] + np.float32(0.25)
        figure = "largest absolute error 0.25"
    outputs = dict(model.outputs)
    outputs[name] = changed
    return BackendModel(model.kind, model.name, model.model_bytes, model.inputs, outputs), figure


def test_altered_outputs_fail_with_figures(models: list[BackendModel], tmp_path: Path) -> None:
    root = tmp_path / "zoo"
    figures = {}
    for index, model in enumerate(models):
        altered, figures[model.name] = _altered(model)
        write_model_dir(altered, root / model.name, **LAYOUTS[index % len(LAYOUTS)])  # type: ignore[arg-type]
    report = lint([root], CONFIG)
    assert sorted(d.model_root.name for d in report.diagnostics) == sorted(CHOSEN)
    for diagnostic in report.diagnostics:
        assert diagnostic.code == "RUN001"
        assert figures[diagnostic.model_root.name] in diagnostic.message, diagnostic.message
        assert re.search(r"first at index \([0-9, ]*\)", diagnostic.message)
        assert "out-0000.npz" in diagnostic.file.as_posix() + diagnostic.message


def test_a_model_the_runtime_cannot_load_is_reported_as_that(tmp_path: Path) -> None:
    (model,) = backend_models(kinds=("pytorch-converted",), names=("test_AvgPool2d",))
    write_model_dir(model, tmp_path / "zoo" / model.name)
    report = lint([tmp_path / "zoo"], CONFIG)
    assert [(d.code, d.path, d.message) for d in report.diagnostics] == [
        (
            "RUN002",
            "model.onnx",
            "onnxruntime cannot load the graph: onnxruntime implements no kernel for"
            " AveragePool version 1; the samples were not run",
        )
    ]
    shutil.rmtree(tmp_path / "zoo")

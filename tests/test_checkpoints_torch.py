"""Evidence from real `torch.save` output (needs the optional `torch` extra).

zoolint never imports torch; these tests use it only to write genuine checkpoints and
to read back benign ones, so that the opcode-level reading is checked against the
real thing. Malicious files are never loaded, by torch or anything else.
"""

from __future__ import annotations

import platform
import sys
from pathlib import Path

import numpy as np
import pytest

from zoolint.api import lint
from zoolint.checkpoints.pickle_scan import PDict, TensorInfo
from zoolint.checkpoints.torch_file import load_pickle_file
from zoolint.checkpoints.weights import state_dict_of
from zoolint.config.loader import build_config
from zoolint.config.model import LoadedConfig
from zoolint.io.artifact import Parsed
from zoolint.model import ModelDir
from zoolint.testing.builders import save_model, tiny_classifier
from zoolint.testing.checkpoints import state_dict_from_graph, write_checkpoint, write_minimal_card

# The test extra installs torch where the pinned CPU build exists (pyproject.toml:
# CPython 3.11 on x86_64): there a missing torch is a broken test environment, which
# must fail, not skip. Elsewhere these tests skip and the rest of the suite runs.
if sys.version_info[:2] == (3, 11) and platform.machine() == "x86_64":
    import torch
else:
    torch = pytest.importorskip("torch")

SELECT = {"zoo-root": ".", "select": ["CKPT", "DEP", "PKL", "HF", "FILE"]}


def _lint(root: Path) -> list[tuple[str, str, str]]:
    loaded = LoadedConfig(build_config(SELECT, {}, "test"), root, None)
    report = lint([root], loaded)
    assert report.internal_errors == 0
    return [(d.code, d.path, d.message) for d in report.diagnostics]


def _sparseml_checkpoint() -> tuple[torch.nn.Module, dict]:
    net = torch.nn.Sequential(
        torch.nn.Conv2d(3, 8, 3, padding=1),
        torch.nn.BatchNorm2d(8),
        torch.nn.ReLU(),
        torch.nn.AdaptiveAvgPool2d(1),
        torch.nn.Flatten(),
        torch.nn.Linear(8, 4),
    )
    optimizer = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9)
    net(torch.zeros(2, 3, 8, 8)).sum().backward()
    optimizer.step()
    return net, {
        "state_dict": net.state_dict(),
        "optimizer": optimizer.state_dict(),
        "recipe": "version: 1.1.0\nmodifiers:\n  - !EpochRangeModifier\n    end_epoch: 1\n",
        "epoch": 3,
        "arch_key": "tiny",
    }


@pytest.mark.parametrize("zipped", [True, False], ids=["zip", "legacy"])
def test_scan_matches_torch_load(tmp_path: Path, zipped: bool) -> None:
    _, checkpoint = _sparseml_checkpoint()
    torch.save(checkpoint, tmp_path / "model.pth", _use_new_zipfile_serialization=zipped)
    state = load_pickle_file(ModelDir(tmp_path, tmp_path), "model.pth")
    assert isinstance(state, Parsed)
    assert state.value.container == ("torch-zip" if zipped else "torch-legacy")
    top = state.value.top
    assert isinstance(top, PDict)
    assert top.keys() == ["state_dict", "optimizer", "recipe", "epoch", "arch_key"]
    assert top.get("recipe") == checkpoint["recipe"] and top.get("epoch") == 3
    ours = state_dict_of(state.value)
    assert ours is not None
    loaded = torch.load(tmp_path / "model.pth", weights_only=True)
    assert {name: info.shape for name, info in ours.items()} == {
        name: tuple(tensor.shape) for name, tensor in loaded["state_dict"].items()
    }
    assert {name: info.dtype for name, info in ours.items()} == {
        name: str(tensor.dtype).removeprefix("torch.") for name, tensor in loaded["state_dict"].items()
    }
    # one momentum buffer per parameter: the optimizer's tensors are seen too
    parameters = len(checkpoint["optimizer"]["state"])
    assert parameters == 6
    assert sum(isinstance(t, TensorInfo) for t in state.value.main.tensors()) == len(ours) + parameters  # type: ignore[union-attr]


def test_torch_free_checkpoint_loads_in_torch(tmp_path: Path) -> None:
    weights = state_dict_from_graph(tiny_classifier())
    weights["steps"] = np.array(5, dtype=np.int64)
    write_checkpoint(tmp_path / "model.pth", weights, epoch=4)
    loaded = torch.load(tmp_path / "model.pth", weights_only=True)
    assert set(loaded) == {"state_dict", "epoch", "arch_key", "recipe"} and loaded["epoch"] == 4
    for name, array in weights.items():
        assert np.array_equal(loaded["state_dict"][name].numpy(), array), name


@pytest.mark.filterwarnings("ignore:`torch.jit.script` is deprecated:DeprecationWarning")
def test_real_sparseml_checkpoint_passes(tmp_path: Path) -> None:
    """A real-shaped SparseML checkpoint of the graph's model gets no diagnostics."""
    net, checkpoint = _sparseml_checkpoint()
    root = tmp_path / "m"
    write_minimal_card(root, "cv", "classification")
    torch.save(checkpoint, (root / "training").mkdir(parents=True) or root / "training" / "model.pth")
    graph = tiny_classifier()  # same layer shapes under exporter-style names
    conv, fc = net[0], net[5]
    from onnx import numpy_helper

    arrays = {"conv.weight": conv.weight, "conv.bias": conv.bias, "fc.weight": fc.weight, "fc.bias": fc.bias}
    for init in graph.graph.initializer:
        init.CopyFrom(numpy_helper.from_array(arrays[init.name].detach().numpy(), init.name))
    save_model(graph, root / "model.onnx")
    save_model(graph, root / "deployment" / "model.onnx")
    torch.save({"epoch": 1}, root / "training" / "extra.pt")
    torch.jit.script(net).save(root / "training" / "scripted.pt")
    assert _lint(tmp_path) == []


def test_pickled_module_names_its_classes(tmp_path: Path) -> None:
    net, _ = _sparseml_checkpoint()
    root = tmp_path / "m"
    write_minimal_card(root, "cv", "classification")
    (root / "training").mkdir(parents=True)
    torch.save(net, root / "training" / "model.pth")  # the whole module, not its state
    diagnostics = _lint(tmp_path)
    assert [(code, path) for code, path, _ in diagnostics] == [("PKL002", "training/model.pth")]
    message = diagnostics[0][2]
    for name in ("torch.nn.modules.container.Sequential", "torch.nn.modules.conv.Conv2d", "torch.nn.modules.linear.Linear"):
        assert name in message

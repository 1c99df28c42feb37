"""The deep check's edges: onnxruntime missing, comparisons, messages, and proof that
it really runs the samples."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import onnx
import pytest
from click.testing import CliRunner

from sample_fixtures import classifier_dir, save_model, write_samples
from zoolint.api import lint
from zoolint.cli import main
from zoolint.config.loader import ConfigError, build_config
from zoolint.config.model import Config
from zoolint.model import ModelDir
from zoolint.samples.compare import compare
from zoolint.samples.deep import run_result
from zoolint.samples.runtime import RuntimeMissing, load_failure, runtime_message
from zoolint.testing.builders import tiny_classifier

INSTALL = "pip install 'zoolint[runtime]'"


@pytest.fixture
def no_runtime(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if onnxruntime were not installed: `import onnxruntime` raises ImportError."""
    monkeypatch.setitem(sys.modules, "onnxruntime", None)


def test_requesting_the_run_without_onnxruntime_is_a_config_error(no_runtime: None) -> None:
    with pytest.raises(RuntimeMissing) as caught:
        build_config({"samples": {"run": True}}, {}, "zoolint.toml")
    assert isinstance(caught.value, ConfigError)
    assert INSTALL in str(caught.value)


def test_cli_exits_2_with_the_install_command(no_runtime: None, tmp_path: Path) -> None:
    classifier_dir(tmp_path / "m", count=1)
    (tmp_path / "zoolint.toml").write_text("[samples]\nrun = true\n")
    result = CliRunner().invoke(main, [str(tmp_path)])
    assert result.exit_code == 2
    assert INSTALL in result.output


def test_run_override_without_onnxruntime_raises_once(no_runtime: None, tmp_path: Path) -> None:
    for name in ("a", "b", "c"):
        classifier_dir(tmp_path / name, count=1)
    with pytest.raises(RuntimeMissing):
        lint([tmp_path], overrides={"samples": {"run": True}}, isolated=True)


def test_fast_check_needs_no_onnxruntime(no_runtime: None, tmp_path: Path) -> None:
    classifier_dir(tmp_path / "m", count=2, engines=["onnxruntime"])
    report = lint([tmp_path], Config.model_validate({"select": ["SMP", "RUN"]}))
    assert report.diagnostics == []


def test_the_deep_check_runs_every_sample(tmp_path: Path) -> None:
    classifier_dir(tmp_path / "folders", count=3, engines=["onnxruntime"])
    classifier_dir(tmp_path / "archives", count=2, generation="hub", archived=True)
    config = Config.model_validate({"samples": {"run": True}})
    for name, count in (("folders", 3), ("archives", 2)):
        model = ModelDir(tmp_path / name, tmp_path, config)
        result = run_result(model).value  # type: ignore[union-attr]
        assert (result.ran, result.total, result.mismatches, result.failures) == (count, count, [], [])


def test_graphs_with_external_weights_run_by_path(tmp_path: Path) -> None:
    proto = tiny_classifier()
    save_model(tiny_classifier(), tmp_path / "m" / "model.onnx", external_data=True)
    assert (tmp_path / "m" / "model.data").is_file()
    write_samples(tmp_path / "m", proto, count=2)
    config = Config.model_validate({"samples": {"run": True}})
    result = run_result(ModelDir(tmp_path / "m", tmp_path, config)).value  # type: ignore[union-attr]
    assert (result.ran, result.total, result.mismatches, result.failures) == (2, 2, [], [])


def test_external_weights_outside_the_directory_are_not_run(tmp_path: Path) -> None:
    proto = tiny_classifier()
    save_model(tiny_classifier(), tmp_path / "elsewhere" / "model.onnx", external_data=True)
    moved = onnx.load(str(tmp_path / "elsewhere" / "model.onnx"), load_external_data=False)
    for tensor in moved.graph.initializer:
        for entry in tensor.external_data:
            if entry.key == "location":
                entry.value = "../elsewhere/model.data"
    save_model(moved, tmp_path / "m" / "model.onnx")
    write_samples(tmp_path / "m", proto, count=1)
    config = Config.model_validate({"samples": {"run": True}})
    result = run_result(ModelDir(tmp_path / "m", tmp_path, config)).value  # type: ignore[union-attr]
    assert (result.ran, result.load_failure, result.failures) == (0, None, [])


def test_truncated_external_weights_are_left_to_the_ext_rules(tmp_path: Path) -> None:
    proto = tiny_classifier()
    save_model(proto, tmp_path / "m" / "model.onnx", external_data=True)
    data = (tmp_path / "m" / "model.data").read_bytes()
    (tmp_path / "m" / "model.data").write_bytes(data[: len(data) // 2])
    write_samples(tmp_path / "m", proto, count=1)
    config = Config.model_validate({"select": ["EXT", "RUN"], "samples": {"run": True}})
    report = lint([tmp_path], config)
    # EXT005 names the short data file; onnxruntime is not asked to load it (no RUN002).
    assert [d.code for d in report.diagnostics] == ["EXT005"]


@pytest.mark.parametrize(
    ("stored", "actual", "expected"),
    [
        (np.array([1.0, np.nan]), np.array([1.0 + 5e-6, np.nan]), None),
        (np.array([np.inf, -np.inf]), np.array([np.inf, -np.inf]), None),
        (np.array([1.0, 2.0]), np.array([[1.0, 2.0]]), None),  # runtime batch of 1
        (np.array(["a", "b"]), np.array(["a", "b"], dtype=object), None),
        (np.array([1.0, np.nan]), np.array([1.0, 2.0]), "largest absolute error inf"),
        (np.array([0.0, 4.0]), np.array([0.0, 5.0]), "largest absolute error 1, largest relative error 0.25; first at index (1,)"),
        (np.array([0.0]), np.array([0.5]), "largest relative error inf"),
        (np.array([3, 4]), np.array([3, 5]), "exactly compared) at 1 of 2 elements; first at index (1,): stored 4, onnxruntime 5"),
        (np.array([True]), np.array([False]), "stored True, onnxruntime False"),
        (np.array(["a"]), np.array(["b"], dtype=object), "stored 'a', onnxruntime 'b'"),
        (np.zeros((2, 3)), np.zeros((3, 2)), "has shape (3, 2) from onnxruntime but (2, 3) stored"),
    ],
)
def test_compare(stored: np.ndarray, actual: np.ndarray, expected: str | None) -> None:
    result = compare(stored, actual, atol=1e-5, rtol=0.0)
    if expected is None:
        assert result is None
    else:
        assert result is not None and expected in result


def test_relative_tolerance() -> None:
    assert compare(np.array([1000.0]), np.array([1000.5]), atol=0.0, rtol=1e-3) is None
    assert compare(np.array([1000.0]), np.array([1002.0]), atol=0.0, rtol=1e-3) is not None


def test_bfloat16_compares_as_floats() -> None:
    one, two = (np.array([v], np.uint16).view("V2") for v in (0x3F80, 0x4000))
    assert compare(one, one.copy(), 1e-5, 0.0) is None
    assert "stored 1, onnxruntime 2" in (compare(one, two, 1e-5, 0.0) or "")


def test_runtime_messages_lose_codes_and_source_locations() -> None:
    raw = (
        "[ONNXRuntimeError] : 1 : FAIL : /onnxruntime_src/onnxruntime/core/graph/model.cc:256"
        " onnxruntime::Model::Model(onnx::ModelProto&&, const onnxruntime::PathString&)"
        " Unsupported model IR version: 12, max supported IR version: 11"
    )
    assert runtime_message(RuntimeError(raw)) == "Unsupported model IR version: 12, max supported IR version: 11"
    assert load_failure(RuntimeError(raw)) == (
        "its IR version 12 is newer than the installed onnxruntime supports"
    )
    kernel = "[ONNXRuntimeError] : 9 : NOT_IMPLEMENTED : Could not find an implementation for PRelu(6) node with name ''"
    assert load_failure(RuntimeError(kernel)) == "onnxruntime implements no kernel for PRelu version 6"

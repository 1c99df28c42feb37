"""Loading graph files: where they are, the archive, size bounds; how validation runs."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

import onnx
import pytest

from zoolint.config.loader import build_config
from zoolint.graph import load, validate
from zoolint.graph.archive import scan_graph_archive
from zoolint.graph.load import TensorSpec, graph, graph_files, graph_inputs
from zoolint.io.artifact import Broken, BrokenKind, Parsed
from zoolint.model import ModelDir
from zoolint.testing.graph import classifier, write_model_onnx


def _archive(path: Path, members: dict[str, bytes]) -> None:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    path.write_bytes(buffer.getvalue())


def test_graph_files_and_main_graph(tmp_path: Path) -> None:
    write_model_onnx(tmp_path, classifier())
    write_model_onnx(tmp_path / "onnx", classifier(), name="model.11.onnx")
    write_model_onnx(tmp_path / "deployment", classifier())
    _archive(tmp_path / "model.onnx.tar.gz", {"./model.onnx": classifier().SerializeToString()})
    model = ModelDir(tmp_path, tmp_path)
    assert graph_files(model) == ["model.onnx", "model.onnx.tar.gz", "onnx/model.11.onnx", "deployment/model.onnx"]
    assert graph(model).path == "model.onnx"


def test_only_an_archive_is_the_main_graph(tmp_path: Path) -> None:
    _archive(tmp_path / "model.onnx.tar.gz", {"model.onnx": classifier(input_name="images").SerializeToString()})
    state = graph(ModelDir(tmp_path, tmp_path))
    assert isinstance(state, Parsed) and state.path == "model.onnx.tar.gz"
    assert graph_inputs(state.value) == [TensorSpec("images", onnx.TensorProto.FLOAT, ("batch", 3, 8, 8))]


def test_archive_member_over_the_limit_is_not_read(tmp_path: Path) -> None:
    _archive(tmp_path / "model.onnx.tar.gz", {"model.onnx": classifier().SerializeToString()})
    config = build_config({"graph": {"max-archive-member-bytes": 1000}}, {}, "test")
    state = graph(ModelDir(tmp_path, tmp_path, config))
    assert isinstance(state, Broken)
    assert "over the 1000-byte limit" in state.reason


def test_archive_lists_members_without_extracting(tmp_path: Path) -> None:
    _archive(tmp_path / "model.onnx.tar.gz", {"model.onnx": classifier().SerializeToString(), "notes.txt": b"x"})
    before = sorted(p.name for p in tmp_path.iterdir())
    scan = ModelDir(tmp_path, tmp_path).load(scan_graph_archive, "model.onnx.tar.gz")
    assert isinstance(scan, Parsed) and scan.value.members == ["model.onnx", "notes.txt"] and not scan.value.unsafe
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_over_two_gib_is_refused_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_model_onnx(tmp_path, classifier())
    monkeypatch.setattr(load, "MAX_GRAPH_BYTES", 100)
    state = load.load_graph(ModelDir(tmp_path, tmp_path), "model.onnx")
    assert isinstance(state, Broken) and state.kind == BrokenKind.TOO_LARGE
    assert state.reason.startswith("is over 2 GiB")


def test_describe() -> None:
    assert TensorSpec("x", onnx.TensorProto.FLOAT, ("batch", 3, None)).describe() == "float32[batch,3,?]"
    assert TensorSpec("x", 0, None).describe() == "undefined[?]"


class _Recorder:
    def __init__(self) -> None:
        self.targets: list[object] = []

    def __call__(self, target: object, full_check: bool = False) -> None:
        self.targets.append(target)


def test_checker_gets_the_path_only_when_external_data_is_safe(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    recorder = _Recorder()
    monkeypatch.setattr(onnx.checker, "check_model", recorder)
    write_model_onnx(tmp_path / "safe", classifier(), external_data=True)
    unsafe = onnx.load(str(tmp_path / "safe" / "model.onnx"), load_external_data=False)
    for tensor in unsafe.graph.initializer:
        for entry in tensor.external_data:
            if entry.key == "location":
                entry.value = "/etc/passwd"
    (tmp_path / "unsafe").mkdir()
    (tmp_path / "unsafe" / "model.onnx").write_bytes(unsafe.SerializeToString())
    methods = {}
    for name in ("safe", "unsafe"):
        state = validate.validation(ModelDir(tmp_path / name, tmp_path / name), "model.onnx")
        assert isinstance(state, Parsed)
        methods[name] = state.value.method
    assert methods == {"safe": "path", "unsafe": "skeleton"}
    assert recorder.targets[0] == str(tmp_path / "safe" / "model.onnx")
    skeleton = recorder.targets[1]
    assert isinstance(skeleton, onnx.ModelProto)
    assert not any(t.data_location == onnx.TensorProto.EXTERNAL for t in skeleton.graph.initializer)


def test_small_external_tensors_feed_inference(tmp_path: Path) -> None:
    # onnx's own full check fails on this valid model ("Cannot parse data from external
    # tensors"): the Reshape's target shape is stored externally.
    import numpy as np
    from onnx import helper, numpy_helper

    nodes = [helper.make_node("Reshape", ["x", "shape"], ["y"], name="reshape")]
    graph_proto = helper.make_graph(
        nodes, "g", [helper.make_tensor_value_info("x", 1, [2, 3])], [helper.make_tensor_value_info("y", 1, [3, 2])],
        [numpy_helper.from_array(np.array([3, 2], np.int64), "shape")],
    )
    model = helper.make_model(graph_proto, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    write_model_onnx(tmp_path, model, external_data=True)
    state = validate.validation(ModelDir(tmp_path, tmp_path), "model.onnx")
    assert isinstance(state, Parsed)
    assert state.value.issues == []
    assert state.value.inferred_outputs == [TensorSpec("y", 1, (3, 2))]


def test_identical_graph_files_are_parsed_and_checked_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    recorder = _Recorder()
    monkeypatch.setattr(onnx.checker, "check_model", recorder)
    write_model_onnx(tmp_path, classifier())
    write_model_onnx(tmp_path / "deployment", classifier())
    same_size = classifier(seed=1)  # other weights, same byte count
    write_model_onnx(tmp_path / "onnx", same_size, name="model.13.onnx")
    assert (tmp_path / "onnx" / "model.13.onnx").stat().st_size == (tmp_path / "model.onnx").stat().st_size
    model = ModelDir(tmp_path, tmp_path)
    states = {path: load.graph_at(model, path) for path in graph_files(model)}
    assert states["deployment/model.onnx"].value is states["model.onnx"].value
    assert states["onnx/model.13.onnx"].value is not states["model.onnx"].value
    for path in states:
        assert isinstance(validate.validation(model, path), Parsed)
    assert recorder.targets == [str(tmp_path / "model.onnx"), str(tmp_path / "onnx" / "model.13.onnx")]

"""The demo zoo of the README: committed, reproducible, and linting as documented.

`zoolint fixtures/demo-zoo` exits 1 with the findings listed here; its `valid/` part
alone exits 0 with no diagnostic at all, from every rule family.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from click.testing import CliRunner

from zoolint.api import lint
from zoolint.cli import main
from zoolint.reporters.json_report import relative_path

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "fixtures" / "demo-zoo"
STUB = "cv/classification/{}/pytorch/sparseml/imagenet/base-none"


def _builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_demo_zoo", REPO / "fixtures" / "build_demo_zoo.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _files(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_committed_demo_zoo_is_current(tmp_path: Path) -> None:
    built = _files(_builder().build(tmp_path / "demo-zoo"))
    committed = _files(DEMO)
    assert sorted(built) == sorted(committed), "run `python fixtures/build_demo_zoo.py` and commit"
    stale = [name for name in built if built[name] != committed[name]]
    assert stale == [], "run `python fixtures/build_demo_zoo.py` and commit"


def test_builder_is_deterministic(tmp_path: Path) -> None:
    builder = _builder()
    assert _files(builder.build(tmp_path / "a")) == _files(builder.build(tmp_path / "b"))


def test_demo_zoo_is_small() -> None:
    assert sum(len(data) for data in _files(DEMO).values()) < 1024 * 1024


def test_valid_part_has_no_diagnostic_and_every_generation() -> None:
    report = lint([DEMO / "valid"])
    assert report.diagnostics == []
    layouts = {relative_path(model.root, DEMO / "valid"): model.layout for model in report.models}
    resnet = "cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/"
    assert layouts == {
        resnet + "base-none": "documented",
        resnet + "pruned95-none": "documented",
        resnet + "pruned90-none": "hub",
        STUB.format("mobilenet_v1-1.0"): "legacy",
    }
    assert all(model.stub == "zoo:" + path for path, model in zip(sorted(layouts), report.models))


EXPECTED_BROKEN = [
    ("LAY002", STUB.format("mobilenet_v1-1.0"), "no model card: the hub layout requires 'model.md'"),
    (
        "LAY004",
        STUB.format("mobilenet_v1-1.0") + "/Model.md",
        "unknown entry 'Model.md': it is not part of the hub layout, and tools silently ignore it",
    ),
    (
        "LAY008",
        STUB.format("mobilenet_v1-1.0") + "/sample-outputs_onnxrt",
        "'sample-outputs_onnxrt' names the engine 'onnxrt', which is not one of 'onnxruntime',"
        " 'deepsparse'",
    ),
    (
        "LAY001",
        STUB.format("mobilenet_v1-1.0") + "/sample_labels",
        "'sample_labels' is the documented spelling of the sample labels, but this directory"
        " follows the hub layout",
    ),
    (
        "FILE001",
        STUB.format("resnet_v1-18") + "/model.onnx",
        "is a Git LFS pointer (oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393,"
        " 102502400 bytes), not the file itself: its content was never uploaded",
    ),
    (
        "LAY006",
        STUB.format("resnet_v1-18") + "/training",
        "'training' is a file, but the checkpoints must be a folder",
    ),
    (
        "LAY003",
        STUB.format("resnet_v1-50"),
        "no sample inputs: the documented layout recommends 'sample_inputs/' (or"
        " 'sample_inputs.tar.gz')",
    ),
    (
        "LAY009",
        STUB.format("resnet_v1-50"),
        "the archive 'base-none.tar.gz' beside this directory claims the same stub"
        " 'zoo:cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/base-none'",
    ),
    (
        "LAY005",
        STUB.format("resnet_v1-50") + "/deployment.tar.gz",
        "'deployment.tar.gz' and the folder 'deployment/' both exist; tools read one and silently"
        " ignore the other",
    ),
    (
        "LAY004",
        STUB.format("resnet_v1-50") + "/sample_input",
        "unknown entry 'sample_input': it is not part of the documented layout, and tools"
        " silently ignore it",
    ),
]


def test_broken_part_shows_the_layout_and_file_defects() -> None:
    report = lint([DEMO])
    found = [
        (d.code, relative_path(d.file, DEMO / "broken"), d.message)
        for d in report.diagnostics
        if d.code.startswith(("LAY", "FILE"))
    ]
    assert found == EXPECTED_BROKEN


def test_readme_first_command_exit_codes() -> None:
    runner = CliRunner()
    assert runner.invoke(main, [str(DEMO)]).exit_code == 1
    assert runner.invoke(main, [str(DEMO / "valid")]).exit_code == 0

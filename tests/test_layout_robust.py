"""Hostile or mangled directories give clear diagnostics from every rule, never a crash."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from zoolint.api import lint
from zoolint.config.model import Config, LoadedConfig


@pytest.mark.parametrize("preset", ["default", "strict"])
def test_files_and_folders_swapped(tmp_path: Path, preset: str) -> None:
    root = tmp_path / "m"
    for folder in ("model.md", "model.onnx", "deployment.tar.gz", "recipes"):
        (root / folder).mkdir(parents=True)
        (root / folder / "inside").write_text("x\n")
    (root / "training").write_text("not a folder\n")
    os.symlink("sample_inputs", root / "sample_inputs")  # a loop
    os.symlink("/etc", root / "logs")  # leads outside
    os.mkfifo(root / "sample_outputs")
    (root / "recipes" / "recipe_original.md").mkdir()
    config = Config.model_validate({"select": ["ALL"], "preset": preset})
    report = lint([tmp_path], LoadedConfig(config, tmp_path))
    assert report.internal_errors == 0
    assert [d.message for d in report.diagnostics if d.code == "ZL001"] == []
    wrong_kind = sorted(d.path for d in report.diagnostics if d.code == "LAY006")
    assert wrong_kind == ["deployment.tar.gz", "model.md", "model.onnx", "training"]
    # Broken links and the FIFO are the FILE rules' to report; layout stays quiet on them.
    layout_paths = {d.path for d in report.diagnostics if d.code.startswith("LAY")}
    assert not layout_paths & {"sample_inputs", "sample_outputs", "logs"}
    assert {d.path for d in report.diagnostics if d.code.startswith("FILE")} >= {
        "sample_inputs",
        "sample_outputs",
        "logs",
    }

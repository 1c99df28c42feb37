"""Hostile or mangled directories give clear diagnostics from every rule, never a crash."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from zoolint.api import lint
from zoolint.config.model import Config, LoadedConfig


# The swapped directory's findings, (code, severity, path, message) in report order.
FINDINGS = [
    ("CKPT002", "info", "", "the integration is unknown (no domain in model.md, and the path is not a stub):"
     " training/ and deployment/ contents were not checked against a list"),
    ("LAY006", "error", "deployment.tar.gz",
     "'deployment.tar.gz' is a folder, but an archive of the deployment files must be a file"),
    ("FILE002", "error", "logs", "is a symlink to '/etc', outside the model directory; it was not followed"),
    ("LAY006", "error", "model.md", "'model.md' is a folder, but the model card must be a file"),
    ("LAY006", "error", "model.onnx", "'model.onnx' is a folder, but the ONNX graph must be a file"),
    ("LAY004", "warning", "recipes/inside", "'recipes/inside' is not a name the documented layout reads in"
     " 'recipes/' (expected 'recipe_*.md', 'recipe_*.yaml')"),
    ("LAY007", "warning", "recipes/recipe_original.md", "is an empty folder"),
    ("FILE003", "error", "sample_inputs", "is a symlink loop"),
    ("FILE004", "error", "sample_outputs", "is a device, FIFO or socket, not a regular file"),
    ("LAY006", "error", "training", "'training' is a file, but the checkpoints must be a folder"),
]  # fmt: skip
# What the strict preset adds: the documented layout's optional entries are required.
STRICT_MISSING = [
    ("LAY002", "error", "", f"no {what}: the documented layout requires {where}")
    for what, where in (
        ("benchmarks", "'benchmarks.yaml'"),
        ("metrics", "'metrics.yaml'"),
        ("opset variants of the graph", "'onnx/' (or 'onnx.tar.gz')"),
        ("sample labels", "'sample_labels/' (or 'sample_labels.tar.gz')"),
        ("sample originals", "'sample_originals/' (or 'sample_originals.tar.gz')"),
    )
]


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
    rows = [(d.code, d.severity.value, d.path, d.message) for d in report.diagnostics]
    assert all(d.line is None and d.column is None for d in report.diagnostics)
    assert rows == [FINDINGS[0], *(STRICT_MISSING if preset == "strict" else []), *FINDINGS[1:]]

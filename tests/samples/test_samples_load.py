"""Finding sample folders: symlinks inside the directory are followed, links out never."""

from __future__ import annotations

import os
from pathlib import Path

from sample_fixtures import classifier_dir
from zoolint.api import lint
from zoolint.config.model import Config

CONFIG = Config.model_validate({"select": ["FILE", "SMP", "RUN"], "samples": {"run": True}})


def test_a_symlinked_folder_inside_the_directory_is_read(tmp_path: Path) -> None:
    model = tmp_path / "m"
    classifier_dir(model, count=2)
    (model / "data").mkdir()
    os.rename(model / "sample_inputs", model / "data" / "inputs")
    os.symlink("data/inputs", model / "sample_inputs")
    (model / "data/inputs/inp-0001.npz").unlink()
    report = lint([tmp_path], CONFIG)
    assert [(d.code, d.path, d.message) for d in report.diagnostics] == [
        ("SMP012", "sample_outputs", "has outputs for 1 sample number with no input: 0001")
    ]


def test_a_symlinked_folder_leading_out_is_never_read(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    classifier_dir(outside, count=1)
    (outside / "model.onnx").unlink()
    model = tmp_path / "zoo" / "m"
    classifier_dir(model, count=1)
    for path in (model / "sample_inputs").iterdir():
        path.unlink()
    (model / "sample_inputs").rmdir()
    os.symlink(outside / "sample_inputs", model / "sample_inputs")
    report = lint([tmp_path / "zoo"], CONFIG)
    assert [(d.code, d.path) for d in report.diagnostics] == [("FILE002", "sample_inputs")]

"""From named paths to model directories and loose files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from zoolint.discovery import DiscoveryError, Target, discover


def make_model(root: Path, *files: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name in files or ("model.md",):
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
    return root


def test_a_zoo_tree_yields_every_model_once_and_not_their_subfolders(tmp_path: Path) -> None:
    one = make_model(tmp_path / "cv/a", "model.md", "deployment/model.onnx", "training/model.onnx")
    two = make_model(tmp_path / "nlp/b", "model.onnx.tar.gz")
    (tmp_path / "docs").mkdir()
    assert discover(tmp_path) == [Target(one), Target(two)]


def test_a_file_maps_to_the_model_that_holds_it(tmp_path: Path) -> None:
    model = make_model(tmp_path / "m", "model.md", "deployment/model.onnx", "sample_inputs/inp-0000.npz")
    assert discover(model / "deployment" / "model.onnx", boundary=tmp_path) == [Target(model)]
    assert discover(model / "sample_inputs" / "inp-0000.npz", boundary=tmp_path) == [Target(model)]
    assert discover(model / "model.md", boundary=tmp_path) == [Target(model)]


def test_a_reserved_subfolder_named_directly_maps_to_its_model(tmp_path: Path) -> None:
    model = make_model(tmp_path / "m", "model.md", "deployment/model.onnx")
    assert discover(model / "deployment", boundary=tmp_path) == [Target(model)]


def test_a_file_outside_any_model_is_a_loose_file(tmp_path: Path) -> None:
    recipe = tmp_path / "recipes" / "prune.yaml"
    recipe.parent.mkdir()
    recipe.write_text("x: 1\n")
    assert discover(recipe, boundary=tmp_path) == [Target(recipe.parent, only_file="prune.yaml")]


def test_excluded_folders_are_skipped(tmp_path: Path) -> None:
    keep = make_model(tmp_path / "keep")
    make_model(tmp_path / "old" / "skip")
    assert discover(tmp_path, exclude=["old"], exclude_base=tmp_path) == [Target(keep)]


def test_missing_path_is_a_discovery_error(tmp_path: Path) -> None:
    with pytest.raises(DiscoveryError, match="no such file or directory"):
        discover(tmp_path / "nope")


def test_symlink_loop_named_directly_is_a_discovery_error(tmp_path: Path) -> None:
    loop = tmp_path / "loop"
    os.symlink(loop, loop)
    with pytest.raises(DiscoveryError, match="is a symlink loop"):
        discover(loop)


def test_symlinked_folders_are_not_followed_while_walking(tmp_path: Path) -> None:
    model = make_model(tmp_path / "zoo" / "m")
    os.symlink(tmp_path / "zoo", tmp_path / "zoo" / "back")
    assert discover(tmp_path / "zoo") == [Target(model)]

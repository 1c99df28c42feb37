"""Tiny zoos for the command-line, reporter and pre-commit tests, built by code.

`make_zoo` selects only FILE rules (through a `zoolint.toml` at the zoo root), so the
command-line tests pin the command line's behaviour whatever other rule families
report on a minimal directory: its "good" model is good for FILE rules, its "bad" one
holds a Git LFS pointer instead of its graph (FILE001, an error).
`write_complete_model` builds a directory that every rule family accepts.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from zoolint.testing.builders import save_model, tiny_classifier
from zoolint.testing.modeldir import build_model_dir

LFS_POINTER = (
    b"version https://git-lfs.github.com/spec/v1\n"
    b"oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\n"
    b"size 1234567\n"
)
FILE_RULES_ONLY = 'select = ["FILE", "ZL"]\n'
CARD = "---\ncard_version: 1.0.0\n---\n# A tiny model\n"


def write_good_model(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "model.md").write_text(CARD, encoding="utf-8")
    save_model(tiny_classifier(), folder / "model.onnx")
    return folder


def write_bad_model(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "model.md").write_text(CARD, encoding="utf-8")
    (folder / "model.onnx").write_bytes(LFS_POINTER)
    return folder


# Base models: a pruned one names its base as `parent`, which would have to exist too.
GOOD_STUB = "zoo:cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/base-none"
BROKEN_STUB = "zoo:cv/classification/resnet_v1-18/pytorch/sparseml/imagenet/base-none"


def write_complete_model(zoo_root: Path, stub: str, lfs_graph: bool = False) -> Path:
    """A complete, correct model directory at its stub's path below `zoo_root` (every
    rule family accepts it); with `lfs_graph`, its graph is a Git LFS pointer."""
    folder = build_model_dir(zoo_root, stub, "documented")
    if lfs_graph:
        (folder / "model.onnx").write_bytes(LFS_POINTER)
    return folder


def make_zoo(root: Path, config: str = FILE_RULES_ONLY) -> Path:
    """`root/zoo` with `good/` and `bad/` model directories and a zoolint.toml.

    `root/.git` marks the repository root, so no configuration above `root` is used.
    """
    (root / ".git").mkdir(parents=True, exist_ok=True)
    zoo = root / "zoo"
    write_good_model(zoo / "good")
    write_bad_model(zoo / "bad")
    (zoo / "zoolint.toml").write_text(config, encoding="utf-8")
    return zoo


def tree_digest(root: Path) -> dict[str, str]:
    """Every entry below `root` (links not followed) with its mode and content hash."""
    digest: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        for name in sorted(dirnames + filenames):
            path = Path(dirpath) / name
            st = path.lstat()
            rel = path.relative_to(root).as_posix()
            if path.is_symlink():
                digest[rel] = "link:" + os.readlink(path)
            elif path.is_file():
                digest[rel] = f"{st.st_mode:o}:{st.st_mtime_ns}:" + hashlib.sha256(
                    path.read_bytes()
                ).hexdigest()
            else:
                digest[rel] = f"{st.st_mode:o}:{st.st_mtime_ns}"
    return digest

"""Run one fixture case: a model tree, a configuration and its exact expected diagnostics.

A case is a folder below tests/cases/ holding:
- `case.yaml`: `description`, optional `config` (zoolint options, as in a config file,
  applied in isolation), optional `paths` (relative to the tree, default ["."]) and
  `expected`: the diagnostics in the JSON report's own form, minus `name` and `model`,
  with null fields left out;
- `tree/`: the files of the zoo (text, committed), optional;
- `build.py`: optional `build(tree: Path) -> None` that adds what cannot be committed
  (ONNX graphs, npz samples, symlinks, empty folders), built by code.

The tree is copied to a temporary folder, built, hashed, linted, and hashed again: a
case also proves that zoolint wrote nothing into the tree it checked.

`ZOOLINT_UPDATE_CASES=1 pytest tests/test_cases.py` rewrites `expected` from what
zoolint reports now; review the diff before committing it.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
from pathlib import Path
from typing import Any

import yaml

from zoolint.api import lint
from zoolint.config.loader import build_config
from zoolint.config.model import LoadedConfig
from zoolint.reporters.json_report import diagnostic_to_dict

CASES_ROOT = Path(__file__).parent / "cases"
COMPARED_FIELDS = ("code", "severity", "path", "line", "column", "key_path", "message", "hint")


def all_cases() -> list[Path]:
    return sorted(path.parent for path in CASES_ROOT.rglob("case.yaml"))


def case_id(case_dir: Path) -> str:
    return case_dir.relative_to(CASES_ROOT).as_posix()


def tree_digest(root: Path) -> dict[str, str]:
    """A digest of every entry below `root`, links not followed."""
    digest: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        for name in sorted(dirnames + filenames):
            path = Path(dirpath) / name
            rel = path.relative_to(root).as_posix()
            st = path.lstat()
            if path.is_symlink():
                digest[rel] = "link:" + os.readlink(path)
            elif path.is_file():
                digest[rel] = f"{st.st_mode:o}:" + hashlib.sha256(path.read_bytes()).hexdigest()
            elif path.is_dir():
                digest[rel] = f"dir:{st.st_mode:o}"
            else:
                digest[rel] = f"other:{st.st_mode:o}"
    return digest


def comparable(diagnostic: dict[str, Any]) -> dict[str, Any]:
    return {key: diagnostic[key] for key in COMPARED_FIELDS if diagnostic.get(key) is not None}


def build_tree(case_dir: Path, destination: Path) -> Path:
    tree = destination / "zoo"
    if (case_dir / "tree").is_dir():
        shutil.copytree(case_dir / "tree", tree, symlinks=True)
    else:
        tree.mkdir(parents=True)
    builder = case_dir / "build.py"
    if builder.is_file():
        spec = importlib.util.spec_from_file_location(f"case_build_{id(case_dir)}", builder)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.build(tree)
    return tree


def run_case(case_dir: Path, tmp_path: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Lint the case; return (actual, expected) in comparable form."""
    spec = yaml.safe_load((case_dir / "case.yaml").read_text(encoding="utf-8")) or {}
    tree = build_tree(case_dir, tmp_path)
    table = {"zoo-root": ".", **(spec.get("config") or {})}
    loaded = LoadedConfig(build_config(table, {}, str(case_dir / "case.yaml")), tree, None)
    before = tree_digest(tree)
    report = lint([tree / path for path in spec.get("paths", ["."])], loaded)
    after = tree_digest(tree)
    assert before == after, "zoolint changed the tree it checked"
    actual = [comparable(diagnostic_to_dict(d, tree)) for d in report.diagnostics]
    if os.environ.get("ZOOLINT_UPDATE_CASES"):
        spec["expected"] = actual
        (case_dir / "case.yaml").write_text(
            yaml.safe_dump(spec, sort_keys=False, allow_unicode=True, width=100),
            encoding="utf-8",
        )
    expected = [comparable(item) for item in spec.get("expected") or []]
    return actual, expected

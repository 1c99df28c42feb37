"""The hook manifest says what the README says, and the README's examples work."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from zoolint.files import rules as file_rules
from zoolint.rules import meta
from zoo_support import make_zoo

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
HOOKS = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}


def test_readme_lists_every_hook() -> None:
    section = README.split("## pre-commit", 1)[1].split("\n## ", 1)[0]
    for hook_id in HOOKS:
        assert f"id: {hook_id}" in section


def test_hook_settings() -> None:
    lint = HOOKS["zoolint"]
    assert (lint["language"], lint["entry"], lint["require_serial"], lint["pass_filenames"]) == (
        "python", "zoolint", True, True
    )
    zoo = HOOKS["zoolint-zoo"]
    assert (zoo["pass_filenames"], zoo["always_run"], zoo["args"]) == (False, True, ["."])


@pytest.mark.parametrize(
    ("path", "matched"),
    [
        ("zoo/m/model.md", True),
        ("zoo/m/model.onnx", True),
        ("zoo/m/model.onnx.tar.gz", True),
        ("zoo/m/model.data", True),
        ("zoo/m/onnx/model.11.onnx", True),
        ("zoo/m/recipes/recipe_original.md", True),
        ("zoo/m/recipe_transfer.yaml", True),
        ("zoo/m/sample_inputs/inp-0000.npz", True),
        ("zoo/m/sample-originals/img.JPEG", True),
        ("zoo/m/sample_inputs.tar.gz", True),
        ("zoo/m/training/pytorch_model.bin", True),
        ("zoo/m/training/model.pth", True),
        ("zoo/m/training/checkpoint.pt", True),
        ("zoo/m/training/vocab.txt", True),
        ("zoo/m/training/checkpoint", True),
        ("zoo/m/training/variables.data-00000-of-00001", True),
        ("zoo/m/deployment/config.json", True),
        ("zoo/m/framework/model.h5", True),
        ("zoo/m/metrics.yaml", True),
        ("zoo/m/logs/events.out.tfevents.1", True),
        ("zoo/m/Model.MD", True),
        ("src/main.c", False),
        ("setup.cfg", False),
    ],
)
def test_files_regex_covers_every_artifact(path: str, matched: bool) -> None:
    # pre-commit matches `files` with re.search on the repository-relative path.
    assert bool(re.search(HOOKS["zoolint"]["files"], path)) is matched


def test_readme_python_api_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The example ignores configuration files: restrict the rules another way, so that
    # the minimal "good" directory is good whatever other families check.
    monkeypatch.setattr("zoolint.api.ALL_RULES", [*meta.RULES, *file_rules.RULES])
    code = README.split("## Python API", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
    namespace: dict[str, object] = {}
    exec(compile(code, "README.md", "exec"), namespace)  # noqa: S102 - our own README
    check_upload = namespace["check_upload"]
    zoo = make_zoo(tmp_path)
    accepted, payload = check_upload(zoo / "bad")  # type: ignore[operator]
    assert accepted is False
    assert [d["code"] for d in payload["diagnostics"]] == ["FILE001"]
    assert check_upload(zoo / "good")[0] is True  # type: ignore[operator]

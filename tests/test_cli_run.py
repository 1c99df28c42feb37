"""`--run`: the opt-in deep check through onnxruntime, from the command line."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from zoolint.cli import main

DEMO_VALID = Path(__file__).parent.parent / "fixtures" / "demo-zoo" / "valid"
BASE = "cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/base-none"


def altered_zoo(tmp_path: Path) -> Path:
    zoo = tmp_path / "zoo"
    shutil.copytree(DEMO_VALID, zoo)
    out = zoo / BASE / "sample_outputs" / "out-0000.npz"
    arrays = dict(np.load(out))
    arrays["logits"] = arrays["logits"] + 0.5
    np.savez(out, **arrays)
    return zoo


def test_run_finds_what_the_fast_check_cannot(tmp_path: Path) -> None:
    zoo = altered_zoo(tmp_path)
    runner = CliRunner()
    fast = runner.invoke(main, [str(zoo), "--format", "json"])
    assert fast.exit_code == 0, fast.output
    deep = runner.invoke(main, ["--run", str(zoo), "--select", "RUN", "--format", "json"])
    assert deep.exit_code == 1, deep.output
    assert '"code": "RUN001"' in deep.stdout
    assert "output 'logits' for input inp-0000.npz differs beyond the tolerance" in deep.stdout
    assert json.loads(fast.stdout)["diagnostics"] == []
    (found,) = json.loads(deep.stdout)["diagnostics"]
    assert Path(found.pop("path")).resolve() == (zoo / BASE / "sample_outputs" / "out-0000.npz").resolve()
    assert Path(found.pop("model")).resolve() == (zoo / BASE).resolve()
    assert found == {
        "code": "RUN001",
        "name": "output-mismatch",
        "severity": "error",
        "message": "output 'logits' for input inp-0000.npz differs beyond the tolerance at 4 of 4"
        " elements: largest absolute error 0.500001, largest relative error 0.584813; first at"
        " index (0,): stored -0.85497475, onnxruntime -1.3549749",
        "line": None,
        "column": None,
        "key_path": None,
        "hint": "export the outputs again from this graph, or loosen atol/rtol in"
        " [tool.zoolint.samples] if the difference is expected",
    }


def test_run_without_onnxruntime_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "onnxruntime", None)
    result = CliRunner().invoke(main, ["--run", str(DEMO_VALID)])
    assert result.exit_code == 2
    assert "pip install 'zoolint[runtime]'" in result.stderr

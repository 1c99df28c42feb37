"""Hostile recipe text: each is refused with one clear diagnostic, in bounded time,
and nothing is executed. Big files are generated at test time, never committed."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from zoolint.api import lint
from zoolint.config.model import Config
from zoolint.reporters.json_report import diagnostic_to_dict

# Generous for a shared 2-core machine; the real cost is a few milliseconds.
TIME_LIMIT_SECONDS = 5.0
COMPARED = ("code", "path", "line", "column", "message")


def lint_file(path: Path) -> tuple[list[dict[str, Any]], float]:
    started = time.perf_counter()
    report = lint([path], Config(select=["RCP"]))
    elapsed = time.perf_counter() - started
    found = [
        {key: diagnostic_to_dict(d, path.parent)[key] for key in COMPARED}
        for d in report.diagnostics
    ]
    return found, elapsed


def test_alias_expansion_bomb_is_refused(tmp_path: Path) -> None:
    # "Billion laughs": nine levels of ten aliases each expand to 10**9 scalars.
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        refs = ", ".join([f"*l{level - 1}"] * 10)
        lines.append(f"l{level}: &l{level} [{refs}]")
    lines.append("training_modifiers:\n  - !EpochRangeModifier\n    end_epoch: 1")
    path = tmp_path / "bomb_recipe.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found, elapsed = lint_file(path)
    assert elapsed < TIME_LIMIT_SECONDS
    assert found == [
        {
            "code": "RCP001",
            "path": "bomb_recipe.yaml",
            "line": 6,
            "column": 10,
            "message": "is not valid YAML: document expands to more than 200000 nodes"
            " (an alias-expansion bomb, or simply too large); it was not read",
        }
    ]


def test_very_deep_nesting_is_refused(tmp_path: Path) -> None:
    depth = 100_000
    path = tmp_path / "deep_recipe.md"
    path.write_text(
        "<!-- licence -->\n---\ntraining_modifiers: " + "[" * depth + "]" * depth + "\n---\n",
        encoding="utf-8",
    )
    found, elapsed = lint_file(path)
    assert elapsed < TIME_LIMIT_SECONDS
    assert found == [
        {
            "code": "RCP001",
            "path": "deep_recipe.md",
            "line": 3,
            "column": 220,
            "message": "is not valid YAML: nesting is too deep (over 200 levels)",
        }
    ]


def test_fifty_megabyte_recipe_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "huge_recipe.yaml"
    chunk = b"num_epochs: 10\n" * 4096
    with open(path, "wb") as handle:
        while handle.tell() < 50 * 1024 * 1024:
            handle.write(chunk)
    size = path.stat().st_size
    found, elapsed = lint_file(path)
    assert elapsed < TIME_LIMIT_SECONDS
    assert found == [
        {
            "code": "RCP001",
            "path": "huge_recipe.yaml",
            "line": None,
            "column": None,
            "message": f"is {size} bytes, over the 8388608-byte limit for this kind of file;"
            " it was not read",
        }
    ]


@pytest.mark.parametrize(
    ("name", "data", "line", "column", "message"),
    [
        pytest.param(
            "binary_recipe.yaml",
            b"training_modifiers:\n  - !Epoch\x00RangeModifier\n",
            2,
            11,
            "is binary (contains a NUL byte), not text",
            id="binary-bytes",
        ),
        pytest.param(
            "bell_recipe.yaml",
            b"num_epochs: 10\ntraining_modifiers: \x07\n",
            2,
            21,
            "is not valid YAML: contains the character U+0007, which YAML does not allow",
            id="control-character",
        ),
        pytest.param(
            "latin1_recipe.md",
            b"---\nnum_epochs: 10\nauthor: Jos\xe9\n---\n",
            3,
            12,
            "is not valid UTF-8 (byte 0xe9)",
            id="invalid-utf8",
        ),
    ],
)
def test_bad_bytes_are_reported_where_they_are(
    tmp_path: Path, name: str, data: bytes, line: int, column: int, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    found, _ = lint_file(path)
    assert found == [{"code": "RCP001", "path": name, "line": line, "column": column, "message": message}]


def test_eval_runs_no_code_and_costs_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    path = tmp_path / "evil_recipe.yaml"
    path.write_text(
        "num_epochs: 10\n"
        "huge: eval(9 ** 9 ** 9 ** 9)\n"
        "training_modifiers:\n"
        "  - !EpochRangeModifier\n"
        "    start_epoch: 0\n"
        f"    end_epoch: eval(open('{marker}', 'w').write('x'))\n"
        "  - !SetLearningRateModifier\n"
        f"    start_epoch: eval({'(' * 5000}1{')' * 5000})\n"
        "    learning_rate: eval(huge * 2)\n",
        encoding="utf-8",
    )
    found, elapsed = lint_file(path)
    assert elapsed < TIME_LIMIT_SECONDS
    assert not marker.exists()
    assert found == [
        {
            "code": "RCP014",
            "path": "evil_recipe.yaml",
            "line": 6,
            "column": 16,
            "message": f"EpochRangeModifier: eval(open('{marker}', 'w').write('x')) uses a function"
            " call; only numbers, variable names, + - * / // % ** and abs, float, int, min, max,"
            " round are allowed",
        }
    ]

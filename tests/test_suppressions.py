"""Suppression comments in YAML and markdown files, and ZL002 for unused ones."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import zoolint.model
from fake_rules import RULES
from zoolint.api import lint
from zoolint.config.loader import build_config
from zoolint.config.model import LoadedConfig
from zoolint.diagnostics import Finding, Severity
from zoolint.io.comments import Comment
from zoolint.rules.base import RuleContext, rule
from zoolint.suppressions import parse_suppressions

Row = tuple[str, str, int | None, int | None, str]


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run(root: Path, config: dict[str, Any] | None = None, rules: list[Any] | None = None) -> list[Row]:
    loaded = LoadedConfig(build_config(config or {"select": ["FAKE", "ZL"]}), root)
    report = lint([root], loaded, rules=rules or RULES)
    return [
        (d.code, d.file.relative_to(root).as_posix(), d.line, d.column, d.message)
        for d in report.diagnostics
    ]


def bad(path: str, line: int, column: int) -> Row:
    return ("FAKE001", path, line, column, "line says BAD")


def unused(path: str, line: int, column: int, code: str, name: str, where: str) -> Row:
    return ("ZL002", path, line, column, f"unused suppression: {code} ({name}) reported nothing {where}")


@pytest.fixture
def model(tmp_path: Path) -> Path:
    root = tmp_path / "zoo" / "m"
    write(root / "model.md", "# M\n")
    return root


def test_same_line_next_line_and_file_level_in_yaml(model: Path) -> None:
    write(
        model / "recipe.yaml",
        "a: BAD  # zoolint: ignore[FAKE001]\n"
        "b: BAD\n"
        "# zoolint: ignore[fake-bad]\n"
        "\n"
        "c: BAD TODO\n"
        "d: TODO  # zoolint: ignore[FAKE001, FAKE002]\n",
    )
    write(model / "metrics.yml", "# zoolint: ignore-file[FAKE002]\nx: TODO\ny: BAD\nz: TODO\n")
    assert run(model) == [
        bad("metrics.yml", 3, 4),
        bad("recipe.yaml", 2, 4),
        ("FAKE002", "recipe.yaml", 5, 8, "line says TODO"),
        unused("recipe.yaml", 6, 10, "FAKE001", "fake-bad", "on line 6"),
    ]


def test_markdown_body_html_comments_and_frontmatter_yaml_comments(model: Path) -> None:
    write(
        model / "model.md",
        "---\n"
        "title: BAD  # zoolint: ignore[FAKE001]\n"
        "# zoolint: ignore[FAKE001]\n"
        "other: BAD\n"
        "---\n"
        "# BAD title <!-- zoolint: ignore[FAKE001] -->\n"
        "\n"
        "<!-- zoolint: ignore[FAKE001] -->\n"
        "\n"
        "BAD paragraph\n"
        "BAD paragraph # zoolint: ignore[FAKE001]\n"
        "```\n"
        "<!-- zoolint: ignore[FAKE001] -->\n"
        "BAD in code\n"
        "```\n",
    )
    assert run(model) == [
        bad("model.md", 11, 1),
        bad("model.md", 14, 1),
    ]


def test_a_hash_inside_a_quoted_yaml_string_is_no_comment(model: Path) -> None:
    write(model / "recipe.yaml", 'a: "BAD # zoolint: ignore[FAKE001]"\nb: |\n  BAD # zoolint: ignore[FAKE001]\n')
    assert run(model) == [bad("recipe.yaml", 1, 5), bad("recipe.yaml", 3, 3)]


def test_unknown_names_and_malformed_comments_are_reported(model: Path) -> None:
    write(
        model / "recipe.yaml",
        "a: BAD  # zoolint: ignore[FAKE001, fake-bda]\n"
        "b: 1  # zoolint: ignore\n"
        "c: 1  # zoolint: ignore[]\n"
        "d: 1  # zoolint: ignroe[FAKE001]\n"
        "e: 1  # zoolint: see the README for suppressions\n"
        "f: 1  # zoolint: ignore[FAKE]\n",
    )
    expected_malformed = (
        "': expected 'zoolint: ignore[CODE, ...]' or 'zoolint: ignore-file[CODE, ...]'"
    )
    assert run(model) == [
        ("ZL002", "recipe.yaml", 1, 9, "suppression names 'fake-bda', which is no rule code or name (did you mean 'fake-bad'?)"),
        ("ZL002", "recipe.yaml", 2, 7, "malformed suppression 'zoolint: ignore" + expected_malformed),
        ("ZL002", "recipe.yaml", 3, 7, "malformed suppression 'zoolint: ignore[]" + expected_malformed),
        ("ZL002", "recipe.yaml", 4, 7, "malformed suppression 'zoolint: ignroe[FAKE001]" + expected_malformed),
        ("ZL002", "recipe.yaml", 6, 7, "suppression names 'FAKE', which is no rule code or name"),
    ]


def test_zl002_hints(model: Path) -> None:
    write(model / "recipe.yaml", "a: 1  # zoolint: ignore[fake-bad, FAKE01]\nb: 1  # zoolint: ignore\n")
    report = lint([model], LoadedConfig(build_config({"select": ["FAKE", "ZL"]}), model), rules=RULES)
    assert [(d.line, d.severity, d.hint) for d in report.diagnostics] == [
        (1, Severity.WARNING, "suppressions name rules exactly, by code or name; prefixes are not accepted"),
        (1, Severity.WARNING, "remove fake-bad from the comment"),
        (2, Severity.WARNING, "name the rules, by code or name, in square brackets"),
    ]


def test_unused_at_the_end_of_the_file_and_file_level(model: Path) -> None:
    write(model / "a.yaml", "x: 1\n# zoolint: ignore[FAKE002]\n")
    write(model / "b.yaml", "x: 1  # zoolint: ignore-file[fake-todo]\n")
    assert run(model) == [
        unused("a.yaml", 2, 1, "FAKE002", "fake-todo", "(no line with content follows the comment)"),
        unused("b.yaml", 1, 7, "FAKE002", "fake-todo", "in this file"),
    ]


def test_a_suppression_of_a_rule_not_enabled_is_not_unused(model: Path) -> None:
    write(model / "recipe.yaml", "a: 1  # zoolint: ignore[FAKE003, OTHER001]\n")
    assert run(model, {"select": ["FAKE001", "ZL"]}) == []
    assert run(model, {"select": ["FAKE001", "ZL", "FAKE003"]}) == [
        unused("recipe.yaml", 1, 7, "FAKE003", "fake-off", "on line 1"),
    ]


def test_zl002_follows_severity_overrides_and_ignore(model: Path) -> None:
    write(model / "recipe.yaml", "a: 1  # zoolint: ignore[FAKE001]\n")
    loaded = LoadedConfig(build_config({"select": ["FAKE", "ZL"], "severity": {"unused-suppression": "error"}}), model)
    report = lint([model], loaded, rules=RULES)
    assert [(d.code, d.severity) for d in report.diagnostics] == [("ZL002", Severity.ERROR)]
    assert run(model, {"select": ["FAKE", "ZL"], "ignore": ["ZL002"]}) == []


def test_a_suppressed_diagnostic_that_per_path_ignores_would_drop_is_still_in_use(
    model: Path,
) -> None:
    write(model / "recipe.yaml", "a: BAD  # zoolint: ignore[FAKE001]\nb: BAD\n")
    config = {"select": ["FAKE001", "ZL"], "per-path-ignores": {"*.yaml": ["FAKE001"]}}
    assert run(model, config) == []


def test_per_path_ignores_can_silence_zl002(model: Path) -> None:
    write(model / "docs" / "notes.md", "<!-- zoolint: ignore[FAKE001] -->\ntext\n")
    config = {"select": ["FAKE", "ZL"], "per-path-ignores": {"docs": ["ZL002"]}}
    assert run(model, config) == []


@rule(code="FAKE020", name="fake-whole-file", summary="About a file.", severity=Severity.ERROR)
def fake_whole_file(ctx: RuleContext) -> Iterator[Finding]:
    """Reports model.md and notes.txt as wholes, and notes.txt line 1."""
    yield Finding("about the card", "model.md")
    yield Finding("about the notes", "notes.txt")
    yield Finding("on the notes", "notes.txt", 1, 1)


def test_line_suppressions_need_a_line_and_ignore_file_covers_the_file(model: Path) -> None:
    write(model / "model.md", "<!-- zoolint: ignore[FAKE020] -->\n# M\n")
    write(model / "notes.txt", "x  # zoolint: ignore-file[FAKE020]\n")
    rules = [*RULES, fake_whole_file]
    assert run(model, {"select": ["FAKE020", "ZL"]}, rules) == [
        ("FAKE020", "model.md", None, None, "about the card"),
        unused("model.md", 1, 1, "FAKE020", "fake-whole-file", "on line 2"),
        ("FAKE020", "notes.txt", None, None, "about the notes"),
        ("FAKE020", "notes.txt", 1, 1, "on the notes"),
    ]
    write(model / "model.md", "<!-- zoolint: ignore-file[FAKE020] -->\n# M\n")
    assert run(model, {"select": ["FAKE020", "ZL"]}, rules) == [
        ("FAKE020", "notes.txt", None, None, "about the notes"),
        ("FAKE020", "notes.txt", 1, 1, "on the notes"),
    ]


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How many times each file is read from disk (by relpath) during the test."""
    counts: Counter[str] = Counter()
    real = zoolint.model.read_text

    def counting(root: Path, relpath: str, limit: int | None = None) -> Any:
        counts[relpath] += 1
        return real(root, relpath, limit)

    monkeypatch.setattr(zoolint.model, "read_text", counting)
    return counts


def test_each_file_is_read_once_through_the_model_cache(model: Path, reads: Counter[str]) -> None:
    write(model / "recipe.yaml", "a: BAD  # zoolint: ignore[FAKE001]\n")
    write(model / "metrics.yaml", "b: 1  # zoolint: ignore[FAKE002]\n")
    assert run(model) == [unused("metrics.yaml", 1, 7, "FAKE002", "fake-todo", "on line 1")]
    assert reads == {"model.md": 1, "recipe.yaml": 1, "metrics.yaml": 1}


def test_without_zl002_only_files_with_diagnostics_are_read(
    model: Path, reads: Counter[str]
) -> None:
    write(model / "recipe.yaml", "a: BAD  # zoolint: ignore[FAKE001]\nb: 1  # zoolint: ignore[FAKE002]\n")
    write(model / "metrics.yaml", "b: 1  # zoolint: ignore[FAKE002]\n")
    assert run(model, {"select": ["FAKE020"]}, [*RULES, fake_whole_file]) == [
        ("FAKE020", "model.md", None, None, "about the card"),
        ("FAKE020", "notes.txt", None, None, "about the notes"),
        ("FAKE020", "notes.txt", 1, 1, "on the notes"),
    ]
    assert reads == {"model.md": 1}


def test_a_loose_file_is_the_only_file_scanned(tmp_path: Path) -> None:
    folder = tmp_path / "loose"
    loose = write(folder / "recipe.yaml", "a: 1  # zoolint: ignore[FAKE001]\n")
    write(folder / "other.yaml", "a: 1  # zoolint: ignore[FAKE001]\n")
    loaded = LoadedConfig(build_config({"select": ["FAKE", "ZL"]}), folder)
    report = lint([loose], loaded, rules=RULES)
    assert [(d.code, d.file, d.line) for d in report.diagnostics] == [("ZL002", loose, 1)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("zoolint: ignore[A]", [(False, ["A"], None)]),
        ("zoolint:ignore[ A ,b-c,, ]", [(False, ["A", "b-c"], None)]),
        ("zoolint: ignore-file[A]", [(True, ["A"], None)]),
        ("zoolint: ignore [A] then zoolint: ignore-file[B]", [(False, ["A"], None), (True, ["B"], None)]),
        ("zoolint: ignore", [(False, [], "zoolint: ignore")]),
        ("zoolint: ignore-file []", [(True, [], "zoolint: ignore-file []")]),
        ("zoolint: disable[A]", [(False, [], "zoolint: disable[A]")]),
        ("zoolint: is great", []),
        ("see zoolint:", []),
    ],
)
def test_parse_suppressions(text: str, expected: list[tuple[bool, list[str], str | None]]) -> None:
    parsed = parse_suppressions(Comment(1, 1, text, 1), {})
    assert [(s.file_level, [e.selector for e in s.entries], s.malformed) for s in parsed] == expected

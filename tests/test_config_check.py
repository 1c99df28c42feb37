"""Configuration checked against the rules: unknown selectors and rule options are
errors naming the file and key; per-path ignores, severities and options take effect."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from fake_rules import RULES
from zoolint.api import lint
from zoolint.config.loader import ConfigError, build_config
from zoolint.config.model import LoadedConfig


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    write(root / "cv" / "a" / "model.md", "# A\nBAD one\nTODO two\n")
    write(root / "cv" / "b" / "model.md", "# B\nBAD three\n")
    return root


def lint_error(paths: list[Path], **kwargs: Any) -> str:
    with pytest.raises(ConfigError) as info:
        lint(paths, rules=RULES, **kwargs)
    return str(info.value)


def found(paths: list[Path], base: Path, **kwargs: Any) -> list[tuple[str, str, int | None, str]]:
    report = lint(paths, rules=RULES, **kwargs)
    return [
        (d.code, d.file.relative_to(base).as_posix(), d.line, d.severity.value)
        for d in report.diagnostics
    ]


# --- unknown selectors and rules -----------------------------------------------------


def test_unknown_selectors_are_errors_naming_file_and_key(repo: Path) -> None:
    path = write(
        repo / "pyproject.toml",
        "[tool.zoolint]\n"
        'select = ["FAKE001", "FAKE01O"]\n'
        'extend-select = ["fake-bda"]\n'
        'ignore = ["fake"]\n'
        'extend-ignore = ["NOPE"]\n'
        '[tool.zoolint.severity]\nFAKE9 = "info"\n'
        '[tool.zoolint.per-path-ignores]\n"cv/**" = ["FAKE001", "bad"]\n',
    )
    assert lint_error([repo]).splitlines() == [
        f"{path}: tool.zoolint.select[1]: 'FAKE01O' matches no rule (did you mean 'FAKE010'?);"
        " expected a rule code, a code prefix, a rule name or ALL",
        f"{path}: tool.zoolint.extend-select[0]: 'fake-bda' matches no rule (did you mean"
        " 'fake-bad'?); expected a rule code, a code prefix, a rule name or ALL",
        f"{path}: tool.zoolint.ignore[0]: 'fake' matches no rule; expected a rule code,"
        " a code prefix, a rule name or ALL",
        f"{path}: tool.zoolint.extend-ignore[0]: 'NOPE' matches no rule; expected a rule"
        " code, a code prefix, a rule name or ALL",
        f"{path}: tool.zoolint.severity.FAKE9: 'FAKE9' matches no rule; expected a rule"
        " code, a code prefix, a rule name or ALL",
        f'{path}: tool.zoolint.per-path-ignores."cv/**"[1]: \'bad\' matches no rule;'
        " expected a rule code, a code prefix, a rule name or ALL",
    ]


def test_unknown_selector_on_the_command_line(repo: Path) -> None:
    write(repo / "zoolint.toml", 'select = ["FAKE"]\n')
    assert lint_error([repo], overrides={"ignore": ["FAKE001", "FAKE999"]}) == (
        "command line: ignore[1]: 'FAKE999' matches no rule; expected a rule code,"
        " a code prefix, a rule name or ALL"
    )


def test_unknown_selector_in_a_config_object(repo: Path) -> None:
    config = build_config({"select": ["FAKE0001"]})
    assert lint_error([repo], config=config) == (
        "configuration: select[0]: 'FAKE0001' matches no rule (did you mean 'FAKE001'?);"
        " expected a rule code, a code prefix, a rule name or ALL"
    )


def test_rule_options_for_no_rule(repo: Path) -> None:
    path = write(repo / "zoolint.toml", "[rules.fake-long-lines]\nmax-length = 3\n")
    assert lint_error([repo]) == (
        f"{path}: rules.fake-long-lines: no rule has this code or name"
        " (did you mean 'fake-long-line'?)"
    )


def test_rule_options_are_validated_against_the_rule(repo: Path) -> None:
    path = write(
        repo / "pyproject.toml",
        "[tool.zoolint.rules.fake-long-line]\nmax-length = 0\nmax-lenght = 3\nwords = 'BAD'\n",
    )
    assert lint_error([repo]).splitlines() == [
        f"{path}: tool.zoolint.rules.fake-long-line.max-length: Input should be greater than 0"
        " (got 0)",
        f"{path}: tool.zoolint.rules.fake-long-line.words: Input should be a valid list"
        " (got 'BAD')",
        f"{path}: tool.zoolint.rules.fake-long-line.max-lenght: unknown key"
        " (did you mean 'max-length'?)",
    ]


def test_options_of_a_rule_that_is_not_enabled_are_validated_too(repo: Path) -> None:
    path = write(repo / "zoolint.toml", 'ignore = ["FAKE010"]\n[rules.FAKE010]\ncolour = 1\n')
    assert lint_error([repo]) == f"{path}: rules.FAKE010.colour: unknown key"


def test_options_of_a_rule_without_options(repo: Path) -> None:
    path = write(repo / "zoolint.toml", "[rules.fake-bad]\nlevel = 1\n")
    assert lint_error([repo]) == f"{path}: rules.fake-bad.level: unknown key"


def test_one_rule_configured_by_code_and_by_name(repo: Path) -> None:
    path = write(
        repo / "zoolint.toml",
        "[rules.FAKE010]\nmax-length = 5\n[rules.fake-long-line]\nmax-length = 6\n",
    )
    assert lint_error([repo]) == (
        f"{path}: rules.fake-long-line: FAKE010 is also configured as rules.FAKE010;"
        " configure each rule once"
    )


# --- what the settings do ------------------------------------------------------------


def test_rule_options_reach_the_rule(repo: Path) -> None:
    write(repo / "zoolint.toml", 'select = ["FAKE010"]\n[rules.fake-long-line]\nmax-length = 7\n')
    assert found([repo], repo) == [
        ("FAKE010", "cv/a/model.md", 3, "warning"),
        ("FAKE010", "cv/b/model.md", 2, "warning"),
    ]


def test_rule_options_by_code_from_the_command_line(repo: Path) -> None:
    write(repo / "zoolint.toml", 'select = ["FAKE010"]\n')
    assert found([repo], repo, overrides={"rules": {"FAKE010": {"max-length": 8}}}) == [
        ("FAKE010", "cv/b/model.md", 2, "warning"),
    ]


def test_severity_overrides_apply(repo: Path) -> None:
    write(repo / "zoolint.toml", 'select = ["FAKE00"]\n[severity]\nFAKE00 = "info"\nfake-bad = "warning"\n')
    assert found([repo], repo) == [
        ("FAKE001", "cv/a/model.md", 2, "warning"),
        ("FAKE002", "cv/a/model.md", 3, "info"),
        ("FAKE001", "cv/b/model.md", 2, "warning"),
    ]


def test_per_path_ignores_are_relative_to_the_config_file(repo: Path) -> None:
    write(
        repo / "cv" / "zoolint.toml",
        'select = ["FAKE00"]\n[per-path-ignores]\n"b/**" = ["FAKE"]\n"a/*.md" = ["fake-todo"]\n',
    )
    assert found([repo / "cv"], repo) == [("FAKE001", "cv/a/model.md", 2, "error")]


def test_per_path_ignores_name_patterns_match_at_any_depth(repo: Path) -> None:
    write(repo / "zoolint.toml", 'select = ["FAKE00"]\n[per-path-ignores]\n"model.md" = ["FAKE001"]\n')
    assert found([repo], repo) == [("FAKE002", "cv/a/model.md", 3, "warning")]


def test_per_path_ignores_star_does_not_cross_folders(repo: Path) -> None:
    write(repo / "zoolint.toml", 'select = ["FAKE001"]\n[per-path-ignores]\n"cv/*.md" = ["ALL"]\n')
    assert found([repo], repo) == [
        ("FAKE001", "cv/a/model.md", 2, "error"),
        ("FAKE001", "cv/b/model.md", 2, "error"),
    ]


def test_per_path_ignores_skip_files_outside_the_config_directory(repo: Path, tmp_path: Path) -> None:
    chosen = write(tmp_path / "ci" / "zoolint.toml", 'select = ["FAKE001"]\n[per-path-ignores]\n"cv" = ["ALL"]\n')
    assert found([repo], repo, config_file=chosen) == [
        ("FAKE001", "cv/a/model.md", 2, "error"),
        ("FAKE001", "cv/b/model.md", 2, "error"),
    ]


def test_exclude_uses_the_same_globs(repo: Path) -> None:
    write(repo / "zoolint.toml", 'select = ["FAKE001"]\nexclude = ["cv/b"]\n')
    assert found([repo], repo) == [("FAKE001", "cv/a/model.md", 2, "error")]


def test_each_target_finds_its_own_configuration(repo: Path) -> None:
    write(repo / "cv" / "a" / "zoolint.toml", 'select = ["FAKE002"]\n')
    write(repo / "cv" / "b" / "zoolint.toml", 'select = ["FAKE001"]\n')
    assert found([repo / "cv" / "a", repo / "cv" / "b"], repo) == [
        ("FAKE002", "cv/a/model.md", 3, "warning"),
        ("FAKE001", "cv/b/model.md", 2, "error"),
    ]


def test_isolated_lint_uses_only_the_command_line(repo: Path) -> None:
    write(repo / "zoolint.toml", 'select = ["FAKE002"]\n')
    assert found([repo / "cv" / "b"], repo, isolated=True, overrides={"select": ["FAKE001"]}) == [
        ("FAKE001", "cv/b/model.md", 2, "error"),
    ]


def test_a_loaded_config_passed_in_is_used_as_is(repo: Path) -> None:
    loaded = LoadedConfig(build_config({"select": ["fake-todo"]}), repo)
    assert found([repo], repo, config=loaded) == [("FAKE002", "cv/a/model.md", 3, "warning")]

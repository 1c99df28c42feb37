"""The command line: dispatch, options, formats, colour and exit codes (via CliRunner)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from zoolint import __version__
from zoolint.api import lint
from zoolint.cli import build_overrides, cli
from zoolint.reporters import render
from zoolint.rules.registry import ALL_RULES
from zoo_support import FILE_RULES_ONLY, make_zoo, write_bad_model

ANSI = re.compile(r"\x1b\[[0-9;]*m")
BAD_LINE = (
    "zoo/bad/model.onnx: FILE001 [error] is a Git LFS pointer (oid sha256:4d7a214614ab2935c943"
    "f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393, 1234567 bytes), not the file itself: its"
    " content was never uploaded"
)


def run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> Result:
    old = Path.cwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(cli, args, env=env, catch_exceptions=False)
    finally:
        os.chdir(old)


@pytest.fixture
def zoo(tmp_path: Path) -> Path:
    return make_zoo(tmp_path)


def test_path_without_a_subcommand_lints_and_exits_1(zoo: Path) -> None:
    result = run(["zoo"], zoo.parent)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "zoo/bad  (layout: documented)",
        BAD_LINE,
        "    hint: run `git lfs pull` (or push with git-lfs installed) and upload again",
        "",
        "Found 1 error, 0 warnings, 0 infos in 1 of 2 model directories.",
    ]
    assert result.stderr == ""


def test_a_tree_without_models_says_so(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "docs").mkdir()
    result = run(["docs"], tmp_path)
    assert (result.exit_code, result.stdout) == (0, "No problems in 0 model directories.\n")
    assert result.stderr == (
        "zoolint: warning: no model directory (holding model.md, model.onnx or"
        " model.onnx.tar.gz) was found under the given paths\n"
    )


def test_check_subcommand_is_the_same_as_the_default(zoo: Path) -> None:
    assert run(["check", "zoo"], zoo.parent).stdout == run(["zoo"], zoo.parent).stdout


def test_clean_directory_exits_0(zoo: Path) -> None:
    result = run(["zoo/good"], zoo.parent)
    assert result.exit_code == 0
    assert result.stdout == "No problems in 1 model directory.\n"


@pytest.mark.parametrize(
    "args",
    [
        ["--format", "json", "./rules"],
        ["--format", "json", "--", "rules"],
        ["check", "--format", "json", "rules"],
    ],
)
def test_a_folder_named_rules_is_still_lintable(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / ".git").mkdir()
    write_bad_model(tmp_path / "rules")
    (tmp_path / "zoolint.toml").write_text(FILE_RULES_ONLY, encoding="utf-8")
    result = run(args, tmp_path)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert [d["path"] for d in report["diagnostics"]] == ["rules/model.onnx"]


def test_rules_lists_every_rule(tmp_path: Path) -> None:
    result = run(["rules"], tmp_path)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == len(ALL_RULES)
    assert [line.split()[:3] for line in lines] == [
        [rule.code, rule.name, rule.severity.value] for rule in ALL_RULES
    ]
    assert all(line.endswith(rule.summary) for line, rule in zip(lines, ALL_RULES))
    first = ALL_RULES[0]
    assert lines[0].split()[:3] == [first.code, first.name, first.severity.value]
    assert lines[0].endswith(first.summary)


def test_rules_as_json(tmp_path: Path) -> None:
    result = run(["rules", "--format", "json"], tmp_path)
    rows = json.loads(result.stdout)
    assert [row["code"] for row in rows] == [rule.code for rule in ALL_RULES]
    lfs = next(row for row in rows if row["code"] == "FILE001")
    assert lfs == {
        "code": "FILE001",
        "name": "lfs-pointer",
        "severity": "error",
        "summary": "A file is a Git LFS pointer, not the content it stands for.",
        "enabled_by_default": True,
        "scope": "model",
        "options": {},
    }


@pytest.mark.parametrize("word", ["FILE001", "file001", "lfs-pointer"])
def test_rule_prints_its_documentation(tmp_path: Path, word: str) -> None:
    result = run(["rule", word], tmp_path)
    assert result.exit_code == 0
    text = result.stdout
    assert text.startswith("FILE001 (lfs-pointer)\n")
    assert "Default severity: error" in text
    assert "Enabled by default: yes" in text
    assert "Why: this is the most common broken upload." in text
    assert text.endswith("Options: none.\n")


def test_unknown_rule_suggests_a_close_name(tmp_path: Path) -> None:
    result = run(["rule", "lfs-pointr"], tmp_path)
    assert result.exit_code == 2
    assert result.stderr == (
        "zoolint: unknown rule 'lfs-pointr'. Did you mean lfs-pointer?"
        " `zoolint rules` lists them all.\n"
    )


def test_version_and_help(tmp_path: Path) -> None:
    assert run(["--version"], tmp_path).stdout == f"zoolint, version {__version__}\n"
    help_text = run(["--help"], tmp_path).stdout
    assert help_text.startswith("Usage: zoolint [OPTIONS] PATH...\n")
    for word in ("--select", "--fail-on", "--format", "--exit-zero", "rules", "rule", "./rules"):
        assert word in help_text


def test_no_arguments_is_a_usage_error(tmp_path: Path) -> None:
    assert run([], tmp_path).exit_code == 2
    result = run(["check"], tmp_path)
    assert result.exit_code == 2
    assert "Missing argument 'PATH...'" in result.stderr


def test_overrides_use_config_file_keys() -> None:
    overrides = build_overrides(
        select=("FILE001,FILE002", " LAY "),
        extend_select=(),
        ignore=("FILE003",),
        extend_ignore=None,
        preset="strict",
        fail_on="warning",
    )
    assert overrides == {
        "select": ["FILE001", "FILE002", "LAY"],
        "ignore": ["FILE003"],
        "preset": "strict",
        "fail-on": "warning",
    }
    assert build_overrides() == {}


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--select", "FILE002,FILE003"], 0),
        (["--select", "FILE002", "--extend-select", "FILE001"], 1),
        (["--ignore", "FILE001"], 0),
        (["--extend-ignore", "lfs-pointer"], 0),
        (["--exit-zero"], 0),
        (["--fail-on", "info"], 1),
    ],
)
def test_selection_and_exit_options(zoo: Path, args: list[str], code: int) -> None:
    assert run([*args, "zoo"], zoo.parent).exit_code == code


def test_fail_on_follows_the_configuration_and_the_command_line(tmp_path: Path) -> None:
    zoo = make_zoo(tmp_path, FILE_RULES_ONLY + '[severity]\nFILE001 = "warning"\n')
    result = run(["zoo"], tmp_path)
    assert (result.exit_code, result.stdout.splitlines()[-1]) == (
        0,
        "Found 0 errors, 1 warning, 0 infos in 1 of 2 model directories.",
    )
    assert run(["--fail-on", "warning", "zoo"], tmp_path).exit_code == 1
    (zoo / "zoolint.toml").write_text(
        FILE_RULES_ONLY + 'fail-on = "warning"\n[severity]\nFILE001 = "warning"\n',
        encoding="utf-8",
    )
    assert run(["zoo"], tmp_path).exit_code == 1
    assert run(["--fail-on", "error", "zoo"], tmp_path).exit_code == 0


def test_config_option_and_isolated(zoo: Path) -> None:
    other = zoo.parent / "other.toml"
    other.write_text(FILE_RULES_ONLY + 'ignore = ["FILE001"]\n', encoding="utf-8")
    assert run(["--config", str(other), "zoo"], zoo.parent).exit_code == 0
    (zoo / "zoolint.toml").write_text(FILE_RULES_ONLY + 'ignore = ["FILE"]\n', encoding="utf-8")
    assert run(["zoo"], zoo.parent).exit_code == 0
    assert run(["--isolated", "--select", "FILE", "zoo"], zoo.parent).exit_code == 1


def test_files_map_to_their_model_directory_once(zoo: Path) -> None:
    result = run(
        ["--format", "json", "zoo/bad/model.md", "zoo/bad/model.onnx", "zoo/bad"], zoo.parent
    )
    report = json.loads(result.stdout)
    assert [model["path"] for model in report["models"]] == ["zoo/bad"]
    assert [d["code"] for d in report["diagnostics"]] == ["FILE001"]


def test_output_file_gets_the_report_and_stdout_stays_empty(zoo: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "report.json"
    target.parent.mkdir()
    result = run(["--format", "json", "--output", str(target), "zoo"], zoo.parent)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"Found 1 error, 0 warnings, 0 infos in 1 of 2 model directories."
        f" Report written to {target}.\n"
    )
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]["errors"] == 1


def test_statistics(zoo: Path) -> None:
    write_bad_model(zoo / "bad2")
    text = run(["--statistics", "zoo"], zoo.parent)
    assert text.stdout.endswith("\n\n2  FILE001  lfs-pointer  [error]\n")
    machine = run(["--statistics", "--format", "json", "zoo"], zoo.parent)
    assert json.loads(machine.stdout)["summary"]["errors"] == 2
    assert machine.stderr == "2  FILE001  lfs-pointer  [error]\n"


def test_colour_only_on_request_or_a_terminal(zoo: Path) -> None:
    plain = run(["zoo"], zoo.parent).stdout
    assert not ANSI.search(plain)  # CliRunner's output is not a terminal
    coloured = run(["--color", "zoo"], zoo.parent).stdout
    assert ANSI.search(coloured)
    assert ANSI.sub("", coloured) == plain
    assert not ANSI.search(run(["--color", "--format", "json", "zoo"], zoo.parent).stdout)


def test_no_color_env_and_a_terminal(zoo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from zoolint import cli as cli_module

    monkeypatch.setattr(cli_module.sys.stdout, "isatty", lambda: True, raising=False)
    assert cli_module._use_color(None, "text", None) is True
    assert cli_module._use_color(None, "text", "report.txt") is False
    assert cli_module._use_color(None, "sarif", None) is False
    monkeypatch.setenv("NO_COLOR", "1")
    assert cli_module._use_color(None, "text", None) is False
    assert cli_module._use_color(True, "text", None) is True


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit"])
def test_every_format_reports_the_finding(zoo: Path, fmt: str) -> None:
    result = run(["--format", fmt, "zoo"], zoo.parent)
    assert result.exit_code == 1
    assert "zoo/bad/model.onnx" in result.stdout
    assert "FILE001" in result.stdout
    # Exactly the reporter's rendering of the same lint (each format's own tests check it).
    old = Path.cwd()
    os.chdir(zoo.parent)
    try:
        assert result.stdout == render(fmt, lint([Path("zoo")]), Path.cwd())
    finally:
        os.chdir(old)

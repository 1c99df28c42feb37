"""Errors reach the user as `zoolint: <message>` and exit 2, or as a diagnostic; never as
a traceback. And zoolint writes nothing into the tree it checks, in any format."""

from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from zoolint.cli import cli
from zoolint.diagnostics import Finding, Severity
from zoolint.rules.base import rule
from zoolint.rules.registry import ALL_RULES
from zoo_support import FILE_RULES_ONLY, make_zoo, tree_digest

ROOT = Path(__file__).resolve().parents[1]


def run(args: list[str], cwd: Path) -> Result:
    old = Path.cwd()
    os.chdir(cwd)
    try:
        # catch_exceptions=False: a traceback would fail the test instead of hiding.
        return CliRunner().invoke(cli, args, catch_exceptions=False)
    finally:
        os.chdir(old)


def run_module(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "zoolint", *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
    )


def assert_error(result: Result, message: str) -> None:
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == message
    assert "Traceback" not in result.stderr


def _one_finding(header: str, line: str, scope: str = "1 of 1 model directory.") -> str:
    """The text report of a single error."""
    return f"{header}\n{line}\n\nFound 1 error, 0 warnings, 0 infos in {scope}\n"


@pytest.fixture
def zoo(tmp_path: Path) -> Path:
    return make_zoo(tmp_path)


# --- configuration ------------------------------------------------------------------


def test_bad_toml(zoo: Path) -> None:
    (zoo / "zoolint.toml").write_text("select = [FILE\n", encoding="utf-8")
    result = run(["zoo"], zoo.parent)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"zoolint: {zoo / 'zoolint.toml'}: invalid TOML: ")
    assert "line 1" in result.stderr


def test_unknown_key(zoo: Path) -> None:
    (zoo / "zoolint.toml").write_text('selekt = ["FILE"]\n', encoding="utf-8")
    assert_error(
        run(["zoo"], zoo.parent),
        f"zoolint: {zoo / 'zoolint.toml'}: selekt: unknown key (did you mean 'select'?)\n",
    )


def test_bad_value(zoo: Path) -> None:
    (zoo / "zoolint.toml").write_text('fail-on = "fatal"\n', encoding="utf-8")
    result = run(["zoo"], zoo.parent)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"zoolint: {zoo / 'zoolint.toml'}: fail-on: Input should be")
    assert "'error'" in result.stderr


def test_config_option_naming_a_missing_file(zoo: Path) -> None:
    assert_error(
        run(["--config", "missing.toml", "zoo"], zoo.parent),
        f"zoolint: {zoo.parent / 'missing.toml'}: configuration file not found\n",
    )


def test_bad_option_value_is_a_usage_error(zoo: Path) -> None:
    result = run(["--format", "xml", "zoo"], zoo.parent)
    assert result.exit_code == 2
    assert "Invalid value for '--format'" in result.stderr


# --- paths --------------------------------------------------------------------------


def test_missing_path(zoo: Path) -> None:
    assert_error(run(["zoo/nope"], zoo.parent), "zoolint: zoo/nope: no such file or directory\n")


def test_symlink_loop_as_path(zoo: Path) -> None:
    (zoo / "loop").symlink_to("loop")
    assert_error(run(["zoo/loop"], zoo.parent), "zoolint: zoo/loop: is a symlink loop\n")


def test_file_named_like_a_folder(zoo: Path) -> None:
    assert_error(
        run(["zoo/good/model.md/"], zoo.parent),
        "zoolint: zoo/good/model.md/: is a file, not a directory\n",
    )


def test_file_and_folder_swapped_inside_a_model_are_diagnostics(zoo: Path) -> None:
    (zoo / "good" / "model.onnx").unlink()
    (zoo / "good" / "model.onnx").mkdir()
    (zoo / "good" / "training").write_text("not a folder\n", encoding="utf-8")
    result = run(["--select", "LAY006", "--format", "json", "zoo/good"], zoo.parent)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert [(d["code"], d["path"], d["message"]) for d in report["diagnostics"]] == [
        (
            "LAY006",
            "zoo/good/model.onnx",
            "'model.onnx' is a folder, but the ONNX graph must be a file",
        ),
        (
            "LAY006",
            "zoo/good/training",
            "'training' is a file, but the checkpoints must be a folder",
        ),
    ]
    assert report["summary"]["internal_errors"] == 0


def test_symlink_loop_inside_a_model_is_a_diagnostic(zoo: Path) -> None:
    (zoo / "good" / "sample_inputs").symlink_to("sample_inputs")
    result = run(["zoo/good"], zoo.parent)
    assert result.exit_code == 1
    assert "zoo/good/sample_inputs: FILE003 [error] is a symlink loop\n" in result.stdout
    assert result.stdout == _one_finding(
        "zoo/good  (layout: documented)", "zoo/good/sample_inputs: FILE003 [error] is a symlink loop"
    )


def test_unreadable_file_is_a_diagnostic(zoo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = zoo / "good" / "model.md"
    target.chmod(0)
    # root reads anything: make os.access answer as it would for an ordinary user.
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode, **kw: Path(p) != target and real_access(p, mode, **kw)
    )
    try:
        result = run(["zoo/good"], zoo.parent)
    finally:
        target.chmod(0o644)
    assert result.exit_code == 1
    assert "zoo/good/model.md: FILE005 [error] cannot be read: permission denied\n" in result.stdout
    assert result.stdout == _one_finding(
        "zoo/good  (layout: documented)",
        "zoo/good/model.md: FILE005 [error] cannot be read: permission denied",
    )


def test_fifo_as_path_never_blocks(zoo: Path) -> None:
    fifo = zoo / "pipe"
    os.mkfifo(fifo)
    done = run_module(["zoo/pipe"], zoo.parent)  # the subprocess timeout guards a hang
    assert done.returncode == 1
    assert "zoo/pipe: FILE004 [error] is a device, FIFO or socket, not a regular" in done.stdout
    assert done.stdout == _one_finding(
        "zoo/pipe  (not inside a model directory)",
        "zoo/pipe: FILE004 [error] is a device, FIFO or socket, not a regular file",
        "1 of 1 loose file.",
    )


# --- output and internal errors -----------------------------------------------------


def test_unwritable_output(zoo: Path) -> None:
    assert_error(
        run(["--output", "no/such/dir/report.txt", "zoo"], zoo.parent),
        "zoolint: no/such/dir/report.txt: cannot write the report: No such file or directory\n",
    )


@rule(code="ZZT001", name="always-crashes", summary="Crashes.", severity=Severity.ERROR)
def always_crashes(ctx: object) -> Iterator[Finding]:
    """Test rule that raises."""
    raise ValueError("boom")


def test_a_crashing_rule_exits_2_and_is_reported(
    zoo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("zoolint.api.ALL_RULES", [*ALL_RULES, always_crashes])
    (zoo / "zoolint.toml").write_text('select = ["ZZT", "ZL"]\n', encoding="utf-8")
    result = run(["--exit-zero", "zoo/good"], zoo.parent)
    assert result.exit_code == 2
    assert (
        "zoo/good: ZL001 [error] rule ZZT001 (always-crashes) failed: ValueError: boom"
        in result.stdout
    )
    assert result.stdout.endswith("1 internal error (a bug in zoolint: please report it).\n")
    lines, first = inspect.getsourcelines(always_crashes.check)
    raised = first + next(i for i, line in enumerate(lines) if line.lstrip().startswith("raise "))
    assert result.stdout == _one_finding(
        "zoo/good  (layout: documented)",
        "zoo/good: ZL001 [error] rule ZZT001 (always-crashes) failed: ValueError: boom"
        f" (at test_cli_errors.py:{raised}); please report this",
        "1 of 1 model directory. 1 internal error (a bug in zoolint: please report it).",
    )


def test_an_unexpected_exception_is_one_line_not_a_traceback(
    zoo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("zoolint.cli.lint", explode)
    assert_error(
        run(["zoo"], zoo.parent),
        "zoolint: internal error: RuntimeError: disk on fire (please report this bug)\n",
    )


def test_real_process_errors_have_no_traceback(zoo: Path) -> None:
    missing = run_module(["zoo/nope"], zoo.parent)
    assert (missing.returncode, missing.stdout) == (2, "")
    assert missing.stderr == "zoolint: zoo/nope: no such file or directory\n"
    (zoo / "zoolint.toml").write_text("[[[\n", encoding="utf-8")
    bad = run_module(["zoo"], zoo.parent)
    assert bad.returncode == 2
    assert bad.stderr.startswith("zoolint: ") and "invalid TOML" in bad.stderr
    assert "Traceback" not in bad.stderr


# --- the checked tree is never written ----------------------------------------------


def test_no_format_writes_into_the_checked_tree(tmp_path: Path) -> None:
    zoo = make_zoo(tmp_path / "repo", FILE_RULES_ONLY)
    (zoo / "bad" / "loop").symlink_to("loop")
    os.mkfifo(zoo / "good" / "pipe")
    outputs = tmp_path / "outputs"
    outputs.mkdir()
    before = tree_digest(tmp_path / "repo")
    for fmt in ("text", "json", "sarif", "github", "junit"):
        result = run(["--format", fmt, "--statistics", "zoo"], zoo.parent)
        assert result.exit_code == 1, fmt
        out = outputs / f"report.{fmt}"
        result = run(["--format", fmt, "--output", str(out), "zoo"], zoo.parent)
        assert result.exit_code == 1, fmt
        assert out.stat().st_size > 0
    assert tree_digest(tmp_path / "repo") == before

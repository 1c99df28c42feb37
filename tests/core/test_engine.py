"""The engine stamps findings, honours needs, and survives a rule's bug."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from zoolint.api import lint
from zoolint.config.model import Config
from zoolint.diagnostics import Finding, Severity
from zoolint.io.artifact import Absent, Artifact, Parsed
from zoolint.model import ModelDir
from zoolint.rules.base import RuleContext, rule


def always(model: ModelDir) -> Artifact[str]:
    return Parsed("model.md", "x")


def never(model: ModelDir) -> Artifact[str]:
    return Absent("model.md")


@rule(code="TST001", name="says-hello", summary="s", severity=Severity.WARNING, needs=(always,))
def says_hello(ctx: RuleContext) -> Iterator[Finding]:
    """Doc."""
    yield Finding("hello", path="model.md", line=1, column=2, hint="wave back")


@rule(code="TST002", name="needs-missing", summary="s", severity=Severity.ERROR, needs=(never,))
def needs_missing(ctx: RuleContext) -> Iterator[Finding]:
    yield Finding("must not run")


@rule(code="TST003", name="crashes", summary="s", severity=Severity.ERROR)
def crashes(ctx: RuleContext) -> Iterator[Finding]:
    raise KeyError("boom")
    yield Finding("unreachable")


def model_dir(tmp_path: Path) -> Path:
    (tmp_path / "model.md").write_text("---\n---\n")
    return tmp_path


def test_findings_are_stamped_with_code_name_and_configured_severity(tmp_path: Path) -> None:
    config = Config.model_validate({"severity": {"says-hello": "error"}})
    report = lint([model_dir(tmp_path)], config, rules=[says_hello])
    [diagnostic] = report.diagnostics
    assert (diagnostic.code, diagnostic.name, diagnostic.severity) == (
        "TST001", "says-hello", Severity.ERROR,
    )
    assert (diagnostic.path, diagnostic.line, diagnostic.column, diagnostic.hint) == (
        "model.md", 1, 2, "wave back",
    )


def test_a_rule_whose_needs_are_not_parsed_does_not_run(tmp_path: Path) -> None:
    report = lint([model_dir(tmp_path)], Config(), rules=[needs_missing])
    assert report.diagnostics == []


def test_a_crashing_rule_becomes_an_internal_error_and_the_run_goes_on(tmp_path: Path) -> None:
    report = lint([model_dir(tmp_path)], Config(), rules=[crashes, says_hello])
    assert [d.code for d in report.diagnostics] == ["ZL001", "TST001"]
    assert report.diagnostics[0].message.startswith(
        "rule TST003 (crashes) failed: KeyError: 'boom' (at test_engine.py:"
    )
    assert report.internal_errors == 1


def test_ignore_by_prefix_and_select_by_name(tmp_path: Path) -> None:
    rules = [says_hello, crashes]
    only_hello = Config.model_validate({"select": ["says-hello"]})
    assert [d.code for d in lint([model_dir(tmp_path)], only_hello, rules=rules).diagnostics] == ["TST001"]
    no_tst = Config.model_validate({"ignore": ["TST"]})
    assert lint([model_dir(tmp_path)], no_tst, rules=rules).diagnostics == []

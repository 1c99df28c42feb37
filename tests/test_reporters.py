"""Reporters format a Report exactly; hostile names cannot break or drive their output."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from zoolint.diagnostics import Diagnostic, Severity
from zoolint.engine import ModelSummary, Report
from zoolint.reporters import FORMATS, render
from zoolint.reporters.github import escape_data, escape_property, render_github
from zoolint.reporters.junit import render_junit
from zoolint.reporters.text import render_text
from zoolint.rules.registry import ALL_RULES

BASE = Path("/work/repo")
GOOD = BASE / "zoo" / "good"
BAD = BASE / "zoo" / "bad"


def diag(
    code: str = "FILE001",
    severity: Severity = Severity.ERROR,
    message: str = "is a Git LFS pointer",
    root: Path = BAD,
    path: str = "model.onnx",
    **extra: object,
) -> Diagnostic:
    name = {"FILE001": "lfs-pointer", "FILE003": "broken-symlink", "ZL001": "internal-error"}
    return Diagnostic(
        code=code,
        name=name.get(code, "some-rule"),
        severity=severity,
        message=message,
        model_root=root,
        path=path,
        **extra,  # type: ignore[arg-type]
    )


def summary(
    root: Path, layout: str | None = None, fail_on: Severity = Severity.ERROR
) -> ModelSummary:
    return ModelSummary(
        root=root,
        relpath=root.relative_to(BASE / "zoo").as_posix(),
        stub=None,
        layout=layout,
        fail_on=fail_on,
        rules=("FILE001", "FILE003"),
    )


def make_report(*diagnostics: Diagnostic, fail_on: Severity = Severity.ERROR) -> Report:
    return Report(
        diagnostics=sorted(diagnostics, key=Diagnostic.sort_key),  # as zoolint.lint sorts
        models=[summary(BAD, "hub", fail_on), summary(GOOD, "documented", fail_on)],
        rules=list(ALL_RULES),
    )


# --- text ---------------------------------------------------------------------------


def test_text_groups_by_directory_with_layout_and_locations() -> None:
    report = make_report(
        diag(),
        diag(
            "FILE003",
            Severity.WARNING,
            "bad value",
            path="recipe.yaml",
            line=3,
            column=7,
            hint="use 0.5",
        ),
        diag("FILE003", Severity.INFO, "note", path="model.onnx", key_path=("graph", "input", 0)),
    )
    assert render_text(report, BASE) == (
        "zoo/bad  (layout: hub)\n"
        "zoo/bad/model.onnx: FILE001 [error] is a Git LFS pointer\n"
        "zoo/bad/model.onnx: FILE003 [info] note (at graph.input[0])\n"
        "zoo/bad/recipe.yaml:3:7: FILE003 [warning] bad value\n"
        "    hint: use 0.5\n"
        "\n"
        "Found 1 error, 1 warning, 1 info in 1 of 2 model directories.\n"
    )


def test_loose_files_of_one_folder_are_reported_apart() -> None:
    folder = BASE / "notes"
    report = Report(
        diagnostics=[
            diag(message="first", root=folder, path="a.yaml"),
            diag(message="second", root=folder, path="b.md"),
        ],
        models=[
            ModelSummary(root=folder, relpath="notes", stub=None, layout=None, loose_file=name)
            for name in ("a.yaml", "b.md", "c.json")
        ],
        rules=list(ALL_RULES),
    )
    assert render_text(report, BASE) == (
        "notes/a.yaml  (not inside a model directory)\n"
        "notes/a.yaml: FILE001 [error] first\n"
        "\n"
        "notes/b.md  (not inside a model directory)\n"
        "notes/b.md: FILE001 [error] second\n"
        "\n"
        "Found 2 errors, 0 warnings, 0 infos in 2 of 3 loose files.\n"
    )
    suites = [s.get("name") for s in ET.fromstring(render_junit(report, BASE)).iter("testsuite")]
    assert suites == ["notes/a.yaml", "notes/b.md", "notes/c.json"]


def test_text_no_problems_and_internal_errors() -> None:
    report = make_report()
    assert render_text(report, BASE) == "No problems in 2 model directories.\n"
    report.internal_errors = 2
    assert render_text(report, BASE).endswith(
        "2 internal errors (a bug in zoolint: please report it).\n"
    )


def test_text_escapes_control_characters_and_undecodable_names() -> None:
    report = make_report(diag(message="value '\x1b[2J\nrm'", path="bad\udcffname\n.md"))
    text = render_text(report, BASE, color=False)
    assert "\x1b" not in text
    assert "zoo/bad/bad\\udcffname\\x0a.md: FILE001 [error] value '\\x1b[2J\\x0arm'\n" in text
    text.encode("utf-8")  # no lone surrogate left: printable on any terminal


def test_text_colour_is_only_added_when_asked() -> None:
    report = make_report(diag())
    assert "\x1b[" not in render_text(report, BASE, color=False)
    coloured = render_text(report, BASE, color=True)
    assert "\x1b[31m" in coloured  # red for errors


# --- GitHub annotations -------------------------------------------------------------


def test_github_escaping() -> None:
    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"


def test_github_annotation_lines() -> None:
    report = make_report(
        diag(path="dir,with:odd%chars/model.onnx", message="50% sparse, bad: yes"),
        diag("FILE003", Severity.WARNING, "two\nlines", path="r.yaml", line=4, column=2,
             hint="fix it"),
        diag("FILE003", Severity.INFO, "fyi", path="r.yaml", line=9),
    )
    assert render_github(report, BASE).splitlines() == [
        "::error file=zoo/bad/dir%2Cwith%3Aodd%25chars/model.onnx,title=FILE001 lfs-pointer"
        "::50%25 sparse, bad: yes",
        "::warning file=zoo/bad/r.yaml,line=4,col=2,title=FILE003 broken-symlink"
        "::two\\x0alines%0Ahint: fix it",
        "::notice file=zoo/bad/r.yaml,line=9,title=FILE003 broken-symlink::fyi",
        "zoolint: 1 error, 1 warning, 1 info in 2 model directories",
    ]


def test_github_says_when_annotations_overflow() -> None:
    errors = [diag(message=f"problem {i}", path=f"f{i:02}.onnx") for i in range(11)]
    warnings = [diag("FILE003", Severity.WARNING, "w", path=f"w{i}") for i in range(3)]
    lines = render_github(make_report(*errors, *warnings), BASE).splitlines()
    assert lines[0] == (
        "::notice title=zoolint::zoolint: 11 errors, 3 warnings, 0 infos in 2 model"
        " directories. GitHub shows only the first 10 errors of a step as annotations; all"
        " of them are in this step's log. Upload the SARIF report (zoolint --format sarif"
        " --output zoolint.sarif, then github/codeql-action/upload-sarif) to see every one"
        " in code scanning."
    )
    assert sum(line.startswith("::error ") for line in lines) == 11
    assert lines[-1] == "zoolint: 11 errors, 3 warnings, 0 infos in 2 model directories"


def test_github_says_nothing_extra_at_ten() -> None:
    errors = [diag(message=f"problem {i}", path=f"f{i}") for i in range(10)]
    lines = render_github(make_report(*errors), BASE).splitlines()
    assert not lines[0].startswith("::notice")


# --- JUnit --------------------------------------------------------------------------


def test_junit_suites_cases_and_failures() -> None:
    report = make_report(
        diag(),
        diag(message="second pointer", path="sample.npz"),
        diag("FILE003", Severity.WARNING, "dangling", path="link"),
    )
    root = ET.fromstring(render_junit(report, BASE))
    assert (root.tag, root.get("tests"), root.get("failures"), root.get("errors")) == (
        "testsuites", "4", "1", "0"
    )
    suites = {suite.get("name"): suite for suite in root.iter("testsuite")}
    assert list(suites) == ["zoo/bad", "zoo/good"]
    bad = suites["zoo/bad"]
    assert [p.attrib for p in bad.iter("property")] == [{"name": "layout", "value": "hub"}]
    cases = {case.get("name"): case for case in bad.iter("testcase")}
    assert list(cases) == ["FILE001 lfs-pointer", "FILE003 broken-symlink"]
    failures = cases["FILE001 lfs-pointer"].findall("failure")
    assert [f.get("message") for f in failures] == [
        "zoo/bad/model.onnx: is a Git LFS pointer",
        "zoo/bad/sample.npz: second pointer",
    ]
    # A warning below fail-on does not fail its test case; it is still shown.
    symlink = cases["FILE003 broken-symlink"]
    assert symlink.find("failure") is None
    assert symlink.findtext("system-out") == "zoo/bad/link: FILE003 [warning] dangling"
    assert all(c.find("failure") is None for c in suites["zoo/good"].iter("testcase"))


def test_junit_fail_on_warning_and_internal_errors() -> None:
    report = make_report(
        diag("FILE003", Severity.WARNING, "dangling", path="link"),
        diag("ZL001", Severity.ERROR, "rule X failed", path=""),
        fail_on=Severity.WARNING,
    )
    report.internal_errors = 1
    root = ET.fromstring(render_junit(report, BASE))
    assert (root.get("failures"), root.get("errors")) == ("1", "1")
    cases = {case.get("name"): case for case in root.iter("testcase")}
    assert cases["ZL001 internal-error"].find("error").get("message") == (
        "zoo/bad: rule X failed"
    )


def test_junit_stays_parsable_with_control_characters() -> None:
    report = make_report(diag(message="bell \x07 nul \x00 esc \x1b", path="a\udcffb"))
    root = ET.fromstring(render_junit(report, BASE).encode("utf-8"))
    failure = next(root.iter("failure"))
    assert failure.get("message") == "zoo/bad/a\\udcffb: bell \\x07 nul \\x00 esc \\x1b"


# --- registry -----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_renders_an_empty_report(fmt: str) -> None:
    text = render(fmt, Report(rules=list(ALL_RULES)), BASE)
    assert text.endswith("\n")
    assert "\x1b" not in text

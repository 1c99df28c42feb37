"""The demo zoo of the README: committed, reproducible, and linting as documented.

`zoolint fixtures/demo-zoo` exits 1 with exactly the findings of
`tests/demo_zoo_expected.yaml` (every rule family shows at least one); its `valid/` part
alone exits 0 with no diagnostic at all, from every rule family, and so does every
broken model before its damage. `--run` adds the deep check's findings (RUN rules).

After a deliberate change of the demo zoo or of a message, rebuild the zoo
(`python fixtures/build_demo_zoo.py`), then `ZOOLINT_UPDATE_CASES=1 python -m pytest
tests/test_demo_zoo.py` rewrites the expected findings: read every one in the diff.
"""

from __future__ import annotations

import importlib.util
import os
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import yaml
from click.testing import CliRunner

from zoolint.api import lint
from zoolint.cli import main
from zoolint.engine import Report
from zoolint.reporters.json_report import diagnostic_to_dict, relative_path
from zoolint.rules.registry import ALL_RULES

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "fixtures" / "demo-zoo"
BROKEN = DEMO / "broken"
EXPECTED_FILE = Path(__file__).with_name("demo_zoo_expected.yaml")
FIELDS = ("code", "severity", "path", "line", "column", "key_path", "message", "hint")
DEEP = {"samples": {"run": True}}  # what `--run` sets
STUB = "cv/classification/{}/pytorch/sparseml/imagenet/base-none"
# Per model directory (below the zoo root), its findings in the expected file's form.
Findings = dict[str, list[dict[str, Any]]]


def _builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_demo_zoo", REPO / "fixtures" / "build_demo_zoo.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _files(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _by_model(report: Report, zoo: Path) -> Findings:
    """Each model directory's findings (paths relative to it), in report order."""
    grouped: Findings = {}
    for diagnostic in report.diagnostics:
        model = relative_path(diagnostic.model_root, zoo)
        item = diagnostic_to_dict(diagnostic, diagnostic.model_root)
        grouped.setdefault(model, []).append(
            {key: item[key] for key in FIELDS if item[key] is not None}
        )
    return grouped


def _order(finding: dict[str, Any]) -> tuple[str, int, int, str, str]:
    """The report's order within one model directory (`Diagnostic.sort_key`)."""
    return (
        finding["path"],
        finding.get("line") or 0,
        finding.get("column") or 0,
        finding["code"],
        finding["message"],
    )


def _expected() -> list[dict[str, Any]]:
    document = yaml.safe_load(EXPECTED_FILE.read_text(encoding="utf-8"))
    models: list[dict[str, Any]] = document["models"]
    return models


def _damages() -> dict[str, str]:
    """Each broken model's path below the zoo root, and its damage function's name."""
    return {
        model.stub.removeprefix("zoo:"): model.damage.__name__
        for model in _builder().BROKEN_MODELS
    }


def _update_expected(fast: Findings, deep: Findings) -> None:
    """ZOOLINT_UPDATE_CASES=1: rewrite the findings (not the comments above them)."""
    header = EXPECTED_FILE.read_text(encoding="utf-8").split("models:", 1)[0]
    models = []
    for path, damage in sorted(_damages().items()):
        extra = [item for item in deep.get(path, []) if item not in fast.get(path, [])]
        entry: dict[str, Any] = {"path": path, "damage": damage, "findings": fast.get(path, [])}
        if extra:
            entry["deep_findings"] = extra
        models.append(entry)
    body = yaml.safe_dump({"models": models}, sort_keys=False, allow_unicode=True, width=100)
    EXPECTED_FILE.write_text(header + body, encoding="utf-8")


def test_committed_demo_zoo_is_current(tmp_path: Path) -> None:
    built = _files(_builder().build(tmp_path / "demo-zoo"))
    committed = _files(DEMO)
    assert sorted(built) == sorted(committed), "run `python fixtures/build_demo_zoo.py` and commit"
    stale = [name for name in built if built[name] != committed[name]]
    assert stale == [], "run `python fixtures/build_demo_zoo.py` and commit"


def test_builder_is_deterministic(tmp_path: Path) -> None:
    builder = _builder()
    assert _files(builder.build(tmp_path / "a")) == _files(builder.build(tmp_path / "b"))


def test_demo_zoo_is_small() -> None:
    assert sum(len(data) for data in _files(DEMO).values()) < 1024 * 1024


def test_every_damage_function_says_what_it_breaks() -> None:
    for model in _builder().BROKEN_MODELS:
        assert model.damage is not None and (model.damage.__doc__ or "").strip(), model.stub


def test_valid_part_has_no_diagnostic_and_every_generation() -> None:
    report = lint([DEMO / "valid"], overrides=DEEP)
    assert report.diagnostics == []
    layouts = {relative_path(model.root, DEMO / "valid"): model.layout for model in report.models}
    resnet = "cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/"
    assert layouts == {
        resnet + "base-none": "documented",
        resnet + "pruned95-none": "documented",
        resnet + "pruned90-none": "hub",
        STUB.format("mobilenet_v1-1.0"): "legacy",
        "nlp/question_answering/bert-base/pytorch/huggingface/squad/base-none": "hub",
    }
    assert all(model.stub == "zoo:" + path for path, model in zip(sorted(layouts), report.models))


def test_broken_models_are_correct_before_their_damage(tmp_path: Path) -> None:
    builder = _builder()
    zoo = tmp_path / "undamaged"
    builder.write_zoo_config(zoo)
    undamaged = [
        builder.Model(model.stub, model.generation, model.reports)
        for model in builder.BROKEN_MODELS
    ]
    builder.build_models(zoo, undamaged)
    report = lint([zoo], overrides=DEEP)
    assert report.diagnostics == []
    assert len(report.models) == len(builder.BROKEN_MODELS)


def test_broken_part_findings_are_exactly_the_expected_ones() -> None:
    fast = _by_model(lint([BROKEN]), BROKEN)
    deep = _by_model(lint([BROKEN], overrides=DEEP), BROKEN)
    if os.environ.get("ZOOLINT_UPDATE_CASES"):
        _update_expected(fast, deep)
    expected = _expected()
    # One entry per broken model, named after its damage function, each with findings.
    assert {entry["path"]: entry["damage"] for entry in expected} == _damages()
    assert all(entry["findings"] for entry in expected)
    assert fast == {entry["path"]: entry["findings"] for entry in expected}
    # The deep check adds its own findings and repeats none of the others.
    assert deep == {
        entry["path"]: sorted(entry["findings"] + entry.get("deep_findings", []), key=_order)
        for entry in expected
    }


def _family(code: str) -> str:
    return code.rstrip("0123456789")


def test_the_broken_part_shows_every_rule_family() -> None:
    families = {_family(rule.code) for rule in ALL_RULES} - {"ZL"}
    shown = {
        _family(finding["code"])
        for entry in _expected()
        for finding in entry["findings"] + entry.get("deep_findings", [])
    }
    assert shown == families


def test_readme_first_command_exit_codes_and_text_report() -> None:
    runner = CliRunner()
    valid = runner.invoke(main, ["--no-color", str(DEMO / "valid")])
    assert (valid.exit_code, valid.output) == (0, "No problems in 5 model directories.\n")
    result = runner.invoke(main, ["--no-color", str(DEMO)])
    assert result.exit_code == 1
    *blocks, summary = result.output.rstrip("\n").split("\n\n")
    severities = [
        finding["severity"] for entry in _expected() for finding in entry["findings"]
    ]
    assert summary == (
        f"Found {severities.count('error')} errors, {severities.count('warning')} warnings,"
        f" {severities.count('info')} infos in {len(_expected())} of 17 model directories."
    )
    # One block per broken model: its header, then one line per finding (each starting
    # with the model's path), each optionally followed by its hint.
    assert len(blocks) == len(_expected())
    for block, entry in zip(blocks, sorted(_expected(), key=lambda entry: entry["path"])):
        header, *lines = block.split("\n")
        model, layout = header.split("  (layout: ")
        assert model.endswith("broken/" + entry["path"]) and layout.endswith(")")
        diagnostics = [line for line in lines if not line.startswith("    hint: ")]
        assert len(diagnostics) == len(entry["findings"])
        assert all(line.startswith(model) for line in diagnostics)
        assert lines == [line for item in entry["findings"] for line in _text_lines(model, item)]


def _text_lines(model: str, finding: dict[str, Any]) -> list[str]:
    """A finding as the text report prints it, from its expected-file form."""
    where = model if finding["path"] == "." else f"{model}/{finding['path']}"
    where += "".join(f":{finding[key]}" for key in ("line", "column") if key in finding)
    line = f"{where}: {finding['code']} [{finding['severity']}] {finding['message']}"
    if "key_path" in finding and "line" not in finding:
        line += f" (at {finding['key_path']})"
    return [line] + ([f"    hint: {finding['hint']}"] if "hint" in finding else [])


def test_fixtures_readme_lists_what_each_broken_model_shows() -> None:
    text = (REPO / "fixtures" / "README.md").read_text(encoding="utf-8")
    broken_section = text.split("## `demo-zoo/broken/`", 1)[1]
    listed = {}
    for row in re.findall(r"^\| `([^`]+)` \| `(\w+)`.*\| ([^|]+) \|$", broken_section, re.M):
        path, damage, findings = row
        listed[path] = (damage, set(re.findall(r"\b[A-Z]+\d{3}\b", findings)))
    assert listed == {
        entry["path"]: (
            entry["damage"],
            {item["code"] for item in entry["findings"] + entry.get("deep_findings", [])},
        )
        for entry in _expected()
    }

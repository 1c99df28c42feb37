"""The checkpoints family keeps its promises about itself: every rule has a bad fixture
case (it appears in some case's expected diagnostics) and documentation."""

from __future__ import annotations

import yaml

from case_runner import CASES_ROOT
from zoolint.checkpoints.rules import RULES


def test_every_rule_has_a_failing_fixture_case() -> None:
    reported: set[str] = set()
    for case in (CASES_ROOT / "checkpoints").rglob("case.yaml"):
        spec = yaml.safe_load(case.read_text(encoding="utf-8"))
        reported |= {item["code"] for item in spec.get("expected") or []}
    assert sorted(rule.code for rule in RULES if rule.code not in reported) == []


def test_every_rule_is_documented() -> None:
    for rule in RULES:
        assert rule.check.__doc__ and len(rule.doc.splitlines()) >= 3, rule.code
        assert rule.code.startswith(("CKPT", "DEP", "PKL", "HF")), rule.code

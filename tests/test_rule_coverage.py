"""Every rule has fixture cases (tests/cases/): a bad one whose exact expected
diagnostics carry its code, and a good one (no diagnostics) with the rule enabled.

A rule that a fixture case cannot trigger is named in TESTED_ELSEWHERE with the reason
and the test file that does trigger it; the list is checked both ways, so it cannot go
stale in either direction.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from case_runner import all_cases
from zoolint.config.loader import build_config
from zoolint.config.selection import enabled_rules
from zoolint.rules.registry import ALL_RULES

TESTS = Path(__file__).parent

# code -> (why no fixture case reports it, the test file that makes it report)
TESTED_ELSEWHERE: dict[str, tuple[str, str]] = {
    "ZL001": (
        "an internal error: only a rule that crashes reports it, and no shipped rule may",
        "core/test_engine.py",
    ),
    "FILE005": (
        "unreadable files: the suite may run as root, who reads anything, so the test"
        " patches os.access, which a fixture case cannot",
        "test_cli_errors.py",
    ),
}


def _specs() -> list[tuple[Path, dict[str, Any]]]:
    return [
        (case, yaml.safe_load((case / "case.yaml").read_text(encoding="utf-8")) or {})
        for case in all_cases()
    ]


def test_every_rule_has_a_bad_fixture_case() -> None:
    reported = {item["code"] for _, spec in _specs() for item in spec.get("expected") or []}
    codes = [rule.code for rule in ALL_RULES]
    assert [code for code in codes if code not in reported] == sorted(
        TESTED_ELSEWHERE, key=codes.index
    )
    # A code no rule has would be a stale case (or a typo the case runner would catch).
    assert sorted(reported - set(codes)) == []


def test_the_exceptions_are_tested_where_they_say() -> None:
    for code, (reason, test_file) in TESTED_ELSEWHERE.items():
        assert reason and code in (TESTS / test_file).read_text(encoding="utf-8"), code


def test_every_rule_is_enabled_in_a_good_fixture_case() -> None:
    """A good case (expected: nothing) under a configuration that enables the rule."""
    enabled: set[str] = set()
    for case, spec in _specs():
        if spec.get("expected"):
            continue
        table = {"zoo-root": ".", **(spec.get("config") or {})}
        config = build_config(table, {}, str(case / "case.yaml"))
        enabled |= {rule.code for rule in enabled_rules(ALL_RULES, config)}
    assert [rule.code for rule in ALL_RULES if rule.code not in enabled] == []

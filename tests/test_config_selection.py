"""Which rules run, and at which severity: selectors by code, prefix, name or ALL."""

from __future__ import annotations

from typing import Any

import pytest

from fake_rules import FAKE_RULES, RULES
from zoolint.config.loader import build_config
from zoolint.config.selection import enabled_rules, selector_specificity, severity_of
from zoolint.diagnostics import Severity
from zoolint.rules.base import Rule


def enabled(table: dict[str, Any], overrides: dict[str, Any] | None = None) -> list[str]:
    return [rule.code for rule in enabled_rules(RULES, build_config(table, overrides))]


def by_code(code: str) -> Rule:
    return next(rule for rule in RULES if rule.code == code)


DEFAULT_ON = ["ZL001", "ZL002", "FAKE001", "FAKE002", "FAKE010", "OTHER001"]


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ({}, DEFAULT_ON),
        ({"select": ["FAKE001"]}, ["FAKE001"]),
        ({"select": ["fake-todo"]}, ["FAKE002"]),
        ({"select": ["FAKE"]}, ["FAKE001", "FAKE002", "FAKE003", "FAKE010"]),
        ({"select": ["FAKE00"]}, ["FAKE001", "FAKE002", "FAKE003"]),
        ({"select": ["ALL"]}, [rule.code for rule in RULES]),
        ({"select": []}, []),
        ({"extend-select": ["FAKE003"]}, [*DEFAULT_ON[:4], "FAKE003", *DEFAULT_ON[4:]]),
        ({"ignore": ["FAKE"]}, ["ZL001", "ZL002", "OTHER001"]),
        ({"select": ["FAKE"], "ignore": ["FAKE00"]}, ["FAKE010"]),
        ({"select": ["FAKE00"], "ignore": ["FAKE"]}, ["FAKE001", "FAKE002", "FAKE003"]),
        ({"ignore": ["FAKE"], "extend-select": ["fake-bad"]}, ["ZL001", "ZL002", "FAKE001", "OTHER001"]),
        ({"select": ["FAKE001"], "ignore": ["FAKE001"]}, []),
        ({"select": ["FAKE001"], "ignore": ["fake-bad"]}, []),
        ({"select": ["ALL"], "ignore": ["ALL"]}, []),
        ({"ignore": ["ALL"], "extend-select": ["Z"]}, ["ZL001", "ZL002"]),
        ({"ignore": ["FAKE001"], "extend-ignore": ["FAKE002"]}, ["ZL001", "ZL002", "FAKE010", "OTHER001"]),
        ({"preset": "strict"}, [rule.code for rule in RULES]),
        ({"preset": "strict", "ignore": ["ZL"]}, [rule.code for rule in FAKE_RULES]),
    ],
)
def test_selection(table: dict[str, Any], expected: list[str]) -> None:
    assert enabled(table) == expected


def test_command_line_select_replaces_the_file_and_extend_adds() -> None:
    assert enabled({"select": ["FAKE001"]}, {"select": ["FAKE002"]}) == ["FAKE002"]
    assert enabled({"select": ["FAKE001"]}, {"extend-select": ["FAKE002"]}) == ["FAKE001", "FAKE002"]


@pytest.mark.parametrize(
    ("selector", "code", "specificity"),
    [
        ("ALL", "FAKE001", 1),
        ("F", "FAKE001", 2),
        ("FAKE", "FAKE001", 5),
        ("FAKE00", "FAKE001", 7),
        ("FAKE001", "FAKE001", 1000),
        ("fake-bad", "FAKE001", 1000),
        ("fake", "FAKE001", 0),  # prefixes are codes' prefixes, upper-case
        ("fake-", "FAKE001", 0),  # and names match whole
        ("FAKE0010", "FAKE001", 0),
        ("OTHER", "FAKE001", 0),
        ("", "FAKE001", 0),
    ],
)
def test_selector_specificity(selector: str, code: str, specificity: int) -> None:
    assert selector_specificity(selector, by_code(code)) == specificity


def test_severity_overrides_take_the_most_specific_selector() -> None:
    config = build_config(
        {"severity": {"ALL": "info", "FAKE": "warning", "fake-bad": "error", "FAKE00": "info"}}
    )
    assert [severity_of(by_code(code), config) for code in ("ZL002", "FAKE001", "FAKE002", "FAKE010")] == [
        Severity.INFO,
        Severity.ERROR,
        Severity.INFO,
        Severity.WARNING,
    ]


def test_without_overrides_a_rule_keeps_its_own_severity() -> None:
    config = build_config({})
    assert [severity_of(rule, config) for rule in FAKE_RULES] == [
        Severity.ERROR,
        Severity.WARNING,
        Severity.INFO,
        Severity.WARNING,
        Severity.ERROR,
    ]

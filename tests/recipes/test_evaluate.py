"""Recipe values: variables as SparseML evaluates them, eval() without executing."""

from __future__ import annotations

import pytest

from zoolint.recipes.evaluate import (
    MAX_EVALUATIONS,
    UNKNOWN,
    EvalFailure,
    Variables,
    as_number,
    collect_variables,
    resolve,
    resolve_number,
    safe_eval,
)


def test_variables_resolve_in_any_order() -> None:
    variables = collect_variables(
        {
            "total": "eval(pruning + finetuning)",
            "pruning": "eval(2 * warmup)",
            "warmup": 3,
            "finetuning": 4.5,
            "mask_type": [1, 4],
            "lr": "8e-5",
            "training_modifiers": [],
        }
    )
    assert variables.numbers == {"warmup": 3, "finetuning": 4.5, "pruning": 6, "total": 10.5}
    assert variables.others == {"mask_type": [1, 4], "lr": "8e-5", "training_modifiers": []}
    assert variables.failures == {}


def test_non_numeric_variables_come_back_as_written() -> None:
    variables = collect_variables({"mask_type": "unstructured", "blocks": [1, 4]})
    assert resolve("eval(mask_type)", variables) == "unstructured"
    assert resolve(" eval(blocks) ", variables) == [1, 4]
    assert resolve("unstructured", variables) == "unstructured"


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("num_epochs - 2", 8),
        ("num_epochs / 4", 2.5),
        ("num_epochs // 4 + num_epochs % 4", 4),
        ("-num_epochs + +2", -8),
        ("2 ** 3", 8),
        ("max(num_epochs, 12) - min(1, 2)", 11),
        ("round(abs(-2.6)) + int(1.9) + float(1)", 5.0),
    ],
)
def test_arithmetic_within_the_whitelist(expression: str, expected: float) -> None:
    assert safe_eval(expression, Variables(numbers={"num_epochs": 10})) == expected


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("nope + 1", "eval(nope + 1) refers to undefined variable 'nope'"),
        ("__import__('os').system('true')", "eval(__import__('os').system('true')) uses a function call;"),
        ("open('x')", "eval(open('x')) uses a call to open();"),
        ("num_epochs.real", "eval(num_epochs.real) uses attribute access;"),
        ("[1][0]", "eval([1][0]) uses indexing;"),
        ("1 if num_epochs else 2", "eval(1 if num_epochs else 2) uses a conditional;"),
        ("lambda: 1", "eval(lambda: 1) uses a lambda;"),
        ("'text'", "eval('text') uses 'text';"),
        ("1 / 0", "eval(1 / 0) divides by zero"),
        ("(1", "eval((1) is not a valid expression ("),
    ],
)
def test_refused_expressions_say_why(expression: str, message: str) -> None:
    result = safe_eval(expression, Variables(numbers={"num_epochs": 10}))
    assert isinstance(result, EvalFailure)
    assert result.message.startswith(message)


@pytest.mark.parametrize(
    "expression",
    ["9 ** 9 ** 9 ** 9", "10 ** 100", "(" * 400 + "1" + ")" * 400, "1e308 * 10", "1 + " * 300 + "1"],
)
def test_costly_expressions_stay_unknown(expression: str) -> None:
    assert safe_eval(expression, Variables()) is UNKNOWN


def test_a_float_yaml_reads_as_text_is_explained() -> None:
    variables = collect_variables({"init_lr": "8e-5", "scaled": "eval(init_lr * 10)"})
    failure = variables.failures["scaled"]
    assert failure.message == "eval(init_lr * 10) uses variable 'init_lr', which is not a number ('8e-5')"
    assert failure.hint == "YAML reads '8e-5' as text (a float needs a decimal point: write 8.0e-5)"


def test_cycles_are_failures_and_their_dependents_too() -> None:
    variables = collect_variables(
        {"a": "eval(b + 1)", "b": "eval(a + 1)", "c": "eval(c)", "d": "eval(a * 2)", "e": 1}
    )
    assert sorted(variables.failures) == ["a", "b", "c", "d"]
    assert variables.failures["c"].message == "eval(c) cannot be evaluated: it refers to its own variable"
    assert variables.failures["a"].message == (
        "eval(b + 1) cannot be evaluated: it depends on b, and these variables form a cycle"
    )


def test_unknown_values_do_not_cascade_into_errors() -> None:
    variables = collect_variables({"huge": "eval(10 ** 10 ** 10)", "double": "eval(huge * 2)"})
    assert variables.failures == {}
    assert variables.unresolved == {"huge", "double"}
    assert resolve("eval(double + 1)", variables) is UNKNOWN


def test_stage_variables_fall_back_to_globals() -> None:
    globals_ = collect_variables({"num_epochs": 10, "huge": "eval(10 ** 10 ** 10)"})
    stage = collect_variables({"half": "eval(num_epochs / 2)", "more": "eval(huge + 1)"}, outer=globals_)
    scope = stage.merged_over(globals_)
    assert stage.numbers == {"half": 5}
    assert stage.failures == {}
    assert resolve_number("eval(half + num_epochs)", scope) == 15


def test_evaluations_per_recipe_are_bounded() -> None:
    count = MAX_EVALUATIONS + 50
    container = {f"v{i}": f"eval(v{i + 1} + 1)" for i in range(count)}
    container[f"v{count}"] = 0
    variables = collect_variables(container)
    assert variables.failures == {}
    assert f"v{count - 1}" in variables.unresolved  # beyond the budget: unknown, not wrong


@pytest.mark.parametrize(
    ("value", "expected"),
    [(3, 3), (0.5, 0.5), ("8e-5", 8e-5), (" 1.5 ", 1.5), (True, None), ("abc", None), (float("nan"), None)],
)
def test_as_number(value: object, expected: float | None) -> None:
    assert as_number(value) == expected

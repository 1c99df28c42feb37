"""Values in recipes: numbers, recipe variables and `eval(...)` expressions.

SparseML evaluates `eval(expr)` strings with a restricted evaluator over the recipe's
numeric variables. zoolint never runs recipe text: `safe_eval` walks the expression's
syntax tree with a strict whitelist (numbers, variable names, + - * / // % **, unary
minus and plus, and the calls abs, float, int, min, max, round, which are what SparseML
allows), with bounds on size and magnitude. Anything outside the whitelist is a
failure SparseML would raise too; anything merely too costly to compute is `UNKNOWN`.
"""

from __future__ import annotations

import ast
import math
import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Union

Number = Union[int, float]

MAX_EXPRESSION_CHARS = 500
MAX_EXPRESSION_NODES = 200
# Beyond this magnitude a result is not a plausible epoch, sparsity or rate; stop there
# rather than let `10 ** 10 ** 10` spend time and memory.
MAX_MAGNITUDE = 1e18
MAX_EXPONENT = 64

_EVAL = re.compile(r"^eval\((?P<expr>.*)\)$", re.DOTALL)
# What float() accepts that YAML 1.1 may have left as text ("8e-5", "1E3").
_NUMERIC_TEXT = re.compile(r"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")


class _Unknown:
    """A value zoolint cannot (or will not) compute; checks skip it."""

    _instance: _Unknown | None = None

    def __new__(cls) -> _Unknown:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN = _Unknown()


@dataclass(frozen=True)
class EvalFailure:
    """An `eval(...)` SparseML would refuse; `message` says why, naming the culprit."""

    message: str
    hint: str | None = None


@dataclass
class Variables:
    """A recipe's (or a stage's) variables: numbers, and everything else as written."""

    numbers: dict[str, Number] = field(default_factory=dict)
    others: dict[str, Any] = field(default_factory=dict)
    # Top-level eval strings that could not be evaluated: name -> why.
    failures: dict[str, EvalFailure] = field(default_factory=dict)
    # While collecting: eval strings not evaluated yet (not undefined, just later).
    pending: frozenset[str] = frozenset()

    def merged_over(self, outer: Variables) -> Variables:
        """These variables, falling back to `outer` (a staged recipe's globals)."""
        return Variables(
            {**outer.numbers, **self.numbers},
            {**outer.others, **self.others},
            dict(self.failures),
        )


def is_eval_string(value: object) -> bool:
    return isinstance(value, str) and _EVAL.match(value.strip()) is not None


def as_number(value: object) -> Number | None:
    """A plain number (not a bool), or text YAML left unparsed such as `8e-5`."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return value if math.isfinite(value) else None
    if isinstance(value, str) and _NUMERIC_TEXT.match(value.strip()):
        try:
            number = float(value)
        except ValueError:  # pragma: no cover - the pattern only admits floats
            return None
        return number if math.isfinite(number) else None
    return None


def resolve(value: Any, variables: Variables) -> Any:
    """What a value means once SparseML has evaluated it: a number, the raw value of a
    non-numeric variable named by `eval(name)`, the value itself, `UNKNOWN`, or an
    `EvalFailure`."""
    if not isinstance(value, str):
        return value
    match = _EVAL.match(value.strip())
    if match is None:
        return value
    expr = match.group("expr").strip()
    if expr in variables.others and expr not in variables.numbers:
        return variables.others[expr]  # SparseML returns non-numeric variables as they are
    if expr in variables.failures:
        return UNKNOWN  # reported where the variable is defined
    return safe_eval(expr, variables)


def resolve_number(value: Any, variables: Variables) -> Number | None:
    """`resolve`, kept only when the result is a number."""
    return as_number(resolve(value, variables))


def collect_variables(container: Mapping[Any, Any], outer: Variables | None = None) -> Variables:
    """The variables of a recipe's top level (or of one stage), as SparseML evaluates
    them: numbers directly, `eval(...)` strings repeatedly until nothing changes (they
    may refer to each other in any order), everything else kept as written."""
    variables = Variables()
    pending: dict[str, str] = {}
    for name, value in container.items():
        if not isinstance(name, str):
            continue
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            variables.numbers[name] = value
        elif is_eval_string(value):
            pending[name] = value
        else:
            variables.others[name] = value
    scope = variables.merged_over(outer) if outer is not None else Variables(
        dict(variables.numbers), dict(variables.others)
    )
    last: dict[str, Any] = {}
    while pending:
        progressed = False
        for name, text in list(pending.items()):
            scope.pending = frozenset(pending)
            result = resolve(text, scope)
            number = as_number(result)
            if number is not None:
                variables.numbers[name] = scope.numbers[name] = number
                del pending[name]
                progressed = True
            elif not isinstance(result, (EvalFailure, _Unknown)):
                variables.others[name] = scope.others[name] = result
                del pending[name]
                progressed = True
            else:
                last[name] = result
        if not progressed:
            break
    for name, text in pending.items():
        outcome = last.get(name)
        if isinstance(outcome, EvalFailure):
            variables.failures[name] = outcome
    failed = set(variables.failures)
    for name, text in pending.items():
        if name in failed:
            continue
        waiting = sorted(_names_in(text) & set(pending))
        if waiting and not failed.intersection(waiting):
            # Only eval strings waiting on each other remain: a cycle.
            if waiting == [name]:
                why = "it refers to its own variable"
            else:
                others = ", ".join(waiting)
                verb = "depends" if len(waiting) == 1 else "depend"
                why = f"{others} {verb} back on {name} (a cycle)"
            variables.failures[name] = EvalFailure(f"{text} cannot be evaluated: {why}")
    return variables


def _names_in(text: str) -> set[str]:
    match = _EVAL.match(text.strip())
    if match is None or len(text) > MAX_EXPRESSION_CHARS:
        return set()
    try:
        tree = ast.parse(match.group("expr").strip(), mode="eval")
    except (SyntaxError, RecursionError, MemoryError, ValueError):
        return set()
    return {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}


class _Refused(Exception):
    """The expression is outside the whitelist (SparseML would refuse it too)."""

    def __init__(self, failure: EvalFailure) -> None:
        super().__init__(failure.message)
        self.failure = failure


class _TooCostly(Exception):
    """Computing the expression would be too costly; its value stays unknown."""


_BINARY: dict[type, Callable[[Any, Any], Any]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
    ast.Pow: operator.pow,
}
_UNARY: dict[type, Callable[[Any], Any]] = {ast.USub: operator.neg, ast.UAdd: operator.pos}
_FUNCTIONS: dict[str, Callable[..., Any]] = {
    "abs": abs,
    "float": float,
    "int": int,
    "min": min,
    "max": max,
    "round": round,
}
_DESCRIPTIONS: dict[type, str] = {
    ast.Attribute: "attribute access",
    ast.Subscript: "indexing",
    ast.Call: "a function call",
    ast.Compare: "a comparison",
    ast.BoolOp: "and/or",
    ast.IfExp: "a conditional",
    ast.Lambda: "a lambda",
    ast.BinOp: "an operator",
    ast.UnaryOp: "an operator",
    ast.List: "a list",
    ast.Tuple: "a tuple",
    ast.Dict: "a mapping",
}
_ALLOWED = "numbers, variable names, + - * / // % ** and abs, float, int, min, max, round"


def safe_eval(expr: str, variables: Variables) -> Number | EvalFailure | _Unknown:
    """Evaluate an `eval(...)` body over the recipe's numeric variables, safely."""
    if len(expr) > MAX_EXPRESSION_CHARS:
        return UNKNOWN
    try:
        tree = ast.parse(expr, mode="eval")
    except SyntaxError as exc:
        return EvalFailure(f"eval({expr}) is not a valid expression ({exc.msg})")
    except (RecursionError, MemoryError, ValueError):
        return UNKNOWN
    if sum(1 for _ in ast.walk(tree)) > MAX_EXPRESSION_NODES:
        return UNKNOWN
    try:
        value = _evaluate(tree.body, variables, expr)
    except _Refused as exc:
        return exc.failure
    except ZeroDivisionError:
        return EvalFailure(f"eval({expr}) divides by zero")
    except (_TooCostly, OverflowError, RecursionError, MemoryError, TypeError, ValueError):
        return UNKNOWN
    return value


def _checked(value: Any) -> Number:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _TooCostly
    if isinstance(value, float) and not math.isfinite(value):
        raise _TooCostly
    if abs(value) > MAX_MAGNITUDE:
        raise _TooCostly
    return value


def _evaluate(node: ast.AST, variables: Variables, expr: str) -> Number:
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
            raise _Refused(EvalFailure(f"eval({expr}) uses {node.value!r}; only {_ALLOWED} are allowed"))
        return _checked(node.value)
    if isinstance(node, ast.Name):
        return _variable(node.id, variables, expr)
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        left = _evaluate(node.left, variables, expr)
        right = _evaluate(node.right, variables, expr)
        if isinstance(node.op, ast.Pow) and (abs(right) > MAX_EXPONENT or abs(left) > 1e6):
            raise _TooCostly
        return _checked(_BINARY[type(node.op)](left, right))
    if isinstance(node, ast.UnaryOp) and type(node.op) in _UNARY:
        return _checked(_UNARY[type(node.op)](_evaluate(node.operand, variables, expr)))
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in _FUNCTIONS
        and not node.keywords
    ):
        args = [_evaluate(arg, variables, expr) for arg in node.args]
        return _checked(_FUNCTIONS[node.func.id](*args))
    what = _DESCRIPTIONS.get(type(node), f"a {type(node).__name__} expression")
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        what = f"a call to {node.func.id}()"
    raise _Refused(EvalFailure(f"eval({expr}) uses {what}; only {_ALLOWED} are allowed"))


def _variable(name: str, variables: Variables, expr: str) -> Number:
    if name in variables.numbers:
        return _checked(variables.numbers[name])
    if name in variables.failures or name in variables.pending:
        raise _TooCostly  # not known yet, or wrong in its own definition (reported there)
    if name in variables.others:
        raw = variables.others[name]
        hint = None
        if as_number(raw) is not None:
            hint = (
                f"YAML reads {raw!r} as text (a float needs a decimal point:"
                f" write {_float_spelling(str(raw))})"
            )
        raise _Refused(
            EvalFailure(f"eval({expr}) uses variable {name!r}, which is not a number ({raw!r})", hint)
        )
    raise _Refused(EvalFailure(f"eval({expr}) refers to undefined variable {name!r}"))


def _float_spelling(text: str) -> str:
    mantissa, _, exponent = text.lower().partition("e")
    if "." not in mantissa:
        mantissa += ".0"
    return f"{mantissa}e{exponent}" if exponent else mantissa

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
import functools
import math
import operator
import re
from collections.abc import Callable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Any

Number = int | float

# An expression this long (or nested this deep) is not a recipe's arithmetic; its
# syntax tree stays small enough to walk recursively.
MAX_EXPRESSION_CHARS = 500
# Beyond this magnitude a result is not a plausible epoch, sparsity or rate; stop there
# rather than let `10 ** 10 ** 10` spend time and memory.
MAX_MAGNITUDE = 1e18
MAX_EXPONENT = 64
MAX_EVALUATIONS = 10_000

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_NAME_USE = re.compile(r"(?<![\w.])([A-Za-z_]\w*)(?!\w)(?!\s*\()")
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


class Budget:
    """How many expressions one recipe may still have evaluated: real recipes have a
    few dozen; a hostile one with a hundred thousand costs no more than this."""

    def __init__(self, evaluations: int = MAX_EVALUATIONS) -> None:
        self.left = evaluations

    def spend(self) -> bool:
        if self.left <= 0:
            return False
        self.left -= 1
        return True


@dataclass
class Variables:
    """A recipe's (or a stage's) variables: numbers, and everything else as written.
    Resolved `eval(...)` strings are remembered, so each is evaluated once however
    many rules ask; all scopes of one recipe share one `Budget`."""

    numbers: dict[str, Number] = field(default_factory=dict)
    others: dict[str, Any] = field(default_factory=dict)
    # Top-level eval strings that could not be evaluated: name -> why.
    failures: dict[str, EvalFailure] = field(default_factory=dict)
    # Defined, but without a value zoolint computes: eval strings not evaluated yet
    # (while collecting) or too costly to evaluate. Not undefined, and not an error.
    unresolved: AbstractSet[str] = frozenset()
    budget: Budget = field(default_factory=Budget, repr=False, compare=False)
    cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def merged_over(self, outer: Variables) -> Variables:
        """These variables, falling back to `outer` (a staged recipe's globals)."""
        return Variables(
            {**outer.numbers, **self.numbers},
            {**outer.others, **self.others},
            dict(self.failures),
            (outer.unresolved - self.numbers.keys() - self.others.keys()) | self.unresolved,
            outer.budget,
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
    if expr in variables.failures or expr in variables.unresolved:
        return UNKNOWN  # wrong (reported where it is defined) or too costly to know
    if expr in variables.cache:
        return variables.cache[expr]
    if _IDENTIFIER.match(expr) or variables.budget.spend():
        result = safe_eval(expr, variables)
    else:
        result = UNKNOWN
    variables.cache[expr] = result
    return result


def resolve_number(value: Any, variables: Variables) -> Number | None:
    """`resolve`, kept only when the result is a number."""
    return as_number(resolve(value, variables))


def collect_variables(container: Mapping[Any, Any], outer: Variables | None = None) -> Variables:
    """The variables of a recipe's top level (or of one stage), as SparseML evaluates
    them: numbers directly, `eval(...)` strings once the variables they use are known
    (in any order), everything else kept as written. Evaluation follows the
    dependencies, so it costs one pass however the variables are ordered."""
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
    if outer is not None:
        variables.budget = outer.budget
        scope = variables.merged_over(outer)
    else:
        scope = Variables(dict(variables.numbers), dict(variables.others), budget=variables.budget)
    if len(pending) > MAX_EVALUATIONS:  # not a real recipe: leave the excess unknown
        excess = list(pending)[MAX_EVALUATIONS:]
        for name in excess:
            del pending[name]
        variables.unresolved = frozenset(excess)
        scope.unresolved = set(scope.unresolved) | set(excess)
    deps = {name: _names_in(text) & pending.keys() for name, text in pending.items()}
    order, cyclic = _dependency_order(deps)
    unknown: set[str] = set(cyclic)
    scope.unresolved = set(scope.unresolved) | unknown  # grows below; scope is private
    excess_names = set(variables.unresolved)
    for name in order:
        result = resolve(pending[name], scope)
        number = as_number(result)
        if number is not None:
            variables.numbers[name] = scope.numbers[name] = number
        elif isinstance(result, EvalFailure):
            variables.failures[name] = scope.failures[name] = result
        elif isinstance(result, _Unknown):
            unknown.add(name)
            scope.unresolved.add(name)  # type: ignore[attr-defined]
        else:
            variables.others[name] = scope.others[name] = result
    for name in sorted(cyclic, key=list(pending).index):
        waiting = sorted(deps[name])
        if waiting == [name]:
            why = "it refers to its own variable"
        else:
            why = f"it depends on {', '.join(waiting)}, and these variables form a cycle"
        variables.failures[name] = EvalFailure(f"{pending[name]} cannot be evaluated: {why}")
    variables.unresolved = frozenset(unknown | excess_names) - variables.failures.keys()
    return variables


def _dependency_order(deps: Mapping[str, set[str]]) -> tuple[list[str], set[str]]:
    """Names in an order where each comes after those it depends on (Kahn's
    algorithm, linear); the names on, or behind, a cycle are returned apart."""
    waiting_on = {name: len(needed) for name, needed in deps.items()}
    dependents: dict[str, list[str]] = {name: [] for name in deps}
    for name, needed in deps.items():
        for other in needed:
            dependents[other].append(name)
    ready = [name for name, count in waiting_on.items() if count == 0]
    order: list[str] = []
    while ready:
        name = ready.pop()
        order.append(name)
        for dependent in dependents[name]:
            waiting_on[dependent] -= 1
            if waiting_on[dependent] == 0:
                ready.append(dependent)
    return order, set(deps) - set(order)


def _names_in(text: str) -> set[str]:
    """The variable names an `eval(...)` string uses, read lexically (identifiers that
    are neither called nor attributes): only the evaluation order depends on it, and
    expressions for which the two readings differ are refused when evaluated."""
    match = _EVAL.match(text.strip())
    if match is None:
        return set()
    return set(_NAME_USE.findall(match.group("expr")[:MAX_EXPRESSION_CHARS]))


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
    if _IDENTIFIER.match(expr):  # by far the most common: eval(num_epochs)
        try:
            return _variable(expr, variables, expr)
        except _Refused as exc:
            return exc.failure
        except _TooCostly:
            return UNKNOWN
    tree = _parse(expr)
    if not isinstance(tree, ast.Expression):
        return tree
    try:
        return _evaluate(tree.body, variables, expr)
    except _Refused as exc:
        return exc.failure
    except ZeroDivisionError:
        return EvalFailure(f"eval({expr}) divides by zero")
    except (_TooCostly, OverflowError, RecursionError, MemoryError, TypeError, ValueError):
        return UNKNOWN


@functools.lru_cache(maxsize=4096)
def _parse(expr: str) -> ast.Expression | EvalFailure | _Unknown:
    """The expression's syntax tree (cached: rules resolve the same values often)."""
    if len(expr) > MAX_EXPRESSION_CHARS:
        return UNKNOWN
    try:
        tree = ast.parse(expr, mode="eval")
    except SyntaxError as exc:
        return EvalFailure(f"eval({expr}) is not a valid expression ({exc.msg})")
    except (RecursionError, MemoryError, ValueError):
        return UNKNOWN
    return tree


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
    if name in variables.failures or name in variables.unresolved:
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

"""Parameters recipes name, against the graph (RCP011, RCP012) and as regular
expressions (RCP016)."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass

from zoolint.diagnostics import Finding, KeyPath, Severity
from zoolint.graph.load import GRAPH_PATH, graph
from zoolint.io.artifact import Parsed
from zoolint.recipes.document import Modifier
from zoolint.recipes.graph_names import GraphNames, load_graph_names, looks_like_param
from zoolint.recipes.load import recipes
from zoolint.recipes.patterns import PATTERN_PREFIX, PatternError, compile_pattern, matches
from zoolint.recipes.rules.common import at, recipe_set
from zoolint.rules.base import RuleContext, rule

# SparseML's tokens for "every prunable layer" and "every parameter".
TOKENS = frozenset({"__ALL_PRUNABLE__", "__ALL__", "__ALL_RETURN__"})


@dataclass(frozen=True)
class ParamRef:
    """One entry of a modifier's `params` (or of a `final_sparsity` mapping's lists)."""

    text: str
    key_path: KeyPath

    @property
    def is_pattern(self) -> bool:
        return self.text.startswith(PATTERN_PREFIX)


def param_refs(modifier: Modifier) -> Iterator[ParamRef]:
    """Parameter names and patterns a modifier lists explicitly (tokens skipped)."""
    params = modifier.args.get("params")
    path = modifier.arg_path("params")
    if isinstance(params, str):
        if params not in TOKENS:
            yield ParamRef(params, path)
    elif isinstance(params, list):
        for index, item in enumerate(params):
            if isinstance(item, str) and item not in TOKENS:
                yield ParamRef(item, (*path, index))
    mapping = modifier.args.get("final_sparsity")
    if isinstance(mapping, dict):
        for sparsity, names in mapping.items():
            if isinstance(names, list):
                for index, item in enumerate(names):
                    if isinstance(item, str) and item not in TOKENS:
                        yield ParamRef(item, (*modifier.arg_path("final_sparsity"), sparsity, index))


def _graph_names(ctx: RuleContext) -> GraphNames | None:
    state = ctx.model.load(load_graph_names, GRAPH_PATH)
    return state.value if isinstance(state, Parsed) else None


@rule(
    code="RCP011",
    name="param-not-in-graph",
    summary="A parameter a recipe names is not in the model's graph.",
    severity=Severity.WARNING,
    needs=(recipes, graph),
)
def param_not_in_graph(ctx: RuleContext) -> Iterator[Finding]:
    """A modifier's `params` list names a parameter (`sections.0.0.conv9.weight`) that
    `model.onnx` does not have.

    Names are resolved the ways exporters spell them: the same initializer name, the
    name through a QAT wrapper (`.module.`) or with `/` or `_` separators, or the
    module scope of the nodes (`/sections/sections.0/conv1/Conv`). Exporters also
    leave weights unnamed (BatchNorm folded into a convolution, linear weights
    transposed into `onnx::MatMul_*`); when such a weight is read by a node without a
    scope, an unresolved name may be that weight, and nothing is reported: zoolint
    does not guess. `__ALL_PRUNABLE__`, `__ALL__` and `re:` patterns are not names
    (RCP012 checks patterns).

    Why: a name that matches nothing makes SparseML raise at initialization, or, for
    architectures that changed, means the recipe was written for another model.
    """
    names = _graph_names(ctx)
    if names is None or names.hidden_weights:
        return
    suggestions = [name for name in names.candidates if looks_like_param(name)]
    for _, doc in recipe_set(ctx).parsed():
        for modifier in doc.modifiers:
            for ref in param_refs(modifier):
                if ref.is_pattern or names.resolves(ref.text):
                    continue
                close = difflib.get_close_matches(ref.text, suggestions, n=1)
                hint = f"did you mean {close[0]!r}?" if close else None
                yield at(
                    doc,
                    f"{modifier.label}: parameter {ref.text!r} is not in {GRAPH_PATH}",
                    ref.key_path,
                    hint,
                )


@rule(
    code="RCP012",
    name="param-pattern-unmatched",
    summary="A `re:` parameter pattern in a recipe matches nothing in the graph.",
    severity=Severity.WARNING,
    needs=(recipes, graph),
)
def param_pattern_unmatched(ctx: RuleContext) -> Iterator[Finding]:
    """A `re:` pattern in a modifier's `params` matches no parameter of `model.onnx`.

    Patterns are matched as SparseML does (`re.match`: anchored at the start) against
    the graph's initializer names and the `<module>.weight` names its node scopes
    reveal. As for RCP011, a graph with an unnamed weight that no scoped node reads is
    not judged, and patterns shaped to backtrack without bound (`(a+)+`) are not run
    at all.

    Why: a pattern that matches nothing prunes nothing; SparseML may not even say so.
    """
    names = _graph_names(ctx)
    if names is None or names.hidden_weights:
        return
    candidates = names.candidates
    for _, doc in recipe_set(ctx).parsed():
        for modifier in doc.modifiers:
            for ref in param_refs(modifier):
                if not ref.is_pattern:
                    continue
                pattern = compile_pattern(ref.text[len(PATTERN_PREFIX) :])
                if pattern is None or isinstance(pattern, PatternError):
                    continue
                if not any(matches(pattern, name) for name in candidates):
                    yield at(
                        doc,
                        f"{modifier.label}: pattern {ref.text!r} matches no parameter of"
                        f" {GRAPH_PATH}",
                        ref.key_path,
                    )


@rule(
    code="RCP016",
    name="invalid-param-pattern",
    summary="A `re:` parameter pattern in a recipe is not a valid regular expression.",
    severity=Severity.ERROR,
    needs=(recipes,),
    loose_files=True,
)
def invalid_param_pattern(ctx: RuleContext) -> Iterator[Finding]:
    """A `re:` entry of a modifier's `params` does not compile as a Python regular
    expression (`re:layer1.[0-9.weight`).

    Why: SparseML compiles it when the modifier is initialized and stops with
    `re.error`.
    """
    for _, doc in recipe_set(ctx).parsed():
        for modifier in doc.modifiers:
            for ref in param_refs(modifier):
                if not ref.is_pattern:
                    continue
                pattern = compile_pattern(ref.text[len(PATTERN_PREFIX) :])
                if isinstance(pattern, PatternError):
                    yield at(
                        doc,
                        f"{modifier.label}: pattern {ref.text!r} is not a valid regular"
                        f" expression ({pattern.message})",
                        ref.key_path,
                    )



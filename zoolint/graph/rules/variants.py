"""VAR rules about the copies of the graph: opset variants in `onnx/`,
`deployment/model.onnx` and the graph inside `model.onnx.tar.gz`."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from zoolint.diagnostics import Finding, Severity
from zoolint.graph.load import (
    GRAPH_PATH,
    VARIANT_NAME,
    VARIANTS_FOLDER,
    TensorSpec,
    default_opset,
    graph,
    graph_inputs,
    graph_outputs,
    main_graph_path,
)
from zoolint.graph.rules._common import each_graph
from zoolint.io.artifact import Parsed
from zoolint.rules.base import RuleContext, rule


@rule(
    code="VAR001",
    name="opset-variant-mismatch",
    summary="onnx/model.<opset>.onnx does not have the opset its name says.",
    severity=Severity.ERROR,
)
def opset_variant_mismatch(ctx: RuleContext) -> Iterator[Finding]:
    """An opset variant `onnx/model.<opset>.onnx` must import the `ai.onnx` opset its
    name gives: deployments pick the variant their runtime supports by that name.

    Fix: convert the graph (`onnx.version_converter.convert_version(model, <opset>)`)
    or rename the file after its real opset.
    """
    for relpath, proto in each_graph(ctx.model):
        if posixpath.dirname(relpath) != VARIANTS_FOLDER:
            continue
        match = VARIANT_NAME.match(posixpath.basename(relpath))
        if match is None:
            continue
        named = int(match.group("opset"))
        actual = default_opset(proto)
        if actual != named:
            said = f"imports ai.onnx opset {actual}" if actual is not None else "imports no ai.onnx opset"
            yield Finding(
                f"is named for opset {named} but {said}",
                path=relpath,
                key_path=("opset_import",),
                hint=f"convert it with onnx.version_converter.convert_version(model, {named}),"
                f" or rename it model.{actual}.onnx" if actual is not None else None,
            )


@rule(
    code="VAR002",
    name="variant-name",
    summary="A graph in onnx/ is not named model.<opset>.onnx.",
    severity=Severity.WARNING,
)
def variant_name(ctx: RuleContext) -> Iterator[Finding]:
    """Graphs in `onnx/` are opset variants of `model.onnx` and are found by the name
    `model.<opset>.onnx` (`model.11.onnx`). Any other name is not picked up.
    """
    for entry in ctx.model.entries_under(VARIANTS_FOLDER):
        if entry.name.endswith(".onnx") and VARIANT_NAME.match(entry.name) is None:
            yield Finding(
                "is not named model.<opset>.onnx, so it is not found as an opset variant",
                path=entry.relpath,
                hint="rename it after the opset it imports, e.g. onnx/model.13.onnx",
            )


def _describe_names(specs: list[TensorSpec]) -> str:
    return "[" + ", ".join(repr(spec.name) for spec in specs) + "]"


def io_differences(role: str, main: list[TensorSpec], other: list[TensorSpec], main_path: str) -> list[str]:
    """How one side of a variant's contract differs from the main graph's."""
    if [spec.name for spec in main] != [spec.name for spec in other]:
        same_set = sorted(spec.name for spec in main) == sorted(spec.name for spec in other)
        how = "in another order than" if same_set else "unlike"
        return [f"has {role}s {_describe_names(other)}, {how} {main_path}'s {_describe_names(main)}"]
    problems = []
    for want, got in zip(main, other):
        what = f"{role} '{want.name}' is {got.describe()} but {want.describe()} in {main_path}"
        if want.elem_type != got.elem_type:
            problems.append(f"{what} (element type)")
        elif want.rank is not None and got.rank is not None and want.rank != got.rank:
            problems.append(f"{what} (rank)")
        elif want.shape is not None and got.shape is not None and any(
            isinstance(a, int) and isinstance(b, int) and a != b for a, b in zip(want.shape, got.shape)
        ):
            problems.append(f"{what} (fixed sizes)")
    return problems


@rule(
    code="VAR003",
    name="variant-io-mismatch",
    summary="A copy of the graph has other inputs or outputs than model.onnx.",
    severity=Severity.ERROR,
)
def variant_io_mismatch(ctx: RuleContext) -> Iterator[Finding]:
    """Every opset variant, `deployment/model.onnx` and the graph inside
    `model.onnx.tar.gz` must have the same inputs and outputs as `model.onnx`: the
    same names in the same order, element types, ranks and fixed sizes (a dimension
    that is fixed in one and named in the other is allowed).

    Why: samples, benchmarks and client code are written against `model.onnx`; a
    deployment copy with another contract breaks them silently, or shows that the copy
    is of another model.
    """
    main_path = main_graph_path(ctx.model)
    main = graph(ctx.model)
    if not isinstance(main, Parsed):
        return
    inputs, outputs = graph_inputs(main.value), graph_outputs(main.value)
    for relpath, proto in each_graph(ctx.model):
        if relpath in (main_path, GRAPH_PATH):
            continue
        problems = io_differences("input", inputs, graph_inputs(proto), main_path)
        problems += io_differences("output", outputs, graph_outputs(proto), main_path)
        for problem in problems:
            yield Finding(problem, path=relpath)


RULES = [opset_variant_mismatch, variant_name, variant_io_mismatch]

"""RUN001-RUN004: the deep check, opt-in with `[tool.zoolint.samples] run = true`
(or `--run`), installed with `pip install 'zoolint[runtime]'`.

Each sample input that passed the fast check runs through onnxruntime; each output is
compared with the stored one (`sample_outputs_onnxruntime` when the model has it, else
`sample_outputs`). Floats match within `atol + rtol * |stored|` (default atol 1e-5,
rtol 0, as the reference check); integers, booleans and strings match exactly.
"""

from __future__ import annotations

from collections.abc import Iterator

from zoolint.diagnostics import Finding, Severity
from zoolint.graph.load import GRAPH_PATH, graph
from zoolint.io.artifact import Parsed
from zoolint.rules.base import RuleContext, rule
from zoolint.samples.checked import contract
from zoolint.samples.deep import RunResult, run_result
from zoolint.samples.load import samples

_NEEDS = (graph, samples, contract)


def _result(ctx: RuleContext) -> RunResult | None:
    if not ctx.config.samples.run:
        return None
    state = run_result(ctx.model)
    return state.value if isinstance(state, Parsed) else None


@rule(
    code="RUN001",
    name="output-mismatch",
    summary="onnxruntime's output for a sample differs from the stored output.",
    severity=Severity.ERROR,
    needs=_NEEDS,
)
def output_mismatch(ctx: RuleContext) -> Iterator[Finding]:
    """Running a sample input through the graph with onnxruntime does not give the
    stored output: the message names the output, the largest absolute and relative
    error, and the first index where they differ.

    Why: the samples are how users (and benchmarks) check that a deployment computes
    what the model computed when it was published. A mismatch means the outputs came
    from another graph (stale after re-export or quantization), another input, or a
    broken export.

    Tolerance: `[tool.zoolint.samples]` `atol` (default 1e-5, as the reference
    check) and `rtol` (default 0); the public ONNX model zoo used 1e-3 for both.
    Integers, booleans and strings must match exactly.
    """
    result = _result(ctx)
    if result is None:
        return
    for mismatch in result.mismatches:
        stored_as = "" if mismatch.key == mismatch.output else f" (array {mismatch.key!r})"
        source = mismatch.input_file.member or mismatch.input_file.name
        yield Finding(
            f"{mismatch.output_file.label}output {mismatch.output!r}{stored_as} for input"
            f" {source} {mismatch.detail}",
            path=mismatch.output_file.path,
            hint="export the outputs again from this graph, or loosen atol/rtol in"
            " [tool.zoolint.samples] if the difference is expected",
        )


@rule(
    code="RUN002",
    name="runtime-cannot-load",
    summary="onnxruntime cannot load the graph, so its samples were not run.",
    severity=Severity.WARNING,
    needs=_NEEDS,
)
def runtime_cannot_load(ctx: RuleContext) -> Iterator[Finding]:
    """onnxruntime refused the graph: an IR version newer than it supports, an
    operator or opset it does not implement, an invalid graph. This is reported as
    what it is, not as a mismatch of every sample; the samples were not checked.

    Fix: export with an IR version and opset the target runtimes support, or upgrade
    onnxruntime.
    """
    result = _result(ctx)
    if result is not None and result.load_failure is not None:
        yield Finding(
            result.load_failure + "; the samples were not run",
            path=GRAPH_PATH,
            hint="export with an IR version and opset onnxruntime supports, or upgrade it",
        )


@rule(
    code="RUN003",
    name="runtime-failed",
    summary="onnxruntime failed to run a sample that passed the fast check.",
    severity=Severity.ERROR,
    needs=_NEEDS,
)
def runtime_failed(ctx: RuleContext) -> Iterator[Finding]:
    """A sample input whose keys, dtypes and shapes fit the graph's declaration made
    onnxruntime fail (a shape that only conflicts inside the graph, a value out of
    range for a Gather), or its data could not be loaded.

    Why: a sample that cannot run is no sample.
    """
    result = _result(ctx)
    if result is None:
        return
    for file, reason in result.failures:
        yield Finding(file.label + reason, path=file.path)


@rule(
    code="RUN004",
    name="run-incomplete",
    summary="The deep check could not run every sample (budget, runtime limitation).",
    severity=Severity.INFO,
    needs=_NEEDS,
)
def run_incomplete(ctx: RuleContext) -> Iterator[Finding]:
    """The deep check stopped before running every sample: it spent its budget per
    model (`run-time-budget` seconds, `run-size-budget` bytes of graph and sample
    arrays), which keeps a zoo-wide run bounded, or onnxruntime's Python API cannot
    exchange the sample's types (bfloat16 outputs with string inputs). The samples left
    were not checked; this is a note, not a defect of the model.
    """
    result = _result(ctx)
    if result is not None and result.budget is not None:
        yield Finding(
            f"ran {result.ran} of {result.total} samples through onnxruntime: {result.budget}",
            path=result.budget_path,
            hint="raise run-time-budget / run-size-budget in [tool.zoolint.samples] to check"
            " them all",
        )


RULES = [output_mismatch, runtime_cannot_load, runtime_failed, run_incomplete]

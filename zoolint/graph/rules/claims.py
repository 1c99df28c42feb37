"""VAR rules about claims: do the stub, the card and analysis.yaml tell the truth about
the weights? Sparsity is measured from the weights themselves (streamed)."""

from __future__ import annotations

from collections.abc import Iterator

from zoolint.card.load import card
from zoolint.diagnostics import Finding, Severity
from zoolint.graph.analysis import ANALYSIS_PATH, SPARSITY_KEY, analysis
from zoolint.graph.claims import card_claims, describe_measurement, percent, sparsity_matches
from zoolint.graph.load import main_graph_path
from zoolint.graph.rules._common import settings
from zoolint.graph.sparsity import SparsityReport, measured_sparsity
from zoolint.io.artifact import Broken, Parsed
from zoolint.model import ModelDir
from zoolint.rules.base import RuleContext, rule
from zoolint.stubs.path import path_stub


def _measured(model: ModelDir) -> SparsityReport | None:
    state = measured_sparsity(model)
    if not isinstance(state, Parsed) or not state.value.layers:
        return None
    return state.value


@rule(
    code="VAR010",
    name="stub-sparsity-claim",
    summary="The stub's pruned<N> / pruned / base does not match the weights.",
    severity=Severity.ERROR,
)
def stub_sparsity_claim(ctx: RuleContext) -> Iterator[Finding]:
    """The sparse name in the model's stub path is a claim about its weights, checked
    against the share of zeros measured in the prunable weights (Conv, Gemm, MatMul and
    their quantized forms):

    - `pruned<N>` (`pruned95`): about N% zeros, within `sparsity-tolerance` points,
      over all prunable weights or over the pruned layers when those hold most of the
      weights (recipes often leave the first convolution and the classifier dense);
    - `pruned` without a number: at least `pruned-min-sparsity` percent;
    - `base`: dense, at most `dense-max-sparsity` percent.

    Why: the stub is how users choose a model; a `pruned95` that is dense gives none of
    the speedup it promises, and a `base` that is pruned is not a baseline.
    """
    stub = path_stub(ctx.model)
    if stub is None:
        return
    claims = stub.claims
    if not (claims.pruned or claims.base):
        return
    report = _measured(ctx.model)
    if report is None:
        return
    config = settings(ctx.model)
    path = main_graph_path(ctx.model)
    measured = describe_measurement(report)
    name = stub.sparse_name
    if claims.pruned_percent is not None:
        if not sparsity_matches(claims.pruned_percent, report, config):
            yield Finding(
                f"the stub says {name} (about {claims.pruned_percent:g}% zeros), but the prunable"
                f" weights are {measured}",
                path=path,
                hint=f"name the model after its weights, or upload the {name} weights"
                f" (tolerance: {config.sparsity_tolerance:g} points)",
            )
    elif claims.pruned and report.overall * 100 < config.pruned_min_sparsity:
        yield Finding(
            f"the stub says {name}, but the prunable weights are only {measured}"
            f" (at least {config.pruned_min_sparsity:g}% expected)",
            path=path,
            hint="upload the pruned weights, or name the model base",
        )
    elif claims.base and report.overall * 100 > config.dense_max_sparsity:
        yield Finding(
            f"the stub says {name} (dense), but the prunable weights are {measured}"
            f" (at most {config.dense_max_sparsity:g}% expected)",
            path=path,
            hint="name the model after its sparsity (pruned<N>), or upload the dense weights",
        )


@rule(
    code="VAR011",
    name="stub-quantization-claim",
    summary="The stub says quant and the graph is not quantized, or the reverse.",
    severity=Severity.ERROR,
)
def stub_quantization_claim(ctx: RuleContext) -> Iterator[Finding]:
    """`quant` in the stub's sparse name (`pruned95_quant`, `quant`) means quantized
    operators (QuantizeLinear/DequantizeLinear, QLinearConv, MatMulInteger, ...) or
    integer weights; a quantized graph under a stub without `quant` is reported too.

    Why: quantized and float models differ in speed, accuracy and the runtimes that
    run them; the stub must say which one this is.
    """
    stub = path_stub(ctx.model)
    if stub is None:
        return
    report = _measured(ctx.model)
    if report is None:
        return
    path = main_graph_path(ctx.model)
    name = stub.sparse_name
    if stub.claims.quantized and not report.quantized:
        yield Finding(
            f"the stub says {name} (quantized), but the graph has no quantized operators and no integer weights",
            path=path,
            hint="upload the quantized export, or drop quant from the sparse name",
        )
    elif report.quantized and not stub.claims.quantized:
        yield Finding(
            f"the graph is quantized ({', '.join(report.quantized_by[:3])}), but the stub's sparse"
            f" name {name!r} does not say quant",
            path=path,
            hint=f"name the model {name}_quant (or quant), or upload the float export",
        )


@rule(
    code="VAR012",
    name="card-claims",
    summary="The card's sparsity percentages or quantization claims do not match the weights.",
    severity=Severity.WARNING,
)
def card_claims_rule(ctx: RuleContext) -> Iterator[Finding]:
    """Percentages next to a word about pruning or sparsity in the card's
    `display_name` and `optimizations` (`95% Pruned ResNet-50`, `GMP 95%`) must match
    the measured sparsity (same tolerance as the stub); mentions of quantization (`QAT
    Int8`, `quantized`) need a quantized graph.

    Why: the card is what people read before choosing a model.

    When the directory's path is a stub that states a percentage (`pruned95`), the
    card's percentages are left to CARD010 (card against stub) and VAR010 (stub against
    weights): one wrong number is reported once, where it is wrong.
    """
    state = card(ctx.model)
    if not isinstance(state, Parsed):
        return
    claims = card_claims(state.value.data)
    if not claims:
        return
    report = _measured(ctx.model)
    if report is None:
        return
    config = settings(ctx.model)
    doc = state.value.yaml
    stub = path_stub(ctx.model)
    stub_states_percent = stub is not None and stub.claims.pruned_percent is not None
    for claim in claims:
        line, column = doc.locate(claim.key_path)
        where = ".".join(str(part) if isinstance(part, str) else f"[{part}]" for part in claim.key_path)
        where = where.replace(".[", "[")
        if (
            claim.percent is not None
            and not stub_states_percent
            and not sparsity_matches(claim.percent, report, config)
        ):
            yield Finding(
                f"{where} {claim.text!r} claims {claim.percent:g}% sparsity, but the prunable"
                f" weights are {describe_measurement(report)}",
                path=state.path,
                line=line,
                column=column,
                key_path=claim.key_path,
            )
        if claim.quantized and not report.quantized:
            yield Finding(
                f"{where} {claim.text!r} says the model is quantized, but the graph has no"
                " quantized operators and no integer weights",
                path=state.path,
                line=line,
                column=column,
                key_path=claim.key_path,
            )


@rule(
    code="VAR013",
    name="analysis-sparsity",
    summary="analysis.yaml records another sparsity than the weights have.",
    severity=Severity.WARNING,
)
def analysis_sparsity(ctx: RuleContext) -> Iterator[Finding]:
    """`total_prunable_parameters.single.sparsity` in `analysis.yaml` (a fraction) must
    match the share of zeros measured in the prunable weights, within
    `sparsity-tolerance` points.

    Why: a mismatch means the analysis describes another version of the model: it was
    not rerun after the weights changed.
    """
    state = analysis(ctx.model)
    if not isinstance(state, Parsed) or state.value.sparsity is None:
        return
    report = _measured(ctx.model)
    if report is None:
        return
    recorded = state.value.sparsity
    tolerance = settings(ctx.model).sparsity_tolerance
    if abs(recorded - report.overall) * 100 > tolerance:
        line, column = state.value.locate(SPARSITY_KEY)
        yield Finding(
            f"records sparsity {recorded:g} ({percent(recorded)}), but the prunable weights are"
            f" {percent(report.overall)} zeros",
            path=state.path,
            line=line,
            column=column,
            key_path=SPARSITY_KEY,
            hint="run the analysis again on this model.onnx",
        )


@rule(
    code="VAR014",
    name="analysis-invalid",
    summary="analysis.yaml does not parse or does not record the total sparsity.",
    severity=Severity.ERROR,
)
def analysis_invalid(ctx: RuleContext) -> Iterator[Finding]:
    """`analysis.yaml` must be a YAML mapping that records
    `total_prunable_parameters.single.sparsity` as a number in [0, 1].
    """
    state = analysis(ctx.model)
    if isinstance(state, Broken) and not state.io_level:
        yield Finding(state.reason, path=state.path, line=state.line, column=state.column)
    elif isinstance(state, Parsed) and state.value.problem is not None:
        line, column = state.value.locate(SPARSITY_KEY)
        yield Finding(state.value.problem, path=ANALYSIS_PATH, line=line, column=column)


RULES = [stub_sparsity_claim, stub_quantization_claim, card_claims_rule, analysis_sparsity, analysis_invalid]

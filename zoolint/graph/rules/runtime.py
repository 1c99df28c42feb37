"""ONNX rules about the deployment runtime: will the target onnxruntime load the graph?"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from zoolint.diagnostics import Finding, Severity
from zoolint.graph.contract import DEFAULT_DOMAINS
from zoolint.graph.rules._common import each_graph, settings
from zoolint.graph.runtime import oldest_admitted
from zoolint.graph.settings import GraphSettings
from zoolint.rules.base import RuleContext, rule

# Domains onnxruntime implements itself (contrib and internal operators included).
RUNTIME_DOMAINS = frozenset(
    {
        "",
        "ai.onnx",
        "ai.onnx.ml",
        "ai.onnx.training",
        "ai.onnx.preview.training",
        "com.microsoft",
        "com.microsoft.nchwc",
        "com.microsoft.experimental",
        "com.ms.internal.nhwc",
    }
)


Limit = tuple[int, str]  # (highest allowed, who says so)


@dataclass(frozen=True)
class Limits:
    ir_version: Limit | None
    opset: Limit | None
    ml_opset: Limit | None


def _limits(config: GraphSettings) -> Limits:
    release = oldest_admitted(config.target_runtime) if config.target_runtime else None
    said_by = ""
    if release is not None:
        said_by = f"{config.target_runtime} admits {release.label}, which loads at most"
        if not release.documented:
            said_by = (
                f"{config.target_runtime} admits {release.label}, assumed to load no more than"
                f" {release.assumed_from} (the latest documented release before it), at most"
            )
    def pick(override: int | None, key: str, table: int | None) -> Limit | None:
        if override is not None:
            return override, f"the configured {key} is"
        return (table, said_by) if release is not None and table is not None else None

    return Limits(
        pick(config.max_ir_version, "max-ir-version", release.max_ir_version if release else None),
        pick(config.max_opset, "max-opset", release.max_opset if release else None),
        pick(None, "", release.max_ml_opset if release else None),
    )


@rule(
    code="ONNX201",
    name="ir-version-unsupported",
    summary="The graph's IR version is newer than the target runtime loads.",
    severity=Severity.ERROR,
    loose_files=True,
)
def ir_version_unsupported(ctx: RuleContext) -> Iterator[Finding]:
    """The model's IR version is higher than the oldest onnxruntime release admitted by
    `[tool.zoolint.graph] target-runtime` supports; that runtime refuses to load it
    ("Unsupported model IR version").

    Why: a recent `onnx` writes its newest IR version by default, so a model exported
    on a developer's machine fails in production. Set `max-ir-version` to override the
    table.

    Fix: `model.ir_version = <supported>` (IR versions are backward compatible) or
    export with an older onnx.
    """
    limit = _limits(settings(ctx.model)).ir_version
    if limit is None:
        return
    highest, said_by = limit
    for relpath, proto in each_graph(ctx.model):
        if proto.ir_version > highest:
            yield Finding(
                f"has IR version {proto.ir_version}, but {said_by} IR version {highest}",
                path=relpath,
                key_path=("ir_version",),
                hint=f"set model.ir_version = {highest} before saving (IR versions are backward"
                " compatible), or export with an older onnx",
            )


@rule(
    code="ONNX202",
    name="opset-unsupported",
    summary="The graph imports an opset newer than the target runtime implements.",
    severity=Severity.ERROR,
    loose_files=True,
)
def opset_unsupported(ctx: RuleContext) -> Iterator[Finding]:
    """The model imports an `ai.onnx` (or `ai.onnx.ml`) opset newer than the oldest
    onnxruntime release admitted by `target-runtime` implements; that runtime refuses
    it ("Opset N is under development"). Set `max-opset` to override the table.

    Fix: export with `opset_version=<supported>`, or convert with
    `onnx.version_converter.convert_version`.
    """
    limits = _limits(settings(ctx.model))
    for relpath, proto in each_graph(ctx.model):
        for index, opset in enumerate(proto.opset_import):
            if opset.domain in DEFAULT_DOMAINS:
                limit, shown = limits.opset, "ai.onnx"
            elif opset.domain == "ai.onnx.ml":
                limit, shown = limits.ml_opset, "ai.onnx.ml"
            else:
                continue
            if limit is not None and opset.version > limit[0]:
                highest, said_by = limit
                yield Finding(
                    f"imports {shown} opset {opset.version}, but {said_by} {shown} opset {highest}",
                    path=relpath,
                    key_path=("opset_import", index),
                    hint=f"export with opset_version={highest}, or convert with onnx.version_converter",
                )


@rule(
    code="ONNX203",
    name="custom-operator-domain",
    summary="Nodes use a domain onnxruntime does not implement (custom operators).",
    severity=Severity.WARNING,
    loose_files=True,
)
def custom_operator_domain(ctx: RuleContext) -> Iterator[Finding]:
    """Nodes belong to a domain that is neither ONNX's nor onnxruntime's own, and the
    model defines no local function for them: the runtime needs a custom-operator
    library registered to load the model.

    Why: the upload does not run on a stock runtime; say so in the card, or replace the
    operators.
    """
    for relpath, proto in each_graph(ctx.model):
        local = {(function.domain, function.name) for function in proto.functions}
        custom: dict[str, list[str]] = {}
        for node in proto.graph.node:
            if node.domain not in RUNTIME_DOMAINS and (node.domain, node.op_type) not in local:
                ops = custom.setdefault(node.domain, [])
                if node.op_type not in ops:
                    ops.append(node.op_type)
        for domain, ops in sorted(custom.items()):
            yield Finding(
                f"uses operators of the custom domain {domain!r} ({', '.join(ops[:5])}) that"
                " onnxruntime does not implement without a custom-operator library",
                path=relpath,
            )


RULES = [ir_version_unsupported, opset_unsupported, custom_operator_domain]

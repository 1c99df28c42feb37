"""The graph's contract and hygiene, read from the parsed graph: inputs and outputs,
named dimensions, initializers, dangling nodes and opset imports."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import onnx

from zoolint.diagnostics import KeyPath
from zoolint.graph.load import Dim, TensorSpec, _spec

DEFAULT_DOMAINS = ("", "ai.onnx")


@dataclass(frozen=True)
class Problem:
    message: str
    key_path: KeyPath | None = None


def node_label(graph: onnx.GraphProto, name: str | None, op_type: str | None) -> tuple[str, KeyPath | None]:
    """How messages name a node ("node 'conv1' (Conv)"), and its key path when found."""
    for index, node in enumerate(graph.node):
        if name and node.name == name and (op_type is None or node.op_type == op_type):
            return f"node '{name}' ({node.op_type})", ("graph", "node", index)
    if name:
        return f"node '{name}'" + (f" ({op_type})" if op_type else ""), None
    if op_type:
        matches = [index for index, node in enumerate(graph.node) if node.op_type == op_type]
        if len(matches) == 1:
            return f"node #{matches[0]} ({op_type}, unnamed)", ("graph", "node", matches[0])
        return f"an unnamed {op_type} node", None
    return "the graph", None


def _subgraphs(node: onnx.NodeProto) -> Iterator[onnx.GraphProto]:
    for attr in node.attribute:
        if attr.HasField("g"):
            yield attr.g
        yield from attr.graphs


def consumed_names(graph: onnx.GraphProto) -> set[str]:
    """Every value name read by a node of `graph` or of its subgraphs (which may read
    values of the enclosing graph by name)."""
    names: set[str] = set()
    stack = [graph]
    while stack:
        current = stack.pop()
        for node in current.node:
            names.update(node.input)
            stack.extend(_subgraphs(node))
        names.update(value.name for value in current.output if current is not graph)
    names.discard("")
    return names


def unused_initializers(proto: onnx.ModelProto) -> list[str]:
    used = consumed_names(proto.graph) | {value.name for value in proto.graph.output}
    return [tensor.name for tensor in proto.graph.initializer if tensor.name not in used]


def dangling_nodes(proto: onnx.ModelProto) -> list[tuple[int, onnx.NodeProto]]:
    """Nodes of the main graph none of whose outputs is read or is a graph output."""
    used = consumed_names(proto.graph) | {value.name for value in proto.graph.output}
    return [
        (index, node)
        for index, node in enumerate(proto.graph.node)
        if node.output and not any(output and output in used for output in node.output)
    ]


def initializers_as_inputs(proto: onnx.ModelProto) -> list[str]:
    initialized = {tensor.name for tensor in proto.graph.initializer}
    return [value.name for value in proto.graph.input if value.name in initialized]


def io_problems(proto: onnx.ModelProto) -> list[Problem]:
    """Graph inputs and outputs without a name, an element type or a rank."""
    problems = []
    initialized = {tensor.name for tensor in proto.graph.initializer}
    for role, values in (("input", proto.graph.input), ("output", proto.graph.output)):
        for index, value in enumerate(values):
            if role == "input" and value.name in initialized:
                continue  # an initializer's default: its tensor says type and shape
            where: KeyPath = ("graph", role, index)
            label = f"graph {role} '{value.name}'" if value.name else f"graph {role} #{index}"
            if not value.name:
                problems.append(Problem(f"{label} has no name", where))
            if not value.HasField("type"):
                problems.append(Problem(f"{label} has no type", where))
                continue
            kind = value.type.WhichOneof("value")
            if kind != "tensor_type":
                continue  # sequences, maps, optionals: not a tensor contract
            tensor = value.type.tensor_type
            if not tensor.elem_type:
                problems.append(Problem(f"{label} has no element type", where))
            if not tensor.HasField("shape"):
                problems.append(Problem(f"{label} has no shape: its rank is unknown", where))
    return problems


def unnamed_dimensions(proto: onnx.ModelProto) -> list[Problem]:
    """Dynamic dimensions of inputs and outputs that have no name (or a size <= 0)."""
    problems = []
    initialized = {tensor.name for tensor in proto.graph.initializer}
    for role, values in (("input", proto.graph.input), ("output", proto.graph.output)):
        for index, value in enumerate(values):
            if role == "input" and value.name in initialized:
                continue
            if not value.type.HasField("tensor_type") or not value.type.tensor_type.HasField("shape"):
                continue
            for axis, dim in enumerate(value.type.tensor_type.shape.dim):
                where: KeyPath = ("graph", role, index, "type", "tensor_type", "shape", "dim", axis)
                if dim.HasField("dim_value") and dim.dim_value <= 0:
                    problems.append(
                        Problem(
                            f"graph {role} '{value.name}' dimension {axis} has size {dim.dim_value}:"
                            " a dynamic dimension should have a name instead",
                            where,
                        )
                    )
                elif not dim.HasField("dim_value") and not dim.dim_param:
                    problems.append(
                        Problem(f"graph {role} '{value.name}' dimension {axis} is dynamic but has no name", where)
                    )
    return problems


def _named(dim: Dim) -> bool:
    return isinstance(dim, str)


def dimension_name_problems(
    inputs: list[TensorSpec], outputs: list[TensorSpec], inferred: list[TensorSpec]
) -> list[Problem]:
    """Output dimensions whose name (or fixed size) disagrees with what the graph computes
    from its inputs: the same name must mean the same size across inputs and outputs."""
    input_names = {dim for spec in inputs for dim in spec.shape or () if _named(dim)}
    problems = []
    for index, (want, got) in enumerate(zip(outputs, inferred)):
        if want.shape is None or got.shape is None or len(want.shape) != len(got.shape):
            continue
        for axis, (declared, computed) in enumerate(zip(want.shape, got.shape)):
            where: KeyPath = ("graph", "output", index, "type", "tensor_type", "shape", "dim", axis)
            label = f"graph output '{want.name}' dimension {axis}"
            if _named(declared) and isinstance(computed, int):
                problems.append(
                    Problem(f"{label} is named '{declared}' (dynamic) but the graph fixes it at {computed}", where)
                )
            elif _named(declared) and _named(computed) and declared != computed and computed in input_names:
                problems.append(
                    Problem(
                        f"{label} is named '{declared}' but it is the input dimension '{computed}':"
                        " the same size should have the same name",
                        where,
                    )
                )
            elif isinstance(declared, int) and _named(computed) and computed in input_names:
                problems.append(
                    Problem(f"{label} is fixed at {declared} but follows the input dimension '{computed}'", where)
                )
    return problems


def opset_problems(proto: onnx.ModelProto) -> list[Problem]:
    """Duplicate or invalid opset imports, and domains used but never imported."""
    problems = []
    seen: dict[str, int] = {}
    for index, opset in enumerate(proto.opset_import):
        domain = "" if opset.domain in DEFAULT_DOMAINS else opset.domain
        shown = domain or "ai.onnx"
        where: KeyPath = ("opset_import", index)
        if domain in seen:
            problems.append(
                Problem(f"imports the domain {shown!r} twice (versions {seen[domain]} and {opset.version})", where)
            )
            continue
        seen[domain] = opset.version
        if opset.version < 1:
            problems.append(Problem(f"imports the domain {shown!r} at version {opset.version}", where))
        latest = _latest_opset(domain)
        if latest is not None and opset.version > latest:
            problems.append(
                Problem(
                    f"imports {shown} opset {opset.version}, which does not exist"
                    f" (the newest is {latest})",
                    where,
                )
            )
    if not proto.opset_import and proto.ir_version >= 3:
        problems.append(Problem("imports no opset at all (IR version 3 and later require one)"))
    functions = {(function.domain, function.name) for function in proto.functions}
    missing: dict[str, str] = {}
    stack = [proto.graph] + [function for function in proto.functions]  # type: ignore[list-item]
    while stack:
        current = stack.pop()
        for node in current.node:
            domain = "" if node.domain in DEFAULT_DOMAINS else node.domain
            if domain not in seen and (node.domain, node.op_type) not in functions:
                missing.setdefault(domain, node.op_type)
            stack.extend(_subgraphs(node))
    for domain, op_type in sorted(missing.items()):
        problems.append(
            Problem(f"uses the domain {(domain or 'ai.onnx')!r} (for example {op_type}) without importing it")
        )
    return problems


def _latest_opset(domain: str) -> int | None:
    """The newest opset of a domain this onnx knows; None for domains it does not
    (custom domains: only their runtime knows)."""
    if domain == "":
        return int(onnx.defs.onnx_opset_version())
    try:
        from onnx.onnx_cpp2py_export import defs as cdefs

        ranges = cdefs.schema_version_map()
    except (ImportError, AttributeError):  # pragma: no cover - depends on the onnx build
        return None
    return int(ranges[domain][1]) if domain in ranges else None


def declared_inputs(proto: onnx.ModelProto) -> list[TensorSpec]:
    initialized = {tensor.name for tensor in proto.graph.initializer}
    return [_spec(value) for value in proto.graph.input if value.name not in initialized]

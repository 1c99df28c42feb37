"""Is the graph valid ONNX? The checker and strict shape inference, run once per file.

How each graph file is checked, cheapest safe way first:
- a file whose external data (if any) is all safe: `onnx.checker.check_model(path)`,
  so the checker sees the real file and its data files, the way a runtime would;
- a graph read out of an archive without external data: the checker on the parsed
  model, in memory;
- anything else (unsafe or missing external data, which the EXT rules report): the
  checker on a skeleton without external references, because the in-memory checker
  resolves locations against the process's working directory, never our tree.
Then strict shape inference (`strict_mode=True`, `check_type=True`: what
`full_check=True` adds) runs on a skeleton with the output shapes left out, so its
result says what the graph computes; the declared output shapes are compared with that
here. Both of onnx's exception classes are caught (they are unrelated classes).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import onnx
from onnx import TensorProto
from onnx.checker import ValidationError
from onnx.shape_inference import InferenceError

from zoolint.graph.classify import Issue, Kind, classify_checker_error, classify_inference_error
from zoolint.graph.datafile import DataFileError, ExternalTensors
from zoolint.graph.external import ExternalData, external_data
from zoolint.graph.load import TensorSpec, graph_at, graph_outputs, twin_of
from zoolint.graph.skeleton import build_skeleton, has_external
from zoolint.io.artifact import Artifact, Parsed
from zoolint.model import ModelDir


@dataclass
class Validation:
    """What the checker and inference said about one graph file."""

    method: str  # "path", "memory", "skeleton" or "skipped"
    issues: list[Issue] = field(default_factory=list)
    inferred_outputs: list[TensorSpec] | None = None

    def of_kind(self, kind: str) -> list[Issue]:
        return [issue for issue in self.issues if issue.kind == kind]

    @property
    def structurally_valid(self) -> bool:
        return not any(
            issue.source == "checker" and issue.kind not in (Kind.COVERED, Kind.IGNORED)
            for issue in self.issues
        )


class _SmallTensors(ExternalTensors):
    """Reads small external tensors for the skeleton (None for those it cannot read)."""

    def __call__(self, tensor: TensorProto) -> bytes | None:
        try:
            where = self.locate(tensor)
            if where is None:
                return None
            reader, offset, length = where
            return reader.read(offset, length)
        except (DataFileError, OSError):
            return None


def _structural(model: ModelDir, relpath: str, proto: onnx.ModelProto, ext: ExternalData) -> tuple[str, list[Issue]]:
    target: str | onnx.ModelProto
    if not relpath.endswith(".tar.gz") and (not ext.refs or ext.safe):
        method, target = "path", str(model.root / relpath)
    elif not ext.refs:
        method, target = "memory", proto
    else:
        skeleton = build_skeleton(proto, keep_output_shapes=True)
        if has_external(skeleton):
            return "skipped", []
        method, target = "skeleton", skeleton
    try:
        onnx.checker.check_model(target, full_check=False)
    except ValidationError as exc:
        return method, [classify_checker_error(str(exc), proto.graph)]
    except InferenceError as exc:  # not raised without full_check, but the classes are unrelated
        return method, classify_inference_error(str(exc))
    return method, []


def _infer(model: ModelDir, proto: onnx.ModelProto, ext: ExternalData) -> tuple[list[Issue], list[TensorSpec] | None]:
    with _SmallTensors(model, ext) as small:
        loader = small if ext.refs and ext.safe else None
        skeleton = build_skeleton(proto, keep_output_shapes=False, load_small=loader)
    try:
        inferred = onnx.shape_inference.infer_shapes(
            skeleton, check_type=True, strict_mode=True, data_prop=False
        )
    except InferenceError as exc:
        return classify_inference_error(str(exc)), None
    except ValidationError as exc:
        return [classify_checker_error(str(exc), proto.graph)], None
    return [], graph_outputs(inferred)


def output_shape_issues(declared: list[TensorSpec], inferred: list[TensorSpec]) -> list[Issue]:
    """Static sizes and ranks the graph declares for its outputs but does not compute."""
    issues = []
    for want, got in zip(declared, inferred):
        if want.shape is None or got.shape is None:
            continue
        if len(want.shape) != len(got.shape):
            issues.append(
                Issue(
                    Kind.SHAPE,
                    f"graph output '{want.name}' is declared with rank {len(want.shape)}"
                    f" ({want.describe()}) but the graph computes rank {len(got.shape)} ({got.describe()})",
                    value=want.name,
                    source="inference",
                )
            )
            continue
        for axis, (a, b) in enumerate(zip(want.shape, got.shape)):
            if isinstance(a, int) and isinstance(b, int) and a != b:
                issues.append(
                    Issue(
                        Kind.SHAPE,
                        f"graph output '{want.name}' dimension {axis} is declared {a}"
                        f" but the graph computes {b}",
                        value=want.name,
                        source="inference",
                    )
                )
    return issues


def validate_graph(model: ModelDir, relpath: str) -> Artifact[Validation]:
    """Loader: run the checker and strict inference on one graph file."""
    state = graph_at(model, relpath)
    if not isinstance(state, Parsed):
        return state
    proto = state.value
    ext_state = external_data(model, relpath)
    assert isinstance(ext_state, Parsed)
    ext = ext_state.value
    twin = twin_of(model, relpath)
    if twin is not None and not ext.refs:
        # The same bytes as a graph already checked, and nothing outside the file that
        # could differ: the same verdict.
        earlier = validation(model, twin)
        if isinstance(earlier, Parsed):
            return Parsed(relpath, earlier.value)
    method, issues = _structural(model, relpath, proto, ext)
    result = Validation(method, issues)
    if result.structurally_valid:
        inference_issues, inferred = _infer(model, proto, ext)
        result.issues.extend(inference_issues)
        result.inferred_outputs = inferred
        if inferred is not None:
            result.issues.extend(output_shape_issues(graph_outputs(proto), inferred))
    return Parsed(relpath, result)


def validation(model: ModelDir, relpath: str) -> Artifact[Validation]:
    return model.load(validate_graph, relpath)

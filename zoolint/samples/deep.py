"""The deep check: each sample input through onnxruntime, each output compared.

Runs once per model directory (cached as an artifact) for the four RUN rules. Only
samples that passed the fast check run (no object arrays, keys, dtypes and shapes
right), so nothing the fast rules reported is reported again as a runtime failure.
A time and a size budget per model keep a zoo-wide run bounded.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import onnx

from zoolint.graph.external import external_data
from zoolint.graph.load import GRAPH_PATH, graph, main_graph_path
from zoolint.io.artifact import Artifact, Parsed
from zoolint.io.files import resolve_inside
from zoolint.model import ModelDir
from zoolint.samples.checked import FileCheck, contract
from zoolint.samples.compare import compare
from zoolint.samples.load import SampleFile, samples, settings_of
from zoolint.samples.runtime import (
    Unsupported,
    create_session,
    import_runtime,
    load_failure,
    run_session,
    runtime_message,
)
from zoolint.samples.source import SampleReader, SampleReadError

ENGINE = "onnxruntime"


@dataclass(frozen=True)
class Mismatch:
    output_file: SampleFile
    input_file: SampleFile
    output: str
    key: str
    detail: str


@dataclass
class RunResult:
    load_failure: str | None = None
    failures: list[tuple[SampleFile, str]] = field(default_factory=list)
    mismatches: list[Mismatch] = field(default_factory=list)
    budget: str | None = None
    budget_path: str = ""
    ran: int = 0
    total: int = 0


def run_result(model: ModelDir) -> Artifact[RunResult]:
    return model.load(load_run, ".")


def _by_number(checks: list[FileCheck]) -> dict[int, FileCheck]:
    counts: dict[int, int] = {}
    for check in checks:
        if check.file.number is not None:
            counts[check.file.number] = counts.get(check.file.number, 0) + 1
    return {
        check.file.number: check
        for check in checks
        if check.file.number is not None and counts[check.file.number] == 1 and check.clean
    }


def _external_data_safe(model: ModelDir, proto: onnx.ModelProto) -> bool | None:
    """None: no external data. True: every location is a plain file inside the
    directory that holds all its tensors' bytes, so onnxruntime may open the graph by
    path. False: not runnable (the EXT rules say why)."""
    locations = set()
    for tensor in _all_tensors(proto):
        if tensor.data_location == onnx.TensorProto.EXTERNAL:
            entries = {entry.key: entry.value for entry in tensor.external_data}
            locations.add(entries.get("location", ""))
    if not locations:
        return None
    for location in locations:
        if not location or os.path.isabs(location) or ".." in location.replace("\\", "/").split("/"):
            return False
        entry = model.entry(location)
        if entry is None or not entry.is_file:  # a symlink or a folder: not followed
            return False
    # Every tensor's bytes must be there too: a data file cut short is EXT005's finding,
    # and onnxruntime refusing to load it would only repeat it as RUN002.
    state = external_data(model, main_graph_path(model))
    return isinstance(state, Parsed) and state.value.safe


def _all_tensors(proto: onnx.ModelProto) -> Iterator[onnx.TensorProto]:
    yield from proto.graph.initializer
    for node in proto.graph.node:
        for attribute in node.attribute:
            if attribute.HasField("t"):
                yield attribute.t


def load_run(model: ModelDir, relpath: str) -> Artifact[RunResult]:
    proto_state, view_state, index_state = graph(model), contract(model), samples(model)
    if not all(isinstance(s, Parsed) for s in (proto_state, view_state, index_state)):
        return Parsed(relpath, RunResult())
    proto, view, index = proto_state.value, view_state.value, index_state.value  # type: ignore[union-attr]
    settings = settings_of(model)
    result = RunResult()
    inputs = index.primary("inputs")
    outputs = index.primary("outputs", ENGINE) or index.primary("outputs")
    if inputs is None or outputs is None:
        return Parsed(relpath, result)
    fed, stored = _by_number(view.in_folder(inputs)), _by_number(view.in_folder(outputs))
    numbers = sorted(set(fed) & set(stored))
    result.total = len(numbers)
    result.budget_path = inputs.relpath
    if not numbers:
        return Parsed(relpath, result)
    external = _external_data_safe(model, proto)
    if external is False:
        return Parsed(relpath, result)  # the graph rules report unsafe external data
    size = proto.ByteSize() + _external_bytes(model, proto)
    if size > settings.run_size_budget:
        result.budget = (
            f"the graph is {size} bytes, over the {settings.run_size_budget}-byte run budget"
        )
        return Parsed(relpath, result)
    ort = import_runtime()
    started = time.monotonic()
    try:
        if external:
            # By path, so that onnxruntime finds the weights beside the graph; every
            # location was checked to be a plain file inside the directory.
            resolved = resolve_inside(model.root, GRAPH_PATH)
            if not isinstance(resolved, Path):
                return Parsed(relpath, result)
            session = create_session(ort, str(resolved), settings.run_threads)
        else:
            session = create_session(ort, proto.SerializeToString(), settings.run_threads)
    except Exception as exc:  # noqa: BLE001 - onnxruntime raises its own classes
        result.load_failure = f"onnxruntime cannot load the graph: {load_failure(exc)}"
        return Parsed(relpath, result)
    _run_samples(model, result, numbers, fed, stored, session, ort, started, size)
    return Parsed(relpath, result)


def _external_bytes(model: ModelDir, proto: onnx.ModelProto) -> int:
    total = 0
    for tensor in _all_tensors(proto):
        if tensor.data_location == onnx.TensorProto.EXTERNAL:
            entries = {entry.key: entry.value for entry in tensor.external_data}
            total += int(entries.get("length", 0) or 0)
    return total


def _run_samples(  # noqa: PLR0913 - one loop, many inputs
    model: ModelDir,
    result: RunResult,
    numbers: list[int],
    fed: dict[int, FileCheck],
    stored: dict[int, FileCheck],
    session: object,
    ort: object,
    started: float,
    spent_bytes: int,
) -> None:
    settings = settings_of(model)
    wanted = {c.file.member for c in (*fed.values(), *stored.values()) if c.file.member}
    reader = SampleReader(model, settings.run_size_budget)
    for number in numbers:
        elapsed = time.monotonic() - started
        if elapsed > settings.run_time_budget:
            result.budget = f"the {settings.run_time_budget:g}-second run budget per model was spent"
            return
        source, target = fed[number], stored[number]
        need = source.file.info.nbytes + target.file.info.nbytes  # type: ignore[union-attr]
        if spent_bytes + need > settings.run_size_budget:
            result.budget = f"the {settings.run_size_budget}-byte run budget per model was spent"
            return
        spent_bytes += need
        try:
            feeds = _feeds(source, reader.arrays(source.file, wanted))
            expected = reader.arrays(target.file, wanted)
        except SampleReadError as exc:
            result.failures.append((source.file, f"its data {exc}"))
            continue
        types = {spec.name: spec.elem_type for spec in source.role.required + source.role.optional}
        try:
            produced = run_session(ort, session, feeds, types)  # type: ignore[arg-type]
        except Unsupported as exc:
            result.budget = f"{exc}; the samples were not run"
            return
        except Exception as exc:  # noqa: BLE001 - onnxruntime raises its own classes
            result.failures.append((source.file, f"onnxruntime failed on it: {runtime_message(exc)}"))
            continue
        result.ran += 1
        for name, array in target.keys.bound.items():
            if name not in produced:
                continue
            detail = compare(expected[array.key], produced[name], settings.atol, settings.rtol)
            if detail is not None:
                result.mismatches.append(Mismatch(target.file, source.file, name, array.key, detail))


def _feeds(check: FileCheck, arrays: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    feeds = {}
    for name, array in check.keys.bound.items():
        value = arrays[array.key]
        if check.fits[name].batched is False:
            value = value[np.newaxis, ...]  # the runner adds the batch dimension back
        feeds[name] = value
    return feeds


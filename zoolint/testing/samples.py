"""Write valid sample folders for a graph, in any layout generation.

Inputs are random arrays of the graph's dtypes and shapes (dynamic dimensions set
from `dims`, the batch to 1); outputs are computed with onnx's reference evaluator, so
the fast and the deep check both pass on them. Used by the demo-zoo builder, the test
suite and bench/.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper

from zoolint.graph.load import TensorSpec, graph_inputs, graph_outputs
from zoolint.testing.builders import run_reference, savez_mapping
from zoolint.testing.deterministic import npz_file_bytes, write_tar_gz

# Folder spelling per layout generation: documented uses underscores, the hub and
# legacy layouts hyphens (per-engine outputs keep the underscore before the engine).
GENERATIONS = {
    "documented": {"sep": "_"},
    "hub": {"sep": "-"},
    "legacy": {"sep": "-"},
}


def folder_name(kind: str, generation: str = "documented", engine: str | None = None) -> str:
    sep = GENERATIONS[generation]["sep"]
    name = f"sample{sep}{kind}"
    return f"{name}_{engine}" if engine else name


def sample_inputs(
    proto: onnx.ModelProto, seed: int = 0, dims: Mapping[str, int] | None = None
) -> dict[str, np.ndarray]:
    """One batch (of 1) of random inputs for every caller-fed graph input."""
    rng = np.random.default_rng(seed)
    return {spec.name: random_array(spec, rng, dims or {}) for spec in graph_inputs(proto)}


def concrete_shape(spec: TensorSpec, dims: Mapping[str, int]) -> tuple[int, ...]:
    shape = spec.shape or ()
    sizes = []
    for position, dim in enumerate(shape):
        if isinstance(dim, int):
            sizes.append(dim)
        elif position == 0:
            sizes.append(1)  # the batch
        else:
            sizes.append(dims.get(dim or "", 2))
    return tuple(sizes)


def random_array(spec: TensorSpec, rng: np.random.Generator, dims: Mapping[str, int]) -> np.ndarray:
    shape = concrete_shape(spec, dims)
    elem = spec.elem_type
    if elem == TensorProto.STRING:
        words = np.array(["monday", "tuesday", "zoo", "lint"])
        return words[rng.integers(0, len(words), size=shape)].astype(np.str_)
    if elem == TensorProto.BOOL:
        return rng.random(shape) > 0.5
    dtype = helper.tensor_dtype_to_np_dtype(elem)
    if dtype.kind in "iu":
        return rng.integers(0, 4, size=shape).astype(dtype)
    return rng.standard_normal(shape).astype(dtype)


def strip_batch(array: np.ndarray) -> np.ndarray:
    return array[0] if array.ndim >= 1 and array.shape[0] == 1 else array


def write_samples(
    model_dir: Path,
    proto: onnx.ModelProto,
    *,
    generation: str = "documented",
    count: int = 2,
    seed: int = 0,
    batch: bool = False,
    positional: bool = False,
    compressed: bool = False,
    archived: bool = False,
    engines: Sequence[str] = (),
    labels: bool = False,
    originals: bool = False,
    dims: Mapping[str, int] | None = None,
    feeds_of: Callable[[int], dict[str, np.ndarray]] | None = None,
) -> list[Path]:
    """Write `count` samples of `proto` into `model_dir`; return the folders or archives.
    The `.npz` files are byte-for-byte reproducible (fixed zip timestamps).

    `batch` keeps the batch dimension (default: stored without it, as the exporters
    do); `positional` stores arrays as arr_0.. in graph order instead of by name;
    `engines` adds per-engine output folders (`sample_outputs_onnxruntime`);
    `feeds_of(number)` gives sample `number`'s inputs (batch of 1) instead of
    `sample_inputs(proto, seed + number, dims)`.
    """
    folders: dict[str, dict[str, bytes]] = {}
    output_names = [spec.name for spec in graph_outputs(proto)]
    for number in range(count):
        feeds = feeds_of(number) if feeds_of else sample_inputs(proto, seed + number, dims)
        results = dict(zip(output_names, run_reference(proto, feeds)))
        shape = (lambda a: a) if batch else strip_batch
        stored_in = {name: shape(value) for name, value in feeds.items()}
        stored_out = {name: shape(np.asarray(value)) for name, value in results.items()}
        files = {
            folder_name("inputs", generation): (f"inp-{number:04d}.npz", stored_in),
            folder_name("outputs", generation): (f"out-{number:04d}.npz", stored_out),
        }
        for engine in engines:
            files[folder_name("outputs", generation, engine)] = (f"out-{number:04d}.npz", stored_out)
        if labels:
            files[folder_name("labels", generation)] = (
                f"lab-{number:04d}.npz",
                {"arr_0": np.array(number % 4, dtype=np.int64)},
            )
        if originals:
            files[folder_name("originals", generation)] = (
                f"orig-{number:04d}.npz",
                {"arr_0": np.full((4, 4, 3), number, dtype=np.uint8)},
            )
        for folder, (name, arrays) in files.items():
            stored = list(arrays.values()) if positional else arrays
            folders.setdefault(folder, {})[name] = npz_file_bytes(stored, compressed)
    written = []
    for folder, members in folders.items():
        if archived:
            written.append(write_archive(model_dir / f"{folder}.tar.gz", folder, members))
        else:
            for name, data in members.items():
                (model_dir / folder).mkdir(parents=True, exist_ok=True)
                (model_dir / folder / name).write_bytes(data)
            written.append(model_dir / folder)
    return written


def npz_bytes(arrays: Mapping[str, np.ndarray], positional: bool = False, compressed: bool = False) -> bytes:
    buffer = io.BytesIO()
    if positional:
        save = np.savez_compressed if compressed else np.savez
        save(buffer, *arrays.values())
    else:
        savez_mapping(buffer, arrays, compressed)
    return buffer.getvalue()


def write_archive(path: Path, folder: str | None, members: Mapping[str, bytes]) -> Path:
    """A `.tar.gz` as exporters write it: a directory entry, then the files below it
    (flat when `folder` is None); reproducible, as `write_tar_gz` writes it."""
    if folder is None:
        return write_tar_gz(path, list(members.items()))
    entries: list[tuple[str, bytes | None]] = [(folder, None)]
    return write_tar_gz(path, entries + [(f"{folder}/{name}", data) for name, data in members.items()])

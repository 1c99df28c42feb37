"""`.safetensors` headers, read and validated without touching the tensor data.

Layout: 8 bytes little-endian N, then N bytes of JSON (an object: tensor name ->
{dtype, shape, data_offsets: [begin, end]}, plus an optional `__metadata__` object of
strings), then the data. Offsets are relative to the end of the header. A valid file's
tensors tile the data exactly: sorted by offset, no overlap, no gap, ending at the end
of the file, each `end - begin == prod(shape) * itemsize(dtype)`. These are the checks
the safetensors library itself makes on load.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field

from zoolint.io.artifact import Artifact, Broken, Parsed
from zoolint.io.bounded import BoundedFile, ReadLimitExceeded, open_bounded
from zoolint.model import ModelDir

# dtype -> bits per element (safetensors' own list).
DTYPE_BITS = {
    "BOOL": 8, "U8": 8, "I8": 8, "F8_E5M2": 8, "F8_E4M3": 8, "F8_E8M0": 8, "I16": 16,
    "U16": 16, "F16": 16, "BF16": 16, "I32": 32, "U32": 32, "F32": 32, "F64": 64,
    "I64": 64, "U64": 64, "C64": 64, "F4": 4, "F6_E2M3": 6, "F6_E3M2": 6,
}  # fmt: skip


@dataclass(frozen=True)
class SafeTensor:
    name: str
    dtype: str
    shape: tuple[int, ...]
    begin: int
    end: int


@dataclass
class SafetensorsHeader:
    """The parsed header; `problems` lists what is wrong with it (empty: valid)."""

    tensors: list[SafeTensor] = field(default_factory=list)
    problems: list[tuple[str, str | None]] = field(default_factory=list)  # (message, tensor)

    @property
    def shapes(self) -> dict[str, tuple[int, ...]]:
        return {tensor.name: tensor.shape for tensor in self.tensors}


def _read_header(handle: BoundedFile, relpath: str, limit: int) -> bytes | Broken:
    if handle.size < 8:
        return Broken(relpath, f"is {handle.size} bytes: too short for a safetensors header")
    length = int.from_bytes(handle.read(8), "little")
    if length > limit:
        return Broken(
            relpath,
            f"declares a {length}-byte header, over the {limit}-byte limit; it was not read",
        )
    if length > handle.size - 8:
        return Broken(
            relpath,
            f"declares a {length}-byte header but the file has only {handle.size - 8} bytes"
            " after the length",
        )
    return handle.read(length)


def parse_header(raw: bytes, data_size: int) -> SafetensorsHeader | str:
    """Validate a header against the `data_size` bytes that follow it; a string is a
    reason the header cannot be read at all."""
    try:
        document = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return "header is not UTF-8 text"
    except (ValueError, RecursionError) as exc:
        return f"header is not valid JSON: {exc}"
    if not isinstance(document, dict):
        return "header is not a JSON object"
    header = SafetensorsHeader()
    for name, spec in document.items():
        if name == "__metadata__":
            if not isinstance(spec, dict) or not all(isinstance(v, str) for v in spec.values()):
                header.problems.append(("__metadata__ must map names to strings", None))
            continue
        tensor = _tensor(name, spec, header)
        if tensor is not None:
            header.tensors.append(tensor)
    _check_tiling(header, data_size)
    return header


def _tensor(name: str, spec: object, header: SafetensorsHeader) -> SafeTensor | None:
    """The entry as a tensor; None when its offsets are unusable (it cannot be placed)."""
    if not isinstance(spec, dict):
        header.problems.append(("entry is not an object", name))
        return None
    dtype, shape, offsets = spec.get("dtype"), spec.get("shape"), spec.get("data_offsets")
    if (
        not isinstance(offsets, list)
        or len(offsets) != 2
        or not all(type(o) is int and o >= 0 for o in offsets)
        or offsets[0] > offsets[1]
    ):
        header.problems.append(
            (f"data_offsets {offsets!r} is not [begin, end] with begin <= end", name)
        )
        return None
    tensor = SafeTensor(name, str(dtype), (), offsets[0], offsets[1])
    if dtype not in DTYPE_BITS:
        header.problems.append((f"unknown dtype {dtype!r}", name))
        return tensor
    if not isinstance(shape, list) or not all(type(d) is int and d >= 0 for d in shape):
        header.problems.append((f"shape {shape!r} is not a list of non-negative integers", name))
        return tensor
    expected_bits = math.prod(shape) * DTYPE_BITS[dtype]
    size = offsets[1] - offsets[0]
    if expected_bits % 8 or size != expected_bits // 8:
        header.problems.append(
            (f"holds {size} bytes but shape {shape} of {dtype} needs {expected_bits / 8:g}", name)
        )
    return SafeTensor(name, dtype, tuple(shape), offsets[0], offsets[1])


def _check_tiling(header: SafetensorsHeader, data_size: int) -> None:
    position = 0
    previous: str | None = None
    for tensor in sorted(header.tensors, key=lambda t: (t.begin, t.end)):
        if tensor.begin < position:
            header.problems.append(
                (f"overlaps {previous!r} (begins at byte {tensor.begin})", tensor.name)
            )
        elif tensor.begin > position:
            header.problems.append(
                (f"leaves a gap: bytes {position}..{tensor.begin} belong to no tensor", tensor.name)
            )
        position = max(position, tensor.end)
        previous = tensor.name
    if position > data_size:
        header.problems.append(
            (
                f"data ends at byte {position} but the file holds only {data_size} bytes"
                " of data (truncated)",
                previous,
            )
        )
    elif position < data_size:
        header.problems.append(
            (f"{data_size - position} bytes after the last tensor belong to no tensor", None)
        )


def load_safetensors(model: ModelDir, relpath: str) -> Artifact[SafetensorsHeader]:
    """Loader: the header of a `.safetensors` file, validated (see module docstring)."""
    settings = model.config.checkpoints if model.config else None
    limit = settings.max_safetensors_header_bytes if settings else 100 * 1024 * 1024
    handle = open_bounded(model.root, relpath, budget=limit + 8)
    if not isinstance(handle, BoundedFile):
        return handle
    try:
        raw = _read_header(handle, relpath, limit)
        size = handle.size
    except ReadLimitExceeded as exc:
        return Broken(relpath, f"is too large to read: {exc}")
    finally:
        handle.close()
    if isinstance(raw, Broken):
        return raw
    parsed = parse_header(raw, size - 8 - len(raw))
    if isinstance(parsed, str):
        return Broken(relpath, parsed)
    return Parsed(relpath, parsed)


def safetensors_files(model: ModelDir) -> list[str]:
    return [e.relpath for e in model.walk() if e.is_file and e.relpath.endswith(".safetensors")]

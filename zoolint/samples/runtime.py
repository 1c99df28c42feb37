"""onnxruntime, imported only for the deep check, and the few things it needs done.

`import_runtime` is called when the configuration asks for the run: without
onnxruntime that is a configuration error (exit 2) with the command that installs it,
raised once, never a finding per model.
"""

from __future__ import annotations

import ctypes
import re
from types import ModuleType
from typing import Any

import numpy as np
from onnx import TensorProto

from zoolint.config.loader import ConfigError

INSTALL = "pip install 'zoolint[runtime]'"


class RuntimeMissing(ConfigError):
    """The deep sample check was requested but onnxruntime cannot be imported."""


class Unsupported(Exception):
    """onnxruntime's Python API cannot run this sample as stored (not a defect of it)."""


def import_runtime() -> ModuleType:
    try:
        import onnxruntime
    except ImportError as exc:
        raise RuntimeMissing(
            "the deep sample check ([tool.zoolint.samples] run = true, or --run) needs"
            f" onnxruntime, which cannot be imported ({exc}); install it with: {INSTALL}"
        ) from None
    return onnxruntime


def create_session(ort: ModuleType, model: bytes | str, threads: int) -> Any:
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    # Fatal only: onnxruntime logs load errors to stderr too; they reach the user as
    # findings, once.
    options.log_severity_level = 4
    return ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])


def run_session(
    ort: ModuleType, session: Any, feeds: dict[str, np.ndarray], types: dict[str, int]
) -> dict[str, np.ndarray]:
    """Outputs by name. bfloat16 travels as raw 2-byte values (numpy has no such type):
    fed as an OrtValue, read back from the OrtValue's memory."""
    names = [output.name for output in session.get_outputs()]
    values: dict[str, Any] = {}
    for name, array in feeds.items():
        if types.get(name) == TensorProto.BFLOAT16:
            raw = np.ascontiguousarray(array).view(np.uint16)
            values[name] = ort.OrtValue.ortvalue_from_numpy_with_onnx_type(raw, TensorProto.BFLOAT16)
        else:
            values[name] = array
    if not any(output.type == "tensor(bfloat16)" for output in session.get_outputs()):
        return dict(zip(names, session.run(None, values)))
    # numpy cannot receive a bfloat16 output: fetch every output as an OrtValue (which
    # needs every input as one too; string inputs cannot be, and fail here).
    for name, value in values.items():
        if isinstance(value, np.ndarray):
            if value.dtype.kind in "USO":
                raise Unsupported(
                    "onnxruntime's Python API cannot return bfloat16 outputs while string"
                    " inputs are fed"
                )
            values[name] = ort.OrtValue.ortvalue_from_numpy(np.ascontiguousarray(value))
    out: dict[str, np.ndarray] = {}
    for name, value in zip(names, session.run_with_ort_values(None, values)):
        if value.data_type() == "tensor(bfloat16)":
            buffer = ctypes.string_at(value.data_ptr(), value.tensor_size_in_bytes())
            out[name] = np.frombuffer(buffer, dtype=np.dtype("V2")).reshape(value.shape())
        else:
            out[name] = value.numpy()
    return out


_PREFIX = re.compile(r"^\[ONNXRuntimeError\] : \d+ : \w+ : ")
_SOURCE = re.compile(r"\S+\.(?:cc|cpp|h):\d+ ")


def runtime_message(exc: BaseException) -> str:
    """onnxruntime's error without its error-code prefix and C++ source locations
    (`/onnxruntime_src/...cc:235 onnxruntime::Class::method(args) `)."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    text = _PREFIX.sub("", text)
    while (location := _SOURCE.search(text)) is not None:
        rest = text[location.end() :]
        end = _signature_end(rest)
        text = text[: location.start()] + (rest[end:].lstrip() if end else rest)
        if end is None:
            break
    return text.strip()


def _signature_end(text: str) -> int | None:
    """Where a C++ signature (`ns::f(args)::<lambda()>`) that starts `text` ends."""
    depth = 0
    for position, char in enumerate(text):
        if char in "(<":
            depth += 1
        elif char in ")>":
            depth -= 1
        elif char == " " and depth == 0:
            return position if position else None
    return None


_IR_TOO_NEW = re.compile(r"Unsupported model IR version: (\d+)")
_NO_OP = re.compile(r"No Op registered for (\S+) with domain_version of (\d+)")
_NO_KERNEL = re.compile(r"Could not find an implementation for (\w+)\((\d+)\)")
_NO_DOMAIN = re.compile(r"(?:No opset import for domain|Unrecognized domain)[ :']*'?([\w.]+)")


def load_failure(exc: BaseException) -> str:
    """Why onnxruntime refused a graph, in words that stay the same across its
    releases where the cause is a known one (IR version, operator, domain)."""
    text = runtime_message(exc)
    match = _IR_TOO_NEW.search(text)
    if match:
        return f"its IR version {match.group(1)} is newer than the installed onnxruntime supports"
    match = _NO_OP.search(text)
    if match:
        return f"onnxruntime implements no operator {match.group(1)} at opset {match.group(2)}"
    match = _NO_KERNEL.search(text)
    if match:
        return f"onnxruntime implements no kernel for {match.group(1)} version {match.group(2)}"
    match = _NO_DOMAIN.search(text)
    if match:
        return f"onnxruntime does not know the operator domain {match.group(1)!r}"
    return text

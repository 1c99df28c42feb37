"""Comparing a stored output with what the runtime produced, with the figures a user
needs to judge the difference: largest absolute and relative error, and where the
first difference lies."""

from __future__ import annotations

import numpy as np

from zoolint.samples.contract import format_shape


def _as_float(array: np.ndarray) -> np.ndarray:
    if array.dtype.kind == "V" and array.dtype.itemsize == 2:  # bfloat16 bits
        bits = array.view(np.uint16).astype(np.uint32) << 16
        return bits.view(np.float32).astype(np.float64)
    if array.dtype.kind == "c":
        return array.astype(np.complex128)
    return array.astype(np.float64)


def _is_inexact(array: np.ndarray) -> bool:
    return array.dtype.kind in "fc" or (array.dtype.kind == "V" and array.dtype.itemsize == 2)


def compare(stored: np.ndarray, actual: np.ndarray, atol: float, rtol: float) -> str | None:
    """None when `actual` matches `stored`; else what differs, with figures.

    Floats (and bfloat16, complex) match within `atol + rtol * |stored|`, NaN matching
    NaN; integers, booleans and strings match exactly. A runtime output with the
    batch dimension matches a stored one without it.
    """
    if actual.shape != stored.shape:
        if actual.ndim == stored.ndim + 1 and actual.shape[:1] == (1,) and actual.shape[1:] == stored.shape:
            actual = actual[0]
        else:
            return (
                f"has shape {format_shape(actual.shape)} from onnxruntime but"
                f" {format_shape(stored.shape)} stored"
            )
    if stored.size == 0:
        return None
    if _is_inexact(stored) and _is_inexact(actual):
        return _compare_inexact(stored, actual, atol, rtol)
    if stored.dtype.kind in "US" or actual.dtype.kind in "USO":
        equal = np.asarray(stored.astype(str) == actual.astype(str))
    else:
        equal = np.asarray(stored == actual)
    if equal.all():
        return None
    wrong = int((~equal).sum())
    first = _index(np.argmax(~equal), stored.shape)
    return (
        f"differs (exactly compared) at {wrong} of {stored.size} elements; first at index"
        f" {first}: stored {_value(stored[first])}, onnxruntime {_value(actual[first])}"
    )


def _compare_inexact(stored: np.ndarray, actual: np.ndarray, atol: float, rtol: float) -> str | None:
    expected, got = _as_float(stored), _as_float(actual)
    with np.errstate(invalid="ignore", over="ignore"):
        same = (expected == got) | (np.isnan(expected) & np.isnan(got))
        error = np.where(same, 0.0, np.abs(got - expected))
        error = np.where(np.isnan(error), np.inf, error)  # NaN against a number
        magnitude = np.abs(expected)
        magnitude = np.where(np.isnan(magnitude), 0.0, magnitude)
        ok = same | (error <= atol + rtol * magnitude)
        if ok.all():
            return None
        nonzero = magnitude > 0
        relative = np.where(nonzero, error / np.where(nonzero, magnitude, 1.0), 0.0)
        largest_relative = float(relative.max())
        if largest_relative == 0.0:  # only stored zeros differ: relatively, infinitely
            largest_relative = float("inf")
    wrong = int((~ok).sum())
    first = _index(np.argmax(~ok), stored.shape)
    return (
        f"differs beyond the tolerance at {wrong} of {stored.size} elements: largest absolute"
        f" error {float(error.max()):.6g}, largest relative error {largest_relative:.6g};"
        f" first at index {first}: stored {_value(expected[first])}, onnxruntime"
        f" {_value(got[first])}"
    )


def _index(flat: np.intp, shape: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(int(i) for i in np.unravel_index(int(flat), shape)) if shape else ()


def _value(value: object) -> str:
    if isinstance(value, (np.floating, float)):
        return f"{float(value):.8g}"
    if isinstance(value, np.generic):
        return repr(value.item())
    return repr(value)

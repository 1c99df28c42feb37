"""Why bytes are not an ONNX model: the wire-format diagnosis."""

from __future__ import annotations

import gzip
import pickle

import pytest

from zoolint.graph.load import GraphBroken, parse_graph_bytes
from zoolint.graph.wire import diagnose, sniff
from zoolint.io.artifact import Broken, Parsed
from zoolint.testing.graph import classifier


def _model_bytes() -> bytes:
    return classifier().SerializeToString()


@pytest.mark.parametrize("cut", [1, 19, 100, -1])
def test_every_cut_is_truncated(cut: int) -> None:
    data = _model_bytes()
    result = parse_graph_bytes("model.onnx", data[:cut])
    assert isinstance(result, Broken)
    assert result.kind == GraphBroken.TRUNCATED, result.reason
    assert result.reason.startswith(f"is truncated ({len(data[:cut])} bytes)")


def test_cut_inside_the_graph_names_the_graph() -> None:
    data = _model_bytes()
    diagnosis = diagnose(data[: len(data) // 2])
    assert diagnosis.kind == "truncated"
    assert "ends inside its graph" in diagnosis.detail


def test_an_invalid_tag_is_corrupt() -> None:
    data = b"\x08\x08" + b"\x0f" + _model_bytes()  # field 1, then wire type 7
    diagnosis = diagnose(data)
    assert diagnosis == diagnosis.__class__("corrupt", "is corrupt: it has an invalid field tag at byte 2")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (gzip.compress(b"x" * 100, mtime=0), "gzip-compressed data (a renamed .tar.gz?)"),
        (b"PK\x03\x04rest", "a zip archive (a PyTorch checkpoint or a .npz?)"),
        (pickle.dumps({"state_dict": {}}, protocol=4), "a Python pickle"),
        (b"version 1\nhello\n", "text (it starts with 'version 1')"),
    ],
)
def test_other_formats_are_named(data: bytes, expected: str) -> None:
    assert sniff(data) == expected
    assert diagnose(data).detail == f"is {expected}, not an ONNX model"


def test_a_valid_model_parses() -> None:
    assert isinstance(parse_graph_bytes("model.onnx", _model_bytes()), Parsed)


def test_a_message_without_graph_is_not_a_model() -> None:
    result = parse_graph_bytes("model.onnx", b"\x20\x07")  # model_version = 7, nothing else
    assert isinstance(result, Broken)
    assert result.kind == GraphBroken.NO_GRAPH


def test_a_header_without_graph_is_truncated() -> None:
    result = parse_graph_bytes("model.onnx", b"\x08\x07")  # ir_version = 7, then the end
    assert result == Broken(
        "model.onnx",
        "is truncated (2 bytes): it ends before its graph (the header, IR version 7, is there)",
        GraphBroken.TRUNCATED,
    )

"""Builds the tree of this case (see case.yaml)."""

from __future__ import annotations

from pathlib import Path

from zoolint.testing.graph import classifier


def build(tree: Path) -> None:
    data = bytearray(classifier().SerializeToString())
    # The first node's length prefix (inside the graph field) now claims more bytes
    # than its enclosing graph field holds.
    graph_start = data.index(b"\x3a") + 1
    while data[graph_start] & 0x80:
        graph_start += 1
    data[graph_start + 2] = 0x7F
    (tree / "m").mkdir()
    (tree / "m" / "model.onnx").write_bytes(bytes(data))

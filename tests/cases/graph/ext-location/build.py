"""Builds the tree of this case (see case.yaml)."""

from __future__ import annotations

from pathlib import Path

from zoolint.testing.graph import external_classifier, save_graph_only, set_external_entries


def build(tree: Path) -> None:
    proto = external_classifier(tree / "m")
    tensors = {t.name: t for t in proto.graph.initializer}
    for tensor in tensors.values():
        entries = {e.key: e.value for e in tensor.external_data}
        entries["location"] = "../outside.data"
        set_external_entries(tensor, **entries)
    set_external_entries(tensors["conv1.weight"], location="/etc/passwd", offset="0", length="27648")
    save_graph_only(tree / "m", proto)

"""Builds the tree of this case (see case.yaml)."""

from __future__ import annotations

from pathlib import Path

from zoolint.testing.graph import external_classifier, save_graph_only, set_external_entries


def build(tree: Path) -> None:
    proto = external_classifier(tree / "m")
    tensors = {t.name: t for t in proto.graph.initializer}
    set_external_entries(tensors["conv1.weight"], location="model.data", offset="abc")
    entry = tensors["conv1.bias"].external_data.add()
    entry.key, entry.value = "location", "model.data"
    set_external_entries(tensors["conv2.bias"], offset="0", length="1024")
    fc = {e.key: e.value for e in tensors["fc.weight"].external_data}
    fc["length"] = "4"
    set_external_entries(tensors["fc.weight"], **fc)
    save_graph_only(tree / "m", proto)

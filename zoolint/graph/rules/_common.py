"""Helpers shared by the graph rule modules."""

from __future__ import annotations

from collections.abc import Iterator

import onnx

from zoolint.graph.load import graph_at, graph_files
from zoolint.graph.settings import GraphSettings
from zoolint.io.artifact import Parsed
from zoolint.model import ModelDir


def settings(model: ModelDir) -> GraphSettings:
    return model.config.graph if model.config is not None else GraphSettings()


def each_graph(model: ModelDir) -> Iterator[tuple[str, onnx.ModelProto]]:
    """(relpath, graph) of every graph file of the directory that parsed."""
    for relpath in graph_files(model):
        state = graph_at(model, relpath)
        if isinstance(state, Parsed):
            yield relpath, state.value


def listing(names: list[str], limit: int = 5) -> str:
    """`'a', 'b', 'c' and 4 more`: how messages list names."""
    shown = ", ".join(repr(name) for name in names[:limit])
    rest = len(names) - limit
    return shown + (f" and {rest} more" if rest > 0 else "")

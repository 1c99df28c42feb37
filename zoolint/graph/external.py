"""Where a graph's external data lives, checked against the directory listing.

Nothing here opens a data file: the directory walk already knows every entry's kind
and size, which is enough to tell whether each `location` is relative, stays inside
the model directory, avoids symlinks, names a regular file, and whether every tensor's
`offset + length` fits in it. Only when all of that holds is a graph "safe": then the
path-based ONNX checker may look at it, and its weights may be streamed.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

import onnx

from zoolint.graph.load import graph_at
from zoolint.graph.tensors import ExternalRef, external_refs
from zoolint.io.artifact import Artifact, Parsed
from zoolint.io.files import LFS_POINTER_MAX_BYTES, parse_lfs_pointer, read_head
from zoolint.model import ModelDir


class Status:
    OK = "ok"
    UNSAFE = "unsafe"  # absolute, or climbs out with '..'
    MISSING = "missing"
    SYMLINK = "symlink"
    NOT_FILE = "not-a-file"
    LFS = "lfs-pointer"  # reported by FILE001; nothing more to say


@dataclass
class DataFile:
    """One `location` of a graph and the tensors stored there."""

    location: str
    relpath: str | None  # below the model directory, when the location is usable
    status: str
    reason: str = ""
    size: int = 0
    refs: list[ExternalRef] = field(default_factory=list)

    def beyond_end(self) -> list[ExternalRef]:
        """Tensors whose bytes do not fit in the file."""
        return [ref for ref in self.refs if ref.end is not None and ref.end > self.size]


@dataclass
class ExternalData:
    """The external data of one graph file."""

    graph_path: str
    files: dict[str, DataFile] = field(default_factory=dict)
    unlocated: list[ExternalRef] = field(default_factory=list)  # no `location` entry

    @property
    def refs(self) -> list[ExternalRef]:
        located = [ref for data_file in self.files.values() for ref in data_file.refs]
        return located + self.unlocated

    @property
    def malformed(self) -> list[ExternalRef]:
        return [ref for ref in self.refs if ref.problems]

    @property
    def safe(self) -> bool:
        """Every location is usable and every tensor fits: safe to follow."""
        return all(
            data_file.status == Status.OK and not data_file.beyond_end()
            for data_file in self.files.values()
        ) and not self.malformed

    def referenced(self) -> set[str]:
        return {f.relpath for f in self.files.values() if f.relpath is not None}


def classify_location(model: ModelDir, graph_path: str, location: str) -> DataFile:
    """Resolve one `location` relative to the folder of its graph, using the listing."""
    normalized = location.replace("\\", "/")
    if normalized.startswith("/") or (len(location) > 1 and location[1] == ":"):
        return DataFile(location, None, Status.UNSAFE, "is an absolute path")
    if ".." in normalized.split("/"):
        return DataFile(
            location,
            None,
            Status.UNSAFE,
            "climbs out of the graph's folder with '..' (onnx and onnxruntime refuse it)",
        )
    folder = posixpath.dirname(graph_path)
    relpath = posixpath.normpath(posixpath.join(folder, normalized))
    parts = relpath.split("/")
    for depth in range(1, len(parts) + 1):
        prefix = "/".join(parts[:depth])
        entry = model.entry(prefix)
        if entry is None:
            return DataFile(location, relpath, Status.MISSING, "does not exist")
        if entry.kind == "symlink":
            what = "is a symlink" if depth == len(parts) else f"goes through the symlink {prefix!r}"
            return DataFile(location, relpath, Status.SYMLINK, what)
        if depth < len(parts) and entry.kind != "dir":
            return DataFile(location, relpath, Status.MISSING, "does not exist")
    final = model.entry(relpath)
    assert final is not None
    if final.kind != "file":
        kind = "a folder" if final.kind == "dir" else "a device, FIFO or socket"
        return DataFile(location, relpath, Status.NOT_FILE, f"is {kind}, not a file")
    if final.size <= LFS_POINTER_MAX_BYTES:
        head = read_head(model.root, relpath, LFS_POINTER_MAX_BYTES)
        if isinstance(head, Parsed) and parse_lfs_pointer(relpath, head.value, final.size) is not None:
            return DataFile(location, relpath, Status.LFS, "is a Git LFS pointer", final.size)
    return DataFile(location, relpath, Status.OK, size=final.size)


def external_data_of(model: ModelDir, graph_path: str, proto: onnx.ModelProto) -> ExternalData:
    result = ExternalData(graph_path)
    refs = external_refs(proto)
    for ref in refs:
        if ref.location is None:
            continue
        data_file = result.files.get(ref.location)
        if data_file is None:
            data_file = classify_location(model, graph_path, ref.location)
            result.files[ref.location] = data_file
        data_file.refs.append(ref)
    result.unlocated = [ref for ref in refs if ref.location is None]
    return result


def load_external_data(model: ModelDir, graph_path: str) -> Artifact[ExternalData]:
    """Loader: the external data of the graph file at `graph_path`.

    Graphs read out of an archive have no folder to resolve locations in: their
    references are listed, but not resolved."""
    state = graph_at(model, graph_path)
    if not isinstance(state, Parsed):
        return state
    if graph_path.endswith(".tar.gz"):
        result = ExternalData(graph_path)
        for ref in external_refs(state.value):
            if ref.location is None:
                result.unlocated.append(ref)
                continue
            location = ref.location
            result.files.setdefault(
                location, DataFile(location, None, Status.UNSAFE, "cannot be resolved inside an archive")
            ).refs.append(ref)
        return Parsed(graph_path, result)
    return Parsed(graph_path, external_data_of(model, graph_path, state.value))


def external_data(model: ModelDir, graph_path: str) -> Artifact[ExternalData]:
    return model.load(load_external_data, graph_path)

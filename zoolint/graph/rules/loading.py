"""ONNX rules about reading graph files: unreadable graphs and unsafe graph archives."""

from __future__ import annotations

from collections.abc import Iterator

from zoolint.diagnostics import Finding, Severity
from zoolint.graph.archive import scan_graph_archive
from zoolint.graph.load import GraphBroken, graph_at, graph_files
from zoolint.io.artifact import Broken, BrokenKind, Parsed
from zoolint.rules.base import RuleContext, rule

_HINTS = {
    GraphBroken.EMPTY: "the export or the upload failed; export the model again and upload it",
    GraphBroken.TRUNCATED: "the file was cut short (an interrupted upload or copy); upload it again",
    GraphBroken.CORRUPT: "export the model again, and compare checksums with the original",
    GraphBroken.FOREIGN: "a checkpoint belongs in training/, a compressed graph in model.onnx.tar.gz",
    GraphBroken.NO_GRAPH: "export the model with torch.onnx.export (or your framework's exporter)",
    GraphBroken.ARCHIVE: "recreate it with `tar -czf model.onnx.tar.gz model.onnx`",
    BrokenKind.TOO_LARGE: "save the weights as external data: onnx.save_model(model, path,"
    " save_as_external_data=True)",
}


@rule(
    code="ONNX001",
    name="graph-unreadable",
    summary="A graph file is empty, truncated, corrupt or not ONNX at all.",
    severity=Severity.ERROR,
    loose_files=True,
)
def graph_unreadable(ctx: RuleContext) -> Iterator[Finding]:
    """A graph file (`model.onnx`, `onnx/model.<opset>.onnx`, `deployment/model.onnx`,
    or the graph inside `model.onnx.tar.gz`) cannot be read as an ONNX model.

    The message says which of these it is: empty (0 bytes), truncated (a field runs
    past the end of the file: an interrupted upload or copy), corrupt (damaged inside),
    another format under an `.onnx` name (gzip, zip, pickle, text), over the 2 GiB a
    protobuf can hold, or an archive that holds no readable `model.onnx`.

    Why: nothing can load it; every rule about the graph is skipped.

    Git LFS pointers are reported by FILE001, unreadable files by the FILE rules.
    """
    for relpath in graph_files(ctx.model):
        state = graph_at(ctx.model, relpath)
        if isinstance(state, Broken) and not state.io_level:
            yield Finding(state.reason, path=relpath, hint=_HINTS.get(state.kind))


@rule(
    code="ONNX011",
    name="graph-archive-unsafe",
    summary="model.onnx.tar.gz holds members that would be dangerous to extract.",
    severity=Severity.ERROR,
)
def graph_archive_unsafe(ctx: RuleContext) -> Iterator[Finding]:
    """The graph archive holds a member with an absolute path, a `..` component, a
    link, or a device: extracting it would write or point outside its folder.

    Why: whoever unpacks the upload (people, the reference library, which extracts in
    place) is exposed to path traversal. zoolint never extracts and never reads such
    members.

    Fix: recreate the archive from a plain folder: `tar -czf model.onnx.tar.gz model.onnx`.
    """
    for relpath in graph_files(ctx.model):
        if not relpath.endswith(".tar.gz"):
            continue
        scan = ctx.model.load(scan_graph_archive, relpath)
        if isinstance(scan, Parsed):
            for member, reason in scan.value.unsafe:
                yield Finding(
                    f"holds the member {member!r}, which {reason}; it was not read",
                    path=relpath,
                    hint="recreate the archive with `tar -czf model.onnx.tar.gz model.onnx`",
                )


RULES = [graph_unreadable, graph_archive_unsafe]

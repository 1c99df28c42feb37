"""EXT rules: the external data of graph files (weights stored beside the graph)."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from zoolint.diagnostics import Finding, Severity
from zoolint.graph.external import DataFile, Status, external_data
from zoolint.graph.load import graph_at, graph_files
from zoolint.graph.rules._common import listing, settings
from zoolint.io.artifact import Parsed
from zoolint.model import ModelDir
from zoolint.rules.base import RuleContext, rule


def _data_files(model: ModelDir, status: str) -> Iterator[tuple[str, DataFile]]:
    """(graph path, data file) for every located data file of `status` of every graph
    file outside archives."""
    for relpath in graph_files(model):
        if relpath.endswith(".tar.gz"):
            continue
        state = external_data(model, relpath)
        if isinstance(state, Parsed):
            for data_file in state.value.files.values():
                if data_file.status == status:
                    yield relpath, data_file


def _tensors(data_file: DataFile) -> str:
    """`tensor 'w'` or `6 tensors ('a', 'b', 'c' and 3 more)`."""
    names = [ref.tensor for ref in data_file.refs]
    if len(names) == 1:
        return f"tensor {names[0]!r}"
    return f"{len(names)} tensors ({listing(names, 3)})"


@rule(
    code="EXT001",
    name="external-data-missing",
    summary="A graph's external data file does not exist.",
    severity=Severity.ERROR,
    loose_files=True,
)
def external_data_missing(ctx: RuleContext) -> Iterator[Finding]:
    """A tensor's data is stored in a file (its `location`, relative to the graph's
    folder) that is not in the model directory.

    Why: the graph loads without its weights, or not at all. Usually the `.data` file
    was left out of the upload, or renamed after the graph was saved.

    Fix: upload the file under the name the graph gives, or save the graph again.
    """
    for relpath, data_file in _data_files(ctx.model, Status.MISSING):
        yield Finding(
            f"keeps the data of {_tensors(data_file)} in {data_file.location!r}, which does not exist"
            + (f" (looked for {data_file.relpath})" if data_file.relpath != data_file.location else ""),
            path=relpath,
            hint="upload the data file, or save the graph again with its weights",
        )


@rule(
    code="EXT002",
    name="external-data-location",
    summary="An external data location is absolute or leaves the graph's folder.",
    severity=Severity.ERROR,
    loose_files=True,
)
def external_data_location(ctx: RuleContext) -> Iterator[Finding]:
    """A `location` must be a relative path that stays inside the graph's folder. An
    absolute path, or one with `..`, points anywhere on the machine that loads the
    model: onnx and onnxruntime refuse it, and zoolint never follows it.

    Why: besides not loading, such a graph can make a careless loader read files it
    should not (`/etc/passwd`, credentials).
    """
    for relpath, data_file in _data_files(ctx.model, Status.UNSAFE):
        yield Finding(
            f"keeps the data of {_tensors(data_file)} at {data_file.location!r}, which"
            f" {data_file.reason}; it was not followed",
            path=relpath,
            hint="save the weights beside the graph: onnx.save_model(..., location='model.data')",
        )


@rule(
    code="EXT003",
    name="external-data-symlink",
    summary="An external data location is, or goes through, a symlink.",
    severity=Severity.ERROR,
    loose_files=True,
)
def external_data_symlink(ctx: RuleContext) -> Iterator[Finding]:
    """The data file named by a `location` is a symbolic link (or sits in a linked
    folder). Recent onnx refuses links for external data, and a link can lead outside
    the upload; zoolint does not follow it.

    Fix: replace the link by the file itself.
    """
    for relpath, data_file in _data_files(ctx.model, Status.SYMLINK):
        yield Finding(
            f"keeps the data of {_tensors(data_file)} in {data_file.location!r}, which"
            f" {data_file.reason}; it was not followed",
            path=relpath,
            hint="replace the symlink by the file it points to",
        )


@rule(
    code="EXT004",
    name="external-data-not-a-file",
    summary="An external data location names a folder or a special file.",
    severity=Severity.ERROR,
    loose_files=True,
)
def external_data_not_a_file(ctx: RuleContext) -> Iterator[Finding]:
    """The `location` of external data names a folder, a device or a FIFO instead of a
    regular file.
    """
    for relpath, data_file in _data_files(ctx.model, Status.NOT_FILE):
        yield Finding(
            f"keeps the data of {_tensors(data_file)} in {data_file.location!r}, which {data_file.reason}",
            path=relpath,
        )


@rule(
    code="EXT005",
    name="external-data-out-of-range",
    summary="A tensor's offset and length run past the end of its data file.",
    severity=Severity.ERROR,
    loose_files=True,
)
def external_data_out_of_range(ctx: RuleContext) -> Iterator[Finding]:
    """Each external tensor occupies `length` bytes (or as many as its type and shape
    need) from `offset` in its file; those bytes must exist.

    Why: the data file is truncated (an interrupted upload), or belongs to another
    version of the graph. Loading reads past the end, or fails.
    """
    for relpath, data_file in _data_files(ctx.model, Status.OK):
        beyond = data_file.beyond_end()
        if not beyond:
            continue
        first = beyond[0]
        what = (
            f"tensor {first.tensor!r} needs bytes {first.offset} to {first.end}"
            if len(beyond) == 1
            else f"{len(beyond)} tensors run past its end ({listing([r.tensor for r in beyond], 3)});"
            f" the first, {first.tensor!r}, needs bytes {first.offset} to {first.end}"
        )
        yield Finding(
            f"keeps external data in {data_file.location!r}, which is {data_file.size} bytes, but {what}",
            path=relpath,
            hint="upload the complete data file saved with this graph",
        )


@rule(
    code="EXT006",
    name="external-data-entry",
    summary="A tensor's external-data entries are malformed.",
    severity=Severity.ERROR,
    loose_files=True,
)
def external_data_entry(ctx: RuleContext) -> Iterator[Finding]:
    """The `external_data` entries of a tensor must give a `location`, and may give an
    integer `offset` and `length` (the length matching the bytes its type and shape
    need) and a `checksum`; each once, and no inline data besides.
    """
    for relpath in graph_files(ctx.model):
        state = external_data(ctx.model, relpath)
        if not isinstance(state, Parsed):
            continue
        for ref in state.value.malformed:
            yield Finding(
                f"tensor {ref.tensor!r} is stored externally, but {'; '.join(ref.problems)}",
                path=relpath,
                key_path=(*ref.key_path, "external_data"),
            )


@rule(
    code="EXT007",
    name="unreferenced-data-file",
    summary="A data file beside a graph is not referenced by any of its tensors.",
    severity=Severity.WARNING,
)
def unreferenced_data_file(ctx: RuleContext) -> Iterator[Finding]:
    """A file with a data suffix (`.data`, `.bin`, `.onnx_data` by default: setting
    `data-file-suffixes`) sits in the folder of a graph, but no tensor of the graphs in
    that folder stores data in it.

    Why: either dead weight in the upload, or the weights the graph was meant to use
    while it uses others (a graph saved again without its external data, with the
    old `.data` left behind).
    """
    suffixes = tuple(settings(ctx.model).data_file_suffixes)
    folders: dict[str, set[str]] = {}
    unknown: set[str] = set()
    for relpath in graph_files(ctx.model):
        if relpath.endswith(".tar.gz"):
            continue
        folder = posixpath.dirname(relpath)
        referenced = folders.setdefault(folder, set())
        state = external_data(ctx.model, relpath)
        if isinstance(state, Parsed):
            referenced |= state.value.referenced()
        elif not isinstance(graph_at(ctx.model, relpath), Parsed):
            unknown.add(folder)  # a graph we could not read may reference anything
    for folder, referenced in sorted(folders.items()):
        if folder in unknown:
            continue
        entries = ctx.model.entries_under(folder) if folder else ctx.model.top_level()
        for entry in entries:
            if entry.kind in ("file", "symlink") and entry.name.endswith(suffixes) and entry.relpath not in referenced:
                where = f"{folder}/" if folder else "the model directory"
                yield Finding(
                    f"is not used by any graph in {where}: no tensor keeps its data in it",
                    path=entry.relpath,
                    hint="remove it, or save the graph again so that it uses this data",
                )


RULES = [
    external_data_missing,
    external_data_location,
    external_data_symlink,
    external_data_not_a_file,
    external_data_out_of_range,
    external_data_entry,
    unreferenced_data_file,
]

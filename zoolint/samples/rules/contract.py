"""SMP020-SMP026: samples against the graph's inputs and outputs.

The graph's inputs and outputs are the contract: every sample input must feed the
graph as it is (keys, dtypes, shapes), every stored output must be what the graph
produces. Headers are enough to check all of it; no array data is read.
"""

from __future__ import annotations

from collections.abc import Iterator

from zoolint.diagnostics import Finding, Severity
from zoolint.graph.load import graph
from zoolint.rules.base import RuleContext, rule
from zoolint.samples.checked import ContractView, FileCheck, contract
from zoolint.samples.contract import expected_dtype_name, format_graph_shape, format_shape
from zoolint.samples.load import SampleIndex, samples
from zoolint.samples.report import Folded, name_list

_NEEDS = (graph, samples, contract)


def _view(ctx: RuleContext) -> ContractView:
    return contract(ctx.model).value  # type: ignore[union-attr]


@rule(
    code="SMP020",
    name="sample-keys",
    summary="A sample's keys do not match the graph's input (or output) names.",
    severity=Severity.ERROR,
    needs=_NEEDS,
)
def sample_keys(ctx: RuleContext) -> Iterator[Finding]:
    """The arrays of a sample input bind to the graph's inputs (and those of a stored
    output to its outputs) in one of three ways: by name; by position, `arr_0`,
    `arr_1`, ... in graph order (what `np.savez(path, *arrays)` writes); or, when the
    graph has a single input, under one generic key (`input`; see `generic-keys`).
    Inputs with an initializer default may be left out.

    Reported: a graph input no array feeds, a key that names nothing (a typo, a
    positional index past the graph's inputs), and an input given twice.

    Why: the reference runner feeds arrays by position and ignores names, so a missing
    or extra array silently shifts every input after it.
    """
    folded = Folded()
    for check in _view(ctx).files:
        what, names = check.role.what, name_list(check.role.names)
        keys = name_list(check.file.info.keys if check.file.info else [])
        for name in check.keys.missing:
            folded.add(
                check.file,
                check.folder.relpath,
                f"lacks graph {what} {name!r} (keys: {keys}; graph {what}s: {names})",
                f"store one array per graph {what}, named after it or as arr_0, arr_1, ..."
                " in graph order",
            )
        for key in check.keys.extra:
            folded.add(
                check.file,
                check.folder.relpath,
                f"has key {key!r}, which names no graph {what} (graph {what}s: {names})",
                "remove the array, or name it after the graph " + what + " it is for",
            )
        for name, first, second in check.keys.twice:
            folded.add(
                check.file,
                check.folder.relpath,
                f"gives graph {what} {name!r} twice, as {first!r} and as {second!r}",
                "keep one array per graph " + what,
            )
    yield from folded.findings()


@rule(
    code="SMP021",
    name="sample-dtype",
    summary="A sample array's dtype is not the graph's element type.",
    severity=Severity.ERROR,
    needs=_NEEDS,
)
def sample_dtype(ctx: RuleContext) -> Iterator[Finding]:
    """Each array's dtype is exactly the element type of the graph input (or output)
    it binds to: float32 for FLOAT, int64 for INT64, bool for BOOL, float16 for
    FLOAT16, a numpy unicode array (`<U...`) for STRING, and for BFLOAT16 the 2-byte
    void (`|V2`) numpy stores it as.

    Why: runtimes do not convert; onnxruntime rejects a float64 input for a float32
    graph ("Unexpected input data type"), and an output of the wrong dtype was not
    produced by this graph.

    Fix: cast before saving, e.g. `array.astype(numpy.float32)`.
    """
    folded = Folded()
    for check in _view(ctx).files:
        specs = check.role.specs
        for name, ok in check.dtype_ok.items():
            if ok is not False:
                continue
            array = check.keys.bound[name]
            spec = specs[name]
            folded.add(
                check.file,
                check.folder.relpath,
                f"array {array.key!r} is {array.header.dtype_name}; graph {check.role.what}"
                f" {name!r} is {spec.type_name}, stored as {expected_dtype_name(spec.elem_type)}",
                "cast it to the graph's type before saving",
            )
    yield from folded.findings()


@rule(
    code="SMP022",
    name="sample-shape",
    summary="A sample array's rank or static sizes do not fit the graph's shape.",
    severity=Severity.ERROR,
    needs=_NEEDS,
)
def sample_shape(ctx: RuleContext) -> Iterator[Finding]:
    """Each array has the graph's rank, or one less when stored without the batch
    dimension (the first, which the runner adds back as 1); every dimension the graph
    fixes has that size. A graph that fixes its batch at more than 1 cannot take
    samples stored without it.

    Why: the runtime rejects the sample, or (for outputs) the stored array is not
    what this graph produces.
    """
    folded = Folded()
    for check in _view(ctx).files:
        specs = check.role.specs
        for name, fit in check.fits.items():
            if fit.problem is None:
                continue
            array = check.keys.bound[name]
            folded.add(
                check.file,
                check.folder.relpath,
                f"array {array.key!r} of shape {format_shape(array.shape)} {fit.problem}"
                f" (graph {check.role.what} {name!r}: {format_graph_shape(specs[name].shape)})",
                "export the sample again from this graph's inputs",
            )
    yield from folded.findings()


def _example(check: FileCheck, name: str) -> str:
    array = check.keys.bound[name]
    member = check.file.member or check.file.name
    return f"{member} {array.key!r} {format_shape(array.shape)}"


@rule(
    code="SMP023",
    name="batch-dimension-mixture",
    summary="A sample folder mixes arrays with and without the batch dimension.",
    severity=Severity.ERROR,
    needs=_NEEDS,
)
def batch_dimension_mixture(ctx: RuleContext) -> Iterator[Finding]:
    """Arrays are usually stored without the batch dimension (the runner adds it
    back), sometimes with the full graph shape. Either is fine; a folder that mixes
    them is not: a runner adds a batch dimension to all of them or to none.
    """
    view = _view(ctx)
    folders = {id(check.folder): check.folder for check in view.files}
    for folder in folders.values():
        with_batch: list[str] = []
        without: list[str] = []
        for check in view.in_folder(folder):
            for name, fit in check.fits.items():
                if fit.batched is True:
                    with_batch.append(_example(check, name))
                elif fit.batched is False:
                    without.append(_example(check, name))
        if with_batch and without:
            yield Finding(
                f"mixes arrays stored with the batch dimension ({len(with_batch)}, e.g."
                f" {with_batch[0]}) and without it ({len(without)}, e.g. {without[0]})",
                path=folder.relpath,
                hint="store every array of the folder the same way (usually without the batch)",
            )


@rule(
    code="SMP024",
    name="dynamic-dimension-conflict",
    summary="A named dynamic dimension has different sizes within one sample.",
    severity=Severity.ERROR,
    needs=_NEEDS,
)
def dynamic_dimension_conflict(ctx: RuleContext) -> Iterator[Finding]:
    """A dimension the graph names (`sequence`, `batch`) is one size across all the
    arrays of one sample: its inputs and its stored outputs alike. ONNX means the
    same name to be the same size.

    Example: `input_ids` of 128 tokens with an `attention_mask` of 64.
    """
    by_number: dict[int, list[FileCheck]] = {}
    for check in _view(ctx).files:
        if check.file.number is not None:
            by_number.setdefault(check.file.number, []).append(check)
    folded = Folded()
    for number in sorted(by_number):
        # dim -> size -> the arrays that have it, in the order met (inputs first).
        sizes: dict[str, dict[int, list[tuple[str, FileCheck]]]] = {}
        for check in by_number[number]:
            for name, fit in check.fits.items():
                for dim, size in fit.aligned:
                    if isinstance(dim, str):
                        where = f"{check.role.what} {name!r}"
                        sizes.setdefault(dim, {}).setdefault(size, []).append((where, check))
        for dim, found in sizes.items():
            if len(found) < 2:
                continue
            groups = list(found.items())
            odd = groups[1][1][0][1]  # the first array that disagrees with the first size
            described = " but ".join(
                f"{size} in {name_list([where for where, _ in arrays], 4)}" for size, arrays in groups
            )
            folded.add(
                odd.file,
                odd.folder.relpath,
                f"dynamic dimension {dim!r} is {described}, within one sample",
                "export every array of a sample from the same batch",
            )
    yield from folded.findings()


@rule(
    code="SMP025",
    name="label-consistency",
    summary="Label files disagree on their keys, dtypes or ranks.",
    severity=Severity.WARNING,
    needs=(samples,),
)
def label_consistency(ctx: RuleContext) -> Iterator[Finding]:
    """Labels have no graph to be checked against, but one label file per sample
    means every file has the same keys, dtypes and ranks. A file that differs is
    usually a whole batch of labels saved as one sample, or labels from another task.
    """
    index: SampleIndex = samples(ctx.model).value  # type: ignore[union-attr]
    folded = Folded()
    for folder in index.folders:
        if folder.kind != "labels" or not folder.primary:
            continue
        reference: tuple[str, tuple[tuple[str, str, int], ...]] | None = None
        for file in sorted(folder.files, key=lambda f: (f.number is None, f.number or 0)):
            info = file.info
            if info is None:
                continue
            signature = tuple(
                (array.key, array.header.dtype_name, len(array.shape)) for array in info.arrays
            )
            if reference is None:
                reference = (file.member or file.name, signature)
            elif signature != reference[1]:
                folded.add(
                    file,
                    folder.relpath,
                    f"holds {_signature(signature)}, unlike {reference[0]}, which holds"
                    f" {_signature(reference[1])}",
                    "store one sample's labels per file, all in the same form",
                )
    yield from folded.findings()


def _signature(signature: tuple[tuple[str, str, int], ...]) -> str:
    if not signature:
        return "no arrays"
    return ", ".join(f"{key!r} {dtype} rank {rank}" for key, dtype, rank in signature)


@rule(
    code="SMP026",
    name="key-order",
    summary="A sample names the graph's inputs but stores them in another order.",
    severity=Severity.WARNING,
    needs=_NEEDS,
)
def key_order(ctx: RuleContext) -> Iterator[Finding]:
    """The keys of a sample are the graph's names, but the arrays are stored in a
    different order than the graph declares them. Feeding by name works; the
    reference runner feeds by position and pairs them wrongly.

    Fix: save them in graph order: `np.savez(path, **{name: arrays[name] for name in
    graph_input_names})`.
    """
    folded = Folded()
    for check in _view(ctx).files:
        if not check.keys.out_of_order or check.file.info is None:
            continue
        order = [spec.name for spec in (*check.role.required, *check.role.optional)]
        stored = [key for key in check.file.info.keys if key in order]
        folded.add(
            check.file,
            check.folder.relpath,
            f"stores the graph {check.role.what}s as {name_list(stored)}; the graph's order"
            f" is {name_list([n for n in order if n in stored])}",
            "save the arrays in graph order",
        )
    yield from folded.findings()


RULES = [
    sample_keys,
    sample_dtype,
    sample_shape,
    batch_dimension_mixture,
    dynamic_dimension_conflict,
    label_consistency,
    key_order,
]

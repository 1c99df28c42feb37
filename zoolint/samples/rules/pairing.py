"""SMP010-SMP012: sample file names, numbering and pairing.

Samples pair by number: `inp-0003.npz` goes with `out-0003.npz`, `lab-0003.npz`,
`orig-0003.*` and `out-0003.npz` of every per-engine output folder. The reference
validator pairs by sorted position and `zip` silently drops the surplus; here every
gap, duplicate and orphan is named.
"""

from __future__ import annotations

from collections.abc import Iterator

from zoolint.diagnostics import Finding, Severity
from zoolint.rules.base import RuleContext, rule
from zoolint.samples.load import SampleFolder, SampleIndex, samples
from zoolint.samples.names import NUMBER_DIGITS
from zoolint.samples.report import Folded, name_list


def _index(ctx: RuleContext) -> SampleIndex:
    return samples(ctx.model).value  # type: ignore[union-attr]


def _primary(index: SampleIndex) -> list[SampleFolder]:
    """The folders paired and counted: one per slot, read to the end."""
    return [folder for folder in index.folders if folder.primary and folder.complete]


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _numbers(numbers: list[int]) -> str:
    return name_list([f"{number:0{NUMBER_DIGITS}d}" for number in numbers])


@rule(
    code="SMP010",
    name="sample-file-name",
    summary="A file in a sample folder does not follow the inp-0000.npz naming.",
    severity=Severity.WARNING,
    needs=(samples,),
)
def sample_file_name(ctx: RuleContext) -> Iterator[Finding]:
    """Files in sample folders are named `inp-0000.npz` (inputs), `out-0000.npz`
    (outputs, also per engine), `lab-0000.npz` (labels) and `orig-0000.npz` or an
    image (originals): a prefix, a dash, the sample number in at least four digits.
    This holds in every layout generation; only the folder names differ.

    A file whose name deviates but carries a number (`inp_0001.npz`, `inp-7.npz`) is
    still paired by that number. A file with no number, or that is not an `.npz`
    (`inp-0000.npy`, `README.md`), or a sub-folder, is not a sample at all: the
    reference validator would try to load it with the rest.

    Fix: rename to the convention, or move the file out of the sample folder.
    """
    folded = Folded()
    for folder in _index(ctx).folders:
        for file in folder.files:
            if file.name_problem is not None:
                folded.add(
                    file,
                    folder.relpath,
                    file.name_problem,
                    "rename it to the convention, or move it out of the sample folder",
                )
    yield from folded.findings()
    for folder in _index(ctx).folders:
        for path, why in folder.unexpected:
            yield Finding(
                why, path=path, hint="rename it to the convention, or move it out of the sample folder"
            )


@rule(
    code="SMP011",
    name="sample-numbering",
    summary="Sample numbers are not contiguous from 0000, or one is used twice.",
    severity=Severity.ERROR,
    needs=(samples,),
)
def sample_numbering(ctx: RuleContext) -> Iterator[Finding]:
    """Within a sample folder, numbers run 0000, 0001, ... without gaps, each used once.

    Why: a gap usually means a file was lost on upload; a number used twice
    (`inp-0001.npz` and `inp-001.npz`, or the same name in two archive folders) makes
    pairing ambiguous. Runners that pair by sorted position then feed sample 3's input
    against sample 4's output.

    Gaps are reported once, in the inputs: a gap in an output folder is the same gap
    again, or an input without its output (SMP012).
    """
    index = _index(ctx)
    for folder in _primary(index):
        numbered = folder.numbered()
        for number, files in sorted(numbered.items()):
            if len(files) > 1:
                names = name_list([file.member or file.name for file in files])
                yield Finding(
                    f"sample number {number:0{NUMBER_DIGITS}d} is used by {len(files)} files:"
                    f" {names}",
                    path=folder.relpath,
                    hint="keep one file per sample number",
                )
        # Gaps are counted in the inputs (or, without inputs, in each folder): a gap
        # of an output folder is either the inputs' gap again or an unpaired input.
        if not numbered or (folder.kind != "inputs" and index.primary("inputs") is not None):
            continue
        missing = [n for n in range(max(numbered) + 1) if n not in numbered]
        if missing:
            yield Finding(
                f"sample numbers are not contiguous from 0000: {_numbers(missing)}"
                f" {'is' if len(missing) == 1 else 'are'} missing (highest:"
                f" {max(numbered):0{NUMBER_DIGITS}d})",
                path=folder.relpath,
                hint="renumber the samples from 0000, or upload the missing ones",
            )


@rule(
    code="SMP012",
    name="unpaired-sample",
    summary="An input has no output (or label, original), or the other way round.",
    severity=Severity.ERROR,
    needs=(samples,),
)
def unpaired_sample(ctx: RuleContext) -> Iterator[Finding]:
    """Every output, label and original pairs with the input of the same number, in
    every output folder (`sample_outputs`, `sample_outputs_onnxruntime`, ...): the
    counts agree and the numbers match.

    Why: the reference check zips inputs with outputs, so a missing file silently
    shortens the check, and a shifted one compares the wrong pairs.

    An input folder without any output folder is not reported here (whether outputs
    are required is the layout's business); outputs without inputs are.
    """
    index = _index(ctx)
    inputs = index.primary("inputs")
    if (inputs is not None and not inputs.complete) or "inputs" in index.unreadable_kinds:
        return  # inputs read only in part, or not at all: pairing would guess
    others = [folder for folder in _primary(index) if folder.kind != "inputs"]
    if inputs is None:
        for folder in others:
            if folder.numbered():
                yield Finding(
                    f"holds {_plural(len(folder.numbered()), 'sample file')} of {folder.kind}"
                    " but the model has no sample inputs to pair them with",
                    path=folder.relpath,
                    hint="upload the sample inputs these were computed from",
                )
        return
    have = set(inputs.numbered())
    for folder in others:
        theirs = set(folder.numbered())
        lacking = sorted(have - theirs)
        if lacking:
            yield Finding(
                f"has no {folder.kind} for {len(lacking)} of {len(have)} inputs:"
                f" {_numbers(lacking)} ({len(theirs)} numbered files for {len(have)} inputs)",
                path=folder.relpath,
                hint=f"export the missing {folder.kind} with the inputs, numbered alike",
            )
        orphans = sorted(theirs - have)
        if orphans:
            yield Finding(
                f"has {folder.kind} for {_plural(len(orphans), 'sample number')} with no input:"
                f" {_numbers(orphans)}",
                path=folder.relpath,
                hint="remove them, or upload the inputs they belong to",
            )


RULES = [sample_file_name, sample_numbering, unpaired_sample]

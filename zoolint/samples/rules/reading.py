"""SMP001-SMP005: reading sample files and archives safely.

Every `.npz` is read through its zip directory and `.npy` headers only; archives are
streamed with bounds and never extracted. These rules report what could not be read,
and what must never be read (pickled objects, unsafe archive members).
"""

from __future__ import annotations

from collections.abc import Iterator

from zoolint.diagnostics import Finding, Severity
from zoolint.io.artifact import Broken
from zoolint.rules.base import RuleContext, rule
from zoolint.samples.load import SampleIndex, samples
from zoolint.samples.report import Folded


def _index(ctx: RuleContext) -> SampleIndex:
    return samples(ctx.model).value  # type: ignore[union-attr]


@rule(
    code="SMP001",
    name="npz-unreadable",
    summary="A sample .npz file is not a readable numpy archive.",
    severity=Severity.ERROR,
    needs=(samples,),
)
def npz_unreadable(ctx: RuleContext) -> Iterator[Finding]:
    """A sample file named `*.npz` is not a zip of `.npy` arrays, or one of its arrays
    is damaged: a bad magic or format version, a header that is not a dict literal, a
    shape that does not match the bytes stored (truncated or padded data), a member
    that is not `.npy`, compression numpy never writes.

    Why: every consumer (the runner, a benchmark, the reference validator) fails on
    such a file, usually with an unhelpful error.

    Fix: export the sample again with `numpy.savez` or `numpy.savez_compressed`.
    """
    folded = Folded()
    for folder in _index(ctx).folders:
        for file in folder.files:
            state = file.state
            if isinstance(state, Broken) and not state.io_level:
                folded.add(
                    file,
                    folder.relpath,
                    state.reason,
                    "export it again with numpy.savez or numpy.savez_compressed",
                )
    yield from folded.findings()


@rule(
    code="SMP002",
    name="object-array",
    summary="A sample holds an object array, which only pickle can load.",
    severity=Severity.ERROR,
    needs=(samples,),
)
def object_array(ctx: RuleContext) -> Iterator[Finding]:
    """An array in a sample `.npz` has dtype `object` (or a structured dtype with an
    object field). Its data is a pickle: loading it runs whatever code the pickle
    names. zoolint never loads it; neither should anything downstream
    (`np.load(..., allow_pickle=False)` refuses it).

    A common cause is `np.savez(path, preds, extra=None)`: `None` becomes a pickled
    object array.

    Fix: store only numeric, bool or unicode arrays; leave absent values out.
    """
    folded = Folded()
    for folder in _index(ctx).folders:
        for file in folder.files:
            info = file.info
            if info is None:
                continue
            for array in info.object_arrays:
                folded.add(
                    file,
                    folder.relpath,
                    f"array {array.key!r} has dtype {array.header.dtype_name}: loading it"
                    " needs pickle, which can run arbitrary code; it was not loaded",
                    "store only numeric, bool or unicode arrays (None and Python objects"
                    " become pickles)",
                )
    yield from folded.findings()


@rule(
    code="SMP003",
    name="unsafe-archive-member",
    summary="A sample archive holds a member that could write outside its folder.",
    severity=Severity.ERROR,
    needs=(samples,),
)
def unsafe_archive_member(ctx: RuleContext) -> Iterator[Finding]:
    """A `.tar.gz` sample archive has a member with an absolute path or a `..`
    component, a symbolic or hard link, or a device or FIFO. Extracting it (as the
    reference library does, in place) can overwrite files anywhere the extracting
    user can write, or read files through links.

    zoolint streams archives and never extracts them; such members are not read.

    Fix: rebuild the archive from plain files:
    `tar czf sample_inputs.tar.gz sample_inputs`.
    """
    for folder in _index(ctx).folders:
        for member in folder.unsafe:
            yield Finding(
                f"member {member.name!r} {member.reason}; it was not read",
                path=folder.relpath,
                hint="rebuild the archive from plain files (tar czf NAME.tar.gz NAME)",
            )


@rule(
    code="SMP004",
    name="archive-limit",
    summary="A sample archive exceeds the bounds zoolint reads (a decompression bomb?).",
    severity=Severity.ERROR,
    needs=(samples,),
)
def archive_limit(ctx: RuleContext) -> Iterator[Finding]:
    """A `.tar.gz` sample archive decompresses past the configured total size, at a
    compression ratio no real sample reaches (a decompression bomb), has more members
    than the limit, or holds a member too large to read. Reading stopped there, or
    the member was skipped; whatever lies beyond was not checked.

    Limits: `[tool.zoolint.samples]` `max-archive-bytes`, `max-compression-ratio`
    (judged past `min-bomb-bytes`), `max-archive-members`, `max-member-bytes`.
    """
    for folder in _index(ctx).folders:
        for name, size in folder.oversized:
            yield Finding(
                f"member {name!r} is {size} bytes, over the {ctx.config.samples.max_member_bytes}"
                "-byte limit for one member; it was not read",
                path=folder.relpath,
                hint="split the samples into smaller files, or raise max-member-bytes",
            )
        if folder.limit is not None:
            yield Finding(folder.limit, path=folder.relpath)


@rule(
    code="SMP005",
    name="archive-unreadable",
    summary="A sample archive is not a readable .tar.gz.",
    severity=Severity.ERROR,
    needs=(samples,),
)
def archive_unreadable(ctx: RuleContext) -> Iterator[Finding]:
    """A `sample_*.tar.gz` is not gzip-compressed, is truncated, or is not a tar
    archive inside. Whatever it was meant to hold cannot be used.

    Fix: create it again with `tar czf sample_inputs.tar.gz sample_inputs`.
    """
    for folder in _index(ctx).folders:
        if folder.error is not None:
            yield Finding(
                folder.error,
                path=folder.relpath,
                hint="create it again: tar czf NAME.tar.gz NAME",
            )


RULES = [npz_unreadable, object_array, unsafe_archive_member, archive_limit, archive_unreadable]

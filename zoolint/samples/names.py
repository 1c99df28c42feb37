"""Sample file names: `inp-0000.npz`, `out-0000.npz`, `lab-0000.npz`, `orig-0000.*`.

This is what the exporters write (`{prefix}-{counter:04d}.npz`, one file per sample,
the batch broken apart) in every layout generation; only the folder names differ
(`sample_inputs` or `sample-inputs`). Originals may also be images (`orig-0000.jpg`).
A name that deviates (`inp_0000.npz`, `input-0000.npz`, `inp-7.npz`) still pairs by
its number, with a warning; a file without a number does not pair at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Sample kind -> the prefix the exporters write.
PREFIXES = {"inputs": "inp", "outputs": "out", "labels": "lab", "originals": "orig"}
NUMBER_DIGITS = 4

_LOOSE = re.compile(
    r"^(?P<prefix>[A-Za-z]+)[-_.]?(?P<number>[0-9]+)\.(?P<ext>[A-Za-z0-9]+)$"
)
_IMAGE_EXTENSIONS = frozenset({"jpg", "jpeg", "png", "bmp", "gif", "tif", "tiff", "webp"})


@dataclass(frozen=True)
class SampleName:
    """What a file name says: its number (None when it has none) and what is wrong with
    it as a name of its folder's kind (None when it follows the convention)."""

    number: int | None
    problem: str | None
    is_npz: bool


def expected_name(kind: str, number: int, ext: str = "npz") -> str:
    return f"{PREFIXES[kind]}-{number:0{NUMBER_DIGITS}d}.{ext}"


def parse_name(name: str, kind: str) -> SampleName:
    loose = _LOOSE.match(name)
    if loose is None:
        return SampleName(
            None, f"is not a sample file (expected names like {expected_name(kind, 0)})", False
        )
    ext = loose["ext"].lower()
    if not _extension_ok(ext, kind):
        return SampleName(
            None,
            f"is not an .npz file (samples of this folder are named like"
            f" {expected_name(kind, 0)})",
            False,
        )
    number = int(loose["number"])
    if name == expected_name(kind, number, ext):
        return SampleName(number, None, ext == "npz")
    prefix = PREFIXES[kind]
    return SampleName(
        number,
        f"does not follow the naming of sample {kind}: {prefix}-0000.{ext},"
        f" {prefix}-0001.{ext}, ...",
        ext == "npz",
    )


def _extension_ok(ext: str, kind: str) -> bool:
    if kind == "originals":
        return ext == "npz" or ext in _IMAGE_EXTENSIONS
    return ext == "npz"

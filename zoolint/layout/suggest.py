"""Did-you-mean suggestions for names the layout does not know.

Typos in a model directory are of a few kinds, tried in this order: case or `-`/`_`
(`Model.md`, `Sample_Inputs`), a dropped or added plural `s` (`sample_input`), the
wrong extension (`recipe.yml`, `metrics.yml`), then anything close by edit distance.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence

from zoolint.layout.profile import ARCHIVE_SUFFIX

_EXTENSIONS = (".md", ".yaml", ".onnx", ".data", ".json")


def _norm(name: str) -> str:
    return name.lower().replace("-", "_")


def _split_archive(name: str) -> tuple[str, str]:
    if name.lower().endswith(ARCHIVE_SUFFIX):
        return name[: -len(ARCHIVE_SUFFIX)], name[-len(ARCHIVE_SUFFIX) :]
    return name, ""


def suggest(
    name: str, candidates: Sequence[str], fits: Callable[[str], bool] | None = None
) -> str | None:
    """The known name `name` was most likely meant to be, or None.

    `candidates` are concrete known names, most preferred first (the directory's own
    generation before the others). `fits` tells whether a made-up name would be known
    (it covers patterns such as `recipe_*.md`) and is used for extension swaps."""
    for short in (".tar", ".tgz", ".tar.bz2", ".zip"):  # an archive of the wrong type
        if name.lower().endswith(short) and name[: -len(short)] + ARCHIVE_SUFFIX in candidates:
            return name[: -len(short)] + ARCHIVE_SUFFIX
    stem, archive = _split_archive(name)
    wanted = _norm(stem)
    pool = []
    for candidate in candidates:
        if candidate == name:
            continue
        cstem, carchive = _split_archive(candidate)
        if carchive == archive.lower():
            pool.append((candidate, _norm(cstem)))
    for candidate, normalized in pool:
        if normalized == wanted:
            return candidate
    for candidate, normalized in pool:
        if normalized in (wanted + "s", wanted.removesuffix("s")) and len(wanted) > 2:
            return candidate
    base, dot, ext = stem.rpartition(".")
    if dot and base:
        for new_ext in _EXTENSIONS:
            guess = base + new_ext + archive
            if new_ext != "." + ext and (
                any(candidate == guess for candidate, _ in pool) or (fits and fits(guess))
            ):
                return guess
        for candidate, normalized in pool:
            if normalized.rpartition(".")[0] == _norm(base) and "." in normalized:
                return candidate
    close = difflib.get_close_matches(wanted, [n for _, n in pool], n=1, cutoff=0.8)
    if close:
        return next(candidate for candidate, normalized in pool if normalized == close[0])
    return None

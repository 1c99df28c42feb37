"""What a card's words claim about sparsity and quantization, to compare with the
stub's SPARSE_NAME: "95% Pruned ResNet-50" claims 95% pruning; the tag `pruned95`
too; the optimization "QAT Int8" claims quantization.

Deliberately conservative, so real cards get no false alarms: a percentage counts as
a pruning level only in a text that also speaks of pruning or sparsity, and words
that say nothing about either are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PRUNE_WORDS = re.compile(r"\b(prun\w*|sparse|sparsity|sparsified|gmp|obs|ac/dc|movement)\b", re.I)
_QUANT_WORDS = re.compile(r"\b(quant\w*|qat|int8|int4|w8a8|w4a16|fp8)\b", re.I)
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*%")
_PRUNED_TAG = re.compile(r"^pruned[-_]?(\d+(?:\.\d+)?)?$", re.I)
_QUANT_TAGS = frozenset({"quant", "quantized", "quantised", "quantization", "int8", "qat"})


@dataclass(frozen=True)
class TextClaims:
    """`pruned`: speaks of pruning; `percents`: pruning levels stated; `quantized`."""

    pruned: bool = False
    percents: tuple[float, ...] = ()
    quantized: bool = False

    @property
    def claims_anything(self) -> bool:
        return self.pruned or self.quantized


def text_claims(text: str) -> TextClaims:
    """Claims of free text: a display name, one optimization ("GMP 95%")."""
    pruned = bool(_PRUNE_WORDS.search(text))
    percents = tuple(float(m) for m in _PERCENT.findall(text)) if pruned else ()
    return TextClaims(pruned, percents, bool(_QUANT_WORDS.search(text)))


def tag_claims(tag: str) -> TextClaims:
    """Claims of one tag: only tags that are about sparsity say anything
    (`pruned`, `pruned95`, `quantized`, `int8`); `resnet50` says nothing."""
    text = tag.strip()
    match = _PRUNED_TAG.match(text)
    if match:
        percent = (float(match.group(1)),) if match.group(1) else ()
        return TextClaims(True, percent, False)
    if text.lower() in _QUANT_TAGS:
        return TextClaims(False, (), True)
    return TextClaims()

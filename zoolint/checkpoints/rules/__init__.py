"""The checkpoints family: CKPT (checkpoint contents), PKL (pickle security),
DEP (deployment folders and archives), HF (Hugging Face folders)."""

from __future__ import annotations

from zoolint.checkpoints.rules import archives, contents, formats, hf, pickles, weights

RULES = [
    *contents.RULES,
    *weights.RULES,
    *formats.RULES,
    *archives.RULES,
    *pickles.RULES,
    *hf.RULES,
]

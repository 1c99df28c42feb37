"""The samples family: SMP rules (fast, headers only) and RUN rules (the deep check)."""

from __future__ import annotations

from zoolint.samples.rules import contract, pairing, reading, run

RULES = [*reading.RULES, *pairing.RULES, *contract.RULES, *run.RULES]

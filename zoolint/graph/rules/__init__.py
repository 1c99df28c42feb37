"""The graph family's rules: ONNX (loading, validity, contract, runtime), EXT (external
data) and VAR (variants and claims). Registration is this one explicit list."""

from __future__ import annotations

from zoolint.graph.rules import claims, contract, external, loading, runtime, validity, variants

RULES = [
    *loading.RULES,
    *validity.RULES,
    *contract.RULES,
    *runtime.RULES,
    *external.RULES,
    *variants.RULES,
    *claims.RULES,
]

"""Rules about zoolint itself: internal errors and unused suppressions.

Their findings are produced by the engine and the suppression pass, not by a check of
their own; they are registered so that they have codes, documentation and severities
like every other rule.
"""

from __future__ import annotations

from collections.abc import Iterator

from zoolint.diagnostics import Finding, Severity
from zoolint.rules.base import RuleContext, rule


@rule(
    code="ZL001",
    name="internal-error",
    summary="A rule failed with an unexpected exception.",
    severity=Severity.ERROR,
)
def internal_error(ctx: RuleContext) -> Iterator[Finding]:
    """A rule raised an exception while checking this directory.

    This is a bug in zoolint, not in the model directory: the run goes on with the
    other rules, the diagnostic names the rule and the exception, and zoolint exits 2.
    Please report it with the directory (or a minimal copy) that triggers it.
    """
    return iter(())


@rule(
    code="ZL002",
    name="unused-suppression",
    summary="A `zoolint: ignore[...]` comment suppresses nothing.",
    severity=Severity.WARNING,
)
def unused_suppression(ctx: RuleContext) -> Iterator[Finding]:
    """A suppression comment suppresses nothing: the rule it names reported nothing on
    the line (or, for `ignore-file`, in the file) it covers; or it names no rule; or
    it is malformed (`zoolint: ignore` without codes in square brackets).

    Why: stale suppressions hide the next real problem on that line, and a typo in a
    code silently suppresses nothing. Remove the comment, or correct the code it names.
    A suppression of a rule that is not enabled in this run is not reported.

    Example (YAML; a comment alone on its line covers the next line with content):

        num_epochs: 10  # zoolint: ignore[RCP004]
        # zoolint: ignore[RCP004, sparsity-range]
        final_sparsity: 0.95

    Example (markdown body):

        <!-- zoolint: ignore[CARD007] -->
    """
    return iter(())


RULES = [internal_error, unused_suppression]

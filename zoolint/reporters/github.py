"""GitHub Actions workflow commands: one annotation per diagnostic.

    ::error file=zoo/m/model.md,line=3,col=1,title=CARD001 card-missing-field::message

Values are escaped as the Actions runner expects: `%`, CR and LF in the message, and
additionally `,` and `:` in the properties. GitHub shows at most 10 errors, 10
warnings and 10 notices per step as annotations; every diagnostic is still printed
(the log keeps them), and when a kind overflows, a notice placed first says how many
there are and suggests uploading SARIF to code scanning, which has no such limit.
"""

from __future__ import annotations

from pathlib import Path

from zoolint.diagnostics import Diagnostic, Severity
from zoolint.engine import Report
from zoolint.reporters.common import plural, printable, relative_path, scope_phrase

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
# GitHub's per-step display limit for each kind of annotation.
ANNOTATION_LIMIT = 10


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(diagnostic: Diagnostic, base: Path) -> str:
    path = printable(relative_path(diagnostic.file, base))
    properties = [f"file={escape_property(path)}"]
    if diagnostic.line is not None:
        properties.append(f"line={diagnostic.line}")
        if diagnostic.column is not None:
            properties.append(f"col={diagnostic.column}")
    properties.append(f"title={escape_property(f'{diagnostic.code} {diagnostic.name}')}")
    # printable() first: no control character but the one newline we put in survives.
    message = printable(diagnostic.message)
    if diagnostic.hint:
        message += f"\nhint: {printable(diagnostic.hint)}"
    return f"::{COMMANDS[diagnostic.severity]} {','.join(properties)}::{escape_data(message)}"


def render_github(report: Report, base: Path) -> str:
    lines: list[str] = []
    counts = {severity: report.count(severity) for severity in Severity}
    summary = (
        f"zoolint: {plural(counts[Severity.ERROR], 'error')},"
        f" {plural(counts[Severity.WARNING], 'warning')},"
        f" {plural(counts[Severity.INFO], 'info')} in {scope_phrase(report)}"
    )
    if report.internal_errors:
        summary += f"; {plural(report.internal_errors, 'internal error')}"
    overflowing = [s for s in Severity if counts[s] > ANNOTATION_LIMIT]
    if overflowing:
        shown = " and ".join(f"{COMMANDS[s]}s" for s in reversed(overflowing))
        # First, so that it is itself among the notices GitHub displays.
        lines.append(
            "::notice title=zoolint::"
            + escape_data(
                f"{summary}. GitHub shows only the first {ANNOTATION_LIMIT} {shown} of a"
                " step as annotations; all of them are in this step's log. Upload the"
                " SARIF report (zoolint --format sarif --output zoolint.sarif, then"
                " github/codeql-action/upload-sarif) to see every one in code scanning."
            )
        )
    lines.extend(annotation(diagnostic, base) for diagnostic in report.diagnostics)
    lines.append(summary)
    return "\n".join(lines) + "\n"

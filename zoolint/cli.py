"""The command line.

    zoolint [OPTIONS] PATH...     lint model directories, zoo trees or files
    zoolint check [OPTIONS] PATH...   the same, spelled out
    zoolint rules [--format F]    list every rule
    zoolint rule CODE|NAME        a rule's documentation

`check` is the default command: when the first word is not a command name, the
arguments are taken as `check`'s. A directory literally named `rules`, `rule` or
`check` is linted as `zoolint ./rules`, `zoolint -- rules` or `zoolint check rules`.

Exit codes: 0 nothing at or above `--fail-on`; 1 findings; 2 usage, configuration or
internal error. Errors are printed as `zoolint: <message>` on stderr, never as a
traceback.
"""

from __future__ import annotations

import difflib
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, TypeVar, get_args

import click

from zoolint import __version__
from zoolint.api import lint
from zoolint.config.loader import ConfigError
from zoolint.config.model import Config
from zoolint.diagnostics import Severity
from zoolint.discovery import DiscoveryError, check_named_path
from zoolint.engine import Report
from zoolint.reporters import FORMATS, render
from zoolint.reporters.common import render_statistics
from zoolint.reporters.rule_docs import render_rule_doc, render_rule_list, rule_to_dict
from zoolint.reporters.text import summary_line
from zoolint.rules.registry import ALL_RULES, find_rule

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
DEFAULT_COMMAND = "check"
# The presets the configuration model knows; if it stops spelling them as a Literal,
# any word is passed on and the configuration rejects an unknown one (exit 2).
PRESETS = list(get_args(Config.model_fields["preset"].annotation))
SEVERITIES = [severity.value for severity in Severity]
_Callback = TypeVar("_Callback", bound=Callable[..., Any])


def fail(message: str, code: int = EXIT_ERROR) -> NoReturn:
    """Print `zoolint: <message>` (every line of it) on stderr and exit."""
    for line in str(message).splitlines() or [""]:
        click.echo(f"zoolint: {line}", err=True)
    raise SystemExit(code)


class DefaultGroup(click.Group):
    """A group that runs its default command when the first word names no command.

    `zoolint PATH` is `zoolint check PATH`; `zoolint --select X PATH` too. `--` ends
    the group's words, so `zoolint -- rules` lints a folder named `rules`.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and self._is_check_argument(ctx, args[0]):
            args = [DEFAULT_COMMAND, *args]
        return super().parse_args(ctx, args)

    def _is_check_argument(self, ctx: click.Context, word: str) -> bool:
        if word == "--":
            return True
        if word.startswith("-"):
            own = {opt for param in self.get_params(ctx) for opt in param.opts}
            return word.split("=", 1)[0] not in own
        return word not in self.commands

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except KeyboardInterrupt:
            fail("interrupted", 130)
        except BrokenPipeError:
            # The reader went away (`zoolint ... | head`): stop quietly.
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the final flush
            raise SystemExit(EXIT_FINDINGS) from None
        except Exception as exc:  # noqa: BLE001 - never a traceback for the user
            fail(f"internal error: {type(exc).__name__}: {exc} (please report this bug)")

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_usage(ctx.command_path, "[OPTIONS] PATH...")
        formatter.write_usage(ctx.command_path, "COMMAND [ARGS]...", prefix="   or: ")

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The default command's options first: they are what `zoolint PATH` takes."""
        check = self.commands[DEFAULT_COMMAND]
        sub = click.Context(check, info_name=DEFAULT_COMMAND, parent=ctx)
        records = [p.get_help_record(sub) for p in check.get_params(sub) if p.name != "help"]
        records += [p.get_help_record(ctx) for p in self.get_params(ctx)]
        with formatter.section("Options"):
            formatter.write_dl([record for record in records if record is not None])
        self.format_commands(ctx, formatter)


class JobsType(click.ParamType):
    """`--jobs N` or `--jobs auto`."""

    name = "jobs"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if value == "auto" or isinstance(value, int):
            return value
        try:
            number = int(value)
        except ValueError:
            number = 0
        if number < 1:
            self.fail(f"expected a number of processes (1 or more) or 'auto', got {value!r}")
        return number


def _selectors(values: tuple[str, ...]) -> list[str] | None:
    """`--select A,B --select C` -> ["A", "B", "C"]; None when the option was not given."""
    if not values:
        return None
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def build_overrides(**options: Any) -> dict[str, Any]:
    """Command-line options as configuration keys (kebab-case, as in the config file)."""
    overrides: dict[str, Any] = {}
    for key in ("select", "extend_select", "ignore", "extend_ignore"):
        selectors = _selectors(options.get(key) or ())
        if selectors is not None:
            overrides[key.replace("_", "-")] = selectors
    if options.get("preset"):
        overrides["preset"] = options["preset"]
    if options.get("fail_on"):
        overrides["fail-on"] = options["fail_on"]
    if options.get("jobs") is not None:
        overrides["jobs"] = options["jobs"]
    if options.get("run"):
        overrides["samples"] = {"run": True}
    return overrides


def exit_code(report: Report, exit_zero: bool) -> int:
    if report.internal_errors:
        return EXIT_ERROR
    if exit_zero or not report.failures:
        return EXIT_OK
    return EXIT_FINDINGS


def _check_paths(paths: tuple[str, ...]) -> None:
    """Fail on a PATH that cannot be linted, naming it as the user typed it."""
    for raw in paths:
        try:
            check_named_path(Path(raw))
        except DiscoveryError as exc:
            fail(str(exc))
        # `model.md/` names a folder that is a file; os.path would quietly drop the slash.
        if raw.endswith(("/", os.sep)) and os.path.lexists(raw.rstrip("/" + os.sep)):
            if not os.path.isdir(raw):
                fail(f"{raw}: is a file, not a directory")


def _use_color(color: bool | None, fmt: str, output: str | None) -> bool:
    if fmt != "text" or output is not None:
        return False
    if color is not None:
        return color
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return sys.stdout.isatty()


def _write(text: str, output: str | None) -> None:
    # backslashreplace: an undecodable file name must not crash the writer.
    data = text.encode("utf-8", "backslashreplace")
    if output is None:
        click.echo(data, nl=False)
        return
    try:
        with open(output, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        fail(f"{output}: cannot write the report: {exc.strerror or exc}")


def _lint_options(command: _Callback) -> _Callback:
    """Add the lint options to a command's callback (applied below `@cli.command`)."""
    options = [
        click.option("--config", "config_file", metavar="FILE",
                     type=click.Path(dir_okay=False, path_type=str),
                     help="Use this configuration file instead of finding zoolint.toml or"
                     " pyproject.toml upward from each PATH."),
        click.option("--isolated", is_flag=True, help="Ignore every configuration file."),
        click.option("--select", multiple=True, metavar="CODES",
                     help="Rules to enable (codes, prefixes, names, ALL), comma-separated;"
                     " replaces the configured set."),
        click.option("--extend-select", multiple=True, metavar="CODES",
                     help="Rules to enable in addition to the configured set."),
        click.option("--ignore", multiple=True, metavar="CODES",
                     help="Rules to disable; replaces the configured list."),
        click.option("--extend-ignore", multiple=True, metavar="CODES",
                     help="Rules to disable in addition to the configured list."),
        click.option("--preset", type=click.Choice(PRESETS) if PRESETS else str,
                     help="'strict' enables every rule and demands every layout slot."),
        click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="text",
                     show_default=True, help="Report format."),
        click.option("--output", "-o", metavar="FILE", type=click.Path(dir_okay=False),
                     help="Write the report to FILE instead of standard output."),
        click.option("--statistics", is_flag=True,
                     help="Also print how many diagnostics each rule reported (after a text"
                     " report; on stderr for the other formats)."),
        click.option("--fail-on", type=click.Choice(SEVERITIES),
                     help="Lowest severity that makes zoolint exit 1 [default: error, or"
                     " fail-on in the configuration]."),
        click.option("--jobs", "-j", type=JobsType(), metavar="N",
                     help="Lint model directories in N processes; 'auto': one per CPU when"
                     " there are enough directories [default: auto, or jobs in the"
                     " configuration]. 1 lints them one after another."),
        click.option("--run", is_flag=True, default=False,
                     help="Also run every sample through onnxruntime and compare the outputs"
                     " (needs `pip install 'zoolint[runtime]'`)."),
        click.option("--exit-zero", is_flag=True,
                     help="Exit 0 even when there are findings (errors still exit 2)."),
        click.option("--color/--no-color", default=None,
                     help="Colour the text report [default: only on a terminal, unless"
                     " NO_COLOR is set]."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@click.group(
    "zoolint",
    cls=DefaultGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    invoke_without_command=False,
)
@click.version_option(__version__, "--version", prog_name="zoolint")
def cli() -> None:
    """Lint SparseZoo-style model directories: the model card, graph, recipes, samples,
    metrics, checkpoints and deployment files, each on its own and against the others.

    PATH is a model directory, a zoo tree (every model directory below it) or files
    (each maps to its model directory, linted once). A folder named like a command is
    linted as `zoolint ./rules` or `zoolint -- rules`.

    Exit status: 0 no findings at or above --fail-on, 1 findings, 2 usage,
    configuration or internal error.
    """


@cli.command(DEFAULT_COMMAND)
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@_lint_options
def check(
    paths: tuple[str, ...],
    config_file: str | None,
    isolated: bool,
    fmt: str,
    output: str | None,
    statistics: bool,
    exit_zero: bool,
    color: bool | None,
    **selection: Any,
) -> None:
    """Lint model directories, zoo trees or files (the default command)."""
    _check_paths(paths)
    overrides = build_overrides(**selection)
    try:
        report = lint(paths, config_file=config_file, isolated=isolated, overrides=overrides)
    except (ConfigError, DiscoveryError) as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": "))
    if not report.models:
        click.echo(
            "zoolint: warning: no model directory (holding model.md, model.onnx or"
            " model.onnx.tar.gz) was found under the given paths",
            err=True,
        )
    base = Path.cwd()
    text = render(fmt, report, base, _use_color(color, fmt, output))
    if statistics and fmt == "text":
        text += "\n" + render_statistics(report)
    _write(text, output)
    if statistics and fmt != "text":
        click.echo(render_statistics(report), err=True, nl=False)
    if output is not None:
        click.echo(f"{summary_line(report)} Report written to {output}.", err=True)
    raise SystemExit(exit_code(report, exit_zero))


@cli.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
def rules_command(fmt: str) -> None:
    """List every rule: code, name, default severity and summary."""
    click.echo(render_rule_list(ALL_RULES, fmt), nl=False)


@cli.command("rule")
@click.argument("code_or_name", metavar="CODE|NAME")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
def rule_command(code_or_name: str, fmt: str) -> None:
    """Print a rule's documentation, options and defaults."""
    found = find_rule(code_or_name) or find_rule(code_or_name.upper())
    if found is None:
        known = [r.code for r in ALL_RULES] + [r.name for r in ALL_RULES]
        close = difflib.get_close_matches(code_or_name, known, n=3)
        hint = f" Did you mean {', '.join(close)}?" if close else ""
        fail(f"unknown rule {code_or_name!r}.{hint} `zoolint rules` lists them all.")
    if fmt == "json":
        click.echo(json.dumps(rule_to_dict(found), indent=2))
    else:
        click.echo(render_rule_doc(found), nl=False)


# The console entry point (`zoolint`, `python -m zoolint`), a click command itself so
# that tests can hand it to CliRunner.
main = cli

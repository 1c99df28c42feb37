"""Command line (minimal first cut; the full CLI replaces this)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from zoolint.api import lint
from zoolint.config.loader import ConfigError
from zoolint.discovery import DiscoveryError
from zoolint.reporters.json_report import render_json


@click.command()
@click.argument("paths", nargs=-1, required=True)
def main(paths: tuple[str, ...]) -> None:
    try:
        report = lint(paths)
    except (ConfigError, DiscoveryError) as exc:
        click.echo(f"zoolint: {exc}", err=True)
        sys.exit(2)
    click.echo(render_json(report, Path.cwd()), nl=False)
    sys.exit(1 if report.diagnostics else 0)

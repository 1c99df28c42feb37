"""The Python API: `zoolint.lint(paths)` returns a `Report`.

This is what the command line calls, and what an upload service can call directly.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from zoolint.config.check import check_config
from zoolint.config.globs import path_matches
from zoolint.config.loader import find_config_file, load_config, repository_root
from zoolint.config.model import Config, Jobs, LoadedConfig
from zoolint.config.selection import selector_specificity
from zoolint.diagnostics import Diagnostic
from zoolint.discovery import Target, discover, is_excluded
from zoolint.engine import Engine, Report
from zoolint.model import ModelDir
from zoolint.parallel import ModelResult, lint_models, worker_count
from zoolint.rules.base import Rule, Zoo
from zoolint.rules.registry import ALL_RULES
from zoolint.suppressions import Prescan, apply_suppressions


def lint(
    paths: Iterable[str | os.PathLike[str]],
    config: Config | LoadedConfig | None = None,
    *,
    config_file: str | os.PathLike[str] | None = None,
    isolated: bool = False,
    overrides: dict[str, Any] | None = None,
    rules: Sequence[Rule] | None = None,
    jobs: Jobs | None = None,
) -> Report:
    """Lint model directories, zoo trees or individual files.

    `config` (a `Config`, or a `LoadedConfig` that also says where it came from)
    replaces file discovery; otherwise the configuration is found upward from each
    path, as the command line does. Raises `DiscoveryError` for a path that does not
    exist and `ConfigError` for a bad configuration.

    `jobs` (a number of processes, or "auto") overrides the configuration's `jobs`;
    the report does not depend on it.
    """
    all_rules = list(rules) if rules is not None else ALL_RULES
    groups: dict[object, tuple[LoadedConfig, Path, list[Target]]] = {}
    nested: dict[Path, LoadedConfig] = {}
    discover_configs = config is None and config_file is None and not isolated
    for raw in paths:
        path = Path(os.path.abspath(raw))
        loaded = _config_for(path, config, config_file, isolated, overrides)
        zoo_root = _zoo_root(loaded, path)
        targets = discover(
            path,
            boundary=zoo_root,
            exclude=loaded.config.exclude,
            exclude_base=loaded.base_dir,
        )
        for target in targets:
            target_loaded, target_root = loaded, zoo_root
            if discover_configs:
                inner = _nested_config(target, path, loaded, overrides, nested)
                if inner is not None:
                    if is_excluded(target.root, inner.config.exclude, inner.base_dir):
                        continue
                    target_loaded, target_root = inner, inner.zoo_root
            key = (target_loaded.source, target_loaded.base_dir, target_root)
            if key not in groups:
                groups[key] = (target_loaded, target_root, [])
            groups[key][2].append(target)

    for loaded, _, _ in groups.values():
        check_config(loaded, all_rules)
    report = Report(rules=list(all_rules))
    for loaded, zoo_root, targets in groups.values():
        _lint_group(report, all_rules, loaded, zoo_root, _unique(targets), jobs)
    report.diagnostics.sort(key=Diagnostic.sort_key)
    report.models.sort(key=lambda summary: str(summary.root))
    return report


def _config_for(
    path: Path,
    config: Config | LoadedConfig | None,
    config_file: str | os.PathLike[str] | None,
    isolated: bool,
    overrides: dict[str, Any] | None,
) -> LoadedConfig:
    if isinstance(config, LoadedConfig):
        return config
    if isinstance(config, Config):
        folder = path if path.is_dir() else path.parent
        return LoadedConfig(config, repository_root(folder) or folder, None)
    file = Path(config_file) if config_file is not None else None
    return load_config(path, file, isolated, overrides)


def _nested_config(
    target: Target,
    named: Path,
    outer: LoadedConfig,
    overrides: dict[str, Any] | None,
    cache: dict[Path, LoadedConfig],
) -> LoadedConfig | None:
    """A configuration file between a discovered model and the folder the user named
    governs that model (as in ruff and flake8, the closest file wins): a tree holding
    two zoos, each with its own `zoolint.toml`, lints as two zoos."""
    found = find_config_file(target.root)
    if found is None or found == outer.source or not named.is_dir():
        return None
    found = found.absolute()
    if named not in found.parents:
        return None
    if found not in cache:
        cache[found] = load_config(target.root, found, False, overrides)
    return cache[found]


def _zoo_root(loaded: LoadedConfig, path: Path) -> Path:
    """Where model paths start reading as stubs.

    A configuration file (or `zoo-root` in it) decides. Without one, a named folder is
    its own zoo root, and a named file's zoo root is the repository around it.
    """
    if loaded.source is not None or loaded.config.zoo_root is not None:
        return loaded.zoo_root
    if path.is_dir():
        return path
    return repository_root(path.parent) or path.parent


def _unique(targets: list[Target]) -> list[Target]:
    seen: dict[Target, None] = {}
    for target in targets:
        seen.setdefault(target, None)
    return list(seen)


def _lint_group(
    report: Report,
    rules: Sequence[Rule],
    loaded: LoadedConfig,
    zoo_root: Path,
    targets: list[Target],
    jobs: Jobs | None,
) -> None:
    engine = Engine(rules, loaded)
    models = [
        ModelDir(target.root, zoo_root, loaded.config, target.only_file) for target in targets
    ]
    zoo = Zoo(models)
    workers = worker_count(loaded.config.jobs if jobs is None else jobs, len(models))
    results = lint_models(engine, zoo, workers)
    diagnostics = [diagnostic for result in results for diagnostic in result.diagnostics]
    report.models.extend(result.summary for result in results)
    # Each result counts its directory's internal errors (a worker's engine is a copy);
    # this engine's own count goes on with the zoo-scope rules.
    internal_errors = sum(result.internal_errors for result in results)
    before = engine.internal_errors
    diagnostics.extend(engine.lint_zoo(zoo))
    internal_errors += engine.internal_errors - before
    # Comments first: a suppression whose diagnostic per-path-ignores would drop
    # anyway is still in use, not reported as unused.
    diagnostics = apply_suppressions(
        diagnostics,
        models,
        engine.rules,
        known=rules,
        severities=engine.severities,
        prescanned=_prescanned(results),
    )
    diagnostics = _drop_per_path_ignores(diagnostics, loaded, engine.rules)
    report.diagnostics.extend(diagnostics)
    report.internal_errors += internal_errors


def _prescanned(results: list[ModelResult]) -> dict[Path, Prescan]:
    """The suppression comments workers gathered, by directory. Loose files of one
    folder share a root: their comments are merged (they name different files)."""
    found: dict[Path, Prescan] = {}
    for result in results:
        if result.comments is None:
            continue
        root = result.summary.root
        if root in found:
            found[root].comments.update(result.comments.comments)
        else:
            found[root] = result.comments
    return found


def _drop_per_path_ignores(
    diagnostics: list[Diagnostic], loaded: LoadedConfig, rules: Sequence[Rule]
) -> list[Diagnostic]:
    """Drop diagnostics that `per-path-ignores` turns off for their file. Globs are
    relative to the configuration's directory; files outside it never match."""
    table = loaded.config.per_path_ignores
    if not table:
        return diagnostics
    by_code = {rule.code: rule for rule in rules}
    kept = []
    for diagnostic in diagnostics:
        rule = by_code.get(diagnostic.code)
        try:
            rel = diagnostic.file.relative_to(loaded.base_dir).as_posix()
        except ValueError:
            rel = None
        ignored = (
            rule is not None
            and rel is not None
            and any(
                path_matches(rel, pattern)
                and any(selector_specificity(selector, rule) for selector in selectors)
                for pattern, selectors in table.items()
            )
        )
        if not ignored:
            kept.append(diagnostic)
    return kept

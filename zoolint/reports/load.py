"""Loading metrics and benchmark reports: YAML, parsed once, with positions.

File names, by layout generation: `metrics.yaml` and `benchmarks.yaml` (documented
layout), `eval.yaml` and `benchmark.yaml` (hub layout). A report linted on its own,
outside any model directory, is recognised by its name: one of the above, or
`metric`/`benchmark` in the name of a YAML file whose top-level mapping has the
report's key.
"""

from __future__ import annotations

from typing import Literal

from zoolint.card.load import yaml_limits
from zoolint.io.artifact import Artifact, Broken, Parsed
from zoolint.io.yaml_doc import YamlDoc, YamlError, parse_yaml
from zoolint.model import ModelDir

ReportKind = Literal["metrics", "benchmarks"]

REPORT_FILES: dict[str, tuple[str, ...]] = {
    "metrics": ("metrics.yaml", "eval.yaml"),
    "benchmarks": ("benchmarks.yaml", "benchmark.yaml"),
}


def loose_report_kind(name: str) -> ReportKind | None:
    """The kind a report linted on its own may be, from its file name: one of the
    report names, or a YAML file whose name says `benchmark` or `metric`."""
    lower = name.lower()
    for kind, names in REPORT_FILES.items():
        if lower in names:
            return kind  # type: ignore[return-value]
    if not lower.endswith((".yaml", ".yml")):
        return None
    if "benchmark" in lower:
        return "benchmarks"
    if "metric" in lower:
        return "metrics"
    return None


def _is_loose_report(model: ModelDir, relpath: str, kind: ReportKind) -> bool:
    """A loose file named like a report is one when it is named exactly so, or when its
    top-level mapping has the report's key (`benchmarks:`, `metrics:`); so a CI
    `benchmark_config.yaml` passed by pre-commit is left alone. A file that does not
    parse is taken at its name, to report why."""
    if relpath.lower() in REPORT_FILES[kind]:
        return True
    loaded = model.load(load_report, relpath)
    if not isinstance(loaded, Parsed):
        return True
    value = loaded.value.value
    return isinstance(value, dict) and kind in value


def load_report(model: ModelDir, relpath: str) -> Artifact[YamlDoc]:
    """Loader: a report's YAML document."""
    text = model.text(relpath)
    if not isinstance(text, Parsed):
        return text
    doc = parse_yaml(text.value, **yaml_limits(model))
    if isinstance(doc, YamlError):
        message = f"is not valid YAML: {doc.message}"
        return Broken(relpath, message, line=doc.line, column=doc.column)
    return Parsed(relpath, doc)


def report_paths(model: ModelDir, kind: ReportKind) -> list[str]:
    """The reports of `kind` the directory holds (or the loose file, if it is one)."""
    if model.only_file is not None:
        name = model.only_file
        if loose_report_kind(name) == kind and _is_loose_report(model, name, kind):
            return [name]
        return []
    return [name for name in REPORT_FILES[kind] if model.entry(name) is not None]


def reports(model: ModelDir, kind: ReportKind) -> list[Artifact[YamlDoc]]:
    """Every report of `kind`, loaded (each file once per run)."""
    return [model.load(load_report, relpath) for relpath in report_paths(model, kind)]


def parsed_reports(model: ModelDir, kind: ReportKind) -> list[Parsed[YamlDoc]]:
    return [item for item in reports(model, kind) if isinstance(item, Parsed)]

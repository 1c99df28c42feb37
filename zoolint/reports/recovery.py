"""How much of its baseline a sparse model recovers, for the sparse-category check.

The category in the stub promises a recovery of the baseline's metric: conservative
100%, moderate at least 99%, aggressive less than 99% (SPARSE_CATEGORY in SPEC 1).
The metric is the report's primary one (`primary: true`, else the first). Its
baseline is the `baseline` written beside it, or else the same metric (same name, and
same dataset and split when both say) in the metrics of the `base-none` sibling: the
folder `base-none` next to this model's folder in the zoo tree.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from typing import Any

from zoolint.diagnostics import KeyPath
from zoolint.model import ModelDir
from zoolint.reports.load import parsed_reports
from zoolint.reports.schema import NUMBER_TEXT
from zoolint.rules.base import Zoo
from zoolint.stubs.resolve import zoo_dir_exists

_NUMBER = re.compile(NUMBER_TEXT)
BASELINE_TAG = "base-none"


def as_number(value: Any) -> float | None:
    """A metric value as a number; sloppy numeric strings count (BEN003/MET003 warn)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        if _NUMBER.match(value):
            return float(value.strip().removesuffix("%"))
    return None


@dataclass(frozen=True)
class PrimaryMetric:
    entry: dict[str, Any]
    key_path: KeyPath
    value: float

    @property
    def name(self) -> str:
        return str(self.entry.get("name"))

    @property
    def higher_is_better(self) -> bool:
        return self.entry.get("higher_is_better", True) is not False


def primary_metric(document: Any) -> PrimaryMetric | None:
    metrics = document.get("metrics") if isinstance(document, dict) else None
    if not isinstance(metrics, list):
        return None
    entries = [(i, m) for i, m in enumerate(metrics) if isinstance(m, dict)]
    chosen = next(((i, m) for i, m in entries if m.get("primary") is True), None)
    if chosen is None and entries:
        chosen = entries[0]
    if chosen is None:
        return None
    index, entry = chosen
    value = as_number(entry.get("value"))
    if value is None or not isinstance(entry.get("name"), str):
        return None
    return PrimaryMetric(entry, ("metrics", index), value)


@dataclass(frozen=True)
class Baseline:
    value: float
    source: str  # "in the file" or the sibling's path


def _same_metric(entry: Any, metric: PrimaryMetric) -> bool:
    if not isinstance(entry, dict) or entry.get("name") != metric.name:
        return False
    for key in ("dataset", "split"):
        mine, theirs = metric.entry.get(key), entry.get(key)
        if mine is not None and theirs is not None and mine != theirs:
            return False
    return True


def sibling_baseline_dir(model: ModelDir) -> str | None:
    """The `base-none` sibling's path below the zoo root, when the model is stored by
    stub and is not the baseline itself."""
    if model.path_stub is None:
        return None
    parent, name = posixpath.split(model.relpath)
    if name == BASELINE_TAG:
        return None
    return f"{parent}/{BASELINE_TAG}"


def find_baseline(model: ModelDir, zoo: Zoo, metric: PrimaryMetric) -> Baseline | None:
    written = as_number(metric.entry.get("baseline"))
    if written is not None:
        return Baseline(written, "in the file")
    relpath = sibling_baseline_dir(model)
    if relpath is None:
        return None
    sibling = zoo.by_relpath(relpath)
    if sibling is None:
        if not zoo_dir_exists(model.zoo_root, relpath):
            return None
        sibling = ModelDir(model.zoo_root / relpath, model.zoo_root, model.config)
    for report in parsed_reports(sibling, "metrics"):
        document = report.value.value
        entries = document.get("metrics") if isinstance(document, dict) else None
        for entry in entries if isinstance(entries, list) else []:
            if _same_metric(entry, metric):
                value = as_number(entry.get("value"))
                if value is not None:
                    return Baseline(value, f"{relpath}/{report.path}")
    return None


def recovery(metric: PrimaryMetric, baseline: Baseline) -> float | None:
    """The fraction of the baseline recovered; None when it cannot be a ratio."""
    if metric.value <= 0 or baseline.value <= 0:
        return None
    if metric.higher_is_better:
        return metric.value / baseline.value
    return baseline.value / metric.value

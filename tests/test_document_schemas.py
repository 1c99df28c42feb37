"""The published schemas of cards, metrics and benchmark reports agree with their
pydantic models on every fixture document. (That the files are current is checked for
every schema by tests/test_schemas.py.)"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from pydantic import BaseModel

from zoolint.card.schema import ModelCard, model_card_schema
from zoolint.docschema import (
    SchemaProblem,
    json_compatible,
    jsonschema_problems,
    pydantic_problems,
)
from zoolint.io.frontmatter import Frontmatter, split_frontmatter
from zoolint.io.yaml_doc import YamlDoc, parse_yaml
from zoolint.reports.load import REPORT_FILES, loose_report_kind
from zoolint.reports.schema import (
    BenchmarksReport,
    MetricsReport,
    benchmarks_schema,
    metrics_schema,
)

CASES = Path(__file__).parent / "cases"

PUBLISHED: dict[str, Callable[[], dict[str, Any]]] = {
    "model-card.schema.json": model_card_schema,
    "metrics.schema.json": metrics_schema,
    "benchmarks.schema.json": benchmarks_schema,
}


@pytest.mark.parametrize("name", sorted(PUBLISHED))
def test_published_schema_is_valid(name: str) -> None:
    jsonschema.Draft202012Validator.check_schema(PUBLISHED[name]())


def _card_documents() -> list[tuple[str, Any]]:
    found = []
    for path in sorted(CASES.rglob("*.md")):
        if path.name != "model.md" and "card" not in path.name.lower():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        split = split_frontmatter(text)
        if not isinstance(split, Frontmatter) or not split.present:
            continue
        doc = parse_yaml(split.yaml_text)
        if isinstance(doc, YamlDoc):
            found.append((path.relative_to(CASES).as_posix(), doc.value if doc.value is not None else {}))
    return found


def _report_documents(kind: str) -> list[tuple[str, Any]]:
    found = []
    for path in sorted(CASES.rglob("*.y*ml")):
        if path.name not in REPORT_FILES[kind] and loose_report_kind(path.name) != kind:
            continue
        try:
            doc = parse_yaml(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            continue
        if isinstance(doc, YamlDoc):
            found.append((path.relative_to(CASES).as_posix(), doc.value))
    return found


def _fields(problems: list[SchemaProblem]) -> set[str]:
    """The top-level fields problems are about ("" for the document itself)."""
    return {str(problem.key_path[0]) if problem.key_path else "" for problem in problems}


KINDS: list[tuple[str, type[BaseModel], Callable[[], dict[str, Any]], list[tuple[str, Any]]]] = [
    ("card", ModelCard, model_card_schema, _card_documents()),
    ("metrics", MetricsReport, metrics_schema, _report_documents("metrics")),
    ("benchmarks", BenchmarksReport, benchmarks_schema, _report_documents("benchmarks")),
]


@pytest.mark.parametrize(("kind", "model", "schema", "documents"), KINDS, ids=[k[0] for k in KINDS])
def test_pydantic_and_jsonschema_agree_on_fixtures(
    kind: str, model: type[BaseModel], schema: Callable[[], dict[str, Any]], documents: list[tuple[str, Any]]
) -> None:
    validator = jsonschema.Draft202012Validator(schema())
    verdicts = {True: 0, False: 0}
    for name, document in documents:
        data = json_compatible(document)
        by_pydantic = pydantic_problems(model, data)
        by_jsonschema = jsonschema_problems(validator, data)
        assert bool(by_pydantic) == bool(by_jsonschema), (name, by_pydantic, by_jsonschema)
        assert _fields(by_pydantic) == _fields(by_jsonschema), (name, by_pydantic, by_jsonschema)
        verdicts[not by_pydantic] += 1
    # The fixtures hold both good and bad documents of every kind.
    assert verdicts[True] >= 2 and verdicts[False] >= 2, verdicts


EDGE_DOCUMENTS = [
    {"benchmarks": {"results": [{"batch_size": 1.0, "engine": "e", "scenario": "s", "benchmark_result": {"items_per_sec": 1}}]}},
    {"benchmarks": {"results": [{"batch_size": True, "engine": "e", "scenario": "s", "benchmark_result": {"items_per_sec": 1}}]}},
    {"benchmarks": {"results": [{"batch_size": " 8 ", "engine": "e", "scenario": "s", "benchmark_result": {"items_per_sec": "1e3"}}]}},
    {"benchmarks": {"results": [{"batch_size": 2, "engine": "e", "scenario": "s", "input_shapes": [[2.0, 3]], "benchmark_result": {"items_per_sec": False}}]}},
    {"metrics": [{"name": "top1", "value": float("inf")}]},
    {"metrics": [{"name": "top1", "value": "75.9 %", "baseline": None, "higher_is_better": 1}]},
    {"metrics": [{"name": 5, "value": 1}], "extra": {"free": True}},
]


@pytest.mark.parametrize("document", EDGE_DOCUMENTS)
def test_agreement_on_edge_values(document: dict[str, Any]) -> None:
    model, schema = (BenchmarksReport, benchmarks_schema) if "benchmarks" in document else (MetricsReport, metrics_schema)
    validator = jsonschema.Draft202012Validator(schema())
    by_pydantic = pydantic_problems(model, document)
    by_jsonschema = jsonschema_problems(validator, document)
    assert bool(by_pydantic) == bool(by_jsonschema), (by_pydantic, by_jsonschema)
    assert _fields(by_pydantic) == _fields(by_jsonschema)


def test_card_integer_keys_are_json_keys() -> None:
    document = {1: "x", "commands": {"train": {2: "run"}}}
    data = json_compatible(document)
    assert data == {"1": "x", "commands": {"train": {"2": "run"}}}
    assert not any(p.key_path[:2] == ("commands", "train") for p in pydantic_problems(ModelCard, data))

"""The layout profile schema is generated from the profile model and committed: it must
be current, and every built-in profile must satisfy it."""

from __future__ import annotations

import copy
import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
import yaml
from pydantic import ValidationError

from zoolint.layout.profile import LayoutProfile, layout_profile_schema
from zoolint.layout.profiles import builtin_names, builtin_profile
from zoolint.layout.schema import FILE_NAME, render

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "schemas" / FILE_NAME


def test_committed_schema_is_current() -> None:
    committed = SCHEMA_FILE.read_text(encoding="utf-8")
    assert committed == render(), (
        f"{SCHEMA_FILE} is stale: run `python -m zoolint.layout.schema` and commit it"
    )


def test_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(layout_profile_schema())


def _builtin_documents() -> list[tuple[str, dict]]:
    folder = resources.files("zoolint") / "layouts"
    return [
        (name, yaml.safe_load((folder / f"{name}.yaml").read_text(encoding="utf-8")))
        for name in builtin_names()
    ]


@pytest.mark.parametrize("name, document", _builtin_documents(), ids=lambda v: v if isinstance(v, str) else "")
def test_builtin_profiles_validate(name: str, document: dict) -> None:
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA_FILE.read_text()))
    assert sorted(error.message for error in validator.iter_errors(document)) == []
    assert builtin_profile(name) == LayoutProfile.model_validate(document)


def test_builtin_sparsezoo_has_three_generations() -> None:
    names = [generation.name for generation in builtin_profile("sparsezoo").generations]
    assert names == ["documented", "hub", "legacy"]


def test_schema_and_model_reject_the_same_mistakes() -> None:
    document = dict(_builtin_documents())["sparsezoo"]
    validator = jsonschema.Draft202012Validator(layout_profile_schema())
    for mutate in (
        lambda d: d["generations"][0]["slots"][0].update(level="mandatory"),
        lambda d: d["generations"][0]["slots"][0]["entries"][0].update(pattern="m*"),
        lambda d: d["generations"][0]["slots"][0]["entries"][0].update(kind="dir"),
        lambda d: d.update(unknown_key=1),
        lambda d: d.update(profile_version=2),
        lambda d: d["generations"][0]["slots"][0].update(entries=[]),
    ):
        broken = copy.deepcopy(document)
        mutate(broken)
        assert not validator.is_valid(broken)
        with pytest.raises(ValidationError):
            LayoutProfile.model_validate(broken)

"""The onnxruntime compatibility table and target requirements."""

from __future__ import annotations

import pytest

from zoolint.config.loader import ConfigError, build_config
from zoolint.graph.runtime import RELEASES, TargetError, oldest_admitted, parse_target


@pytest.mark.parametrize(
    ("requirement", "release", "ir", "opset"),
    [
        ("onnxruntime>=1.16", "1.16", 9, 19),
        ("onnxruntime>=1.16.3", "1.16", 9, 19),
        ("onnxruntime~=1.18.0", "1.18", 10, 21),
        (">=1.14,<1.17", "1.14", 8, 18),
        ("onnxruntime==1.23.*", "1.23", 11, 23),
        ("1.20", "1.20", 10, 21),
        ("onnxruntime-gpu>=1.17", "1.17", 9, 20),
    ],
)
def test_the_oldest_admitted_release_decides(requirement: str, release: str, ir: int, opset: int) -> None:
    found = oldest_admitted(requirement)
    assert found is not None
    assert (found.release, found.max_ir_version, found.max_opset, found.documented) == (release, ir, opset, True)


def test_an_undocumented_release_is_assumed_like_the_last_documented_one() -> None:
    found = oldest_admitted("onnxruntime==1.27.*")
    assert found is not None
    assert (found.documented, found.assumed_from, found.max_ir_version, found.max_opset) == (False, "1.23", 11, 23)


def test_the_table_has_every_minor_release_in_order() -> None:
    ones = [int(r.release.split(".")[1]) for r in RELEASES if r.release.startswith("1.")]
    assert ones == list(range(0, 32))
    assert all(a.max_opset <= b.max_opset and a.max_ir_version <= b.max_ir_version for a, b in zip(RELEASES, RELEASES[1:]))


def test_no_release_admitted() -> None:
    assert oldest_admitted("onnxruntime>=9.0") is None


@pytest.mark.parametrize("requirement", ["deepsparse>=1.5", "onnxruntime>=>1"])
def test_bad_targets_are_refused(requirement: str) -> None:
    with pytest.raises(TargetError):
        parse_target(requirement)
    with pytest.raises(ConfigError, match="target-runtime"):
        build_config({"graph": {"target-runtime": requirement}}, {}, "zoolint.toml")

"""Every fixture case under tests/cases/ reports exactly its expected diagnostics."""

from __future__ import annotations

from pathlib import Path

import pytest

from case_runner import all_cases, case_id, run_case


@pytest.mark.parametrize("case_dir", all_cases(), ids=case_id)
def test_case(case_dir: Path, tmp_path: Path) -> None:
    actual, expected = run_case(case_dir, tmp_path)
    assert actual == expected

"""Every shared vector case through the Python API (see ``vectors.py`` for the rules)."""

from __future__ import annotations

from typing import Any

import pytest

from vectors import load_cases, mismatches, run

CASES = load_cases()


def test_vector_files_are_found() -> None:
    assert len(CASES) > 100


@pytest.mark.parametrize("name,case", CASES, ids=[name for name, _ in CASES])
def test_vector_case(name: str, case: dict[str, Any]) -> None:
    assert isinstance(case.get("source"), str), f"{name}: every case names its source"
    actual = run(case["function"], case["input"])
    errors = mismatches(
        case["expected"], actual, case.get("tolerance", 1e-9), name, case.get("exact_decimals", False)
    )
    assert not errors, "\n".join(errors)

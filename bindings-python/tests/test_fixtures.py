"""The benchmark fixtures are the same records in Python as in Rust and Node: each dataset's
canonical JSON hashes to the SHA-256 committed in ``tests/fixture_digests.json`` (rules in
``tests/fixtures.rs``: keys sorted, nulls left out, decimals as strings, instants
``YYYY-MM-DDTHH:MM:SSZ``, dates ``YYYY-MM-DD``)."""

from __future__ import annotations

import datetime
import hashlib
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import edgecore

DIGESTS = json.loads((Path(__file__).resolve().parents[2] / "tests" / "fixture_digests.json").read_text())
CASES = [(c["dataset"], c["seed"], c["size"], c["sha256"]) for c in DIGESTS["cases"]]


def plain(value: Any) -> Any:
    """`value` as JSON data under the canonical rules."""
    if hasattr(value, "to_dict"):
        value = value.to_dict()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def digest(dataset: str, seed: int, size: int) -> str:
    records = getattr(edgecore, f"{dataset}_fixture")(seed, size)
    text = json.dumps(plain(records), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


@pytest.mark.parametrize("dataset,seed,size,sha256", CASES)
def test_fixture_digest(dataset: str, seed: int, size: int, sha256: str) -> None:
    assert digest(dataset, seed, size) == sha256


def test_fixtures_are_records_of_the_package() -> None:
    season = edgecore.season_fixture(3, 2)
    assert isinstance(season, edgecore.Generated)
    assert len(season.snapshots) == 150
    loans = edgecore.loans_fixture(3, 10)
    assert all(isinstance(loan, edgecore.Loan) for loan in loans)
    assert len(edgecore.amortization_schedule(loans[0]).rows) == loans[0].months
    table = edgecore.subscribers_fixture(3, 10)
    assert all(p.date < edgecore.FIXTURE_AS_OF for s in table for p in s.payments)
    bets = edgecore.bet_history_fixture(3, 10)
    assert all(b.outcome is not None for b in bets)


@pytest.mark.parametrize("seed,size", [(-1, 1), (1, -1), (2**64, 1), (1, 1_000_001)])
def test_bad_seed_or_size(seed: int, size: int) -> None:
    with pytest.raises(edgecore.InvalidParameterError):
        edgecore.loans_fixture(seed, size)

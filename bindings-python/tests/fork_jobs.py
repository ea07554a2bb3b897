"""The parallel functions at sizes above their thresholds, so each one runs on the thread
pool: what the fork tests run in parents, pool workers and forked children. A module of its
own, so workers started by "spawn" or "forkserver" can import it. Each job returns bytes
(array contents, or the repr of the records), compared exactly between processes."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Callable

import numpy as np

import edgecore as ec

AS_OF = dt.date(2024, 6, 30)


@lru_cache(maxsize=None)
def _odds() -> np.ndarray:
    rng = np.random.default_rng(7)
    return 1.0 / (rng.dirichlet([3, 2, 2], size=20_000) * 1.05)


@lru_cache(maxsize=None)
def _subscribers() -> ec.SubscriberBatch:
    return ec.SubscriberBatch(
        [
            {
                "id": f"s{i}",
                "signup": dt.date(2023, 1, 1) + dt.timedelta(days=i % 300),
                "subscriptions": [
                    {"plan": "std", "monthly_amount": str(5 + i % 20), "start": "2023-01-01", "end": None}
                ],
                "payments": [
                    {"date": dt.date(2024, m, 1), "amount": "9.99", "succeeded": (i * m) % 7 != 0}
                    for m in range(1, 7)
                ],
            }
            for i in range(3_000)
        ]
    )


@lru_cache(maxsize=None)
def _season() -> ec.Generated:
    return ec.generate({"seed": 11, "events": 2_100, "bookmakers": 3, "days_open": 1, "poll_hours": [10]})


def _board() -> ec.Board:
    season = _season()
    history = ec.History(season.snapshots)
    assert history.markets >= 4_096, "the board must be large enough to run in parallel"
    return ec.Board.at(history, history.last_capture)


def _loans() -> list[ec.Loan]:
    return [
        ec.Loan(principal=100_000 + 1_000 * i, annual_rate_pct="3.5", months=240, kind="annuity", first_payment=dt.date(2020, 1, 5))
        for i in range(300)
    ]


JOBS: dict[str, Callable[[], bytes]] = {
    "devig_batch": lambda: ec.devig_batch(_odds(), method="shin").tobytes(),
    "kelly_fraction_batch": lambda: ec.kelly_fraction_batch(_odds()[:, 0], np.full(20_000, 0.45)).tobytes(),
    "clv_batch": lambda: ec.clv_batch(np.tile(_odds()[:, 1], 4), np.tile(_odds()[:, 2], 4)).tobytes(),
    "pmt": lambda: ec.pmt(0.004, 240, np.linspace(1e4, 5e5, 50_000)).tobytes(),
    "risk_score_batch": lambda: repr(ec.risk_score_batch(_subscribers(), AS_OF)).encode(),
    "remaining_capital_batch": lambda: repr(ec.remaining_capital_batch(_loans(), AS_OF)).encode(),
    "scan_spreads": lambda: repr(ec.scan_spreads(_board()).reports[:50]).encode(),
}

NAMES = sorted(JOBS)


def run(name: str) -> bytes:
    """One job's result."""
    return JOBS[name]()


def run_all() -> dict[str, bytes]:
    """Every job's result, by name."""
    return {name: run(name) for name in NAMES}

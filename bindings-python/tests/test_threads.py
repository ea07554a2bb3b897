"""Batch functions release the GIL and are safe to call from many threads at once: the
results under contention equal the results of a single call."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable

import numpy as np

import edgecore as ec


def subscribers(n: int) -> list[ec.Subscriber]:
    return [
        ec.Subscriber(
            id=f"s{i}",
            signup=dt.date(2023, 1, 1) + dt.timedelta(days=i % 300),
            subscriptions=[{"plan": "std", "monthly_amount": str(5 + i % 20), "start": "2023-01-01", "end": None}],
            payments=[
                {"date": dt.date(2024, m, 1), "amount": "9.99", "succeeded": (i * m) % 7 != 0} for m in range(1, 7)
            ],
        )
        for i in range(n)
    ]


def test_concurrent_batches_agree_with_a_single_call() -> None:
    rng = np.random.default_rng(7)
    odds = 1.0 / (rng.dirichlet([3, 2, 2], size=20_000) * 1.05)
    subs = subscribers(5_000)
    as_of = dt.date(2024, 6, 30)
    jobs: list[Callable[[], Any]] = [
        lambda: ec.devig_batch(odds, method="shin"),
        lambda: ec.kelly_fraction(odds[:, 0], 0.4),
        lambda: ec.pmt(0.004, 240, np.linspace(1e4, 5e5, 50_000)),
        lambda: [s.score for s in ec.risk_score_batch(subs, as_of)],
    ]
    expected = [job() for job in jobs]
    with ThreadPoolExecutor(max_workers=8) as pool:
        futures = [(i, pool.submit(jobs[i])) for _ in range(6) for i in range(len(jobs))]
        for i, future in futures:
            got = future.result()
            if isinstance(got, np.ndarray):
                assert np.array_equal(got, expected[i])
            else:
                assert got == expected[i]


def test_progress_callbacks_from_worker_threads() -> None:
    subs = subscribers(20_000)
    seen: list[tuple[int, int]] = []
    scores = ec.risk_score_batch(subs, dt.date(2024, 6, 30), progress=lambda d, t: seen.append((d, t)))
    assert len(scores) == len(subs)
    assert seen and seen[-1] == (len(subs), len(subs))
    assert all(t == len(subs) for _, t in seen)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)

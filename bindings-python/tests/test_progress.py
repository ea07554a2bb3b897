"""`progress=` on every long batch: the callable sees `(done, total)` strictly increasing and
ending at `(total, total)`, the result is the plain call's, an error mid-batch is typed and
names the first bad item, and an empty batch makes no call."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import numpy as np
import pytest

import edgecore as ec

N = 10_000


def recorded(call: Callable[[Any], Any]) -> tuple[Any, list[tuple[int, int]]]:
    """`call(progress)` with a recorder; returns its result and the reports."""
    steps: list[tuple[int, int]] = []
    return call(lambda done, total: steps.append((done, total))), steps


def check_steps(steps: list[tuple[int, int]], total: int) -> None:
    assert steps, "no report"
    assert all(a[0] < b[0] for a, b in zip(steps, steps[1:])), steps
    assert all(t == total for _, t in steps)
    assert steps[-1] == (total, total)


def same(a: Any, b: Any) -> bool:
    if isinstance(a, np.ndarray):
        return bool(np.array_equal(a, b))
    return [x.to_dict() if hasattr(x, "to_dict") else x for x in a] == [
        x.to_dict() if hasattr(x, "to_dict") else x for x in b
    ]


def columns() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    i = np.arange(N)
    return 1.5 + (i % 97) / 10, 1.6 + (i % 89) / 10, (i % 100) / 100


def bets_and_results() -> tuple[list[dict[str, Any]], list[tuple[int, int]]]:
    bets = [b.to_dict() for b in ec.bet_history_fixture(3, N)]
    results = [(i % 4, i % 3) for i in range(N)]
    return bets, results


def bets_and_keyed_results() -> tuple[list[dict[str, Any]], dict[str, tuple[int, int]]]:
    """One event per bet; every third event has no result yet (its bet is pending)."""
    bets, results = bets_and_results()
    for i, bet in enumerate(bets):
        bet["event_id"] = f"e{i}"
    return bets, {f"e{i}": r for i, r in enumerate(results) if i % 3 != 0}


def profiles(n: int) -> list[dict[str, Any]]:
    return [{"cash": [{"name": "current", "amount": Decimal(i) / 100}]} for i in range(n)]


NOW = dt.datetime(2026, 3, 15, 12, tzinfo=dt.timezone.utc)
OPTIONS = {"as_of": NOW, "max_price_age_seconds": 3600}
AS_OF = dt.date(2026, 3, 15)

# name, plain call, call with progress (each taking the batch's inputs), inputs, total.
BATCHES: list[tuple[str, Callable[..., Any], Any, int]] = [
    ("clv_batch", ec.clv_batch, lambda: columns()[:2], N),
    ("kelly_fraction_batch", ec.kelly_fraction_batch, lambda: (columns()[0], columns()[2]), N),
    ("settle_batch", ec.settle_batch, bets_and_results, N),
    ("settle_by_event", ec.settle_by_event, bets_and_keyed_results, N),
    ("remaining_capital_batch", ec.remaining_capital_batch, lambda: (ec.loans_fixture(5, 5000), AS_OF), 5000),
    ("net_worth_batch", ec.net_worth_batch, lambda: (profiles(5000), {"prices": {}}, OPTIONS), 5000),
    ("devig_batch", ec.devig_batch, lambda: (np.tile([2.0, 3.4, 3.9], (N, 1)), "shin"), N),
]


@pytest.mark.parametrize("name,fn,inputs,total", BATCHES, ids=[b[0] for b in BATCHES])
def test_progress_reports_every_item_and_the_result_is_the_plain_one(
    name: str, fn: Callable[..., Any], inputs: Callable[[], tuple[Any, ...]], total: int
) -> None:
    args = inputs()
    plain = fn(*args)
    reported, steps = recorded(lambda p: fn(*args, progress=p))
    assert same(plain, reported), name
    check_steps(steps, total)
    fn(*args, progress=True)  # a tqdm bar, or nothing without tqdm


def test_an_empty_batch_makes_no_report() -> None:
    empty = np.array([], dtype=float)
    for call in [
        lambda p: ec.clv_batch(empty, empty, progress=p),
        lambda p: ec.kelly_fraction_batch(empty, empty, progress=p),
        lambda p: ec.settle_batch([], [], progress=p),
        lambda p: ec.settle_by_event([], {"e1": (1, 0)}, progress=p),
        lambda p: ec.remaining_capital_batch([], AS_OF, progress=p),
        lambda p: ec.net_worth_batch([], {"prices": {}}, OPTIONS, progress=p),
    ]:
        result, steps = recorded(call)
        assert len(result) == 0 and steps == []


def test_an_error_mid_batch_is_typed_and_names_the_first_bad_item() -> None:
    taken, close, probability = columns()
    bad = taken.copy()
    bad[N - 2], bad[N // 2] = 0.5, 0.25
    for fn, args in [(ec.clv_batch, (bad, close)), (ec.kelly_fraction_batch, (bad, probability))]:
        steps: list[tuple[int, int]] = []
        with pytest.raises(ec.InvalidOddsError, match="0.25"):
            fn(*args, progress=lambda d, t: steps.append((d, t)))
        assert all(d < N for d, _ in steps)

    bets, results = bets_and_results()
    bets[N - 2]["stake"] = "-1"
    bets[N // 2]["stake"] = "-7.77"
    with pytest.raises(ec.InvalidAmountError, match="-7.77"):
        ec.settle_batch(bets, results, progress=lambda d, t: None)

    keyed, by_event = bets_and_keyed_results()
    keyed[3000]["stake"] = "-3"  # pending: never settled, so never refused
    keyed[N - 2]["stake"] = "-1"
    keyed[N // 2]["stake"] = "-7.77"
    steps.clear()
    with pytest.raises(ec.InvalidAmountError, match="-7.77"):
        ec.settle_by_event(keyed, by_event, progress=lambda d, t: steps.append((d, t)))
    assert all(d < N for d, _ in steps)
    assert sum(s is None for s in ec.settle_by_event(keyed[:N // 2], by_event, progress=lambda d, t: None)) == (N // 2 + 2) // 3

    worth = profiles(5000)
    worth[4000]["cash"][0]["amount"] = Decimal("-3.21")
    with pytest.raises(ec.InvalidAmountError, match="-3.21"):
        ec.net_worth_batch(worth, {"prices": {}}, OPTIONS, progress=lambda d, t: None)

    with pytest.raises(ec.LengthMismatchError):
        ec.settle_batch(bets, results[:-1], progress=lambda d, t: pytest.fail("reported"))


def test_an_exception_of_the_callable_is_raised_after_the_run() -> None:
    class Stop(Exception):
        pass

    def stop(done: int, total: int) -> None:
        raise Stop(f"{done}/{total}")

    taken, close, _ = columns()
    with pytest.raises(Stop):
        ec.clv_batch(taken, close, progress=stop)
    with pytest.raises(TypeError, match="progress must be"):
        ec.clv_batch(taken, close, progress=3)


def test_the_time_value_functions_report_their_array_form() -> None:
    rate = (np.arange(N) % 50) / 1000
    nper = 1.0 + np.arange(N) % 360
    calls: list[tuple[str, Callable[[Any], Any]]] = [
        ("pmt", lambda p: ec.pmt(rate, nper, 100_000, progress=p)),
        ("ipmt", lambda p: ec.ipmt(rate, 1, nper, 100_000, progress=p)),
        ("ppmt", lambda p: ec.ppmt(rate, 1, nper, 100_000, progress=p)),
        ("pv", lambda p: ec.pv(rate, nper, -500, progress=p)),
        ("fv", lambda p: ec.fv(rate, nper, -500, 100_000, progress=p)),
        ("nper", lambda p: ec.nper(rate, -10_000, 100_000, progress=p)),
        ("rate", lambda p: ec.rate(12 + rate * 1000, -10_000, 100_000, progress=p)),
    ]
    for name, call in calls:
        plain = call(None)
        reported, steps = recorded(call)
        assert np.array_equal(plain, reported), name
        check_steps(steps, N)
    # A 2-D broadcast counts its output values.
    _, steps = recorded(lambda p: ec.pmt(rate.reshape(100, 100), 360, np.array([[1e5]] * 100), progress=p))
    check_steps(steps, N)
    # Scalars make no report.
    assert recorded(lambda p: ec.pmt(0.01, 12, 1000, progress=p))[1] == []
    bad = rate.copy()
    bad[N - 2], bad[N // 2] = -2.0, -1.5
    steps = []
    with pytest.raises(ec.InvalidParameterError, match="-1.5"):
        ec.pmt(bad, nper, 100_000, progress=lambda d, t: steps.append((d, t)))
    assert all(d < N for d, _ in steps)

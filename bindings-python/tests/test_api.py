"""The Python surface: records from keywords and dicts, results with attributes, repr and
to_dict, Series inputs, numpy broadcasting, progress reporting, numpy-financial and pyxirr
conventions."""

from __future__ import annotations

import datetime as dt
import inspect
import subprocess
import sys
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd
import polars as pl
import pytest

import edgecore as ec

UTC = dt.timezone.utc


def test_records_from_keywords_and_dicts_are_equal() -> None:
    fields: dict[str, Any] = {
        "id": "b1", "event_id": "e1", "league": "soccer_epl", "market": "totals", "line": "2.5",
        "selection": "over", "bookmaker": "bet365", "odds": Decimal("2.05"), "stake": 10,
        "placed_at": dt.datetime(2025, 3, 1, 12, tzinfo=UTC), "source": "manual",
        "outcome": None, "closing_odds": "1.94", "closing_probability": None,
    }
    from_kwargs = ec.Bet(**fields)
    from_dict = ec.Bet(fields)
    assert from_kwargs == from_dict
    assert from_kwargs.line == Decimal("2.5") and from_kwargs.stake == Decimal(10)
    assert from_kwargs.placed_at == dt.datetime(2025, 3, 1, 12, tzinfo=UTC)
    assert ec.Bet(from_kwargs.to_dict()) == from_kwargs
    assert "Bet(id='b1'" in repr(from_kwargs)
    # an aware datetime in another zone is the same instant; a naive one is refused
    paris = dt.timezone(dt.timedelta(hours=1))
    assert ec.Bet({**fields, "placed_at": dt.datetime(2025, 3, 1, 13, tzinfo=paris)}) == from_kwargs
    with pytest.raises(ec.InvalidRecordError, match="placed_at: .*not a naive one"):
        ec.Bet({**fields, "placed_at": dt.datetime(2025, 3, 1, 12)})


def test_results_have_attributes_repr_and_to_dict() -> None:
    d = ec.devig([4.2, 3.7, 1.95], method="shin")
    assert d.method == "shin" and d.iterations > 0
    assert abs(d.probabilities[0] - 0.231572) < 1e-6
    assert set(d.to_dict()) == {"method", "probabilities", "fair_odds", "margin", "parameter", "iterations"}
    assert repr(d).startswith("Devig(method='shin'")
    s = ec.amortization_schedule(150_000, 10, 36, dt.date(2024, 1, 5))
    assert s.payment == Decimal("4840.08")
    row = s.rows[0]
    assert (row.number, row.date, row.interest) == (1, dt.date(2024, 1, 5), Decimal("1250.00"))
    assert s.to_dict()["rows"][0]["remaining"] == row.remaining


def test_series_and_arrays_broadcast() -> None:
    taken = [2.05, 2.10, 1.90]
    expected = ec.clv(np.array(taken), 1.94)
    assert isinstance(ec.clv(2.05, 1.94), float)
    assert np.allclose(ec.clv(pd.Series(taken), 1.94), expected)
    assert np.allclose(ec.clv(pl.Series(taken), 1.94), expected)
    assert ec.kelly_fraction(np.array([[2.0], [3.0]]), [0.5, 0.6]).shape == (2, 2)
    frame = pd.DataFrame({"home": [2.1, 1.8], "draw": [3.4, 3.6], "away": [3.5, 4.8]})
    batch = ec.devig_batch(frame.to_numpy(), method="power")
    assert batch.shape == (2, 3) and np.allclose(batch.sum(axis=1), 1.0)
    assert np.array_equal(ec.devig_batch(frame.to_numpy().ravel(), width=3, method="power"), batch.ravel())


def test_tvm_follows_numpy_financial_conventions() -> None:
    rate, nper, pv = 0.075 / 12, 15 * 12, 200_000.0
    closed_form = -pv * rate / (1 - (1 + rate) ** -nper)
    assert abs(ec.pmt(rate, nper, pv) - closed_form) < 1e-9
    assert ec.pmt(rate, nper, pv, when="begin") == ec.pmt(rate, nper, pv, 0, 1)
    assert abs(ec.pmt(rate, nper, pv, when="begin") - closed_form / (1 + rate)) < 1e-9
    per = np.arange(1, nper + 1)
    assert np.allclose(ec.ipmt(rate, per, nper, pv) + ec.ppmt(rate, per, nper, pv), closed_form)
    assert abs(ec.fv(0.05 / 12, 120, -100, -100)) > 0
    assert abs(ec.npv(0.08, [-40_000, 5_000, 8_000, 12_000, 30_000]) - 3065.2226681795255) < 1e-8
    assert ec.npv([0.0, 0.08], [-1, 1]).shape == (2,)


def test_xirr_accepts_pyxirr_inputs() -> None:
    dates = [dt.date(2008, 1, 1), dt.date(2008, 3, 1), dt.date(2008, 10, 30), dt.date(2009, 2, 15), dt.date(2009, 4, 1)]
    amounts = [-10_000.0, 2750.0, 4250.0, 3250.0, 2750.0]
    expected = 0.3733625335
    assert abs(ec.xirr(dates, amounts) - expected) < 1e-9
    assert abs(ec.xirr([d.isoformat() for d in dates], amounts) - expected) < 1e-9
    assert abs(ec.xirr(dict(zip(dates, amounts))) - expected) < 1e-9
    assert abs(ec.xirr(zip(dates, amounts)) - expected) < 1e-9
    assert abs(ec.xirr(np.array(dates, dtype="datetime64[D]"), np.array(amounts)) - expected) < 1e-9
    assert abs(ec.xirr(pd.Series(pd.to_datetime(dates)), pd.Series(amounts)) - expected) < 1e-9
    assert abs(ec.xnpv(expected, dates, amounts)) < 1e-6


def test_xirr_reads_every_form_of_a_date_list_alike() -> None:
    """Lists and tuples of exact dates/datetimes and floats are read in one pass; date
    subclasses, ISO strings, ints and mixed lists take the item-by-item route. All agree."""

    class Day(dt.date):
        pass

    dates = [dt.date(2008, 1, 1), dt.date(2008, 3, 1), dt.date(2008, 10, 30), dt.date(2009, 2, 15), dt.date(2009, 4, 1)]
    amounts = [-10_000.0, 2750.0, 4250.0, 3250.0, 2750.0]
    expected = ec.xirr(dates, amounts)
    assert abs(expected - 0.3733625335) < 1e-9
    variants = [
        (tuple(dates), tuple(amounts)),
        ([dt.datetime(d.year, d.month, d.day, 17, 30, tzinfo=UTC) for d in dates], amounts),
        ([Day(d.year, d.month, d.day) for d in dates], amounts),
        ([dates[0].isoformat(), *dates[1:]], amounts),
        (dates, [int(a) for a in amounts]),
        (dates, [Decimal(str(a)) for a in amounts]),
        (dates, [amounts[0], *map(np.float64, amounts[1:])]),
    ]
    for d, a in variants:
        assert ec.xirr(d, a) == pytest.approx(expected, abs=1e-12), (d, a)
    # Extreme years read back exactly.
    assert ec.year_fraction(dt.date(1, 1, 1), dt.date(9999, 12, 31)) == pytest.approx(3_652_058 / 365)
    assert ec.xnpv(0.0, [dt.date(1, 1, 1), dt.date(9999, 12, 31)], [-1.0, 2.0]) == 1.0
    with pytest.raises(ec.InvalidParameterError, match="not a date"):
        ec.xirr([*dates[:-1], "not a date"], amounts)
    with pytest.raises(ec.InvalidParameterError, match="amounts"):
        ec.xirr(dates, [*amounts[:-1], "x"])


def test_tvm_broadcasts_single_values_without_repeating_them() -> None:
    """Numbers and one-element arrays stand for every row; other shapes broadcast as numpy."""
    rate = np.array([0.004, 0.005, 0.006])
    full = ec.pmt(rate, np.full(3, 360.0), np.full(3, 200_000.0), np.zeros(3))
    assert np.array_equal(ec.pmt(rate, 360, 200_000), full)
    assert np.array_equal(ec.pmt(rate, np.array([360.0]), [200_000.0]), full)
    grid = ec.pmt(rate[:, None], np.array([120.0, 240.0, 360.0]), 200_000)
    assert grid.shape == (3, 3) and grid[:, 2].tolist() == full.tolist()
    assert ec.pmt(np.array([[0.005]]), 360, 200_000).shape == (1, 1)
    assert ec.fv(np.array([]), 12, -100, 0).shape == (0,)
    assert ec.fv(0.01, np.zeros((2, 0)), -100, 0).shape == (2, 0)
    with pytest.raises(ec.LengthMismatchError):
        ec.pmt(rate, np.array([120.0, 240.0]), 200_000)


def test_progress_true_uses_tqdm_and_a_callable_sees_every_step() -> None:
    history = ec.History(ec.generate({"events": 10, "bookmakers": 3}).snapshots)
    generated = ec.generate({"events": 10, "bookmakers": 3})
    steps: list[tuple[int, int]] = []
    run = ec.backtest(history, generated.events, generated.results, progress=lambda d, t: steps.append((d, t)))
    assert steps[-1] == (len(history), len(history))
    assert len(run.runs) == 4
    ec.risk_score_batch([{"id": "s", "signup": "2024-01-01"}], dt.date(2024, 6, 1), progress=True)


def test_progress_exceptions_propagate() -> None:
    class Stop(Exception):
        pass

    def stop(done: int, total: int) -> None:
        raise Stop(f"{done}/{total}")

    subscribers = [{"id": f"s{i}", "signup": "2024-01-01"} for i in range(10_000)]
    with pytest.raises(Stop):
        ec.risk_score_batch(subscribers, dt.date(2024, 6, 1), progress=stop)


def test_progress_true_without_tqdm_is_silent() -> None:
    code = (
        "import sys, datetime; sys.modules['tqdm'] = None; import edgecore as ec; "
        "s = ec.risk_score_batch([{'id': 's', 'signup': '2024-01-01'}], datetime.date(2024, 6, 1), progress=True); "
        "print(len(s))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "1" and out.stderr == ""


def test_every_function_and_class_has_a_docstring() -> None:
    for name in ec.__all__:
        item = getattr(ec, name)
        if callable(item):
            assert item.__doc__ and len(item.__doc__) > 20, name


def test_docstrings_start_with_the_text_and_signatures_come_from_the_binding() -> None:
    """`help()` shows the signature the binding declares once, never a hand-written copy
    above a stray `--`; the signature itself is introspectable."""
    for name in ec.__all__:
        item = getattr(ec, name)
        members = [item] + [getattr(item, m) for m in vars(item) if not m.startswith("_")] if isinstance(item, type) else [item]
        for member in members:
            doc = getattr(member, "__doc__", None) or ""
            assert "\n--\n" not in doc and not doc.startswith("--"), f"{name}: {doc[:60]!r}"
        if callable(item) and not isinstance(item, type) and name[0].islower():
            inspect.signature(item)


def test_subscriber_batch_scores_like_a_list() -> None:
    subscribers = [
        {"id": f"s{i}", "signup": "2023-01-01", "payments": [{"date": "2024-05-01", "amount": "9.99", "succeeded": i % 2 == 0}]}
        for i in range(3000)
    ]
    batch = ec.SubscriberBatch(subscribers)
    assert len(batch) == 3000
    as_of = dt.date(2024, 6, 30)
    from_batch = ec.risk_score_batch(batch, as_of)
    assert from_batch == ec.risk_score_batch(subscribers, as_of)
    assert from_batch == ec.risk_score_batch([ec.Subscriber(s) for s in subscribers], as_of)
    summary = ec.risk_summary(from_batch)
    assert summary.total == 3000 and summary.failed_payment_count == 1500

"""Tables out: lists of records (``edgecore.Records``) and results holding a table convert to
pandas and polars DataFrames built from columns, one per field, equal to the records'
``to_dict()`` row by row; money stays an exact Decimal."""

from __future__ import annotations

import datetime as dt
import pickle
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd
import polars as pl
import pytest
from samples import samples

import edgecore as ec


def rows_of(records: list[Any]) -> list[dict[str, Any]]:
    return [r.to_dict() for r in records]


def assert_frames_match(records: list[Any], pandas_frame: pd.DataFrame, polars_frame: pl.DataFrame) -> None:
    expected = rows_of(records)
    assert len(pandas_frame) == len(polars_frame) == len(expected)
    assert list(pandas_frame.columns) == list(polars_frame.columns) == list(expected[0])
    for i, row in enumerate(expected):
        for name, value in row.items():
            got = pandas_frame[name].iloc[i]
            if isinstance(value, float) or value is None:
                assert (pd.isna(got) and value is None) or got == value, (name, got, value)
            else:
                assert got == value, (name, got, value)
        assert polars_frame.row(i, named=True).keys() == row.keys()


def test_function_results_are_records_lists() -> None:
    scores = samples()[ec.Records]
    assert isinstance(scores, list) and isinstance(scores, ec.Records)
    assert pickle.loads(pickle.dumps(scores)) == scores


@pytest.mark.parametrize(
    "make",
    [
        lambda: ec.risk_score_batch(samples()[ec.SubscriberBatch], dt.date(2024, 6, 30)),
        lambda: ec.breakdown(samples()[ec.Backtest].runs[0].bets, "bookmaker"),
        lambda: ec.find_anomalies(samples()[ec.Board]),
        lambda: ec.board_quotes(samples()[ec.History], samples()[ec.Board].as_of),
        lambda: ec.Records(samples()[ec.Spreads].reports),
    ],
    ids=["risk_batch", "breakdown", "opportunities", "quotes", "spread_reports"],
)
def test_records_to_pandas_and_polars(make: Any) -> None:
    records = make()
    assert records, "the sample must not be empty"
    assert_frames_match(records, records.to_pandas(), records.to_polars())


def test_schedule_heatmap_and_backtest_bets_have_frames() -> None:
    schedule = samples()[ec.Schedule]
    frame = schedule.to_pandas()
    assert_frames_match(schedule.rows, frame, schedule.to_polars())
    assert frame["interest"].sum() == schedule.total_interest  # exact Decimal sums
    assert schedule.to_polars()["remaining"].dtype == pl.Decimal(scale=2) or schedule.to_polars()["remaining"].dtype.is_decimal()
    heatmap = samples()[ec.Heatmap]
    assert_frames_match(heatmap.cells, heatmap.to_pandas(), heatmap.to_polars())
    run = samples()[ec.Backtest].runs[0]
    assert_frames_match(run.bets, run.to_pandas(), run.to_polars())


def test_schedule_columns_frames_share_the_arrays() -> None:
    table = samples()[ec.ScheduleColumns]
    frame = table.to_pandas()
    assert list(frame.columns) == [
        "dates", "payment_cents", "interest_cents", "principal_cents", "insurance_cents", "remaining_cents",
    ]
    assert np.array_equal(frame["remaining_cents"].to_numpy(), table.remaining_cents)
    assert frame["dates"].dtype.kind == "M"
    polars_frame = table.to_polars()
    assert polars_frame["interest_cents"].sum() * Decimal("0.01") == table.total_interest
    assert polars_frame.height == len(table)


def test_empty_and_mixed_lists() -> None:
    assert ec.Records().to_pandas().empty and ec.Records().to_polars().is_empty()
    mixed = ec.Records([ec.devig([2.0, 2.0]), ec.EventResult.cancelled()])
    with pytest.raises(ec.InvalidRecordError, match="one class"):
        mixed.to_pandas()
    with pytest.raises(ec.InvalidRecordError, match="not an edgecore record"):
        ec.Records([1, 2]).to_polars()

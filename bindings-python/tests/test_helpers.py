"""The small functions of the core exposed as they are (bet payouts, market rules, outcome,
risk-level and window helpers, floats and amounts, board quotes) and the amortization table
as numpy columns: values from the core's doc examples and unit tests, and a bad input for
each that raises the right error class."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import numpy as np
import pytest

import edgecore as ec

UTC = dt.timezone.utc


def bet(**changes: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": "b1",
        "event_id": "e1",
        "league": "soccer_epl",
        "market": "totals",
        "line": Decimal("2.25"),
        "selection": "over",
        "bookmaker": "pinnacle",
        "odds": Decimal("1.95"),
        "stake": Decimal("10"),
        "placed_at": dt.datetime(2025, 3, 1, 12, tzinfo=UTC),
        "source": "manual",
        "outcome": "half_won",
        "closing_odds": None,
        "closing_probability": None,
    }
    record.update(changes)
    return record


# --- amortization_schedule_columns ----------------------------------------------------------

# The core's doc example of `amortization_schedule_columns`: 150,000 at 10% over 36 months.
LOAN = (150_000, 10, 36, dt.date(2024, 1, 5))


def test_amortization_schedule_columns_core_example() -> None:
    c = ec.amortization_schedule_columns(*LOAN)
    assert isinstance(c, ec.ScheduleColumns) and len(c) == 36
    assert c.payment == Decimal("4840.08")
    for column in (c.payment_cents, c.interest_cents, c.principal_cents, c.insurance_cents, c.remaining_cents):
        assert isinstance(column, np.ndarray) and column.dtype == np.int64 and column.shape == (36,)
    assert c.dates.dtype == np.dtype("datetime64[D]")
    assert (c.interest_cents[0], c.principal_cents[0]) == (125_000, 359_008)
    assert c.payment_cents[35] == 483_999
    assert c.principal_cents.sum() == 15_000_000 and c.remaining_cents[-1] == 0
    assert c.dates[0] == np.datetime64("2024-01-05") and c.dates[35] == np.datetime64("2026-12-05")
    assert c.end_date == dt.date(2026, 12, 5)
    assert (c.deferral_months, c.deferral) == (0, None)
    # the columns are results: read-only
    with pytest.raises(ValueError):
        c.interest_cents[0] = 0


def test_amortization_schedule_columns_agree_with_the_rows() -> None:
    # A linear loan with insurance and a partial deferral, through every argument form.
    loan: dict[str, Any] = {
        "principal": "200000", "annual_rate_pct": "3.75", "months": 240,
        "first_payment": dt.date(2024, 3, 31), "kind": "linear",
        "insurance": {"annual_rate_pct": "0.36", "base": "initial"},
        "deferral": {"months": 6, "kind": "partial"},
    }
    schedule = ec.amortization_schedule(**loan)
    columns = ec.amortization_schedule_columns(**loan)
    assert columns == ec.amortization_schedule_columns(ec.Loan(loan))
    assert columns == ec.amortization_schedule_columns(loan)
    cents = lambda field: [int(getattr(row, field) * 100) for row in schedule.rows]  # noqa: E731
    assert columns.payment_cents.tolist() == cents("payment")
    assert columns.interest_cents.tolist() == cents("interest")
    assert columns.principal_cents.tolist() == cents("principal")
    assert columns.insurance_cents.tolist() == cents("insurance")
    assert columns.remaining_cents.tolist() == cents("remaining")
    assert columns.dates.tolist() == [row.date for row in schedule.rows]
    assert (columns.deferral_months, columns.deferral) == (6, "partial")
    for field in ("payment", "total_interest", "total_insurance", "total_paid", "cost_of_credit", "end_date"):
        assert getattr(columns, field) == getattr(schedule, field), field
    as_dict = columns.to_dict()
    assert list(as_dict) == [
        "payment", "dates", "payment_cents", "interest_cents", "principal_cents", "insurance_cents",
        "remaining_cents", "deferral_months", "deferral", "total_interest", "total_insurance",
        "total_paid", "cost_of_credit", "end_date",
    ]
    assert as_dict["total_paid"] == schedule.total_paid
    assert np.array_equal(as_dict["remaining_cents"], columns.remaining_cents)
    assert repr(columns).startswith("ScheduleColumns(payment=Decimal(")
    assert columns != ec.amortization_schedule_columns(*LOAN)


@pytest.mark.parametrize(
    "arguments,error",
    [
        ((-1, 5, 12, dt.date(2024, 1, 1)), ec.InvalidAmountError),
        ((1000, 5, 0, dt.date(2024, 1, 1)), ec.InvalidParameterError),
        ((1000, 5, 12, dt.date(2024, 1, 1), "balloon"), ec.UnknownNameError),
    ],
)
def test_amortization_schedule_columns_bad_loan(arguments: tuple[Any, ...], error: type[Exception]) -> None:
    with pytest.raises(error):
        ec.amortization_schedule_columns(*arguments)


# --- bets -----------------------------------------------------------------------------------

def test_bet_payout_and_profit() -> None:
    # half won at 1.95 on 10: 5 x 1.95 + 5 = 14.75 (the `payout` doc example)
    record = bet()
    assert ec.bet_payout(record) == Decimal("14.75") == ec.payout("half_won", 10, "1.95")
    assert ec.bet_profit(record) == Decimal("4.75")
    assert ec.bet_payout(**record) == Decimal("14.75")
    assert ec.bet_profit(ec.Bet(record)) == Decimal("4.75")
    # keywords win over the mapping's fields
    assert ec.bet_profit(record, outcome="lost") == Decimal("-10")
    assert ec.bet_payout(bet(outcome="push")) == Decimal("10")
    # pending
    assert ec.bet_payout(bet(outcome=None)) is None
    assert ec.bet_profit(bet(outcome=None)) is None


def test_bet_methods() -> None:
    settled = ec.Bet(bet(outcome="won", odds="2.05", stake="20"))
    assert settled.payout() == Decimal("41.00") and settled.profit() == Decimal("21.00")
    assert settled.payout() == ec.bet_payout(settled)
    pending = ec.Bet(bet(outcome=None))
    assert pending.payout() is None and pending.profit() is None


def test_bet_payout_bad_input() -> None:
    too_large = bet(outcome="won", stake=Decimal("79228162514264337593543950335"), odds=2)
    with pytest.raises(ec.InvalidAmountError):
        ec.bet_payout(too_large)
    with pytest.raises(ec.InvalidAmountError):
        ec.Bet(too_large).payout()
    with pytest.raises(ec.InvalidRecordError):
        ec.bet_payout({"id": "b1"})
    with pytest.raises(ec.InvalidRecordError):
        ec.bet_payout()


def test_bet_profit_bad_input() -> None:
    with pytest.raises(ec.InvalidAmountError):
        ec.bet_profit(bet(outcome="won", stake=Decimal("79228162514264337593543950335"), odds=2))
    # names inside a record are read with the record
    with pytest.raises(ec.InvalidRecordError, match="half_void"):
        ec.bet_profit(bet(outcome="half_void"))


@pytest.mark.parametrize(
    "outcome,win,loss",
    [
        ("won", True, False), ("half_won", True, False), ("lost", False, True),
        ("half_lost", False, True), ("push", False, False), ("void", False, False),
    ],
)
def test_outcome_is_win_and_loss(outcome: str, win: bool, loss: bool) -> None:
    assert ec.outcome_is_win(outcome) is win
    assert ec.outcome_is_loss(outcome) is loss


def test_outcome_bad_name() -> None:
    with pytest.raises(ec.UnknownNameError, match="draw"):
        ec.outcome_is_win("draw")
    with pytest.raises(ec.UnknownNameError, match="draw"):
        ec.outcome_is_loss("draw")


# --- markets (the core's `market_checks` unit test) -----------------------------------------

def test_market_has_line() -> None:
    assert ec.market_has_line("totals") and ec.market_has_line("spreads")
    assert ec.market_has_line("asian_handicap")  # an alias of spreads
    assert not ec.market_has_line("h2h") and not ec.market_has_line("draw_no_bet")
    with pytest.raises(ec.UnknownNameError, match="corners"):
        ec.market_has_line("corners")


def test_market_accepts() -> None:
    assert ec.market_accepts("h2h", "draw") and ec.market_accepts("totals", "under")
    assert not ec.market_accepts("totals", "home") and not ec.market_accepts("draw_no_bet", "draw")
    with pytest.raises(ec.UnknownNameError, match="middle"):
        ec.market_accepts("h2h", "middle")


def test_check_market() -> None:
    # valid combinations pass without raising
    ec.check_market("totals", "over", Decimal("2.5"))
    ec.check_market("spreads", "home", "-0.75")
    ec.check_market("h2h", "draw")
    ec.check_market("h2h", "draw", None)
    with pytest.raises(ec.InvalidSelectionError, match="home"):
        ec.check_market("totals", "home", "2.5")
    with pytest.raises(ec.InvalidLineError, match="none"):
        ec.check_market("totals", "over")
    with pytest.raises(ec.InvalidLineError, match="1"):
        ec.check_market("h2h", "home", 1)
    with pytest.raises(ec.InvalidLineError, match="2.3"):
        ec.check_market("totals", "over", 2.3)
    with pytest.raises(ec.InvalidRecordError):
        ec.check_market("totals", "over", "two and a half")


# --- stats and risk helpers -----------------------------------------------------------------

def test_weekday_of() -> None:
    # 2025-03-01 was a Saturday; instants are read in UTC
    assert ec.weekday_of(dt.datetime(2025, 3, 1, 12, tzinfo=UTC)) == "saturday"
    with pytest.raises(ec.InvalidParameterError, match="not a naive one"):
        ec.weekday_of(dt.datetime(2025, 3, 1, 12))
    late = dt.datetime(2025, 3, 1, 23, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    assert ec.weekday_of(late) == "sunday"  # 04:00 UTC on 2 March
    assert ec.weekday_of("2025-03-03T09:00:00Z") == "monday"
    with pytest.raises(ec.InvalidRecordError):
        ec.weekday_of("yesterday")


def test_window_start() -> None:
    # the core's doc of `Window::start`: the last 7 days as of 2026-11-21 start on 2026-11-15
    as_of = dt.date(2026, 11, 21)
    assert ec.window_start("7d", as_of) == dt.date(2026, 11, 15)
    assert ec.window_start("last_30_days", as_of) == dt.date(2026, 10, 23)
    assert ec.window_start("90d", as_of) == dt.date(2026, 8, 24)
    assert ec.window_start("all", as_of) is None
    with pytest.raises(ec.UnknownNameError, match="14d"):
        ec.window_start("14d", as_of)


def test_is_high_risk() -> None:
    assert [ec.is_high_risk(level) for level in ("low", "medium", "high", "critical")] == [False, False, True, True]
    with pytest.raises(ec.UnknownNameError, match="severe"):
        ec.is_high_risk("severe")


# --- money ----------------------------------------------------------------------------------

def test_to_f64() -> None:
    # the core's money unit test: 1.5 -> 1.5
    assert ec.to_f64(Decimal("1.5")) == 1.5
    assert ec.to_f64("0.1") == 0.1 and ec.to_f64(3) == 3.0
    assert isinstance(ec.to_f64(Decimal("19.99")), float)
    with pytest.raises(ec.InvalidRecordError):
        ec.to_f64(Decimal("NaN"))


def test_from_f64() -> None:
    # the core's money unit test: 1.25 -> 1.25 exactly; shortest representation of 0.1
    assert ec.from_f64(1.25) == Decimal("1.25")
    assert ec.from_f64(0.1) == Decimal("0.1")
    assert ec.from_f64(-2.5) == Decimal("-2.5")
    assert isinstance(ec.from_f64(2.0), Decimal)
    for bad in (float("nan"), float("inf"), 1e30):
        with pytest.raises(ec.InvalidParameterError):
            ec.from_f64(bad)


# --- board quotes (the core's `keeps_latest_fresh_sane_complete_quotes` unit test) ----------

def _book(hour: int, bookmaker: str, prices: tuple[float, float, float]) -> list[dict[str, Any]]:
    at = dt.datetime.fromtimestamp(1_700_000_000 + hour * 3600, tz=UTC)
    return [
        {"captured_at": at, "event_id": "e", "bookmaker": bookmaker, "market": "h2h", "line": None,
         "selection": selection, "price": price}
        for selection, price in zip(("home", "draw", "away"), prices)
    ]


def test_board_quotes() -> None:
    snapshots = [
        *_book(0, "a", (2.5, 3.4, 3.0)),
        *_book(1, "a", (2.4, 3.4, 3.1)),
        *_book(-1, "old", (2.5, 3.4, 3.0)),
        *_book(14, "future", (2.5, 3.4, 3.0)),
        *_book(1, "absurd", (1.01, 3.4, 3.0)),
        *_book(1, "arb", (3.5, 4.0, 4.0)),
        _book(1, "partial", (2.5, 3.4, 3.0))[0],
    ]
    config = {"max_age_seconds": 13 * 3600}
    as_of = dt.datetime.fromtimestamp(1_700_000_000 + 13 * 3600, tz=UTC)
    quotes = ec.board_quotes(snapshots, as_of, config)
    assert [q.bookmaker for q in quotes] == ["a", "a", "a"]
    assert quotes[0].price == Decimal("2.4")
    assert quotes == ec.Board(snapshots, as_of, config).quotes()
    assert quotes == ec.board_quotes(ec.History(snapshots), as_of, ec.BoardConfig(config))
    later = ec.board_quotes(snapshots, as_of + dt.timedelta(hours=1), config)
    assert [q.bookmaker for q in later] == ["a", "a", "a", "future", "future", "future"]


def test_history_extend_equals_one_history_of_both() -> None:
    first = [*_book(0, "a", (2.5, 3.4, 3.0)), *_book(1, "b", (2.6, 3.3, 2.9))]
    second = [*_book(1, "c", (2.4, 3.5, 3.0)), *_book(2, "a", (2.3, 3.5, 3.2))]
    held = ec.History(first)
    extended = held.extend(second)
    assert extended == ec.History(first + second)
    assert len(held) == 6 and len(extended) == 12
    assert extended.bookmakers == ["a", "b", "c"]
    as_of = dt.datetime.fromtimestamp(1_700_000_000 + 2 * 3600, tz=UTC)
    assert ec.Board(extended, as_of).quotes() == ec.Board(first + second, as_of).quotes()
    assert ec.Board(extended, as_of).history == extended
    with pytest.raises(ec.InvalidOddsError):
        held.extend(_book(3, "a", (0.5, 3.4, 3.0)))


def test_board_quotes_bad_config() -> None:
    with pytest.raises(ec.InvalidParameterError, match="max_age_seconds"):
        ec.board_quotes(_book(0, "a", (2.5, 3.4, 3.0)), dt.datetime(2025, 1, 1, tzinfo=UTC), {"max_age_seconds": 0})

"""One test per core error kind: every class exists, derives from EdgecoreError (a
ValueError), carries its ``kind``, is raised by a real call, and its message names the bad
value. Plus inputs that must raise cleanly rather than crash the interpreter."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from typing import Any, Callable

import numpy as np
import pytest

import edgecore as ec

UTC = dt.timezone.utc
KICKOFF = dt.datetime(2025, 3, 1, 15, tzinfo=UTC)


def bet(**changes: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": "b1",
        "event_id": "e1",
        "league": "soccer_epl",
        "market": "h2h",
        "line": None,
        "selection": "home",
        "bookmaker": "pinnacle",
        "odds": Decimal("1.95"),
        "stake": Decimal("10"),
        "placed_at": dt.datetime(2025, 3, 1, 12, tzinfo=UTC),
        "source": "manual",
        "outcome": None,
        "closing_odds": None,
        "closing_probability": None,
    }
    record.update(changes)
    return record


def snapshot(price: str, selection: str = "over") -> dict[str, Any]:
    return {
        "captured_at": dt.datetime(2025, 3, 1, 14, tzinfo=UTC),
        "event_id": "e1",
        "bookmaker": "pinnacle",
        "market": "totals",
        "line": Decimal("2.5"),
        "selection": selection,
        "price": Decimal(price),
    }


def crypto_worth(prices: dict[str, Any]) -> Any:
    return ec.net_worth(
        {"crypto": [{"symbol": "BTC", "quantity": "0.5"}]},
        {"prices": prices},
        {"as_of": dt.datetime(2025, 6, 1, 12, tzinfo=UTC), "max_price_age_seconds": 3600},
    )


# Every kind the Python API can raise, with a call that raises it and a piece of the bad
# value the message must name.
CALLS: dict[str, tuple[Callable[[], Any], str]] = {
    "InvalidOdds": (lambda: ec.clv(0.5, 1.9), "0.5"),
    "InvalidAmericanOdds": (lambda: ec.american_to_decimal(50.0), "50"),
    "InvalidProbability": (lambda: ec.kelly_fraction(2.0, 1.5), "1.5"),
    "EmptyMarket": (lambda: ec.devig([2.0]), "1"),
    "EmptyInput": (lambda: ec.irr([-1.0]), "values"),
    "LengthMismatch": (lambda: ec.kelly_fraction_batch([2.0, 3.0], [0.5]), "probabilities"),
    "NegativeMargin": (lambda: ec.devig([2.2, 2.2], method="shin"), "shin"),
    "NegativeProbability": (
        lambda: ec.devig([1 / 0.87, 5.0, 10.0, 20.0, 50.0, 100.0], method="additive"),
        "additive",
    ),
    "NoConvergence": (lambda: ec.rate(12, 400, 10000, 5000), "rate"),
    "ClosingLineUnavailable": (
        lambda: ec.closing_line([snapshot("1.94")], "e2", KICKOFF, "pinnacle", "totals", "2.5", "over"),
        "e2",
    ),
    "InvalidLine": (lambda: ec.settle(bet(market="totals", line="2.3", selection="over"), (1, 1)), "2.3"),
    "InvalidSelection": (lambda: ec.settle(bet(selection="over"), (1, 1)), "over"),
    "InvalidAmount": (lambda: ec.settle(bet(stake=-5), (1, 0)), "-5"),
    "InvalidParameter": (lambda: ec.clv_tier(math.inf), "inf"),
    "UnknownName": (lambda: ec.devig([2.0, 2.0], method="magic"), "magic"),
    "InvalidRecord": (lambda: ec.settle({"id": "b1"}, (1, 0)), "event_id"),
    "MissingPrice": (lambda: crypto_worth({}), "BTC"),
    "StalePrice": (
        lambda: crypto_worth({"BTC": {"price": "60000", "as_of": "2025-05-01T00:00:00Z"}}),
        "BTC",
    ),
}


def test_every_core_kind_has_a_class_and_a_call() -> None:
    kinds = [cls.kind for cls in ec.EdgecoreError.__subclasses__()]
    assert sorted(kinds) == sorted(CALLS), "a core error kind without a test (or a test without a kind)"
    assert issubclass(ec.EdgecoreError, ValueError)


@pytest.mark.parametrize("kind", sorted(CALLS))
def test_error_kind(kind: str) -> None:
    cls = getattr(ec, f"{kind}Error")
    assert issubclass(cls, ec.EdgecoreError) and cls.kind == kind
    call, named = CALLS[kind]
    with pytest.raises(cls) as raised:
        call()
    assert type(raised.value) is cls
    assert raised.value.kind == kind
    assert named in str(raised.value), str(raised.value)


@pytest.mark.parametrize(
    "call",
    [
        lambda: ec.clv(np.array([2.0, np.nan]), 1.9),
        lambda: ec.kelly_fraction([[2.0, 3.0]], [0.5, 0.5, 0.5]),
        lambda: ec.devig_batch(np.ones((3, 3, 3))),
        lambda: ec.devig_batch([[2.0, "x"]]),
        lambda: ec.devig(["a", "b"]),
        lambda: ec.pmt(0.01, 0, 1000),
        lambda: ec.pmt(1e308, 1e308, 1e308),
        lambda: ec.settle(bet(stake=Decimal("1e30")), (1, 0)),
        lambda: ec.settle(bet(odds=float("nan")), (1, 0)),
        lambda: ec.payout("won", Decimal("79228162514264337593543950335"), 2),
        lambda: ec.amortization_schedule(10**40, 5, 12, dt.date(2024, 1, 1)),
        lambda: ec.amortization_schedule(1000, 5, 10**6, dt.date(9999, 1, 1)),
        lambda: ec.xirr(["2020-01-01", "not a date"], [-1.0, 2.0]),
        lambda: ec.xirr([dt.date(2020, 1, 1)] * 2, [-1.0, 2.0]),
        lambda: ec.risk_score({"id": "s", "signup": "2030-01-01"}, dt.date(2024, 1, 1)),
        lambda: ec.fractional_to_decimal((0, 0)),
        lambda: ec.Bet(odds=object()),
        lambda: ec.kelly_stake(Decimal("NaN"), 2.0, 0.5),
    ],
)
def test_bad_input_raises_an_edgecore_error(call: Callable[[], Any]) -> None:
    with pytest.raises(ec.EdgecoreError):
        call()


def test_progress_must_be_a_flag_or_a_callable() -> None:
    with pytest.raises(TypeError):
        ec.risk_score_batch([], dt.date(2024, 1, 1), progress="yes")

"""Hypothesis properties of de-vig, Kelly, settlement and amortization through Python."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import edgecore as ec

prices = st.floats(min_value=1.01, max_value=50.0, allow_nan=False)
markets = st.lists(prices, min_size=2, max_size=8)
methods = st.sampled_from(["multiplicative", "additive", "power", "shin", "odds_ratio", "balanced_book"])
probabilities = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)
money = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("100000"), places=2)


@given(markets, methods)
def test_devig_probabilities_sum_to_one_or_raise(odds: list[float], method: str) -> None:
    try:
        d = ec.devig(odds, method=method)
    except ec.EdgecoreError:
        return
    assert abs(sum(d.probabilities) - 1.0) < 1e-9
    assert all(0.0 < p < 1.0 for p in d.probabilities)
    assert np.allclose(d.fair_odds, [1.0 / p for p in d.probabilities])


@given(st.lists(st.lists(prices, min_size=3, max_size=3), min_size=1, max_size=20))
def test_devig_batch_rows_are_single_markets(rows: list[list[float]]) -> None:
    margins_positive = all(sum(1 / o for o in row) > 1 + 1e-9 for row in rows)
    if not margins_positive:
        return
    batch = ec.devig_batch(np.array(rows), method="shin")
    assert batch.shape == (len(rows), 3)
    for row, out in zip(rows, batch):
        assert np.allclose(out, ec.devig(row, method="shin").probabilities, atol=1e-12)


@given(prices, probabilities)
def test_kelly_fraction_is_a_fraction(odds: float, p: float) -> None:
    f = ec.kelly_fraction(odds, p)
    assert 0.0 <= f <= 1.0
    assert (f > 0.0) == (ec.edge(odds, p) > 0.0)


@given(money, prices, probabilities)
def test_stakes_never_exceed_the_bankroll(bankroll: Decimal, odds: float, p: float) -> None:
    detail = ec.kelly_stake_detail(bankroll, odds, p)
    assert Decimal(0) <= detail.stake <= bankroll
    assert detail.stake <= bankroll * Decimal("0.05") + Decimal("0.01")


@given(
    st.integers(min_value=0, max_value=9),
    st.integers(min_value=0, max_value=9),
    st.sampled_from(["h2h", "totals", "spreads", "draw_no_bet"]),
    st.integers(min_value=-12, max_value=12),
    money,
    st.decimals(min_value=Decimal("1.01"), max_value=Decimal("20"), places=2),
)
def test_settlement_conserves_money(
    home: int, away: int, market: str, quarters: int, stake: Decimal, odds: Decimal
) -> None:
    selection = {"totals": "over"}.get(market, "home")
    line = None
    if market == "totals":
        line = Decimal(abs(quarters)) / 4
    elif market == "spreads":
        line = Decimal(quarters) / 4
    bet = ec.Bet(
        id="b", event_id="e", league="l", market=market, line=line, selection=selection,
        bookmaker="k", odds=odds, stake=stake, placed_at=dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc),
        source="manual", outcome=None, closing_odds=None, closing_probability=None,
    )
    s = ec.settle(bet, ec.EventResult.final(home, away))
    assert s.profit == s.payout - stake
    assert s.payout == ec.payout(s.outcome, stake, odds)
    assert Decimal(0) <= s.payout <= ec.round_cents(stake * odds)


@settings(max_examples=50)
@given(
    st.decimals(min_value=Decimal("1000"), max_value=Decimal("1000000"), places=2),
    st.decimals(min_value=Decimal("0"), max_value=Decimal("15"), places=2),
    st.integers(min_value=1, max_value=360),
    st.sampled_from(["annuity", "linear", "in_fine"]),
)
def test_schedules_repay_the_principal_exactly(
    principal: Decimal, rate: Decimal, months: int, kind: str
) -> None:
    s = ec.amortization_schedule(principal, rate, months, dt.date(2024, 1, 31), kind=kind)
    assert len(s.rows) == months
    assert sum(r.principal for r in s.rows) == principal
    assert s.rows[-1].remaining == 0
    assert s.total_interest == sum(r.interest for r in s.rows)
    assert all(r.payment == r.interest + r.principal for r in s.rows)

"""Hypothesis properties of de-vig, Kelly, settlement and amortization through Python; the
markets, bets and loans come from the package's own strategies (`edgecore.testing`)."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import edgecore as ec
from edgecore import testing as kit

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


@given(st.lists(kit.markets(outcomes=(3, 3), margin=(0.01, 0.30)), min_size=1, max_size=20))
def test_devig_batch_rows_are_single_markets(markets: list[list[Decimal]]) -> None:
    rows = [[float(p) for p in m] for m in markets]
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


@given(kit.scored_bets())
def test_settlement_conserves_money(case: kit.ScoredBet) -> None:
    stake, odds = case.bet.stake, case.bet.odds
    s = ec.settle(case.bet, case.result)
    assert s.profit == s.payout - stake
    assert s.payout == ec.payout(s.outcome, stake, odds)
    assert Decimal(0) <= s.payout <= ec.round_cents(stake * odds)


@settings(max_examples=50)
@given(kit.loans(insurance=False))
def test_schedules_repay_the_principal_exactly(loan: ec.Loan) -> None:
    s = ec.amortization_schedule(loan)
    assert len(s.rows) == loan.months
    assert s.rows[-1].remaining == 0
    assert s.total_interest == sum(r.interest for r in s.rows)
    assert all(r.payment == r.interest + r.principal for r in s.rows)
    assert sum(r.principal for r in s.rows) == loan.principal

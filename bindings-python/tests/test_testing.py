"""The guarantees of `edgecore.testing`: each one holds on many generated values, shrinking
gives small counterexamples, and the module explains itself when hypothesis is missing."""

from __future__ import annotations

import copy
import datetime as dt
import math
import pickle
import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, find, given, settings

import edgecore as ec
from edgecore import testing as kit

UTC = dt.timezone.utc
MANY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SHRINK = settings(database=None, derandomize=True, max_examples=2000, deadline=None)

BACK = {
    "american": ec.american_to_decimal,
    "hong_kong": ec.hong_kong_to_decimal,
    "malay": ec.malay_to_decimal,
    "indonesian": ec.indonesian_to_decimal,
    "fractional": ec.fractional_to_decimal,
}


@pytest.mark.parametrize("fmt", sorted(BACK))
def test_odds_of_every_format_convert_back_to_valid_prices(fmt: str) -> None:
    @MANY
    @given(kit.odds(fmt, min_price="1.20", max_price="30"))
    def check(value: object) -> None:
        decimal = BACK[fmt](value)
        assert math.isfinite(decimal)
        assert 1.20 - 1e-6 <= decimal <= 30 + 1e-6
        assert ec.implied_probability(decimal) < 1.0

    check()


@MANY
@given(kit.odds())
def test_decimal_odds_are_cent_prices_in_range(price: Decimal) -> None:
    assert isinstance(price, Decimal)
    assert price == price.quantize(Decimal("0.01"))
    assert Decimal("1.01") <= price <= Decimal("100")


@MANY
@given(kit.markets(outcomes=(2, 6), margin=(0.01, 0.08)))
def test_every_market_has_its_margin_in_range_and_devigs(prices: list[Decimal]) -> None:
    assert 2 <= len(prices) <= 6
    floats = [float(p) for p in prices]
    assert 0.01 <= ec.overround(floats) <= 0.08
    fair = ec.devig(floats, method="shin").probabilities
    assert abs(sum(fair) - 1.0) < 1e-9


@MANY
@given(kit.markets(outcomes=(3, 3), margin=(0.0, 0.005), places=3))
def test_a_narrow_margin_range_with_finer_prices(prices: list[Decimal]) -> None:
    assert len(prices) == 3
    assert all(p == p.quantize(Decimal("0.001")) for p in prices)
    assert 0.0 <= ec.overround([float(p) for p in prices]) <= 0.005


@MANY
@given(kit.boards(margin=(0.02, 0.06)))
def test_every_board_quotes_each_outcome_of_each_bookmaker_around_the_fair_price(case: kit.BoardCase) -> None:
    books = {s.bookmaker for s in case.snapshots}
    assert books == {"pinnacle", "bet365", "unibet", "winamax"}
    assert abs(sum(case.probabilities) - 1.0) < 1e-12
    for book in books:
        prices = [float(s.price) for s in case.snapshots if s.bookmaker == book]
        assert len(prices) == len(case.probabilities)
        assert 0.02 <= ec.overround(prices) <= 0.06
        fair = ec.devig(prices).probabilities
        assert all(abs(f - p) < 0.02 for f, p in zip(fair, case.probabilities))
    assert all(s.captured_at < case.event.kickoff for s in case.snapshots)
    history = ec.History(case.snapshots)
    assert history.events == [case.event.id]
    assert len(ec.Board(history, case.captured_at).quotes()) == len(case.snapshots)


@MANY
@given(kit.scored_bets())
def test_every_bet_settles_against_its_score(case: kit.ScoredBet) -> None:
    bet = case.bet
    assert bet.event_id == case.event.id
    assert bet.placed_at < case.event.kickoff
    s = ec.settle(bet, case.result)
    assert s.profit == s.payout - bet.stake
    assert Decimal(0) <= s.payout <= ec.round_cents(bet.stake * bet.odds)


@MANY
@given(kit.loans())
def test_every_loan_validates_and_repays_its_principal(loan: ec.Loan) -> None:
    schedule = ec.amortization_schedule(loan)
    assert len(schedule.rows) == loan.months
    assert schedule.rows[-1].remaining == 0
    assert ec.remaining_capital(loan, loan.first_payment - dt.timedelta(days=1)) >= loan.principal


@settings(max_examples=100, deadline=None)
@given(kit.loans(kinds=["linear"], insurance=True, deferral=True, max_months=48))
def test_loans_take_the_asked_kind_insurance_and_deferral(loan: ec.Loan) -> None:
    assert loan.kind == "linear" and loan.insurance is not None and loan.deferral is not None
    assert loan.deferral.months < loan.months <= 48
    ec.amortization_schedule(loan)


@settings(max_examples=100, deadline=None)
@given(kit.loans(insurance=False, deferral=False))
def test_loans_without_insurance_or_deferral(loan: ec.Loan) -> None:
    assert loan.insurance is None and loan.deferral is None


@MANY
@given(kit.cash_flows())
def test_every_cash_flow_series_changes_sign_once_and_has_its_irr(flows: kit.CashFlows) -> None:
    v, k = flows.values, flows.sign_change
    assert all(x < 0 for x in v[:k]) and all(x > 0 for x in v[k:])
    assert all(a < b for a, b in zip(flows.dates, flows.dates[1:]))
    changes = sum(1 for a, b in zip(v, v[1:]) if (a < 0) != (b < 0))
    assert changes == 1
    rate = ec.irr(v)
    assert rate > -1.0
    scale = sum(abs(x) / (1 + rate) ** t for t, x in enumerate(v))
    assert abs(ec.npv(rate, v)) <= 1e-9 * scale


@MANY
@given(kit.profiles())
def test_every_profile_values(profile: ec.Profile) -> None:
    as_of = dt.datetime(2025, 6, 30, 12, tzinfo=UTC)
    prices = {"prices": {s: {"price": "1234.56", "as_of": as_of} for s in kit.CRYPTO_SYMBOLS}}
    worth = ec.net_worth(profile, prices, {"as_of": as_of, "max_price_age_seconds": 3600})
    assert worth.flagged == []
    assert all(h.loan is None or h.value >= h.loan.principal for h in profile.real_estate)
    assert worth.net_worth == worth.net_worth.quantize(Decimal("0.01"))


@MANY
@given(kit.subscribers())
def test_every_subscriber_scores(subscriber: ec.Subscriber) -> None:
    dates = [p.date for p in subscriber.payments]
    assert dates == sorted(dates)
    assert all(subscriber.signup <= d <= kit.AS_OF for d in dates)
    assert all(subscriber.signup <= s.start <= kit.AS_OF for s in subscriber.subscriptions)
    score = ec.risk_score(subscriber, kit.AS_OF)
    assert 0.0 <= score.score <= 1.0


@settings(max_examples=100, deadline=None)
@given(kit.loans() | kit.bets() | kit.profiles() | kit.subscribers())
def test_generated_records_pickle_and_copy(record: object) -> None:
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        assert pickle.loads(pickle.dumps(record, protocol=protocol)) == record
    assert copy.deepcopy(record) == record


# --- shrinking: a deliberately wrong user function fails with a minimal counterexample -----


def book_margin(prices: list[Decimal]) -> float:
    """A user's margin function written for moneylines: it reads the first two prices only."""
    return sum(1 / float(p) for p in prices[:2]) - 1


def test_a_wrong_margin_function_shrinks_to_the_smallest_three_way_market() -> None:
    found = find(
        kit.markets(outcomes=(2, 8), margin=(0.02, 0.10)),
        lambda prices: abs(book_margin(prices) - ec.overround([float(p) for p in prices])) > 1e-9,
        settings=SHRINK,
    )
    # Three even outcomes at the lowest margin: 3 / 1.02 = 2.941... -> 2.94.
    assert found == [Decimal("2.94")] * 3


def test_a_cap_broken_on_short_prices_shrinks_to_a_short_price() -> None:
    # Wrong: stakes 1000 / (price - 1), above the cap of 5000 once a price is below 1.2.
    found = find(
        kit.odds(),
        lambda price: Decimal(1000) / (price - 1) > 5000,
        settings=SHRINK,
    )
    assert found == Decimal("1.01")


def test_a_wrong_bet_rule_shrinks_to_the_plainest_losing_bet() -> None:
    # Wrong: "a settled bet never loses money".
    found = find(kit.scored_bets(), lambda case: ec.settle(case.bet, case.result).profit < 0, settings=SHRINK)
    assert (found.bet.market, found.bet.selection, found.bet.line) == ("h2h", "home", None)
    assert found.bet.odds == Decimal("1.01") and found.bet.stake == Decimal("0.01")
    assert found.result == ec.EventResult.final(0, 0)


def test_a_wrong_loan_rule_shrinks_to_a_one_month_loan() -> None:
    # Wrong: "a loan always costs interest" (false at 0%).
    found = find(kit.loans(), lambda loan: ec.amortization_schedule(loan).total_interest == 0, settings=SHRINK)
    assert (found.months, found.principal, found.annual_rate_pct, found.kind) == (
        1, Decimal("1000"), Decimal("0"), "annuity",
    )
    assert found.insurance is None and found.deferral is None


# --- arguments ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "make",
    [
        lambda: kit.odds("roman"),
        lambda: kit.odds(min_price="1.00"),
        lambda: kit.markets(outcomes=(1, 3)),
        lambda: kit.markets(margin=(0.1, 0.05)),
        lambda: kit.markets(margin=(-0.1, 0.05)),
        lambda: kit.boards(bookmakers=()),
        lambda: kit.boards(bookmakers=("a", "a")),
        lambda: kit.scored_bets(markets=("corners",)),
        lambda: kit.loans(kinds=("balloon",)),
        lambda: kit.loans(max_months=0),
        lambda: kit.cash_flows(length=(1, 3)),
        lambda: kit.profiles(max_items=-1),
        lambda: kit.subscribers(max_payments=-1),
    ],
)
def test_bad_arguments_are_value_errors(make) -> None:
    with pytest.raises(ValueError):
        make()


def test_without_hypothesis_the_import_says_what_to_install() -> None:
    code = textwrap.dedent(
        """
        import sys
        class Block:
            def find_spec(self, name, path=None, target=None):
                if name == "hypothesis" or name.startswith("hypothesis."):
                    raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        sys.meta_path.insert(0, Block())
        import edgecore
        try:
            import edgecore.testing
        except ImportError as error:
            print(type(error).__name__, error)
        else:
            print("imported")
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("ImportError edgecore.testing needs the hypothesis library")
    assert 'pip install "edgecore[testing]"' in out.stdout


def test_the_readme_example_runs() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "packaging"))
    from readme_blocks import code_blocks

    for block in code_blocks(Path(__file__).resolve().parents[1] / "README.md", "python"):
        exec(compile(block, "README.md", "exec"), {"__name__": "readme"})

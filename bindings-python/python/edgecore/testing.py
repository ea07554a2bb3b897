"""Hypothesis strategies of valid edgecore records, for the property tests of your own code.

Install with the ``testing`` extra (``pip install "edgecore[testing]"``), which brings
`hypothesis <https://hypothesis.readthedocs.io>`_. Every strategy builds its values from the
package's own classes and rules (``Loan``, ``Bet``, ``market_accepts``, ``overround``...), so a
generated value is one the package accepts: each strategy states what it guarantees, and the
package's test suite checks each guarantee on many generated values.

Values shrink towards small, plain cases: two outcomes, the lowest margin of the range, even
probabilities, one-month loans, the first dates. Money is ``Decimal`` with two decimal
places, probabilities and rates are ``float``, dates ``datetime.date`` and instants
timezone-aware ``datetime.datetime`` (UTC), as everywhere in the package.

Example::

    from hypothesis import given
    from edgecore.testing import markets

    @given(markets(outcomes=(2, 3), margin=(0.02, 0.08)))
    def test_my_stake_rule(prices):
        ...
"""

from __future__ import annotations

try:
    from hypothesis import assume as _assume
    from hypothesis import strategies as _st
except ModuleNotFoundError as error:  # pragma: no cover - exercised in a subprocess
    if error.name != "hypothesis" and not (error.name or "").startswith("hypothesis."):
        raise
    raise ImportError(
        "edgecore.testing needs the hypothesis library: install it with "
        "`pip install \"edgecore[testing]\"` (or `pip install hypothesis`)"
    ) from error

import datetime as _dt
from collections.abc import Sequence as _Sequence
from dataclasses import dataclass as _dataclass
from decimal import ROUND_HALF_UP as _HALF_UP
from decimal import Decimal

from . import _edgecore as _ec

#: The date every generated history ends on or before (payments, subscriptions, loan starts):
#: score or value generated records as of this date or later.
AS_OF = _dt.date(2025, 6, 30)

#: The crypto-currency symbols generated profiles hold (price them all to value a profile).
CRYPTO_SYMBOLS = ("BTC", "ETH", "SOL")

#: Leagues of generated bets: football leagues (three-way h2h, with a draw) and a two-way one.
LEAGUES = ("soccer_epl", "soccer_spain_la_liga", "soccer_france_ligue_one", "basketball_nba")

_CENT = Decimal("0.01")
_MIN_PRICE = Decimal("1.01")
# A board's default configuration ignores markets with a price below 1.02 (`BoardConfig`).
_BOARD_MIN_PRICE = Decimal("1.02")
_UTC = _dt.timezone.utc
_EPOCH = _dt.datetime(2024, 8, 1, tzinfo=_UTC)
_SELECTIONS = ("home", "draw", "away", "over", "under")
_FORMATS = {
    "decimal": None,
    "american": _ec.decimal_to_american,
    "fractional": _ec.decimal_to_fractional,
    "hong_kong": _ec.decimal_to_hong_kong,
    "malay": _ec.decimal_to_malay,
    "indonesian": _ec.decimal_to_indonesian,
}


def _cents(value: Decimal) -> Decimal:
    return value.quantize(_CENT, rounding=_HALF_UP)


def _check_range(name: str, low: float, high: float) -> None:
    if not low <= high:
        raise ValueError(f"{name}: the low end {low!r} is above the high end {high!r}")


def _decimal_prices(min_price: Decimal, max_price: Decimal) -> _st.SearchStrategy[Decimal]:
    if not Decimal("1.01") <= min_price <= max_price <= Decimal("1000"):
        raise ValueError("prices: 1.01 <= min_price <= max_price <= 1000 is required")
    low, high = int(min_price * 100), int(max_price * 100)
    return _st.integers(min_value=low, max_value=high).map(lambda c: Decimal(c) / 100)


def odds(
    format: str = "decimal", min_price: Decimal | str = "1.01", max_price: Decimal | str = "100"
) -> _st.SearchStrategy[Decimal | float | _ec.Fractional]:
    """Prices in one odds format, from decimal prices with two decimal places.

    ``format``: ``"decimal"`` gives a ``Decimal`` (``1.01`` to ``100.00`` by default);
    ``"american"``, ``"hong_kong"``, ``"malay"`` and ``"indonesian"`` give the ``float`` the
    package's converter (``decimal_to_american``...) makes of such a price; ``"fractional"``
    gives a :class:`~edgecore.Fractional` (``decimal_to_fractional``).

    Guarantee: converting the value back to decimal odds (``american_to_decimal``...) gives
    a valid price within ``[min_price, max_price]`` (up to the float rounding of the
    conversion). Shrinks towards ``min_price``. ``ValueError`` for an unknown format or a
    range outside 1.01 to 1000.
    """
    if format not in _FORMATS:
        raise ValueError(f"odds: unknown format {format!r}, expected one of {sorted(_FORMATS)}")
    prices = _decimal_prices(Decimal(min_price), Decimal(max_price))
    convert = _FORMATS[format]
    if convert is None:
        return prices
    return prices.map(lambda d: convert(float(d)))


def _market_prices(weights: _Sequence[int], margin: float, places: int, floor: Decimal) -> list[Decimal]:
    """Prices quoting probabilities proportional to ``weights`` with overround ``margin``."""
    total = sum(weights)
    tick = Decimal(1).scaleb(-places)
    prices = []
    for w in weights:
        raw = Decimal(total) / (Decimal(w) * Decimal(1 + margin))
        prices.append(max(floor, min(Decimal(1000), raw.quantize(tick, rounding=_HALF_UP))))
    return prices


def _nudge(prices: list[Decimal], low: float, high: float, places: int, floor: Decimal) -> list[Decimal]:
    """Moves prices one tick at a time until ``overround`` lies in ``[low, high]``.

    Rounding to whole ticks moves the margin a little; each step takes the one-tick move
    (of any price, up or down, within ``floor`` to 1000) that brings the margin closest to the
    middle of the range, and stops when the margin is in range or no move gets closer.
    """
    tick = Decimal(1).scaleb(-places)
    target = (low + high) / 2

    def distance(ps: list[Decimal]) -> float:
        return abs(_ec.overround([float(p) for p in ps]) - target)

    for _ in range(200):
        m = _ec.overround([float(p) for p in prices])
        if low <= m <= high:
            break
        best, best_distance = None, distance(prices)
        for i, p in enumerate(prices):
            for step in (tick, -tick):
                q = p + step
                if floor <= q <= Decimal(1000):
                    moved = [*prices[:i], q, *prices[i + 1 :]]
                    d = distance(moved)
                    if d < best_distance:
                        best, best_distance = moved, d
        if best is None:
            break
        prices = best
    return prices


def _margin_in(prices: list[Decimal], low: float, high: float) -> bool:
    return low <= _ec.overround([float(p) for p in prices]) <= high


@_st.composite
def _markets(draw, outcomes: tuple[int, int], margin: tuple[float, float], places: int) -> list[Decimal]:
    n = draw(_st.integers(min_value=outcomes[0], max_value=outcomes[1]))
    weights = draw(_st.lists(_st.integers(min_value=1, max_value=99), min_size=n, max_size=n))
    bps = draw(_st.integers(min_value=round(margin[0] * 10_000), max_value=round(margin[1] * 10_000)))
    m = min(max(bps / 10_000, margin[0]), margin[1])
    prices = _nudge(_market_prices(weights, m, places, _MIN_PRICE), margin[0], margin[1], places, _MIN_PRICE)
    _assume(_margin_in(prices, margin[0], margin[1]))
    return prices


def markets(
    outcomes: tuple[int, int] = (2, 3), margin: tuple[float, float] = (0.02, 0.10), places: int = 2
) -> _st.SearchStrategy[list[Decimal]]:
    """The prices of one market: ``n`` decimal prices (``Decimal`` with ``places`` decimal
    places, 1.01 to 1000) quoting ``n`` outcomes with a bookmaker's margin.

    ``outcomes``: the range of the number of outcomes, ``(2, 3)`` by default (2 to 20).
    ``margin``: the range of the margin, ``overround`` = sum(1 / price) - 1, as a fraction
    (``(0.02, 0.10)`` is 2% to 10%; 0 to 1).

    Guarantee: ``overround(prices)`` lies in ``margin`` and every price is valid decimal
    odds, so the market de-vigs. The fair probabilities are drawn as integer weights 1 to 99
    and the margin in basis points; the rounded prices are then moved tick by tick into the
    range. Keep the range wider than the rounding of one tick (about 0.5% for two decimal
    places and short prices); narrower ranges make Hypothesis reject many draws. Shrinks
    towards two even outcomes at the lowest margin of the range.
    """
    _check_range("outcomes", *outcomes)
    _check_range("margin", *margin)
    if outcomes[0] < 2 or outcomes[1] > 20:
        raise ValueError("markets: outcomes must lie within 2 to 20")
    if margin[0] < 0 or margin[1] > 1:
        raise ValueError("markets: the margin range must lie within 0 to 1")
    if not 0 <= places <= 4:
        raise ValueError("markets: places must lie within 0 to 4")
    return _markets(tuple(outcomes), (float(margin[0]), float(margin[1])), places)


@_dataclass(frozen=True)
class BoardCase:
    """A board of bookmakers around one fair price: an h2h market of one event.

    ``probabilities``: the fair probabilities of the outcomes (home, draw, away; or home,
    away), adding up to 1. ``snapshots``: every bookmaker's quote of every outcome, captured
    at ``captured_at``, one hour before ``event.kickoff``.
    """

    event: _ec.Event
    probabilities: list[float]
    snapshots: list[_ec.PriceSnapshot]
    captured_at: _dt.datetime


@_st.composite
def _events(draw, league: str | None = None) -> _ec.Event:
    league = league or draw(_st.sampled_from(LEAGUES))
    number = draw(_st.integers(min_value=1, max_value=99_999))
    kickoff = _EPOCH + _dt.timedelta(hours=draw(_st.integers(min_value=24, max_value=24 * 300)))
    return _ec.Event(id=f"e{number}", league=league, home=f"home{number}", away=f"away{number}", kickoff=kickoff)


@_st.composite
def _boards(draw, bookmakers: _Sequence[str], margin: tuple[float, float], three_way: bool | None) -> BoardCase:
    league = "soccer_epl" if three_way is True else "basketball_nba" if three_way is False else None
    event = draw(_events(league))
    selections = ["home", "draw", "away"] if event.league.startswith("soccer") else ["home", "away"]
    weights = draw(_st.lists(_st.integers(min_value=1, max_value=99), min_size=len(selections), max_size=len(selections)))
    total = sum(weights)
    captured = event.kickoff - _dt.timedelta(hours=1)
    snapshots = []
    for book in bookmakers:
        bps = draw(_st.integers(min_value=round(margin[0] * 10_000), max_value=round(margin[1] * 10_000)))
        m = min(max(bps / 10_000, margin[0]), margin[1])
        prices = _nudge(_market_prices(weights, m, 2, _BOARD_MIN_PRICE), margin[0], margin[1], 2, _BOARD_MIN_PRICE)
        _assume(_margin_in(prices, margin[0], margin[1]))
        snapshots.extend(
            _ec.PriceSnapshot(
                captured_at=captured, event_id=event.id, bookmaker=book, market="h2h",
                line=None, selection=s, price=p,
            )
            for s, p in zip(selections, prices)
        )
    return BoardCase(event, [w / total for w in weights], snapshots, captured)


def boards(
    bookmakers: _Sequence[str] = ("pinnacle", "bet365", "unibet", "winamax"),
    margin: tuple[float, float] = (0.02, 0.10),
    three_way: bool | None = None,
) -> _st.SearchStrategy[BoardCase]:
    """A :class:`BoardCase`: every bookmaker of ``bookmakers`` quoting the h2h market of one
    event around the same fair probabilities, each with its own margin drawn in ``margin``.

    ``three_way``: ``True`` for a football league (home, draw, away), ``False`` for a two-way
    league (home, away), ``None`` for either.

    Guarantee: each bookmaker quotes every outcome exactly once, its prices' overround
    lies in ``margin``, and de-vigging a bookmaker's prices gives the fair probabilities back
    up to the rounding of prices to the cent. Every snapshot is a valid ``PriceSnapshot``
    captured before kickoff, every price 1.02 to 1000, so ``History(case.snapshots)`` takes
    them all and a ``Board`` with the default configuration at ``case.captured_at`` quotes
    every one of them.
    """
    _check_range("margin", *margin)
    if not bookmakers or len(set(bookmakers)) != len(bookmakers):
        raise ValueError("boards: give at least one bookmaker, each once")
    if margin[0] < 0 or margin[1] > 1:
        raise ValueError("boards: the margin range must lie within 0 to 1")
    return _boards(tuple(bookmakers), (float(margin[0]), float(margin[1])), three_way)


@_dataclass(frozen=True)
class ScoredBet:
    """A bet on an event and the event's result: ``bet.event_id == event.id``, the bet placed
    before ``event.kickoff``, and ``result`` a final score (or a cancellation)."""

    event: _ec.Event
    bet: _ec.Bet
    result: _ec.EventResult


@_st.composite
def _scored_bets(draw, markets_: _Sequence[str], max_goals: int, cancelled: bool) -> ScoredBet:
    event = draw(_events())
    two_way = not event.league.startswith("soccer")
    market = draw(_st.sampled_from(markets_))
    choices = [
        s for s in _SELECTIONS
        if _ec.market_accepts(market, s) and not (market == "h2h" and s == "draw" and two_way)
    ]
    selection = draw(_st.sampled_from(choices))
    line = None
    if _ec.market_has_line(market):
        quarters = draw(_st.integers(min_value=0 if market == "totals" else -24, max_value=24))
        line = Decimal(quarters) / 4
    price = draw(_decimal_prices(Decimal("1.01"), Decimal("50")))
    stake = Decimal(draw(_st.integers(min_value=1, max_value=100_000))) / 100
    before = draw(_st.integers(min_value=1, max_value=14 * 24 * 60))
    bet = _ec.Bet(
        id=f"b{draw(_st.integers(min_value=1, max_value=999_999))}", event_id=event.id, league=event.league,
        market=market, line=line, selection=selection, bookmaker=draw(_st.sampled_from(("pinnacle", "bet365", "unibet"))),
        odds=price, stake=stake, placed_at=event.kickoff - _dt.timedelta(minutes=before),
        source=draw(_st.sampled_from(("manual", "anomaly", "spread"))), outcome=None,
        closing_odds=None, closing_probability=None,
    )
    if cancelled and draw(_st.booleans()):
        result = _ec.EventResult.cancelled()
    else:
        goals = _st.integers(min_value=0, max_value=max_goals)
        result = _ec.EventResult.final(draw(goals), draw(goals))
    return ScoredBet(event, bet, result)


_MARKETS = ("h2h", "totals", "spreads", "draw_no_bet")


def scored_bets(
    markets: _Sequence[str] = _MARKETS, max_goals: int = 9, cancelled: bool = True
) -> _st.SearchStrategy[ScoredBet]:
    """A :class:`ScoredBet`: a pending bet on a generated event, and the event's result.

    ``markets``: the markets drawn from (h2h, totals, spreads, draw_no_bet). Selections are
    those ``market_accepts`` (no draw in a two-way league's h2h), lines are quarter goals
    (totals 0 to 6, spreads -6 to +6), prices 1.01 to 50.00, stakes 0.01 to 1000.00, the bet
    placed 1 minute to 14 days before kickoff; scores 0 to ``max_goals`` a side, and, when
    ``cancelled``, half the results are cancellations.

    Guarantee: ``settle(case.bet, case.result)`` succeeds (every bet settles), the bet
    belongs to the event and was placed before kickoff. Shrinks towards an h2h bet on the
    home side at 1.01 for 0.01, and a 0-0 final.
    """
    if not markets or any(m not in _MARKETS for m in markets):
        raise ValueError(f"scored_bets: markets must be a non-empty subset of {_MARKETS}")
    if not 0 <= max_goals <= 1000:
        raise ValueError("scored_bets: max_goals must lie within 0 to 1000")
    return _scored_bets(tuple(markets), max_goals, cancelled)


def bets(markets: _Sequence[str] = _MARKETS) -> _st.SearchStrategy[_ec.Bet]:
    """Pending bets, as in :func:`scored_bets` (same guarantee: each one settles against any
    final score or a cancellation of its event)."""
    return scored_bets(markets).map(lambda case: case.bet)


_KINDS = ("annuity", "linear", "in_fine")


@_st.composite
def _loans(draw, kinds: _Sequence[str], insurance: bool | None, deferral: bool | None, max_months: int) -> _ec.Loan:
    months = draw(_st.integers(min_value=2 if deferral else 1, max_value=max_months))
    first = _dt.date(2000, 1, 1) + _dt.timedelta(days=draw(_st.integers(min_value=0, max_value=(AS_OF - _dt.date(2000, 1, 1)).days)))
    fields = dict(
        principal=Decimal(draw(_st.integers(min_value=100_000, max_value=100_000_000))) / 100,
        annual_rate_pct=Decimal(draw(_st.integers(min_value=0, max_value=1500))) / 100,
        months=months,
        first_payment=first,
        kind=draw(_st.sampled_from(kinds)),
    )
    if insurance if insurance is not None else draw(_st.booleans()):
        fields["insurance"] = _ec.Insurance(
            annual_rate_pct=Decimal(draw(_st.integers(min_value=0, max_value=100))) / 100,
            base=draw(_st.sampled_from(("initial", "remaining"))),
        )
    wants_deferral = deferral if deferral is not None else draw(_st.booleans())
    if wants_deferral and months >= 2:
        fields["deferral"] = _ec.Deferral(
            months=draw(_st.integers(min_value=1, max_value=min(months - 1, 24))),
            kind=draw(_st.sampled_from(("partial", "total"))),
        )
    return _ec.Loan(**fields)


def loans(
    kinds: _Sequence[str] = _KINDS,
    insurance: bool | None = None,
    deferral: bool | None = None,
    max_months: int = 360,
) -> _st.SearchStrategy[_ec.Loan]:
    """Loans of the wealth platform: principal 1,000.00 to 1,000,000.00, nominal annual rate
    0.00% to 15.00%, 1 to ``max_months`` monthly payments from a first payment between
    2000-01-01 and :data:`AS_OF`, kind drawn from ``kinds`` (annuity, linear, in_fine).

    ``insurance``: ``True`` always adds borrower insurance (0.00% to 1.00% a year, on the
    initial or the remaining capital), ``False`` never, ``None`` sometimes; ``deferral`` the
    same for a deferral (partial or total, 1 to 24 months and shorter than the loan; a
    one-month loan has none, so ``deferral=True`` draws loans of 2 months or more).

    Guarantee: every loan validates: ``amortization_schedule(loan)`` succeeds, has
    ``loan.months`` rows and repays the principal exactly (capitalised interest included
    for a total deferral). Shrinks towards a one-month annuity of 1,000.00 at 0%.
    """
    if not kinds or any(k not in _KINDS for k in kinds):
        raise ValueError(f"loans: kinds must be a non-empty subset of {_KINDS}")
    if not 1 <= max_months <= 1200:
        raise ValueError("loans: max_months must lie within 1 to 1200")
    if deferral is True and max_months < 2:
        raise ValueError("loans: a deferral needs max_months >= 2")
    return _loans(tuple(kinds), insurance, deferral, max_months)


@_dataclass(frozen=True)
class CashFlows:
    """A cash-flow series with exactly one sign change.

    ``values``: amounts in currency units (cents exact), ``values[:sign_change]`` all
    negative (outlays), ``values[sign_change:]`` all positive (receipts); ``dates``: one
    strictly increasing date per value (for ``xnpv``/``xirr``).
    """

    values: list[float]
    dates: list[_dt.date]
    sign_change: int


@_st.composite
def _cash_flows(draw, length: tuple[int, int]) -> CashFlows:
    n = draw(_st.integers(min_value=length[0], max_value=length[1]))
    k = draw(_st.integers(min_value=1, max_value=n - 1))
    cents = _st.integers(min_value=1, max_value=10_000_000)
    out = [-draw(cents) / 100 for _ in range(k)]
    inflows = [draw(cents) / 100 for _ in range(n - k)]
    start = _dt.date(2020, 1, 1) + _dt.timedelta(days=draw(_st.integers(min_value=0, max_value=365)))
    gaps = [draw(_st.integers(min_value=1, max_value=366)) for _ in range(n - 1)]
    dates = [start]
    for g in gaps:
        dates.append(dates[-1] + _dt.timedelta(days=g))
    return CashFlows(out + inflows, dates, k)


def cash_flows(length: tuple[int, int] = (2, 24)) -> _st.SearchStrategy[CashFlows]:
    """A :class:`CashFlows` of ``length`` values (2 to 1000): first outlays, then receipts,
    each 0.01 to 100,000.00, on dates 1 to 366 days apart from a start in 2020.

    Guarantee: exactly one sign change, at ``sign_change`` (so the series' NPV falls
    strictly as the rate rises above -100%, and IRR and XIRR have exactly one root); every
    value is finite and non-zero. Shrinks towards ``[-0.01, 0.01]``.
    """
    _check_range("length", *length)
    if length[0] < 2 or length[1] > 1000:
        raise ValueError("cash_flows: length must lie within 2 to 1000")
    return _cash_flows(tuple(length))


def _money(low: int, high: int) -> _st.SearchStrategy[Decimal]:
    return _st.integers(min_value=low * 100, max_value=high * 100).map(lambda c: Decimal(c) / 100)


@_st.composite
def _profiles(draw, max_items: int) -> _ec.Profile:
    few = lambda s: _st.lists(s, max_size=max_items)  # noqa: E731
    names = lambda prefix: _st.integers(min_value=1, max_value=999).map(lambda i: f"{prefix}{i}")  # noqa: E731
    cash = draw(few(_st.fixed_dictionaries({"name": names("account"), "amount": _money(0, 100_000)})))
    investments = draw(few(_st.fixed_dictionaries({
        "name": names("fund"),
        "envelope": _st.sampled_from(("pea", "cto", "assurance_vie", "per", "savings_book", "other")),
        "value": _money(0, 500_000),
    })))
    homes = []
    for _ in range(draw(_st.integers(min_value=0, max_value=max_items))):
        loan = draw(_st.none() | _loans(_KINDS, None, None, 300))
        # Real estate is worth at least its loan's principal, so its net value starts >= 0.
        value = draw(_money(0, 2_000_000)) + (loan.principal if loan is not None else 0)
        homes.append({"name": draw(names("home")), "value": value, "loan": loan})
    crypto = draw(few(_st.fixed_dictionaries({
        "symbol": _st.sampled_from(CRYPTO_SYMBOLS),
        "quantity": _st.integers(min_value=0, max_value=10**8).map(lambda q: Decimal(q).scaleb(-6)),
    })))
    others = draw(few(_st.fixed_dictionaries({"name": names("asset"), "value": _money(0, 100_000)})))
    debts = draw(few(_st.fixed_dictionaries({"name": names("debt"), "amount": _money(0, 50_000)})))
    return _ec.Profile(
        cash=cash, investments=investments, real_estate=homes, crypto=crypto,
        other_assets=others, other_debts=debts,
    )


def profiles(max_items: int = 3) -> _st.SearchStrategy[_ec.Profile]:
    """Wealth profiles: up to ``max_items`` (0 to 20) of each category (cash accounts,
    investments by envelope, real estate with or without a loan from :func:`loans`, crypto
    holdings of :data:`CRYPTO_SYMBOLS` to six decimal places, other assets and debts), every
    amount >= 0 with two decimal places.

    Guarantee: every profile values: ``net_worth(profile, prices, options)`` succeeds with a
    fresh price for each of :data:`CRYPTO_SYMBOLS` and any as-of date; each real estate item
    is worth at least its loan's principal (the capital still owed can pass it only through
    the interest a total deferral capitalises). Shrinks towards the empty profile.
    """
    if not 0 <= max_items <= 20:
        raise ValueError("profiles: max_items must lie within 0 to 20")
    return _profiles(max_items)


_PLANS = (("basic", Decimal("9.99")), ("premium", Decimal("29.99")))


@_st.composite
def _subscribers(draw, max_payments: int, as_of: _dt.date) -> _ec.Subscriber:
    days = (as_of - _dt.date(2020, 1, 1)).days
    signup = as_of - _dt.timedelta(days=draw(_st.integers(min_value=0, max_value=days)))
    # Subscriptions follow each other: each ends the day the next starts; the last is open.
    count = draw(_st.integers(min_value=1, max_value=3))
    later = _st.integers(min_value=0, max_value=(as_of - signup).days)
    starts = sorted({signup, *(signup + _dt.timedelta(days=draw(later)) for _ in range(count - 1))})
    subscriptions = []
    for i, start in enumerate(starts):
        plan, amount = draw(_st.sampled_from(_PLANS))
        end = starts[i + 1] if i + 1 < len(starts) else None
        subscriptions.append(_ec.Subscription(plan=plan, monthly_amount=amount, start=start, end=end))
    # Payments: one a month from signup, each of the plan in force, on or before `as_of`.
    n = draw(_st.integers(min_value=0, max_value=max_payments))
    payments = []
    for k in range(n):
        date = signup + _dt.timedelta(days=30 * k)
        if date > as_of:
            break
        plan = next(s for s in reversed(subscriptions) if s.start <= date)
        payments.append(_ec.Payment(date=date, amount=plan.monthly_amount, succeeded=draw(_st.booleans())))
    return _ec.Subscriber(
        id=f"u{draw(_st.integers(min_value=1, max_value=999_999))}", signup=signup,
        subscriptions=subscriptions, payments=payments,
    )


def subscribers(max_payments: int = 12, as_of: _dt.date = AS_OF) -> _st.SearchStrategy[_ec.Subscriber]:
    """Subscribers of the risk monitor: a signup date between 2020-01-01 and ``as_of``, one
    to three subscriptions in a row (plans "basic" at 9.99 and "premium" at 29.99 a month,
    each ending when the next starts, the last open), and up to ``max_payments`` monthly
    payments (every 30 days from signup, none after ``as_of``) of the plan in force, each
    succeeded or failed.

    Guarantee: every date lies between the signup and ``as_of``, payments are in date
    order, and ``risk_score(subscriber, as_of)`` succeeds with a score in [0, 1]. Shrinks
    towards a subscriber who signed up on ``as_of`` with no payment.
    """
    if not 0 <= max_payments <= 1000:
        raise ValueError("subscribers: max_payments must lie within 0 to 1000")
    if as_of < _dt.date(2020, 1, 1):
        raise ValueError("subscribers: as_of must be 2020-01-01 or later")
    return _subscribers(max_payments, as_of)

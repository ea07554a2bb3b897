"""One instance of every class the package exports, found by walking the results of real
calls (a seeded season, its backtest, a wealth profile, a subscriber population...). Used by
the pickling tests: a new class that no call below produces has no sample, and fails them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import lru_cache
from typing import Any

import numpy as np

import edgecore as ec

UTC = dt.timezone.utc


def exported_classes() -> list[type]:
    """Every class of `edgecore.__all__` that is not an exception."""
    return sorted(
        (
            getattr(ec, name)
            for name in ec.__all__
            if isinstance(getattr(ec, name), type) and not issubclass(getattr(ec, name), BaseException)
        ),
        key=lambda c: c.__name__,
    )


def _roots() -> list[Any]:
    season = ec.generate(
        {"seed": 3, "events": 12, "bookmakers": 5, "anomalies": 3, "arbitrages": 2, "steam_moves": 2}
    )
    history = ec.History(season.snapshots)
    # a board at every injected anomaly, arbitrage and steam move, so each agent finds some
    boards = [ec.Board.at(history, injection.at) for injection in season.injected]
    board = boards[0]
    run = ec.backtest(history, season.events, season.results)
    bets = [bet for strategy in run.runs for bet in strategy.bets]
    anomalies = [o for b in boards for o in ec.find_anomalies(b)]
    spreads = [ec.scan_spreads(b) for b in boards]
    movements = [ec.find_movements(b) for b in boards]
    steam = [m for found in movements for m in found.steam]
    snapshot = season.snapshots[0]
    # the first anomaly published and kept as a pick, won
    o = anomalies[0]
    pick = ec.Pick(
        event_id=o.event_id, league="soccer_epl", market=o.market, line=o.line, selection=o.selection,
        bookmaker=o.bookmaker, price=o.price, fair_probability=o.fair_probability, first_seen=o.detected_at,
        label="analyser", agents=[o.agent], outcome="won",
    )
    loan = ec.Loan(
        principal="200000",
        annual_rate_pct="3.2",
        months=240,
        first_payment=dt.date(2024, 2, 5),
        kind="annuity",
        insurance={"annual_rate_pct": "0.3", "base": "initial"},
        deferral={"months": 6, "kind": "partial"},
    )
    profile = ec.Profile(
        {
            "cash": [{"name": "current", "amount": "1200.50"}],
            "investments": [{"name": "etf", "envelope": "pea", "value": "15000"}],
            "real_estate": [
                {
                    "name": "flat",
                    "value": "250000",
                    "loan": {
                        "principal": "200000",
                        "annual_rate_pct": "3.2",
                        "months": 240,
                        "first_payment": "2024-02-05",
                        "kind": "annuity",
                    },
                }
            ],
            "crypto": [{"symbol": "BTC", "quantity": "0.1"}],
            "other_assets": [{"name": "car", "value": "9000"}],
            "other_debts": [{"name": "card", "amount": "300"}],
        }
    )
    as_of = dt.datetime(2025, 6, 1, 12, tzinfo=UTC)
    prices = ec.PriceBook({"prices": {"BTC": {"price": "60000", "as_of": as_of}}})
    options = ec.NetWorthOptions({"as_of": as_of, "max_price_age_seconds": 3600})
    subscribers = [
        ec.Subscriber(
            id=f"s{i}",
            signup=dt.date(2023, 1, 1),
            subscriptions=[{"plan": "std", "monthly_amount": "9.99", "start": "2023-01-01", "end": None}],
            payments=[{"date": dt.date(2024, m, 1), "amount": "9.99", "succeeded": (i + m) % 3 != 0} for m in range(1, 7)],
        )
        for i in range(6)
    ]
    scores = ec.risk_score_batch(subscribers, dt.date(2024, 6, 30))
    plan = ec.investment_plan("500", [{"name": "pea", "percent": "60"}, {"name": "av", "percent": "40"}])
    subscriptions = [
        ec.MrrSubscription(customer="c1", plan="pro", price="29", period="monthly", start=dt.date(2024, 1, 1), end=None),
        ec.MrrSubscription(customer="c2", plan="basic", price="9", period="monthly", start=dt.date(2024, 3, 1), end=dt.date(2024, 5, 1)),
    ]
    return [
        season,
        history,
        board,
        run,
        board.quotes(),
        anomalies,
        movements,
        spreads,
        ec.price_series(board),
        ec.consensus(anomalies, steam, ec.agent_records(bets)),
        ec.compare_agents(bets, 1000),
        ec.track_record([pick], ec.PaperStaking(flat_stake="10")),
        ec.PaperStaking(flat_stake="10"),
        pick,
        ec.performance(bets, 1000),
        ec.breakdown(bets, "bookmaker"),
        ec.heatmap(bets),
        ec.settle(bets[0], (2, 1)),
        ec.EventResult.cancelled(),
        ec.devig([2.2, 3.5, 3.4], method="shin"),
        ec.kelly_stake_detail(1000, 2.1, 0.52),
        ec.kelly_exclusive_detail([2.1, 3.4, 3.9], [0.5, 0.3, 0.2]),
        ec.decimal_to_fractional(2.5),
        ec.closing_market(
            season.snapshots, snapshot.event_id, as_of.replace(year=2030), snapshot.bookmaker,
            snapshot.market, snapshot.line, ["home", "draw", "away"] if snapshot.market == "h2h" else ["over", "under"],
        ),
        ec.arbitrage([Decimal("2.1"), Decimal("2.1")], 100),
        ec.hedge([{"outcome": 0, "stake": "10", "odds": "3.0"}], ["2.0", "2.2"]),
        loan,
        ec.amortization_schedule(loan),
        ec.amortization_schedule_columns(loan),
        profile,
        ec.net_worth(profile, prices, options),
        plan,
        ec.project_plan(plan, np.array([4.0, 2.0]), 3),
        ec.savings_progress("6000", "2500", dt.date(2025, 6, 30)),
        ec.mrr(subscriptions, dt.date(2024, 4, 1)),
        ec.mrr_movement(subscriptions, 2024, 5),
        ec.SubscriberBatch(subscribers),
        scores,
        ec.risk_summary(scores),
        ec.SettleRules(),
        ec.KellyPolicy(),
        ec.AnomalyConfig(),
        ec.SpreadConfig(),
        ec.MovementConfig(),
        ec.ConsensusConfig(),
        ec.BacktestConfig(),
        ec.RiskConfig(),
        ec.Position({"outcome": 0, "stake": "10", "odds": "3.0"}),
        ec.GeneratorConfig(),
        subscribers,
        subscriptions,
        prices,
        options,
        ec.PlanLine(name="pea", percent="100"),
        ec.AgentRecord(agent="anomaly", bets=40, average_clv=0.012),
        # a holding without a price, flagged in a best-effort net worth
        ec.net_worth(
            {"crypto": [{"symbol": "ETH", "quantity": "1"}]},
            prices,
            {"as_of": as_of, "max_price_age_seconds": 3600, "best_effort": True},
        ),
    ]


def _walk(value: Any, found: dict[type, Any]) -> None:
    if type(value).__module__ == "edgecore" and value != []:  # a non-empty Records list
        found.setdefault(type(value), value)
    if isinstance(value, (list, tuple)):
        for item in value[:4]:
            _walk(item, found)
    elif isinstance(value, dict):
        for item in list(value.values())[:4]:
            _walk(item, found)
    elif type(value).__module__ == "edgecore":
        for name in dir(value):
            if not name.startswith("_"):
                attribute = getattr(value, name)
                if not callable(attribute):
                    _walk(attribute, found)


@lru_cache(maxsize=None)
def samples() -> dict[type, Any]:
    """One instance per exported class reached from the calls above."""
    found: dict[type, Any] = {}
    for root in _roots():
        _walk(root, found)
    return found

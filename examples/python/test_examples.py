"""Runs the example apps through their frameworks' test clients."""

from __future__ import annotations

import sys
from pathlib import Path
from decimal import Decimal
from typing import Any

from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).resolve().parent))

import betting_api  # noqa: E402
import wealth_app  # noqa: E402


def bet(**changes: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": "b1", "event_id": "e1", "league": "soccer_epl", "market": "totals", "line": "3.0",
        "selection": "over", "bookmaker": "bet365", "odds": "2.05", "stake": "10",
        "placed_at": "2025-03-01T12:00:00Z", "source": "manual", "outcome": None,
        "closing_odds": "1.94", "closing_probability": None,
    }
    record.update(changes)
    return record


def test_betting_api() -> None:
    client = TestClient(betting_api.app)
    market = client.post("/devig", json={"odds": [2.10, 3.40, 3.60], "method": "shin"}).json()
    assert abs(sum(market["probabilities"]) - 1) < 1e-12 and market["method"] == "shin"

    stake = client.post("/stake", json={"bankroll": "1000", "odds": 2.0, "probability": 0.55}).json()
    assert stake["stake"] == "25" and stake["reason"] == "staked"

    settled = client.post("/settle", json={"bet": bet(), "home": 2, "away": 2}).json()
    assert settled == {"outcome": "won", "payout": "20.50", "profit": "10.50"}
    void = client.post("/settle", json={"bet": bet(), "cancelled": True}).json()
    assert void["outcome"] == "void"

    clv = client.post("/clv", json={"odds_taken": 2.05, "closing_odds": 1.94, "closing_market": [1.94, 1.94], "outcome": 0}).json()
    assert clv["clv_percent"] == 5.67 and clv["tier"] == "excellent" and abs(clv["clv_fair"] - 0.025) < 1e-12

    history = [bet(outcome="won"), bet(id="b2", odds="2.00", outcome="lost", closing_odds="2.10")]
    perf = client.post("/performance", json={"bets": history}).json()
    assert Decimal(perf["profit"]) == Decimal("0.50") and perf["win_rate"] == 0.5
    assert Decimal(perf["max_drawdown"]) == 10

    bad = client.post("/devig", json={"odds": [0.5, 2.0]})
    assert bad.status_code == 422 and bad.json()["kind"] == "InvalidOdds"


def test_wealth_app() -> None:
    client = wealth_app.app.test_client()
    loan = {"principal": "200000", "annual_rate_pct": "6", "months": 360, "first_payment": "2024-01-01", "kind": "annuity"}
    worth = client.post(
        "/net-worth",
        json={
            "as_of": "2024-05-15T12:00:00Z",
            "profile": {
                "cash": [{"name": "current", "amount": "2500.00"}],
                "real_estate": [{"name": "flat", "value": "250000", "loan": loan}],
                "crypto": [{"symbol": "BTC", "quantity": "0.1"}],
            },
            "prices": {"BTC": {"price": "60000", "as_of": "2024-05-15T11:30:00Z"}},
        },
    ).get_json()
    assert worth["net_worth"] == "59505.51"

    table = client.post("/loan/schedule", json={**loan, "principal": "150000", "annual_rate_pct": "10", "months": 36, "first_payment": "2024-01-05"}).get_json()
    assert table["payment"] == "4840.08" and len(table["rows"]) == 36
    assert Decimal(table["rows"][-1]["remaining"]) == 0

    plan = client.post(
        "/plan",
        json={"capacity": "1000", "lines": [{"name": "pea", "percent": "60"}, {"name": "av", "percent": "40"}], "annual_returns_percent": [7.0, 3.0], "years": 10},
    ).get_json()
    assert [Decimal(line["amount"]) for line in plan["plan"]["lines"]] == [600, 400]
    assert Decimal(plan["projection"]["contributed"]) == 120000

    subscribers = [
        {"id": "good", "signup": "2022-01-01", "payments": [{"date": f"2024-0{m}-01", "amount": "20", "succeeded": True} for m in range(1, 7)]},
        {"id": "late", "signup": "2024-06-01", "payments": [{"date": "2024-06-10", "amount": "5", "succeeded": False}]},
    ]
    risk = client.post("/risk", json={"as_of": "2024-06-30", "subscribers": subscribers}).get_json()
    levels = {s["subscriber_id"]: s["level"] for s in risk["scores"]}
    assert levels["good"] == "low" and levels["late"] in ("high", "critical")
    assert risk["summary"]["total"] == 2

    bad = client.post("/loan/schedule", json={**loan, "principal": "-1"})
    assert bad.status_code == 422 and bad.get_json()["kind"] == "InvalidAmount"

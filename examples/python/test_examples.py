"""Runs the example apps through their frameworks' test clients."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from decimal import Decimal
from typing import Any

from fastapi.testclient import TestClient

import edgecore as ec

sys.path.insert(0, str(Path(__file__).resolve().parent))

import betting_api  # noqa: E402
import risk_monitor  # noqa: E402
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
    assert stake["stake"] == "25.00" and stake["reason"] == "staked"

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


PLATFORM_PROFILE: dict[str, Any] = {
    "cash": [{"name": "current", "amount": "2500.00"}],
    "real_estate": [
        {
            "name": "flat", "value": "250000", "has_credit": True, "credit_amount": "200000",
            "credit_rate": "6", "credit_duration": 30, "credit_start": "2023-12",
        },
        {"name": "cottage", "value": "90000", "has_credit": False},
    ],
    "crypto": [{"symbol": "BTC", "quantity": "0.1"}],
}
PRICES = {"BTC": {"price": "60000", "as_of": "2024-05-15T11:30:00Z"}}


def test_wealth_app_reads_the_platform_fields() -> None:
    client = wealth_app.app.test_client()
    reply = client.post(
        "/api/net-worth", json={"as_of": "2024-05-15T12:00:00Z", "profile": PLATFORM_PROFILE, "prices": PRICES}
    ).get_json()
    # 200,000 at 6 % over 30 years from 2024-01-01: 5 payments made by mid-May 2024
    (flat,) = reply["credits"]
    assert flat["name"] == "flat" and flat["payment"] == "1199.10" and len(flat["schedule"]) == 360
    assert flat["schedule"][0]["date"] == "2024-01-01" and Decimal(flat["schedule"][-1]["remaining"]) == 0
    assert flat["remaining_capital"] == flat["schedule"][4]["remaining"]
    owed = Decimal(flat["remaining_capital"])
    assert Decimal(reply["net_worth"]["net_worth"]) == Decimal("2500.00") + 250000 - owed + 90000 + 6000
    assert reply["net_worth"]["net_worth"] == "149505.51"


def test_wealth_app_reports_bad_platform_fields() -> None:
    client = wealth_app.app.test_client()
    flat = PLATFORM_PROFILE["real_estate"][0]
    cases = [
        ({"credit_start": "2023-13"}, "InvalidParameter", "start"),
        ({"credit_start": "12/2023"}, "InvalidParameter", "start"),
        ({"credit_duration": 2.5}, "InvalidParameter", "duration_years"),
        ({"credit_rate": "six"}, "InvalidRecord", "annual_rate_pct"),
        ({"credit_amount": "-5"}, "InvalidAmount", "principal"),
        ({"credit_rate": None}, "InvalidRecord", "missing credit_rate"),
    ]
    for change, kind, text in cases:
        profile = {**PLATFORM_PROFILE, "real_estate": [{**flat, **change}]}
        reply = client.post("/api/net-worth", json={"as_of": "2024-05-15T12:00:00Z", "profile": profile, "prices": PRICES})
        assert reply.status_code == 422, change
        assert reply.get_json()["kind"] == kind and text in reply.get_json()["detail"], (change, reply.get_json())


def test_wealth_app_recalculates_everyone() -> None:
    client = wealth_app.app.test_client()
    profiles = {
        f"client{i}": {**PLATFORM_PROFILE, "cash": [{"name": "current", "amount": str(100 * i)}]} for i in range(100)
    }
    body = {"as_of": "2024-05-15T12:00:00Z", "profiles": profiles, "prices": PRICES}
    everyone = client.post("/api/admin/recalculate", json=body).get_json()
    assert set(everyone) == set(profiles)
    for name in ("client0", "client42", "client99"):
        one = client.post("/api/net-worth", json={**body, "profile": profiles[name]}).get_json()
        assert everyone[name] == one["net_worth"]["net_worth"]


def test_wealth_app_plans() -> None:
    client = wealth_app.app.test_client()
    plan = client.post(
        "/api/plan",
        json={"capacity": "1000", "lines": [{"name": "pea", "percent": "60"}, {"name": "av", "percent": "40"}], "annual_returns_percent": [7.0, 3.0], "years": 10},
    ).get_json()
    assert [Decimal(line["amount"]) for line in plan["plan"]["lines"]] == [600, 400]
    assert Decimal(plan["projection"]["contributed"]) == 120000


def test_risk_monitor(tmp_path: Path) -> None:
    path = str(tmp_path / "risk.db")
    as_of = dt.date(2025, 6, 30)
    risk_monitor.create_database(path, users=400, seed=5, as_of=as_of)
    client = TestClient(risk_monitor.create_app(path, as_of))
    expected = ec.risk_score_batch(risk_monitor.load_subscribers(path), as_of)
    high = sorted((s for s in expected if ec.is_high_risk(s.level)), key=lambda s: (-s.score, s.subscriber_id))
    assert 0 < len(high) < 400

    first = client.get("/api/risky-users", params={"per_page": 25}).json()
    assert first["total"] == len(high) and [u["id"] for u in first["users"]] == [s.subscriber_id for s in high[:25]]
    second = client.get("/api/risky-users", params={"per_page": 25, "page": 2}).json()
    assert [u["id"] for u in second["users"]] == [s.subscriber_id for s in high[25:50]]
    critical = client.get("/api/risky-users", params={"level": "critical", "min_score": 0.8, "per_page": 200}).json()
    assert critical["users"] and all(u["level"] == "critical" and u["score"] >= 0.8 for u in critical["users"])
    assert critical["total"] == sum(1 for s in expected if s.level == "critical" and s.score >= 0.8)
    for bad in ({"level": "severe"}, {"per_page": 0}, {"page": 0}, {"min_score": 1.5}):
        assert client.get("/api/risky-users", params=bad).status_code == 422, bad

    user = high[0].subscriber_id
    analysis = client.get(f"/api/user/{user}/risk-analysis").json()
    assert analysis["subscriber_id"] == user and analysis["level"] == high[0].level
    assert [f["factor"] for f in analysis["factors"]] == ["recent_failures", "amount", "failure_rate", "pays_once", "account_age"]
    assert abs(sum(f["contribution"] for f in analysis["factors"]) - analysis["score"]) < 1e-9
    assert analysis["flags"] == high[0].flags
    assert client.get("/api/user/nobody/risk-analysis").status_code == 404

    stats = client.get("/api/stats").json()
    assert stats["total"] == 400 and stats["high_risk_count"] == len(high)
    assert sum(b["count"] for b in stats["histogram"]) == 400
    assert sum(level["count"] for level in stats["levels"]) == 400
    # a date before some signups is the caller's bad input, reported by the core
    earlier = client.get("/api/stats", params={"as_of": "2024-01-31"})
    assert earlier.status_code == 422 and earlier.json()["kind"] == "InvalidParameter"
    assert client.get("/api/stats", params={"as_of": "not a date"}).status_code == 422

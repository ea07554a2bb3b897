"""The wealth platform on edgecore: a Flask app for the net worth of a profile, the
amortization table of a loan, an investment plan, and the risk scores of a subscriber list.

Run it with ``flask --app wealth_app run``; ``test_examples.py`` exercises every route with
Flask's test client.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from flask import Flask, jsonify, request

import edgecore as ec

app = Flask(__name__)


def plain(value: Any) -> Any:
    """A result's dict with Decimal as strings and dates as ISO text, for JSON."""
    if hasattr(value, "to_dict"):
        return plain(value.to_dict())
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


@app.errorhandler(ec.EdgecoreError)
def bad_input(error: ec.EdgecoreError) -> Any:
    """Every edgecore error is the caller's bad input: 422 with the kind and the message."""
    return jsonify(kind=error.kind, detail=str(error)), 422


@app.post("/net-worth")
def net_worth() -> Any:
    """Net worth by category (real estate net of the capital still owed) at an instant."""
    body = request.get_json()
    options = {"as_of": body["as_of"], "max_price_age_seconds": body.get("max_price_age_seconds", 3600)}
    worth = ec.net_worth(body["profile"], {"prices": body.get("prices", {})}, options)
    return jsonify(plain(worth))


@app.post("/loan/schedule")
def schedule() -> Any:
    """The amortization table of a loan (French conventions)."""
    loan = request.get_json()
    s = ec.amortization_schedule(
        loan["principal"],
        loan["annual_rate_pct"],
        loan["months"],
        dt.date.fromisoformat(loan["first_payment"]),
        kind=loan.get("kind", "annuity"),
        insurance=loan.get("insurance"),
    )
    return jsonify(plain(s))


@app.post("/plan")
def plan() -> Any:
    """A monthly savings capacity split across envelopes, projected over some years."""
    body = request.get_json()
    split = ec.investment_plan(body["capacity"], body["lines"])
    projection = ec.project_plan(split, body["annual_returns_percent"], body["years"])
    return jsonify(plan=plain(split), projection=plain(projection.total))


@app.post("/risk")
def risk() -> Any:
    """Risk scores of a subscriber list as of a date, with the KPI summary."""
    body = request.get_json()
    as_of = dt.date.fromisoformat(body["as_of"])
    scores = ec.risk_score_batch([ec.Subscriber(s) for s in body["subscribers"]], as_of)
    return jsonify(scores=plain(scores), summary=plain(ec.risk_summary(scores)))

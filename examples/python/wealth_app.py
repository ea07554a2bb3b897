"""The wealth platform on edgecore: a Flask service that reads an investor's profile in the
platform's own field names and returns the net worth, each credit's repayment table and the
capital still owed; plus the admin's "recalculate everyone" and the investment plan.

The platform's profile (JSON) holds ``cash``, ``investments`` (with their ``envelope``),
``crypto``, ``other_assets``, ``other_debts`` and ``real_estate`` items written as the
platform stores them: ``name``, ``value``, ``has_credit`` and, for a credit,
``credit_amount``, ``credit_rate`` (annual, in percent), ``credit_duration`` (in years) and
``credit_start`` ("YYYY-MM"). ``edgecore.Loan.from_fields`` turns those four fields into a
loan (the rules live in the package, which reports a bad field by name).

Routes:

- ``POST /api/net-worth``: ``{"as_of", "profile", "prices"}`` -> the net worth by category
  and each credit's monthly payment, capital still owed at ``as_of`` and repayment table;
- ``POST /api/admin/recalculate``: ``{"as_of", "profiles": {client: profile}, "prices"}``
  -> every client's net worth, computed at once (``edgecore.net_worth_batch``);
- ``POST /api/plan``: a monthly savings capacity split across envelopes and projected.

Every edgecore error is the caller's bad input: 422 with its ``kind`` and message.
``flask --app wealth_app run`` serves it; ``test_examples.py`` calls each route through
Flask's test client.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, jsonify, request

import edgecore as ec
from plain import plain

app = Flask(__name__)

CREDIT_FIELDS = ("credit_amount", "credit_rate", "credit_duration", "credit_start")


def credit(item: dict[str, Any]) -> ec.Loan | None:
    """The loan of a platform real-estate item (None without a credit)."""
    if not item.get("has_credit"):
        return None
    missing = [f for f in CREDIT_FIELDS if item.get(f) in (None, "")]
    if missing:
        raise ec.InvalidRecordError(f"invalid real estate {item.get('name')!r}: missing {', '.join(missing)}")
    return ec.Loan.from_fields(*(item[f] for f in CREDIT_FIELDS))


def profile(document: dict[str, Any]) -> ec.Profile:
    """The package's `Profile` of a platform profile: the same categories, real estate with
    its credit read through `Loan.from_fields`."""
    real_estate = [
        {"name": item["name"], "value": item["value"], "loan": credit(item)}
        for item in document.get("real_estate", [])
    ]
    return ec.Profile({**document, "real_estate": real_estate})


def options(body: dict[str, Any]) -> dict[str, Any]:
    return {"as_of": body["as_of"], "max_price_age_seconds": body.get("max_price_age_seconds", 3600)}


@app.errorhandler(ec.EdgecoreError)
def bad_input(error: ec.EdgecoreError) -> Any:
    """Every edgecore error is the caller's bad input: 422 with the kind and the message."""
    return jsonify(kind=error.kind, detail=str(error)), 422


@app.post("/api/net-worth")
def net_worth() -> Any:
    """Net worth by category (real estate net of the capital still owed) at `as_of`, and
    each credit's payment, capital still owed and repayment table."""
    body = request.get_json()
    investor = profile(body["profile"])
    worth = ec.net_worth(investor, {"prices": body.get("prices", {})}, options(body))
    as_of = worth.as_of.date()
    credits = []
    for item in investor.real_estate:
        if item.loan is not None:
            table = ec.amortization_schedule(item.loan)
            credits.append(
                {
                    "name": item.name,
                    "payment": table.payment,
                    "remaining_capital": ec.remaining_capital(item.loan, as_of),
                    "schedule": table.rows,
                }
            )
    return jsonify(net_worth=plain(worth), credits=plain(credits))


@app.post("/api/admin/recalculate")
def recalculate() -> Any:
    """Every client's net worth at `as_of` with the same prices, computed at once."""
    body = request.get_json()
    clients = list(body["profiles"])
    worths = ec.net_worth_batch(
        [profile(body["profiles"][c]) for c in clients], {"prices": body.get("prices", {})}, options(body)
    )
    return jsonify({c: str(w.net_worth) for c, w in zip(clients, worths)})


@app.post("/api/plan")
def plan() -> Any:
    """A monthly savings capacity split across envelopes, projected over some years."""
    body = request.get_json()
    split = ec.investment_plan(body["capacity"], body["lines"])
    projection = ec.project_plan(split, body["annual_returns_percent"], body["years"])
    return jsonify(plan=plain(split), projection=plain(projection.total))

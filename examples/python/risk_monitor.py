"""The subscriber risk monitor on edgecore: a FastAPI service over a SQLite table of
subscribers, subscriptions and payments, with the routes of the support team's dashboard:

- ``GET /api/risky-users``: users at high risk or above (or at one ``level``), with a
  minimum score, sorted by score, paged (``page``, ``per_page``);
- ``GET /api/user/{id}/risk-analysis``: one user's score, level, flags and the five
  weighted factors with their contributions;
- ``GET /api/stats``: the KPIs (users, high-risk share, payment failure rate, levels, flags)
  and the score distribution.

Every route scores as of ``as_of`` (a query parameter; the service's date by default), so
the same data and date always give the same answers. ``create_database`` makes a demo
database (seeded); ``python risk_monitor.py`` serves a demo one with uvicorn. ``test_examples.py`` calls
each route through FastAPI's test client.
"""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
from typing import Any, Literal, Optional

from fastapi import FastAPI, HTTPException, Query
from fastapi.responses import JSONResponse

import edgecore as ec
from plain import plain

SCHEMA = """
CREATE TABLE users (id TEXT PRIMARY KEY, signup TEXT NOT NULL);
CREATE TABLE subscriptions (
    user_id TEXT NOT NULL REFERENCES users(id), plan TEXT NOT NULL,
    monthly_amount TEXT NOT NULL, start TEXT NOT NULL, "end" TEXT
);
CREATE TABLE payments (
    user_id TEXT NOT NULL REFERENCES users(id), date TEXT NOT NULL,
    amount TEXT NOT NULL, succeeded INTEGER NOT NULL
);
CREATE INDEX subscriptions_user ON subscriptions(user_id);
CREATE INDEX payments_user ON payments(user_id);
"""

PLANS = [("basic", "4.99"), ("standard", "9.99"), ("premium", "19.99")]


def create_database(path: str, users: int, seed: int = 1, as_of: dt.date = dt.date(2025, 6, 30)) -> None:
    """A demo database of `users` subscribers with a year of monthly payments before
    `as_of`: most pay, some fail now and then, some pay once then decline, some downgrade."""
    rng = random.Random(seed)
    db = sqlite3.connect(path)
    db.executescript(SCHEMA)
    for i in range(users):
        uid = f"u{i:06d}"
        signup = as_of - dt.timedelta(days=rng.randrange(20, 900))
        db.execute("INSERT INTO users VALUES (?, ?)", (uid, signup.isoformat()))
        plan, amount = rng.choice(PLANS)
        months = min(12, (as_of - signup).days // 30)
        first = as_of - dt.timedelta(days=30 * months)
        pattern = rng.random()
        if pattern < 0.1:  # downgrade half-way
            half = first + dt.timedelta(days=30 * (months // 2))
            db.execute("INSERT INTO subscriptions VALUES (?, ?, ?, ?, ?)", (uid, "premium", "19.99", first.isoformat(), half.isoformat()))
            db.execute("INSERT INTO subscriptions VALUES (?, ?, ?, ?, NULL)", (uid, "basic", "4.99", half.isoformat()))
        else:
            db.execute("INSERT INTO subscriptions VALUES (?, ?, ?, ?, NULL)", (uid, plan, amount, first.isoformat()))
        for m in range(months):
            day = first + dt.timedelta(days=30 * m)
            if pattern < 0.2:
                ok = m == 0  # pays once, then declines
            elif pattern < 0.35:
                ok = rng.random() < 0.6
            else:
                ok = rng.random() < 0.97
            db.execute("INSERT INTO payments VALUES (?, ?, ?, ?)", (uid, day.isoformat(), amount, int(ok)))
    db.commit()
    db.close()


def load_subscribers(path: str) -> ec.SubscriberBatch:
    """Every subscriber with their subscriptions and payments, read in three queries and
    converted once (a `SubscriberBatch` is scored without any further conversion)."""
    db = sqlite3.connect(path)
    try:
        people: dict[str, dict[str, Any]] = {
            uid: {"id": uid, "signup": signup, "subscriptions": [], "payments": []}
            for uid, signup in db.execute("SELECT id, signup FROM users ORDER BY id")
        }
        for uid, plan, amount, start, end in db.execute('SELECT user_id, plan, monthly_amount, start, "end" FROM subscriptions'):
            people[uid]["subscriptions"].append({"plan": plan, "monthly_amount": amount, "start": start, "end": end})
        for uid, day, amount, ok in db.execute("SELECT user_id, date, amount, succeeded FROM payments"):
            people[uid]["payments"].append({"date": day, "amount": amount, "succeeded": bool(ok)})
    finally:
        db.close()
    return ec.SubscriberBatch(list(people.values()))


def create_app(path: str, as_of: dt.date) -> FastAPI:
    """The service over the database at `path`; `as_of` is the default scoring date."""
    app = FastAPI(title="Subscriber risk monitor")
    subscribers = load_subscribers(path)
    scored: dict[dt.date, list[ec.RiskScore]] = {}

    def scores(day: Optional[dt.date]) -> list[ec.RiskScore]:
        day = day or as_of
        if day not in scored:  # the data is read-only here: one scoring per date
            scored[day] = ec.risk_score_batch(subscribers, day)
        return scored[day]

    @app.exception_handler(ec.EdgecoreError)
    async def bad_input(_request: Any, error: ec.EdgecoreError) -> JSONResponse:
        return JSONResponse({"kind": error.kind, "detail": str(error)}, status_code=422)

    @app.get("/api/risky-users")
    def risky_users(
        level: Optional[Literal["low", "medium", "high", "critical"]] = None,
        min_score: float = Query(0.0, ge=0.0, le=1.0),
        page: int = Query(1, ge=1),
        per_page: int = Query(20, ge=1, le=200),
        as_of: Optional[dt.date] = None,
    ) -> dict[str, Any]:
        """Users at `level` (default: high risk and above) scoring at least `min_score`,
        highest score first (then by id), page `page` of `per_page`."""
        chosen = [
            s for s in scores(as_of)
            if (s.level == level if level else ec.is_high_risk(s.level)) and s.score >= min_score
        ]
        chosen.sort(key=lambda s: (-s.score, s.subscriber_id))
        start = (page - 1) * per_page
        return {
            "total": len(chosen),
            "page": page,
            "per_page": per_page,
            "users": [
                {"id": s.subscriber_id, "score": s.score, "level": s.level, "flags": s.flags}
                for s in chosen[start : start + per_page]
            ],
        }

    @app.get("/api/user/{user_id}/risk-analysis")
    def risk_analysis(user_id: str, as_of: Optional[dt.date] = None) -> dict[str, Any]:
        """One user's score, level, flags, payment counts and the five factors (weight,
        value in [0, 1], contribution to the score)."""
        found = next((s for s in scores(as_of) if s.subscriber_id == user_id), None)
        if found is None:
            raise HTTPException(404, f"no user {user_id}")
        return plain(found)

    @app.get("/api/stats")
    def stats(as_of: Optional[dt.date] = None) -> dict[str, Any]:
        """The KPIs of every user and the distribution of their scores (ten bins)."""
        return plain(ec.risk_summary(scores(as_of)))

    return app


if __name__ == "__main__":  # a demo: python risk_monitor.py (needs uvicorn)
    import os

    import uvicorn

    demo = "risk_monitor_demo.db"
    if not os.path.exists(demo):
        create_database(demo, users=5_000)
    uvicorn.run(create_app(demo, dt.date(2025, 6, 30)))

"""The betting service on edgecore: a FastAPI app that de-vigs a market, sizes a stake,
settles a bet, computes the CLV of a bet and the performance of a bet history.

Run it with ``uvicorn betting_api:app``; ``test_examples.py`` exercises every route with
FastAPI's test client.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel, Field

import edgecore as ec

app = FastAPI(title="betting service", version=ec.__version__)


@app.exception_handler(ec.EdgecoreError)
async def bad_input(_request: Any, error: ec.EdgecoreError) -> Any:
    """Every edgecore error is the caller's bad input: 422 with the kind and the message."""
    from fastapi.responses import JSONResponse

    return JSONResponse(status_code=422, content={"kind": error.kind, "detail": str(error)})


class MarketIn(BaseModel):
    odds: list[float] = Field(examples=[[2.10, 3.40, 3.60]])
    method: str = "shin"


class StakeIn(BaseModel):
    bankroll: Decimal
    odds: float
    probability: float
    policy: dict[str, Any] = Field(default_factory=dict)


class SettleIn(BaseModel):
    bet: dict[str, Any]
    home: int | None = None
    away: int | None = None
    cancelled: bool = False


class ClvIn(BaseModel):
    odds_taken: float
    closing_odds: float
    closing_market: list[float] | None = None
    outcome: int | None = None


class HistoryIn(BaseModel):
    bets: list[dict[str, Any]]
    starting_bankroll: Decimal = Decimal("1000")


@app.post("/devig")
def devig(market: MarketIn) -> dict[str, Any]:
    """Fair probabilities and odds of one market."""
    result: dict[str, Any] = ec.devig(market.odds, method=market.method).to_dict()
    return result


@app.post("/stake")
def stake(request: StakeIn) -> dict[str, Any]:
    """The Kelly stake of a bet under the user's policy (fraction, cap, minimum edge)."""
    detail = ec.kelly_stake_detail(request.bankroll, request.odds, request.probability, request.policy)
    return {**detail.to_dict(), "stake": str(detail.stake)}


@app.post("/settle")
def settle(request: SettleIn) -> dict[str, Any]:
    """Settles a bet from the final score (or a cancelled event)."""
    if request.cancelled:
        result = ec.EventResult.cancelled()
    elif request.home is None or request.away is None:
        raise HTTPException(status_code=422, detail="a final score needs home and away")
    else:
        result = ec.EventResult.final(request.home, request.away)
    s = ec.settle(request.bet, result)
    return {"outcome": s.outcome, "payout": str(s.payout), "profit": str(s.profit)}


@app.post("/clv")
def clv(request: ClvIn) -> dict[str, Any]:
    """CLV of a bet against the close, and against the de-vigged close when the closing
    market is given."""
    value = ec.clv(request.odds_taken, request.closing_odds)
    # The tier is decided on the prices themselves, exactly (2.02 against 2.00 is exactly 1%).
    tier = ec.clv_tier_from_prices(request.odds_taken, request.closing_odds)
    body: dict[str, Any] = {"clv": value, "clv_percent": round(value * 100, 2), "tier": tier}
    if request.closing_market is not None and request.outcome is not None:
        body["clv_fair"] = ec.clv_fair(request.odds_taken, request.closing_market, request.outcome, "shin")
    return body


@app.post("/performance")
def performance(history: HistoryIn) -> dict[str, Any]:
    """Dashboard figures of a bet history: profit, ROI, win rate, CLV, drawdown."""
    p = ec.performance(history.bets, history.starting_bankroll)
    return {
        "bets": p.bets,
        "settled": p.settled,
        "profit": str(p.profit),
        "roi": p.roi,
        "win_rate": p.win_rate,
        "average_clv": p.average_clv,
        "clv_tier": p.clv_tier,
        "final_bankroll": str(p.final_bankroll),
        "max_drawdown": str(p.max_drawdown.amount),
    }

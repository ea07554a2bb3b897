# Type stubs of `edgecore.testing`: hypothesis strategies of valid edgecore records (see the
# module's docstrings for what each strategy guarantees).

import datetime
from dataclasses import dataclass
from collections.abc import Sequence
from decimal import Decimal
from typing import Literal

from hypothesis import strategies as st

from . import Bet, Event, EventResult, Fractional, Loan, PriceSnapshot, Profile, Subscriber

_OddsFormat = Literal["decimal", "american", "fractional", "hong_kong", "malay", "indonesian"]
_Market = Literal["h2h", "totals", "spreads", "draw_no_bet"]
_LoanKind = Literal["annuity", "linear", "in_fine"]

AS_OF: datetime.date
CRYPTO_SYMBOLS: tuple[str, ...]
LEAGUES: tuple[str, ...]

@dataclass(frozen=True)
class BoardCase:
    event: Event
    probabilities: list[float]
    snapshots: list[PriceSnapshot]
    captured_at: datetime.datetime

@dataclass(frozen=True)
class ScoredBet:
    event: Event
    bet: Bet
    result: EventResult

@dataclass(frozen=True)
class CashFlows:
    values: list[float]
    dates: list[datetime.date]
    sign_change: int

def odds(
    format: _OddsFormat = "decimal", min_price: Decimal | str = "1.01", max_price: Decimal | str = "100"
) -> st.SearchStrategy[Decimal | float | Fractional]: ...
def markets(
    outcomes: tuple[int, int] = (2, 3), margin: tuple[float, float] = (0.02, 0.10), places: int = 2
) -> st.SearchStrategy[list[Decimal]]: ...
def boards(
    bookmakers: Sequence[str] = ("pinnacle", "bet365", "unibet", "winamax"),
    margin: tuple[float, float] = (0.02, 0.10),
    three_way: bool | None = None,
) -> st.SearchStrategy[BoardCase]: ...
def scored_bets(
    markets: Sequence[_Market] = ("h2h", "totals", "spreads", "draw_no_bet"), max_goals: int = 9, cancelled: bool = True
) -> st.SearchStrategy[ScoredBet]: ...
def bets(markets: Sequence[_Market] = ("h2h", "totals", "spreads", "draw_no_bet")) -> st.SearchStrategy[Bet]: ...
def loans(
    kinds: Sequence[_LoanKind] = ("annuity", "linear", "in_fine"),
    insurance: bool | None = None,
    deferral: bool | None = None,
    max_months: int = 360,
) -> st.SearchStrategy[Loan]: ...
def cash_flows(length: tuple[int, int] = (2, 24)) -> st.SearchStrategy[CashFlows]: ...
def profiles(max_items: int = 3) -> st.SearchStrategy[Profile]: ...
def subscribers(max_payments: int = 12, as_of: datetime.date = ...) -> st.SearchStrategy[Subscriber]: ...

"""The agents' track record: published picks bet on paper (`Pick`, `PaperStaking`,
`paper_bets`, `paper_records`, `track_record`) on a case checked by hand, and the typed
errors of bad picks and staking. The same case runs in Rust and Node as the vector
`track/two_agents_won_lost_void_flat_and_kelly`."""

from __future__ import annotations

import copy
import datetime as dt
import pickle
import re
from decimal import Decimal
from typing import Any

import pytest

import edgecore as ec

UTC = dt.timezone.utc


def pick(event: str, selection: str, price: str, fair: float, day: int, label: str, agents: list[str],
         close: str, close_p: float, outcome: str) -> dict[str, Any]:
    return {
        "event_id": event, "league": "soccer_epl", "market": "h2h", "selection": selection,
        "bookmaker": "bet365", "price": Decimal(price), "fair_probability": fair,
        "first_seen": dt.datetime(2026, 11, day, 10, tzinfo=UTC), "label": label, "agents": agents,
        "closing_odds": Decimal(close), "closing_probability": close_p, "outcome": outcome,
    }


# e1 and e2 are published in ISO week 2026-W47, e3 in 2026-W48.
PICKS = [
    pick("e1", "home", "2.05", 0.55, 20, "analyser", ["anomaly", "spread"], "1.94", 0.50, "won"),
    pick("e2", "away", "3.00", 0.36, 21, "prudence", ["spread"], "3.20", 0.30, "lost"),
    pick("e3", "draw", "3.40", 0.32, 28, "prudence", ["anomaly"], "3.10", 0.31, "void"),
]
STAKING = ec.PaperStaking(flat_stake=Decimal("10"), bankroll=Decimal("1000"))


def test_a_pick_is_a_record_with_its_paper_figures() -> None:
    p = ec.Pick(PICKS[0])
    assert (p.price, p.agents, p.label, p.outcome) == (Decimal("2.05"), ["anomaly", "spread"], "analyser", "won")
    # CLV (2.05 - 1.94) / 1.94 = 0.0567010; fair 2.05 x 0.5 - 1 = 0.025.
    assert p.clv() == pytest.approx(0.11 / 1.94, abs=1e-12)
    assert p.clv_fair() == pytest.approx(0.025, abs=1e-12)
    assert ec.pick_clv(PICKS[0]) == p.clv() and ec.pick_clv_fair(PICKS[0]) == p.clv_fair()
    # Quarter Kelly of 1000 capped at 5%: (2.05 x 0.55 - 1) / 1.05 / 4 = 3.0357% -> 30.35.
    assert p.kelly_stake(STAKING) == Decimal("30.35")
    assert ec.pick_kelly_stake(PICKS[0]) == Decimal("30.35")  # the default staking
    # (3.4 x 0.32 - 1) / 2.4 / 4 = 0.9167% -> 9.16 (down to the cent).
    assert ec.Pick(PICKS[2]).kelly_stake({"bankroll": "1000"}) == Decimal("9.16")
    bet = p.paper_bet("anomaly", "10")
    assert isinstance(bet, ec.Bet)
    assert (bet.id, bet.odds, bet.stake, bet.source) == ("e1/h2h//home/bet365/anomaly", Decimal("2.05"), Decimal("10"), "anomaly")
    assert bet.profit() == Decimal("10.50")
    assert ec.pick_paper_bet(PICKS[0], "anomaly", 10) == bet
    # Settled by the core: home wins 2-1, so the away pick lost; a cancelled event is void.
    assert p.settle((2, 1)) == "won" and ec.pick_settle(PICKS[1], (2, 1)) == "lost"
    assert ec.pick_settle(PICKS[2], "cancelled") == "void"
    pending = ec.Pick({**PICKS[0], "closing_odds": None, "closing_probability": None, "outcome": None})
    assert (pending.clv(), pending.clv_fair(), pending.outcome) == (None, None, None)


def test_the_hand_checked_track_record() -> None:
    r = ec.track_record(PICKS, STAKING)
    assert isinstance(r, ec.TrackRecord) and r.picks == 3
    anomaly, spread = r.agents
    assert isinstance(anomaly, ec.AgentPaper) and (anomaly.agent, spread.agent) == ("anomaly", "spread")
    # Flat 10. anomaly: e1 won +10.50, e3 void 0 -> 10.50 on 20 staked; CLV
    # (0.0567010 + 0.3 / 3.1) / 2 = 0.0767376, both beat the close, no fall.
    f = anomaly.flat
    assert (f.bets, f.profit, f.roi, f.win_rate) == (2, Decimal("10.50"), pytest.approx(0.525), 1.0)
    assert f.average_clv == pytest.approx((0.11 / 1.94 + 0.30 / 3.10) / 2, abs=1e-12)
    assert (f.beat_close_share, f.max_drawdown, f.max_drawdown_amount) == (1.0, 0.0, Decimal(0))
    # spread: e1 +10.50, e2 -10 -> 0.50 on 20; CLV (0.0567010 - 0.0625) / 2; half beat the
    # close; the fall of 10 from 1010.50.
    f = spread.flat
    assert (f.bets, f.profit, f.roi, f.win_rate) == (2, Decimal("0.50"), pytest.approx(0.025), 0.5)
    assert f.average_clv == pytest.approx((0.11 / 1.94 - 0.0625) / 2, abs=1e-12)
    assert f.beat_close_share == 0.5
    assert (f.max_drawdown_amount, f.max_drawdown) == (Decimal("10"), pytest.approx(10 / 1010.5, abs=1e-12))
    # Kelly: e1 30.35 won (paid 62.2175 -> 62.22, +31.87), e2 10.00 lost, e3 9.16 void.
    assert anomaly.kelly is not None and spread.kelly is not None
    assert (anomaly.kelly.profit, anomaly.kelly.roi) == (Decimal("31.87"), pytest.approx(31.87 / 39.51, abs=1e-12))
    assert (spread.kelly.profit, spread.kelly.roi) == (Decimal("21.87"), pytest.approx(21.87 / 40.35, abs=1e-12))
    # Weeks of first publication.
    assert [(w.key, w.summary.bets, w.summary.profit) for w in anomaly.weeks] == [
        ("2026-W47", 1, Decimal("10.50")), ("2026-W48", 1, Decimal("0.00")),
    ]
    assert [(w.key, w.summary.bets) for w in spread.weeks] == [("2026-W47", 2)]
    # The label check, one flat bet per pick: analyser e1 +10.50; prudence e2 -10, e3 void.
    analyser, prudence = r.labels
    assert (analyser.agent, analyser.bets, analyser.profit, analyser.roi) == ("analyser", 1, Decimal("10.50"), 1.05)
    assert (prudence.agent, prudence.bets, prudence.profit, prudence.roi) == ("prudence", 2, Decimal("-10"), -0.5)
    assert prudence.average_clv == pytest.approx((-0.0625 + 0.30 / 3.10) / 2, abs=1e-12)
    # Records pickle and convert like every record of the package.
    assert pickle.loads(pickle.dumps(r)) == r
    assert r.to_dict()["agents"][0]["flat"]["profit"] == Decimal("10.50")


def test_paper_bets_and_records() -> None:
    flat = ec.paper_bets(PICKS, STAKING)
    assert [(b.source, b.stake) for b in flat] == [
        ("anomaly", Decimal("10")), ("spread", Decimal("10")), ("spread", Decimal("10")), ("anomaly", Decimal("10")),
    ]
    kelly = ec.paper_bets(PICKS, STAKING, "kelly")
    assert [b.stake for b in kelly] == [Decimal("30.35"), Decimal("30.35"), Decimal("10.00"), Decimal("9.16")]
    # A policy asking for an edge of at least 10% stakes only e1 (2.05 x 0.55 - 1 = 0.1275;
    # e2 has 3 x 0.36 - 1 = 0.08 and e3 3.4 x 0.32 - 1 = 0.088, staked 0 and left out).
    strict = ec.paper_bets(PICKS, {"policy": {"min_edge": 0.10}}, "kelly")
    assert [b.event_id for b in strict] == ["e1", "e1"]
    records = ec.paper_records(PICKS, staking=STAKING)
    assert [(x.agent, x.bets) for x in records] == [("anomaly", 2), ("spread", 2)]
    assert records[0].average_clv == pytest.approx((0.11 / 1.94 + 0.30 / 3.10) / 2, abs=1e-12)
    # A user bet whose source names an agent counts too.
    extra = ec.Pick(PICKS[1]).paper_bet("movement", "5")
    assert [x.agent for x in ec.paper_records(PICKS, [extra], STAKING)] == ["anomaly", "spread", "movement"]
    assert ec.track_record([]).picks == 0


def bad(index: int, **fields: Any) -> list[dict[str, Any]]:
    picks = copy.deepcopy(PICKS)
    picks[index].update(fields)
    return picks


@pytest.mark.parametrize(
    "picks,error,message",
    [
        (bad(1, price="1"), ec.InvalidOddsError, "invalid odds 1"),
        (bad(0, closing_odds="0.5"), ec.InvalidOddsError, "invalid odds 0.5"),
        (bad(0, fair_probability=1.5), ec.InvalidProbabilityError, "invalid probability 1.5"),
        (bad(2, agents=[]), ec.EmptyInputError, "empty input: agents needs at least 1 (got 0)"),
    ],
)
def test_bad_picks_raise_typed_errors(picks: list[dict[str, Any]], error: type[Exception], message: str) -> None:
    for call in (lambda: ec.track_record(picks), lambda: ec.paper_bets(picks, kind="kelly"), lambda: ec.paper_records(picks)):
        with pytest.raises(error, match=re.escape(message)):
            call()


def test_unknown_names_in_picks_raise_typed_errors() -> None:
    for picks, value in [(bad(2, agents=["oracle"]), "oracle"), (bad(0, label="maybe"), "maybe")]:
        with pytest.raises(ec.EdgecoreError, match=value):
            ec.track_record(picks)


def test_bad_staking_and_arguments_raise_typed_errors() -> None:
    with pytest.raises(ec.InvalidAmountError, match="flat_stake"):
        ec.track_record(PICKS, {"flat_stake": "0"})
    with pytest.raises(ec.InvalidAmountError, match="bankroll"):
        ec.paper_bets(PICKS, {"bankroll": "-1"})
    with pytest.raises(ec.InvalidRecordError, match="paper staking"):
        ec.track_record(PICKS, {"flat": "10"})
    with pytest.raises(ec.UnknownNameError):
        ec.paper_bets(PICKS, kind="martingale")
    with pytest.raises(ec.InvalidAmountError):
        ec.Pick(PICKS[0]).paper_bet("anomaly", "0")
    with pytest.raises(ec.InvalidParameterError):
        ec.Pick(PICKS[0]).kelly_stake({"policy": {"fraction": 2}})
    with pytest.raises(ec.InvalidRecordError):
        ec.Pick({**PICKS[0], "first_seen": "yesterday"})

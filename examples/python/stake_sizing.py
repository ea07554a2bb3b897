"""A user's own stake-sizing rule on a board of bookmakers (tested in test_stake_sizing.py).

The fair probabilities come from the sharp bookmaker's prices with the margin removed
(Shin's method); every other bookmaker's price that beats them is staked at half Kelly, never
more than `cap` on one bet, and never more than the bankroll in all.
"""

from __future__ import annotations

from decimal import Decimal

import edgecore as ec


def stakes(snapshots: list[ec.PriceSnapshot], bankroll: Decimal, cap: Decimal, sharp: str = "pinnacle") -> dict[tuple[str, str], Decimal]:
    """Stake per (bookmaker, selection) for the value bets of one market's snapshots."""
    reference = [s for s in snapshots if s.bookmaker == sharp]
    fair = dict(zip((s.selection for s in reference), ec.devig([float(s.price) for s in reference], method="shin").probabilities))
    policy = ec.KellyPolicy(fraction=0.5)
    left = bankroll
    out: dict[tuple[str, str], Decimal] = {}
    for s in snapshots:
        if s.bookmaker == sharp or s.selection not in fair:
            continue
        stake = min(ec.kelly_stake(bankroll, float(s.price), fair[s.selection], policy), cap, left)
        if stake > 0:
            out[(s.bookmaker, s.selection)] = stake
            left -= stake
    return out


if __name__ == "__main__":
    from edgecore.testing import boards

    case = boards().example()
    print(stakes(case.snapshots, Decimal("1000"), Decimal("50")))

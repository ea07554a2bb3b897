#!/usr/bin/env python3
"""Derives the replay's odds snapshots of the recorded games that have results.

The bundled recordings (server/tests/fixtures) hold odds only for games not played yet, while
their scores answers also hold games already completed. This script writes, for those
completed games, the odds answers a collector would have received before each kickoff, in
the format of the recorded `/v4/sports/{sport}/odds` answers (same fields), one file per
sport and capture instant, plus `manifest.json` naming the source and the capture instants.

Derivation (deterministic, seed below; no network):
- the games: every `completed` game of `scores_<sport>.json` (id, teams, kickoff);
- the prices: game j takes the bookmakers, markets and prices of the j-th event of the
  first recorded odds answer of its league (`odds_<sport>_1.json`), home and away by
  position; then, from the first capture to kickoff, one h2h selection and one totals
  side of each game shorten (up to 6%) while the others drift (up to 3%), each bookmaker
  adds a small noise (at most 1.5%), and at each capture one bookmaker other than the
  reference (pinnacle) offers one selection 9% above its price (the kind of stale or
  generous quote the agents look for);
- the captures: every instant of CAPTURED_AT before the game's kickoff; each bookmaker's
  `last_update` is two minutes before the capture, as in the recordings.

Run from the repository root: python3 server/demo/derive_closed.py
"""

import json
import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

SEED = 2026
SPORTS = ["soccer_epl", "soccer_spain_la_liga", "soccer_france_ligue_one"]
CAPTURED_AT = [
    "2025-03-10T18:00:00Z",
    "2025-03-11T10:00:00Z",
    "2025-03-11T19:15:00Z",
    "2025-03-12T10:00:00Z",
    "2025-03-12T18:00:00Z",
    "2025-03-12T19:15:00Z",
]
REFERENCE = "pinnacle"
SHORTEN = 0.06
DRIFT = 0.03
NOISE = 0.015
GENEROUS = 1.09

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
OUT = Path(__file__).resolve().parent / "closed"


def instant(s):
    return datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)


def stamp(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def price(x):
    return max(1.01, round(x, 2))


def plan(rng, game, template):
    """What moves in a game: the h2h name and totals side that shorten, and per capture
    the generous bookmaker and selection."""
    names = [game["home_team"], game["away_team"], "Draw"]
    books = [b["key"] for b in template["bookmakers"] if b["key"] != REFERENCE]
    return {
        "h2h": rng.choice(names),
        "totals": rng.choice(["Over", "Under"]),
        "generous": [
            (rng.choice(books), rng.choice(names + ["Over", "Under"]))
            for _ in CAPTURED_AT
        ],
        "noise": {b["key"]: rng.uniform(-NOISE, NOISE) for b in template["bookmakers"]},
    }


def renamed(name, template, game):
    if name == template["home_team"]:
        return game["home_team"]
    if name == template["away_team"]:
        return game["away_team"]
    return name


def event_at(game, template, moves, i, at, first):
    kickoff = instant(game["commence_time"])
    progress = (at - first) / (kickoff - first)
    seen = stamp(at - timedelta(minutes=2))
    generous_book, generous_name = moves["generous"][i]
    bookmakers = []
    for book in template["bookmakers"]:
        noise = moves["noise"][book["key"]] * (1 if i % 2 == 0 else -1)
        markets = []
        for market in book["markets"]:
            outcomes = []
            for o in market["outcomes"]:
                name = renamed(o["name"], template, game)
                side = moves["totals"] if market["key"] == "totals" else moves["h2h"]
                factor = 1 - SHORTEN * progress if name == side else 1 + DRIFT * progress
                factor *= 1 + noise
                if book["key"] == generous_book and name == generous_name:
                    factor *= GENEROUS
                out = {"name": name, "price": price(o["price"] * factor)}
                if "point" in o:
                    out["point"] = o["point"]
                outcomes.append(out)
            markets.append({"key": market["key"], "last_update": seen, "outcomes": outcomes})
        bookmakers.append(
            {"key": book["key"], "title": book["title"], "last_update": seen, "markets": markets}
        )
    return {
        "id": game["id"],
        "sport_key": game["sport_key"],
        "sport_title": game["sport_title"],
        "commence_time": game["commence_time"],
        "home_team": game["home_team"],
        "away_team": game["away_team"],
        "bookmakers": bookmakers,
    }


def main():
    rng = random.Random(SEED)
    first = instant(CAPTURED_AT[0])
    files = {}
    for sport in SPORTS:
        scores = json.loads((FIXTURES / f"scores_{sport}.json").read_text())
        templates = json.loads((FIXTURES / f"odds_{sport}_1.json").read_text())
        games = sorted((g for g in scores if g["completed"]), key=lambda g: g["id"])
        moves = [plan(rng, g, templates[j % len(templates)]) for j, g in enumerate(games)]
        files[sport] = []
        for i, captured in enumerate(CAPTURED_AT):
            at = instant(captured)
            events = [
                event_at(g, templates[j % len(templates)], moves[j], i, at, first)
                for j, g in enumerate(games)
                if instant(g["commence_time"]) > at
            ]
            events.sort(key=lambda e: (e["commence_time"], e["id"]))
            name = f"odds_{sport}_{i + 1}.json"
            (OUT / name).write_text(json.dumps(events, separators=(",", ":")) + "\n")
            files[sport].append(name)
    manifest = {
        "source": "derived, not recorded: server/demo/derive_closed.py (seed "
        f"{SEED}) from the completed games of tests/fixtures/scores_<sport>.json and the "
        "bookmakers, markets and prices of tests/fixtures/odds_<sport>_1.json",
        "seed": SEED,
        "reference": REFERENCE,
        "captured_at": CAPTURED_AT,
        "files": files,
    }
    (OUT / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")


if __name__ == "__main__":
    main()

//! What is priced: events, markets, selections, price snapshots and final results.
//!
//! These records are shared by CLV, settlement, statistics and the agents. Quoted prices are
//! exact `Decimal` decimal odds as the bookmaker shows them; lines (totals 2.5, handicap
//! -0.25) are `Decimal` too, so they compare and hash exactly.

use crate::error::{Error, Result};
use crate::names::named_enum;
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

named_enum! {
    /// A betting market. `h2h` is the match result (three-way 1X2 in football, two-way
    /// moneyline elsewhere); `totals` is over/under a goal line; `spreads` is the Asian
    /// handicap (the line is the handicap of the selected side); `draw_no_bet` is h2h with the
    /// stake returned on a draw.
    pub enum Market ("market") {
        /// Match result: home, draw (three-way only), away.
        H2h = "h2h",
        /// Over/under a total-goals line.
        Totals = "totals",
        /// Asian handicap: the line is added to the selected side's score.
        Spreads = "spreads" | "asian_handicap",
        /// Home or away; a draw returns the stake.
        DrawNoBet = "draw_no_bet",
    }
}

named_enum! {
    /// One side of a market.
    pub enum Selection ("selection") {
        /// The home side.
        Home = "home",
        /// The draw (h2h only).
        Draw = "draw",
        /// The away side.
        Away = "away",
        /// Over the totals line.
        Over = "over",
        /// Under the totals line.
        Under = "under",
    }
}

/// Home and away: the sides of a two-way market.
const TWO_SIDES: &[Selection] = &[Selection::Home, Selection::Away];

named_enum! {
    /// A sport family, named as the odds feed's sport keys begin ("soccer_epl",
    /// "basketball_nba", "icehockey_nhl"): the part of a league key before its first `_`.
    /// Settlement reads it to pick how an h2h market treats a level score
    /// ([`Sport::h2h_is_two_way`]).
    pub enum Sport ("sport") {
        /// Football (soccer): the match result is three-way (1X2), a draw is a selection.
        Soccer = "soccer",
        /// Basketball: moneyline, two-way (overtime decides).
        Basketball = "basketball",
        /// American football: moneyline, two-way.
        AmericanFootball = "americanfootball",
        /// Baseball: moneyline, two-way (extra innings decide).
        Baseball = "baseball",
        /// Tennis: two-way, a match has no draw.
        Tennis = "tennis",
        /// Ice hockey: the moneyline (overtime and shootout included) is two-way.
        IceHockey = "icehockey",
    }
}

impl Sport {
    /// The sport family of a league key: the text before the first `_` ("basketball_nba" ->
    /// basketball), or the whole key without one ("tennis"). `None` for a family not listed
    /// in [`Sport`] (cricket, rugby, e-sports...) or an empty key.
    ///
    /// ```
    /// use edgecore::market::Sport;
    /// assert_eq!(Sport::of_league("icehockey_nhl"), Some(Sport::IceHockey));
    /// assert_eq!(Sport::of_league("soccer_epl"), Some(Sport::Soccer));
    /// assert_eq!(Sport::of_league("cricket_test_match"), None);
    /// ```
    pub fn of_league(league: &str) -> Option<Sport> {
        let family = league.split('_').next().unwrap_or(league);
        family.parse().ok()
    }

    /// Whether the sport's h2h (match result) market is two-way, a moneyline without a draw:
    /// every listed family but football (soccer), whose h2h is the three-way 1X2.
    pub const fn h2h_is_two_way(self) -> bool {
        !matches!(self, Sport::Soccer)
    }
}

/// Lines move in steps of a quarter goal.
const QUARTER: Decimal = Decimal::from_parts(25, 0, 0, false, 2);

impl Market {
    /// Whether the market has a line: totals and spreads do, h2h and draw no bet do not.
    pub const fn has_line(self) -> bool {
        matches!(self, Market::Totals | Market::Spreads)
    }

    /// The selections of this market in column order: home, draw, away for h2h (the draw
    /// exists only in a three-way market; see [`Market::two_way_selections`]), over, under
    /// for totals, home, away for spreads and draw no bet.
    ///
    /// ```
    /// use edgecore::market::{Market, Selection};
    /// assert_eq!(Market::Totals.selections(), &[Selection::Over, Selection::Under]);
    /// ```
    pub const fn selections(self) -> &'static [Selection] {
        match self {
            Market::H2h => &[Selection::Home, Selection::Draw, Selection::Away],
            Market::Totals => &[Selection::Over, Selection::Under],
            Market::Spreads | Market::DrawNoBet => TWO_SIDES,
        }
    }

    /// The selections of this market when it is quoted two-way: as [`Market::selections`],
    /// without the draw of h2h (a moneyline).
    pub const fn two_way_selections(self) -> &'static [Selection] {
        match self {
            Market::H2h => TWO_SIDES,
            other => other.selections(),
        }
    }

    /// Whether `selection` belongs to this market: one of [`Market::selections`].
    pub fn accepts(self, selection: Selection) -> bool {
        self.selections().contains(&selection)
    }

    /// Checks that `selection` belongs to the market and that `line` is present exactly when
    /// the market has one, and is a multiple of 0.25 (whole, half or quarter line). When both
    /// are bad, the first in signature order is reported: the selection
    /// ([`Market::check_selection`], then [`Market::check_line`]).
    pub fn check(self, selection: Selection, line: Option<Decimal>) -> Result<()> {
        self.check_selection(selection)?;
        self.check_line(line)
    }

    /// Checks that `selection` belongs to the market (`InvalidSelection` otherwise).
    pub fn check_selection(self, selection: Selection) -> Result<()> {
        if self.accepts(selection) {
            Ok(())
        } else {
            Err(Error::InvalidSelection {
                selection: selection.to_string(),
                market: self.to_string(),
            })
        }
    }

    /// Checks that `line` is present exactly when the market has one and is a multiple of
    /// 0.25 (`InvalidLine` otherwise).
    pub fn check_line(self, line: Option<Decimal>) -> Result<()> {
        match (self.has_line(), line) {
            (true, None) => Err(Error::InvalidLine {
                value: "none".into(),
                reason: "this market needs a line",
            }),
            (false, Some(l)) => Err(Error::InvalidLine {
                value: l.to_string(),
                reason: "this market has no line",
            }),
            (true, Some(l)) if !l.checked_rem(QUARTER).is_some_and(|r| r.is_zero()) => {
                Err(Error::InvalidLine {
                    value: l.to_string(),
                    reason: "a line must be a multiple of 0.25",
                })
            }
            _ => Ok(()),
        }
    }
}

/// A sporting event.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Stable identifier (the odds feed's event id).
    pub id: String,
    /// League or competition key, e.g. "soccer_epl".
    pub league: String,
    /// Home side's name.
    pub home: String,
    /// Away side's name.
    pub away: String,
    /// Scheduled start (UTC). Prices captured at or after it are live prices.
    pub kickoff: DateTime<Utc>,
}

/// One bookmaker's price for one selection, as captured at one instant.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriceSnapshot {
    /// When the price was captured (UTC).
    pub captured_at: DateTime<Utc>,
    /// The event's identifier.
    pub event_id: String,
    /// Bookmaker key, e.g. "pinnacle".
    pub bookmaker: String,
    /// The market.
    pub market: Market,
    /// The line for totals and spreads; `None` for h2h and draw no bet.
    pub line: Option<Decimal>,
    /// The selection priced.
    pub selection: Selection,
    /// Decimal odds as quoted (> 1).
    pub price: Decimal,
}

/// How an event ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum EventResult {
    /// Played to the end with this final score (regular time for football markets).
    Final {
        /// Goals (points) of the home side.
        home: u32,
        /// Goals (points) of the away side.
        away: u32,
    },
    /// Cancelled or abandoned: every bet on it is void.
    Cancelled,
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn names_round_trip() {
        for m in Market::ALL {
            assert_eq!(m.as_str().parse::<Market>().unwrap(), *m);
        }
        assert_eq!("asian_handicap".parse::<Market>().unwrap(), Market::Spreads);
        let err = "corners".parse::<Market>().unwrap_err();
        assert_eq!(err.kind(), "UnknownName");
        assert!(
            err.to_string()
                .contains("h2h, totals, spreads, draw_no_bet")
        );
        assert_eq!(serde_json::to_string(&Selection::Over).unwrap(), "\"over\"");
    }

    #[test]
    fn market_checks() {
        assert!(
            Market::Totals
                .check(Selection::Over, Some(dec!(2.5)))
                .is_ok()
        );
        assert!(
            Market::Spreads
                .check(Selection::Home, Some(dec!(-0.75)))
                .is_ok()
        );
        assert!(Market::H2h.check(Selection::Draw, None).is_ok());
        let kinds = [
            Market::Totals.check(Selection::Home, Some(dec!(2.5))),
            Market::Totals.check(Selection::Over, None),
            Market::H2h.check(Selection::Home, Some(dec!(1))),
            Market::Totals.check(Selection::Over, Some(dec!(2.3))),
        ]
        .map(|r| r.unwrap_err().kind());
        assert_eq!(
            kinds,
            [
                "InvalidSelection",
                "InvalidLine",
                "InvalidLine",
                "InvalidLine"
            ]
        );
    }

    #[test]
    fn result_serde() {
        let r: EventResult =
            serde_json::from_str(r#"{"status":"final","home":2,"away":1}"#).unwrap();
        assert_eq!(r, EventResult::Final { home: 2, away: 1 });
        let c: EventResult = serde_json::from_str(r#"{"status":"cancelled"}"#).unwrap();
        assert_eq!(c, EventResult::Cancelled);
    }
}

//! Agent C: line movements.
//!
//! A price series is one bookmaker's prices for one selection. Its opening price is the
//! first captured, its current price the last captured at or before the board instant;
//! drift is `current / opening - 1` and speed the drift per hour between the two captures.
//!
//! Over a window `W` ending at the board instant `t`, a bookmaker's shortening is
//! `(p_then - p_now) / p_then`, where `p_now` is its price on the board and `p_then` the price
//! in force at `t - W` (the last captured at or before `t - W`; the opening price when the
//! series opened inside the window). A steam move is a shortening of at least
//! `min_shortening` at `min_books` or more bookmakers. A sharp move is a shortening of at
//! least `min_shortening` at the reference bookmaker. After either, a bookmaker that has not
//! followed (its shortening is below `min_shortening`) and still offers an edge of at least
//! `min_edge` against the fair probabilities is an opportunity at its stale price.

use super::anomaly::check_thresholds;
use super::board::{Board, Candidate, View};
use super::fair::{Scratch, fair, price_z};
use super::history::{Tables, instant, selection_line};
use super::{AgentName, Opportunity};
use crate::check;
use crate::devig::DevigMethod;
use crate::error::{Error, Result};
use crate::market::{Market, Selection};
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Thresholds of agent C. Serialises with every field optional (defaults below).
///
/// An unknown field is refused (`InvalidRecord`): a misspelt key never falls back to its
/// default silently.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MovementConfig {
    /// De-vig method for the fair probabilities (default multiplicative).
    pub method: DevigMethod,
    /// The window `W` in seconds (default 21,600: 6 hours). In [1, 3,153,600,000].
    pub window_seconds: i64,
    /// Smallest shortening that counts as a move (fraction, default 0.03). In (0, 1).
    pub min_shortening: f64,
    /// Fewest bookmakers moving together for a steam move (default 3). At least 1.
    pub min_books: usize,
    /// Smallest edge of a stale price reported as an opportunity (fraction, default 0.02).
    pub min_edge: f64,
    /// Scale floor of the robust z-score (implied-probability units, default 0.005).
    /// Finite and at least `f64::MIN_POSITIVE`.
    pub z_floor: f64,
}

impl Default for MovementConfig {
    fn default() -> Self {
        MovementConfig {
            method: DevigMethod::Multiplicative,
            window_seconds: 21_600,
            min_shortening: 0.03,
            min_books: 3,
            min_edge: 0.02,
            z_floor: 0.005,
        }
    }
}

impl MovementConfig {
    pub(crate) fn validate(&self) -> Result<()> {
        check_thresholds(self.min_edge, self.min_books, self.z_floor)?;
        check::parameter(
            "min_shortening",
            self.min_shortening,
            |s| s > 0.0 && s < 1.0,
            "must be in (0, 1)",
        )?;
        if !(1..=3_153_600_000).contains(&self.window_seconds) {
            return Err(Error::InvalidParameter {
                name: "window_seconds",
                value: self.window_seconds.to_string(),
                reason: "must be between 1 and 3153600000 seconds",
            });
        }
        Ok(())
    }

    pub(crate) fn window(&self) -> i64 {
        self.window_seconds * 1_000_000
    }
}

/// A price series' opening, current price and movement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeriesSummary {
    /// The event's identifier.
    pub event_id: String,
    /// Bookmaker key.
    pub bookmaker: String,
    /// The market.
    pub market: Market,
    /// The selection's line.
    pub line: Option<Decimal>,
    /// The selection.
    pub selection: Selection,
    /// First price captured.
    pub opening_price: Decimal,
    /// When.
    pub opened_at: DateTime<Utc>,
    /// Last price captured at or before the board instant.
    pub current_price: Decimal,
    /// When.
    pub updated_at: DateTime<Utc>,
    /// `current / opening - 1` (fraction; negative when the price shortened).
    pub drift: f64,
    /// Drift per hour between the opening and current captures; 0 when they coincide.
    pub speed: f64,
    /// Number of captures up to the board instant.
    pub quotes: usize,
}

/// A steam move on one selection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SteamMove {
    /// The event's identifier.
    pub event_id: String,
    /// The market.
    pub market: Market,
    /// The selection's line.
    pub line: Option<Decimal>,
    /// The selection whose price shortened.
    pub selection: Selection,
    /// Bookmakers whose price shortened by at least `min_shortening`, in name order.
    pub bookmakers: Vec<String>,
    /// Their mean shortening (fraction).
    pub average_shortening: f64,
    /// Whether the reference bookmaker is among them.
    pub reference_moved: bool,
    /// Start of the window (`detected_at - W`).
    pub window_start: DateTime<Utc>,
    /// The board instant.
    pub detected_at: DateTime<Utc>,
}

/// Agent C over a whole board.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Movements {
    /// Steam moves, ordered by event, market, line and selection.
    pub steam: Vec<SteamMove>,
    /// Stale prices left behind by a steam or sharp move.
    pub opportunities: Vec<Opportunity>,
}

/// A steam move before its names are looked up.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Steam {
    pub market: u32,
    pub selection: Selection,
    pub moved: Vec<u32>,
    pub average: f64,
    pub reference_moved: bool,
}

/// The price in force at `cutoff` of the series whose latest tick is at `pos`.
fn price_then(t: &Tables, pos: u32, cutoff: i64) -> f64 {
    let series = t.tick(t.series_tick(pos)).series;
    let first = t.series_positions(series).map_or(pos as usize, |r| r.start);
    let ticks = t.series_ticks.get(first..=pos as usize).unwrap_or_default();
    // Back from `pos`: the first tick at or before the cutoff, else the series' first.
    let mut price = f64::NAN;
    for &k in ticks.iter().rev() {
        let tick = t.tick(k);
        price = tick.price;
        if tick.at <= cutoff {
            break;
        }
    }
    price
}

/// Appends the steam moves and stale-price opportunities of one market view.
pub(crate) fn movement_market(
    board: &Board,
    view: &View,
    p: Option<&[f64; 3]>,
    config: &MovementConfig,
    scratch: &mut Scratch,
    steam: &mut Vec<Steam>,
    out: &mut Vec<Candidate>,
) {
    let t = &board.history.t;
    let cutoff = board.as_of.saturating_sub(config.window());
    let books = view.books.len();
    scratch.shortening.clear();
    // Cells and prices are both row-major, `books x width`.
    for (&cell, &now) in view.cells.iter().zip(&view.prices) {
        let then = price_then(t, cell, cutoff);
        scratch.shortening.push((then - now) / then);
    }
    let moved = |r: usize, c: usize, s: &[f64]| {
        s.get(r * view.width + c)
            .is_some_and(|&x| x >= config.min_shortening)
    };
    for (c, &selection) in view.sels().iter().enumerate() {
        let count = (0..books)
            .filter(|&r| moved(r, c, &scratch.shortening))
            .count();
        let reference_moved = view
            .reference
            .is_some_and(|r| moved(r, c, &scratch.shortening));
        if count >= config.min_books {
            let rows: Vec<usize> = (0..books)
                .filter(|&r| moved(r, c, &scratch.shortening))
                .collect();
            let total: f64 = rows
                .iter()
                .filter_map(|&r| scratch.shortening.get(r * view.width + c))
                .sum();
            steam.push(Steam {
                market: view.market,
                selection,
                moved: rows.iter().map(|&r| view.book(r)).collect(),
                average: total / rows.len() as f64,
                reference_moved,
            });
        }
        let Some(&probability) = p.and_then(|p| p.get(c)) else {
            continue;
        };
        if count < config.min_books && !reference_moved {
            continue;
        }
        for r in 0..books {
            if Some(r) == view.reference || moved(r, c, &scratch.shortening) {
                continue;
            }
            let price = view.price(r, c);
            let edge = price * probability - 1.0;
            if edge >= config.min_edge {
                out.push(Candidate {
                    agent: AgentName::Movement,
                    market: view.market,
                    book: view.book(r),
                    selection,
                    tick: view.tick(t, r, c),
                    price,
                    probability,
                    edge,
                    z: price_z(view, r, c, config.z_floor, scratch),
                    books,
                });
            }
        }
    }
}

impl Board {
    pub(crate) fn steam_move(&self, s: &Steam, window: i64) -> SteamMove {
        let t = &self.history.t;
        let key = t.market(s.market);
        SteamMove {
            event_id: t.event(key.event).to_owned(),
            market: key.market,
            line: selection_line(key.market, s.selection, key.line),
            selection: s.selection,
            bookmakers: s.moved.iter().map(|&b| t.bookmaker(b).to_owned()).collect(),
            average_shortening: s.average,
            reference_moved: s.reference_moved,
            window_start: instant(self.as_of.saturating_sub(window)),
            detected_at: instant(self.as_of),
        }
    }
}

/// Agent C over a whole board: steam moves and the stale prices they (or a sharp move of
/// the reference bookmaker) leave behind. An invalid config is an `InvalidParameter` error.
///
/// ```
/// use edgecore::agents::{Board, BoardConfig, MovementConfig, find_movements};
/// use edgecore::{Market, PriceSnapshot, Selection};
/// use rust_decimal_macros::dec;
/// let t0 = chrono::DateTime::parse_from_rfc3339("2025-01-01T10:00:00Z").unwrap().to_utc();
/// let t1 = t0 + chrono::Duration::hours(4);
/// let mut snaps = Vec::new();
/// for (at, book, over) in [(t0, "a", dec!(2.0)), (t0, "b", dec!(2.0)), (t0, "c", dec!(2.0)),
///                          (t1, "a", dec!(1.8)), (t1, "b", dec!(1.8)), (t1, "c", dec!(1.8))] {
///     for (sel, price) in [(Selection::Over, over), (Selection::Under, dec!(1.8))] {
///         snaps.push(PriceSnapshot { captured_at: at, event_id: "e1".into(),
///             bookmaker: book.into(), market: Market::Totals, line: Some(dec!(2.5)),
///             selection: sel, price });
///     }
/// }
/// let board = Board::new(&snaps, t1, &BoardConfig::default()).unwrap();
/// let m = find_movements(&board, &MovementConfig::default()).unwrap();
/// assert_eq!(m.steam.len(), 1);
/// assert!((m.steam[0].average_shortening - 0.1).abs() < 1e-12);
/// ```
pub fn find_movements(board: &Board, config: &MovementConfig) -> Result<Movements> {
    config.validate()?;
    type Acc = (Vec<Steam>, Vec<Candidate>);
    let (steam, found) = board.each_market(
        |view, scratch, acc: &mut Acc| {
            let p = fair(view, config.method, scratch);
            movement_market(
                board,
                view,
                p.as_ref(),
                config,
                scratch,
                &mut acc.0,
                &mut acc.1,
            );
            Ok(())
        },
        |a, b| {
            a.0.extend(b.0);
            a.1.extend(b.1);
        },
    )?;
    Ok(Movements {
        steam: steam
            .iter()
            .map(|s| board.steam_move(s, config.window()))
            .collect(),
        opportunities: found.iter().map(|c| board.opportunity(c)).collect(),
    })
}

/// Every price series with a capture at or before the board instant (stale or not),
/// ordered by event, market, line, bookmaker and selection.
pub fn price_series(board: &Board) -> Vec<SeriesSummary> {
    let t = &board.history.t;
    let mut out = Vec::new();
    for (s, key) in t.series.iter().enumerate() {
        let Some(pos) = board.latest_pos(s) else {
            continue;
        };
        let Some(first) = t.series_positions(s as u32).map(|r| r.start as u32) else {
            continue;
        };
        let (open, cur) = (t.series_tick(first), t.series_tick(pos));
        let (o, c) = (t.tick(open), t.tick(cur));
        let drift = c.price / o.price - 1.0;
        let hours = c.at.saturating_sub(o.at) as f64 / 3.6e9;
        let mk = t.market(key.market);
        out.push(SeriesSummary {
            event_id: t.event(mk.event).to_owned(),
            bookmaker: t.bookmaker(key.book).to_owned(),
            market: mk.market,
            line: selection_line(mk.market, key.selection, mk.line),
            selection: key.selection,
            opening_price: t.price(open),
            opened_at: instant(o.at),
            current_price: t.price(cur),
            updated_at: instant(c.at),
            drift,
            speed: if hours > 0.0 { drift / hours } else { 0.0 },
            quotes: (pos - first + 1) as usize,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agents::BoardConfig;
    use crate::market::PriceSnapshot;
    use chrono::TimeZone;
    use rust_decimal::prelude::FromPrimitive;

    fn snaps(hour: i64, book: &str, p: [f64; 3]) -> Vec<PriceSnapshot> {
        [Selection::Home, Selection::Draw, Selection::Away]
            .iter()
            .zip(p)
            .map(|(&selection, price)| PriceSnapshot {
                captured_at: at(hour),
                event_id: "e".into(),
                bookmaker: book.into(),
                market: Market::H2h,
                line: None,
                selection,
                price: Decimal::from_f64(price).unwrap(),
            })
            .collect()
    }

    fn at(hour: i64) -> DateTime<Utc> {
        Utc.timestamp_opt(1_700_000_000 + hour * 3600, 0).unwrap()
    }

    #[test]
    fn sharp_move_first_leaves_stale_prices() {
        let mut s = Vec::new();
        for b in ["a", "b", "pinnacle"] {
            s.extend(snaps(0, b, [2.5, 3.3, 2.9]));
        }
        s.extend(snaps(4, "pinnacle", [2.2, 3.4, 3.5]));
        let board = Board::new(&s, at(4), &BoardConfig::default()).unwrap();
        let m = find_movements(&board, &MovementConfig::default()).unwrap();
        assert!(m.steam.is_empty());
        let books: Vec<(&str, Selection)> = m
            .opportunities
            .iter()
            .map(|o| (o.bookmaker.as_str(), o.selection))
            .collect();
        assert_eq!(books, [("a", Selection::Home), ("b", Selection::Home)]);
        let inv = 1.0 / 2.2 + 1.0 / 3.4 + 1.0 / 3.5;
        assert!((m.opportunities[0].edge - (2.5 / 2.2 / inv - 1.0)).abs() < 1e-12);
        // outside the window the old price is no longer in force: no move
        let mut late = board.clone();
        late.advance(at(11)).unwrap();
        let m = find_movements(&late, &MovementConfig::default()).unwrap();
        assert!(m.opportunities.is_empty());
    }

    #[test]
    fn series_summaries() {
        let mut s = snaps(0, "a", [2.5, 3.3, 2.9]);
        s.extend(snaps(2, "a", [2.0, 3.3, 2.9]));
        let board = Board::new(&s, at(3), &BoardConfig::default()).unwrap();
        let series = price_series(&board);
        assert_eq!(series.len(), 3);
        let home = &series[0];
        assert_eq!(home.selection, Selection::Home);
        assert!((home.drift + 0.2).abs() < 1e-12);
        assert!((home.speed + 0.1).abs() < 1e-12);
        assert_eq!(home.quotes, 2);
    }

    #[test]
    fn errors() {
        let board = Board::new(&[], at(0), &BoardConfig::default()).unwrap();
        for cfg in [
            MovementConfig {
                window_seconds: 0,
                ..MovementConfig::default()
            },
            MovementConfig {
                min_shortening: 1.0,
                ..MovementConfig::default()
            },
        ] {
            assert_eq!(
                find_movements(&board, &cfg).unwrap_err().kind(),
                "InvalidParameter"
            );
        }
    }
}

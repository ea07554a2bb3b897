//! Agent A: prices out of line with the market.
//!
//! For every market on the board, fair probabilities come from the reference bookmaker or
//! the median of all bookmakers (see [`BoardConfig::reference`](super::BoardConfig)). Every
//! bookmaker price then gets `edge = price x p_fair - 1`; a price with `edge >= min_edge`
//! in a market quoted by at least `min_books` bookmakers is an opportunity, reported with
//! the robust z-score of its implied probability against the other bookmakers'.

use super::board::{Board, Candidate, View};
use super::fair::{Scratch, fair, price_z};
use super::{AgentName, Opportunity};
use crate::check;
use crate::devig::DevigMethod;
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};

/// Thresholds of agent A. Serialises with every field optional (defaults below).
///
/// An unknown field is refused (`InvalidRecord`): a misspelt key never falls back to its
/// default silently.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AnomalyConfig {
    /// De-vig method for the fair probabilities (default multiplicative).
    pub method: DevigMethod,
    /// Smallest edge reported (fraction, default 0.02). Finite, >= -1.
    pub min_edge: f64,
    /// Fewest bookmakers quoting the market (default 3). At least 1.
    pub min_books: usize,
    /// Scale floor of the robust z-score, in implied-probability units (default 0.005).
    /// Finite and at least `f64::MIN_POSITIVE` (so that the z-score stays finite).
    pub z_floor: f64,
}

impl Default for AnomalyConfig {
    fn default() -> Self {
        AnomalyConfig {
            method: DevigMethod::Multiplicative,
            min_edge: 0.02,
            min_books: 3,
            z_floor: 0.005,
        }
    }
}

/// Shared checks of agents' edge, book-count and z-floor thresholds.
pub(crate) fn check_thresholds(min_edge: f64, min_books: usize, z_floor: f64) -> Result<()> {
    check::parameter(
        "min_edge",
        min_edge,
        |e| e >= -1.0,
        "must be finite and >= -1",
    )?;
    // A subnormal floor would let z = (price gap < 1) / floor overflow to infinity.
    check::parameter(
        "z_floor",
        z_floor,
        |f| f >= f64::MIN_POSITIVE,
        "must be finite and at least 2.2250738585072014e-308 (a normal positive number)",
    )?;
    if min_books == 0 {
        return Err(Error::InvalidParameter {
            name: "min_books",
            value: "0".into(),
            reason: "must be at least 1",
        });
    }
    Ok(())
}

impl AnomalyConfig {
    pub(crate) fn validate(&self) -> Result<()> {
        check_thresholds(self.min_edge, self.min_books, self.z_floor)
    }
}

/// Appends the anomalies of one market view (fair probabilities `p`) to `out`.
pub(crate) fn anomaly_market(
    view: &View,
    p: &[f64; 3],
    config: &AnomalyConfig,
    scratch: &mut Scratch,
    t: &super::history::Tables,
    out: &mut Vec<Candidate>,
) {
    let books = view.books.len();
    if books < config.min_books {
        return;
    }
    for (r, &book) in view.books.iter().enumerate() {
        for ((c, &selection), &probability) in view.sels().iter().enumerate().zip(p) {
            let price = view.price(r, c);
            let edge = price * probability - 1.0;
            if edge >= config.min_edge {
                out.push(Candidate {
                    agent: AgentName::Anomaly,
                    market: view.market,
                    book,
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

/// Agent A over a whole board: every price whose edge against the fair probabilities is at
/// least `min_edge`, in markets quoted by at least `min_books` bookmakers, ordered by event,
/// market, line, bookmaker and selection. An invalid config is an `InvalidParameter` error.
///
/// ```
/// use edgecore::agents::{AnomalyConfig, Board, BoardConfig, find_anomalies};
/// use edgecore::{Market, PriceSnapshot, Selection};
/// use rust_decimal::Decimal;
/// let at = chrono::DateTime::parse_from_rfc3339("2025-01-01T10:00:00Z").unwrap().to_utc();
/// let mut snaps = Vec::new();
/// for (book, over, under) in [("pinnacle", 195, 195), ("a", 190, 190), ("b", 188, 192), ("c", 215, 170)] {
///     for (sel, price) in [(Selection::Over, over), (Selection::Under, under)] {
///         snaps.push(PriceSnapshot { captured_at: at, event_id: "e1".into(),
///             bookmaker: book.into(), market: Market::Totals, line: Some(Decimal::new(25, 1)),
///             selection: sel, price: Decimal::new(price, 2) });
///     }
/// }
/// let board = Board::new(&snaps, at, &BoardConfig::default()).unwrap();
/// let found = find_anomalies(&board, &AnomalyConfig::default()).unwrap();
/// assert_eq!(found.len(), 1);
/// assert_eq!(found[0].bookmaker, "c");
/// assert!((found[0].edge - (2.15 * 0.5 - 1.0)).abs() < 1e-12);
/// ```
pub fn find_anomalies(board: &Board, config: &AnomalyConfig) -> Result<Vec<Opportunity>> {
    config.validate()?;
    let t = &board.history.t;
    let found = board.each_market(
        |view, scratch, found: &mut Vec<Candidate>| {
            if view.books.len() >= config.min_books {
                if let Some(p) = fair(view, config.method, scratch) {
                    anomaly_market(view, &p, config, scratch, t, found);
                }
            }
            Ok(())
        },
        |a, b| a.extend(b),
    )?;
    Ok(found.iter().map(|c| board.opportunity(c)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agents::BoardConfig;
    use crate::market::{Market, PriceSnapshot, Selection};
    use chrono::{DateTime, TimeZone, Utc};

    #[test]
    fn subnormal_z_floor_is_rejected() {
        // Three books, two equal (MAD 0) and one longer: z = gap / z_floor was infinite.
        let at = Utc.with_ymd_and_hms(2025, 1, 1, 10, 0, 0).unwrap();
        let mut snaps = Vec::new();
        for (book, home, away) in [("a", 200, 190), ("b", 200, 190), ("c", 260, 160)] {
            for (selection, price) in [(Selection::Home, home), (Selection::Away, away)] {
                snaps.push(PriceSnapshot {
                    captured_at: at,
                    event_id: "e".into(),
                    bookmaker: book.into(),
                    market: Market::DrawNoBet,
                    line: None,
                    selection,
                    price: Decimal::new(price, 2),
                });
            }
        }
        let board = Board::new(&snaps, at, &BoardConfig::default()).unwrap();
        let config = AnomalyConfig {
            min_edge: -1.0,
            z_floor: 5e-324,
            ..AnomalyConfig::default()
        };
        let err = find_anomalies(&board, &config).unwrap_err();
        assert!(err.to_string().contains("z_floor"));
        let ok = AnomalyConfig {
            z_floor: f64::MIN_POSITIVE,
            ..config
        };
        let found = find_anomalies(&board, &ok).unwrap();
        assert!(!found.is_empty());
        assert!(found.iter().all(|o| o.z.is_finite()));
    }
    use rust_decimal::Decimal;
    use rust_decimal::prelude::FromPrimitive;

    fn at() -> DateTime<Utc> {
        Utc.timestamp_opt(1_700_000_000, 0).unwrap()
    }

    fn h2h(book: &str, p: [f64; 3]) -> Vec<PriceSnapshot> {
        [Selection::Home, Selection::Draw, Selection::Away]
            .iter()
            .zip(p)
            .map(|(&selection, price)| PriceSnapshot {
                captured_at: at(),
                event_id: "e".into(),
                bookmaker: book.into(),
                market: Market::H2h,
                line: None,
                selection,
                price: Decimal::from_f64(price).unwrap(),
            })
            .collect()
    }

    #[test]
    fn finds_the_long_price_against_the_reference() {
        let mut s = h2h("pinnacle", [2.0, 3.5, 4.2]);
        s.extend(h2h("a", [1.95, 3.4, 4.0]));
        s.extend(h2h("b", [1.97, 3.3, 4.1]));
        s.extend(h2h("c", [1.96, 4.0, 3.9]));
        let board = Board::new(&s, at(), &BoardConfig::default()).unwrap();
        let found = find_anomalies(&board, &AnomalyConfig::default()).unwrap();
        assert_eq!(found.len(), 1);
        let o = &found[0];
        let inv = 1.0 / 2.0 + 1.0 / 3.5 + 1.0 / 4.2;
        let p_draw = (1.0 / 3.5) / inv;
        assert_eq!((o.bookmaker.as_str(), o.selection), ("c", Selection::Draw));
        assert!((o.edge - (4.0 * p_draw - 1.0)).abs() < 1e-12);
        // others' implied: 1/3.5, 1/3.4, 1/3.3 -> median 1/3.4
        let others = [1.0 / 3.5, 1.0 / 3.4, 1.0 / 3.3];
        let z = -crate::agents::robust_z(0.25, &others, 0.005).unwrap();
        assert!((o.z - z).abs() < 1e-12 && o.z > 0.0);
        assert_eq!(o.books, 4);
        // too few books
        let cfg = AnomalyConfig {
            min_books: 5,
            ..AnomalyConfig::default()
        };
        assert!(find_anomalies(&board, &cfg).unwrap().is_empty());
    }

    #[test]
    fn median_fair_without_the_reference() {
        let mut s = h2h("a", [2.0, 3.5, 4.2]);
        s.extend(h2h("b", [2.0, 3.5, 4.2]));
        s.extend(h2h("c", [2.3, 3.5, 4.2]));
        let board = Board::new(&s, at(), &BoardConfig::default()).unwrap();
        let found = find_anomalies(&board, &AnomalyConfig::default()).unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].bookmaker, "c");
    }

    #[test]
    fn errors() {
        let board = Board::new(&[], at(), &BoardConfig::default()).unwrap();
        for cfg in [
            AnomalyConfig {
                min_edge: f64::NAN,
                ..AnomalyConfig::default()
            },
            AnomalyConfig {
                min_books: 0,
                ..AnomalyConfig::default()
            },
            AnomalyConfig {
                z_floor: 0.0,
                ..AnomalyConfig::default()
            },
        ] {
            assert_eq!(
                find_anomalies(&board, &cfg).unwrap_err().kind(),
                "InvalidParameter"
            );
        }
    }
}

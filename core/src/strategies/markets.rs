//! Markets priced with a margin, and boards of bookmakers around one fair price.

use crate::market::{Event, Market, PriceSnapshot, Selection};
use chrono::{DateTime, Duration, Utc};
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::ops::RangeInclusive;

/// A market priced by one bookmaker: fair probabilities, the margin and the decimal odds
/// `odds[i] = 1 / (probabilities[i] x (1 + margin))`.
#[derive(Debug, Clone, PartialEq)]
pub struct PricedMarket {
    /// The fair probabilities, each above 0, adding up to 1 (within 1e-12).
    pub probabilities: Vec<f64>,
    /// The margin (overround) as a fraction, a whole number of basis points.
    pub margin: f64,
    /// The decimal odds, each finite and above 1.
    pub odds: Vec<f64>,
}

/// The margin range in whole basis points; panics outside [-0.5, 1] or when empty.
fn basis_points(margin: &RangeInclusive<f64>) -> RangeInclusive<i64> {
    let (lo, hi) = ((margin.start() * 1e4).ceil(), (margin.end() * 1e4).floor());
    assert!(
        (-5_000.0..=10_000.0).contains(&lo) && (-5_000.0..=10_000.0).contains(&hi) && lo <= hi,
        "the margin range must lie within [-0.5, 1] and hold a whole basis point"
    );
    lo as i64..=hi as i64
}

/// Markets of `outcomes` selections (at least 2) whose overround lies in `margin`: every
/// market's `overround(odds)` equals its `margin` within 1e-9, and the margin lies in the
/// given range (a whole number of basis points). Fair probabilities are proportional to
/// weights from 1 to 100; every price is above 1 (markets whose favourite would be priced at
/// 1 or less are skipped).
///
/// Shrinks towards the fewest outcomes, equal probabilities and the smallest margin.
///
/// Panics (when the strategy is built) if `outcomes` starts below 2 or is empty, or if
/// `margin` holds no whole basis point within [-0.5, 1].
///
/// ```
/// use edgecore::strategies::markets;
/// use proptest::prelude::*;
/// proptest!(|(m in markets(3..=3, 0.03..=0.06))| {
///     prop_assert_eq!(m.odds.len(), 3);
///     prop_assert!(m.margin >= 0.03 && m.margin <= 0.06);
///     let devigged = edgecore::devig::devig(&m.odds, edgecore::devig::DevigMethod::Multiplicative, 1.0).unwrap();
///     prop_assert!((devigged.probabilities[0] - m.probabilities[0]).abs() < 1e-9);
/// });
/// ```
pub fn markets(
    outcomes: RangeInclusive<usize>,
    margin: RangeInclusive<f64>,
) -> impl Strategy<Value = PricedMarket> {
    assert!(
        *outcomes.start() >= 2 && outcomes.start() <= outcomes.end(),
        "a market has at least 2 outcomes"
    );
    (
        prop::collection::vec(1u32..=100, outcomes),
        basis_points(&margin),
    )
        .prop_filter_map("a price of 1 or less", |(weights, bp)| {
            let total: u32 = weights.iter().sum();
            let margin = bp as f64 / 1e4;
            let probabilities: Vec<f64> = weights
                .iter()
                .map(|&w| f64::from(w) / f64::from(total))
                .collect();
            let odds: Vec<f64> = probabilities
                .iter()
                .map(|p| 1.0 / (p * (1.0 + margin)))
                .collect();
            odds.iter()
                .all(|&d| d > 1.0 && d.is_finite())
                .then_some(PricedMarket {
                    probabilities,
                    margin,
                    odds,
                })
        })
}

/// One event's h2h board: every bookmaker quotes home, draw and away around the same fair
/// probabilities, each with its own margin.
#[derive(Debug, Clone, PartialEq)]
pub struct FairBoard {
    /// The event (league "soccer_epl", kickoff 2025-08-16T15:00:00Z).
    pub event: Event,
    /// Fair probabilities of home, draw and away, adding up to 1 (within 1e-12).
    pub probabilities: [f64; 3],
    /// Each bookmaker's margin, a whole number of basis points, in bookmaker order.
    pub margins: Vec<f64>,
    /// Three snapshots per bookmaker (home, draw, away), captured an hour before kickoff.
    pub snapshots: Vec<PriceSnapshot>,
}

/// Boards of `bookmakers` bookmakers ("pinnacle", the board's default reference, then
/// "book1", "book2"...) quoting one event's h2h market: each price is
/// `1 / (p x (1 + margin))` rounded DOWN to the cent, so every bookmaker's overround is at
/// least its margin and at most its margin + 0.03; every price is at least 1.01 and every
/// snapshot names a valid market and selection. Fair probabilities are proportional to
/// weights from 10 to 100.
///
/// Shrinks towards one bookmaker, equal probabilities and the smallest margins.
///
/// Panics (when built) if `bookmakers` starts at 0, ends above 50 or is empty, or `margin`
/// holds no whole basis point within [-0.5, 1].
///
/// ```
/// use edgecore::strategies::boards;
/// use proptest::prelude::*;
/// proptest!(|(b in boards(2..=5, 0.02..=0.08))| {
///     prop_assert_eq!(b.snapshots.len(), 3 * b.margins.len());
///     prop_assert_eq!(b.snapshots[0].bookmaker.as_str(), "pinnacle");
/// });
/// ```
pub fn boards(
    bookmakers: RangeInclusive<usize>,
    margin: RangeInclusive<f64>,
) -> impl Strategy<Value = FairBoard> {
    assert!(
        *bookmakers.start() >= 1
            && *bookmakers.end() <= 50
            && bookmakers.start() <= bookmakers.end(),
        "a board has 1 to 50 bookmakers"
    );
    (
        [10i64..=100, 10i64..=100, 10i64..=100],
        prop::collection::vec(basis_points(&margin), bookmakers),
    )
        .prop_filter_map("a price below 1.01", |(weights, margins)| {
            let total: i64 = weights.iter().sum();
            let kickoff = DateTime::<Utc>::from_timestamp(1_755_356_400, 0).unwrap_or_default();
            let event = Event {
                id: "e1".into(),
                league: "soccer_epl".into(),
                home: "Home".into(),
                away: "Away".into(),
                kickoff,
            };
            let selections = [Selection::Home, Selection::Draw, Selection::Away];
            let mut snapshots = Vec::with_capacity(3 * margins.len());
            for (i, bp) in margins.iter().enumerate() {
                let bookmaker = if i == 0 {
                    "pinnacle".into()
                } else {
                    format!("book{i}")
                };
                for (selection, w) in selections.iter().zip(weights) {
                    // floor(100 x total / (w x (1 + bp / 10^4))) cents, in integers.
                    let cents = 1_000_000 * total / (w * (10_000 + bp));
                    if cents < 101 {
                        return None;
                    }
                    snapshots.push(PriceSnapshot {
                        captured_at: kickoff - Duration::hours(1),
                        event_id: event.id.clone(),
                        bookmaker: bookmaker.clone(),
                        market: Market::H2h,
                        line: None,
                        selection: *selection,
                        price: Decimal::new(cents, 2),
                    });
                }
            }
            Some(FairBoard {
                event,
                probabilities: weights.map(|w| w as f64 / total as f64),
                margins: margins.iter().map(|&bp| bp as f64 / 1e4).collect(),
                snapshots,
            })
        })
}

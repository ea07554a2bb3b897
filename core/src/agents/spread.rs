//! Agent B: the best price across bookmakers, the spread between books, arbitrage.
//!
//! Per market: the best and worst price of each selection (and who offers them), the spread
//! `best / worst - 1`, the best-line overround `sum(1 / best) - 1`, and an arbitrage when the
//! best prices' inverse sum is below 1. Arbitrage stakes are rounded to the cent and the
//! profit is the one the rounded stakes guarantee; an arbitrage whose rounded stakes could
//! lose (or only break even) is never reported. Best prices whose edge against the fair
//! probabilities reaches `min_edge` are agent B's opportunities.

use super::anomaly::check_thresholds;
use super::board::{Board, Candidate, View};
use super::fair::{Scratch, fair, price_z};
use super::history::{Tables, instant, selection_line};
use super::{AgentName, Opportunity};
use crate::check;
use crate::devig::DevigMethod;
use crate::error::{Error, Result};
use crate::market::{Market, Selection};
use crate::money::{round_cents, to_f64};
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Stakes over the outcomes of a market that pay out (nearly) equally.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stakes {
    /// Stake per outcome, rounded to the cent (half away from zero).
    pub stakes: Vec<Decimal>,
    /// What each outcome pays back if it wins: `round_cents(stake x price)`.
    pub payouts: Vec<Decimal>,
    /// Sum of the rounded stakes (the money actually put down).
    pub outlay: Decimal,
    /// Guaranteed profit after rounding: `min(payouts) - outlay` (> 0).
    pub profit: Decimal,
    /// Arbitrage margin before rounding: `1 - sum(1 / price)` (fraction, > 0).
    pub margin: f64,
}

/// Arbitrage stakes for `outlay` over `prices` (one price per outcome of a market, decimal
/// odds), or `None` when there is no arbitrage.
///
/// Ideal stake `i` is `outlay x (1 / price_i) / sum(1 / price)`, which pays
/// `outlay / sum(1 / price)` whatever happens; each stake is rounded to the cent half away
/// from zero, each payout is `round_cents(stake x price)`, and the reported profit is the
/// smallest payout minus the sum of the rounded stakes. `None` when `sum(1 / price) >= 1` or
/// when the rounded stakes would not guarantee a profit greater than zero.
/// Fewer than 2 prices is `EmptyMarket`; a price that is not valid odds `InvalidOdds`; an
/// outlay that is not positive, or too large for the prices to be multiplied exactly,
/// `InvalidAmount`.
///
/// ```
/// use edgecore::agents::arbitrage;
/// use rust_decimal_macros::dec;
/// let a = arbitrage(&[dec!(2.10), dec!(2.05)], dec!(100)).unwrap().unwrap();
/// assert_eq!(a.stakes, vec![dec!(49.40), dec!(50.60)]);
/// assert_eq!(a.profit, dec!(3.73)); // min(103.74, 103.73) - 100
/// ```
pub fn arbitrage(prices: &[Decimal], outlay: Decimal) -> Result<Option<Stakes>> {
    check::positive_amount("outlay", outlay)?;
    if prices.len() < 2 {
        return Err(Error::EmptyMarket {
            what: "arbitrage",
            min: 2,
            len: prices.len(),
        });
    }
    for &p in prices {
        check::odds(to_f64(p))?;
        if p <= Decimal::ONE {
            return Err(Error::InvalidOdds { value: to_f64(p) });
        }
    }
    let inverse: Decimal = prices.iter().map(|&p| Decimal::ONE / p).sum();
    if inverse >= Decimal::ONE {
        return Ok(None);
    }
    let overflow = || Error::InvalidAmount {
        name: "outlay",
        value: outlay,
        reason: "too large to be staked exactly at these prices",
    };
    let mut stakes = Vec::with_capacity(prices.len());
    let mut payouts = Vec::with_capacity(prices.len());
    for &p in prices {
        let ideal = outlay
            .checked_div(p.checked_mul(inverse).ok_or_else(overflow)?)
            .ok_or_else(overflow)?;
        let stake = round_cents(ideal);
        stakes.push(stake);
        payouts.push(round_cents(stake.checked_mul(p).ok_or_else(overflow)?));
    }
    let total = stakes
        .iter()
        .try_fold(Decimal::ZERO, |a, &s| a.checked_add(s))
        .ok_or_else(overflow)?;
    let profit = payouts.iter().min().copied().unwrap_or(Decimal::ZERO) - total;
    if profit <= Decimal::ZERO {
        return Ok(None);
    }
    Ok(Some(Stakes {
        stakes,
        payouts,
        outlay: total,
        profit,
        margin: 1.0 - to_f64(inverse),
    }))
}

/// Thresholds of agent B. Serialises with every field optional (defaults below).
///
/// An unknown field is refused (`InvalidRecord`): a misspelt key never falls back to its
/// default silently.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SpreadConfig {
    /// De-vig method for the fair probabilities (default multiplicative).
    pub method: DevigMethod,
    /// Smallest edge of a best price reported as an opportunity (fraction, default 0.02).
    pub min_edge: f64,
    /// Fewest bookmakers quoting a market for it to be reported (default 2). At least 1.
    pub min_books: usize,
    /// Scale floor of the robust z-score (implied-probability units, default 0.005).
    /// Finite and at least `f64::MIN_POSITIVE`.
    pub z_floor: f64,
    /// Money to spread over an arbitrage's legs (default 100). Must be positive.
    pub outlay: Decimal,
}

impl Default for SpreadConfig {
    fn default() -> Self {
        SpreadConfig {
            method: DevigMethod::Multiplicative,
            min_edge: 0.02,
            min_books: 2,
            z_floor: 0.005,
            outlay: Decimal::ONE_HUNDRED,
        }
    }
}

impl SpreadConfig {
    pub(crate) fn validate(&self) -> Result<()> {
        check_thresholds(self.min_edge, self.min_books, self.z_floor)?;
        check::positive_amount("outlay", self.outlay).map(|_| ())
    }
}

/// Best and worst price of one selection across bookmakers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SelectionSpread {
    /// The selection.
    pub selection: Selection,
    /// Its line.
    pub line: Option<Decimal>,
    /// Highest price (ties: the bookmaker first in name order).
    pub best_price: Decimal,
    /// Who offers it.
    pub best_bookmaker: String,
    /// Lowest price.
    pub worst_price: Decimal,
    /// Who offers it.
    pub worst_bookmaker: String,
    /// `best / worst - 1` (fraction, >= 0).
    pub spread: f64,
}

/// One leg of an arbitrage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArbitrageLeg {
    /// The selection backed.
    pub selection: Selection,
    /// Its line.
    pub line: Option<Decimal>,
    /// Where.
    pub bookmaker: String,
    /// At what price.
    pub price: Decimal,
    /// Stake, rounded to the cent.
    pub stake: Decimal,
    /// Payout if this selection wins.
    pub payout: Decimal,
}

/// An arbitrage across bookmakers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Arbitrage {
    /// One leg per selection.
    pub legs: Vec<ArbitrageLeg>,
    /// Sum of the rounded stakes.
    pub outlay: Decimal,
    /// Guaranteed profit after rounding (> 0).
    pub profit: Decimal,
    /// `1 - sum(1 / best price)` (fraction).
    pub margin: f64,
}

/// Agent B's view of one market.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpreadReport {
    /// The event's identifier.
    pub event_id: String,
    /// The market.
    pub market: Market,
    /// The market's line (for spreads: the home side's handicap).
    pub line: Option<Decimal>,
    /// Bookmakers with a usable quote.
    pub books: usize,
    /// Per selection, in market order (home, draw, away / over, under).
    pub selections: Vec<SelectionSpread>,
    /// `sum(1 / best price) - 1` (fraction; negative means arbitrage).
    pub best_overround: f64,
    /// The arbitrage, when the best prices allow one that survives rounding.
    pub arbitrage: Option<Arbitrage>,
    /// The board instant.
    pub detected_at: DateTime<Utc>,
}

/// Agent B over a whole board.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Spreads {
    /// One report per market quoted by at least `min_books` bookmakers, ordered by event,
    /// market and line.
    pub reports: Vec<SpreadReport>,
    /// Best prices with `edge >= min_edge`.
    pub opportunities: Vec<Opportunity>,
}

/// Row of the best and worst price of column `c` (ties: the first row).
fn best_worst(view: &View, c: usize) -> (usize, usize) {
    let (mut best, mut worst) = (0, 0);
    for r in 1..view.books.len() {
        if view.price(r, c) > view.price(best, c) {
            best = r;
        }
        if view.price(r, c) < view.price(worst, c) {
            worst = r;
        }
    }
    (best, worst)
}

/// Appends agent B's opportunities of one market view to `out`.
pub(crate) fn spread_market(
    view: &View,
    p: &[f64; 3],
    config: &SpreadConfig,
    scratch: &mut Scratch,
    t: &Tables,
    out: &mut Vec<Candidate>,
) {
    let books = view.books.len();
    if books < config.min_books {
        return;
    }
    for ((c, &selection), &probability) in view.sels().iter().enumerate().zip(p) {
        let (r, _) = best_worst(view, c);
        let price = view.price(r, c);
        let edge = price * probability - 1.0;
        if edge >= config.min_edge {
            out.push(Candidate {
                agent: AgentName::Spread,
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

fn report(board: &Board, view: &View, outlay: Decimal) -> Result<SpreadReport> {
    let t = &board.history.t;
    let key = t.market(view.market);
    let mut selections = Vec::with_capacity(view.width);
    let mut best_prices = Vec::with_capacity(view.width);
    let mut legs = Vec::with_capacity(view.width);
    let mut inverse = 0.0;
    for (c, &selection) in view.sels().iter().enumerate() {
        let (b, w) = best_worst(view, c);
        let (bt, wt) = (view.tick(t, b, c), view.tick(t, w, c));
        let line = selection_line(key.market, selection, key.line);
        inverse += 1.0 / view.price(b, c);
        best_prices.push(t.price(bt));
        legs.push((selection, line, view.book(b)));
        selections.push(SelectionSpread {
            selection,
            line,
            best_price: t.price(bt),
            best_bookmaker: t.bookmaker(view.book(b)).to_owned(),
            worst_price: t.price(wt),
            worst_bookmaker: t.bookmaker(view.book(w)).to_owned(),
            spread: view.price(b, c) / view.price(w, c) - 1.0,
        });
    }
    // the exact check in `arbitrage` only runs when floats say an arbitrage is near
    let candidate = if inverse < 1.0 + 1e-9 {
        arbitrage(&best_prices, outlay)?
    } else {
        None
    };
    let arbitrage = candidate.map(|s| Arbitrage {
        legs: legs
            .iter()
            .zip(&best_prices)
            .zip(s.stakes.iter().zip(&s.payouts))
            .map(
                |((&(selection, line, book), &price), (&stake, &payout))| ArbitrageLeg {
                    selection,
                    line,
                    bookmaker: t.bookmaker(book).to_owned(),
                    price,
                    stake,
                    payout,
                },
            )
            .collect(),
        outlay: s.outlay,
        profit: s.profit,
        margin: s.margin,
    });
    Ok(SpreadReport {
        event_id: t.event(key.event).to_owned(),
        market: key.market,
        line: key.line,
        books: view.books.len(),
        selections,
        best_overround: inverse - 1.0,
        arbitrage,
        detected_at: instant(board.as_of),
    })
}

/// Agent B over a whole board: a [`SpreadReport`] per market quoted by at least `min_books`
/// bookmakers and the best prices whose edge against the fair probabilities reaches
/// `min_edge`. An invalid config is an `InvalidParameter` (or `InvalidAmount` for the
/// outlay) error.
///
/// ```
/// use edgecore::agents::{Board, BoardConfig, SpreadConfig, scan_spreads};
/// use edgecore::{Market, PriceSnapshot, Selection};
/// use rust_decimal_macros::dec;
/// let at = chrono::DateTime::parse_from_rfc3339("2025-01-01T10:00:00Z").unwrap().to_utc();
/// let mut snaps = Vec::new();
/// for (book, over, under) in [("a", dec!(2.10), dec!(1.80)), ("b", dec!(1.85), dec!(2.05))] {
///     for (sel, price) in [(Selection::Over, over), (Selection::Under, under)] {
///         snaps.push(PriceSnapshot { captured_at: at, event_id: "e1".into(),
///             bookmaker: book.into(), market: Market::Totals, line: Some(dec!(2.5)),
///             selection: sel, price });
///     }
/// }
/// let board = Board::new(&snaps, at, &BoardConfig::default()).unwrap();
/// let s = scan_spreads(&board, &SpreadConfig::default()).unwrap();
/// let arb = s.reports[0].arbitrage.as_ref().unwrap();
/// assert_eq!(arb.profit, dec!(3.73));
/// ```
pub fn scan_spreads(board: &Board, config: &SpreadConfig) -> Result<Spreads> {
    config.validate()?;
    let t = &board.history.t;
    type Acc = (Vec<SpreadReport>, Vec<Candidate>);
    let (reports, found) = board.each_market(
        |view, scratch, acc: &mut Acc| {
            if view.books.len() >= config.min_books {
                acc.0.push(report(board, view, config.outlay)?);
                if let Some(p) = fair(view, config.method, scratch) {
                    spread_market(view, &p, config, scratch, t, &mut acc.1);
                }
            }
            Ok(())
        },
        |a, b| {
            a.0.extend(b.0);
            a.1.extend(b.1);
        },
    )?;
    Ok(Spreads {
        reports,
        opportunities: found.iter().map(|c| board.opportunity(c)).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn hand_checked_arbitrage() {
        // 1/2.10 + 1/2.05 = 0.9639954; ideal stakes 49.3976 and 50.6024 -> 49.40, 50.60;
        // payouts 49.40 x 2.10 = 103.74 and 50.60 x 2.05 = 103.73; profit 3.73
        let a = arbitrage(&[dec!(2.10), dec!(2.05)], dec!(100))
            .unwrap()
            .unwrap();
        assert_eq!(a.outlay, dec!(100.00));
        assert_eq!(a.payouts, vec![dec!(103.74), dec!(103.73)]);
        assert!((a.margin - (1.0 - (1.0 / 2.10 + 1.0 / 2.05))).abs() < 1e-12);
        assert_eq!(arbitrage(&[dec!(1.9), dec!(1.9)], dec!(100)).unwrap(), None);
    }

    #[test]
    fn rounding_that_cannot_profit_is_not_an_arbitrage() {
        // margin 0.0001 on an outlay of 1: the ideal profit is a hundredth of a cent
        assert_eq!(arbitrage(&[dec!(2.0002), dec!(2)], dec!(1)).unwrap(), None);
    }

    #[test]
    fn errors() {
        assert_eq!(
            arbitrage(&[dec!(2)], dec!(1)).unwrap_err().kind(),
            "EmptyMarket"
        );
        assert_eq!(
            arbitrage(&[dec!(2), dec!(1)], dec!(1)).unwrap_err().kind(),
            "InvalidOdds"
        );
        assert_eq!(
            arbitrage(&[dec!(2), dec!(2)], dec!(0)).unwrap_err().kind(),
            "InvalidAmount"
        );
        assert_eq!(
            arbitrage(&[dec!(2.1), dec!(2.1)], Decimal::MAX)
                .unwrap_err()
                .kind(),
            "InvalidAmount"
        );
        let board = Board::new(&[], DateTime::<Utc>::default(), &Default::default()).unwrap();
        let cfg = SpreadConfig {
            min_books: 0,
            ..SpreadConfig::default()
        };
        assert_eq!(
            scan_spreads(&board, &cfg).unwrap_err().kind(),
            "InvalidParameter"
        );
    }
}

//! Closing line value: how the odds taken compare with the closing price.
//!
//! The closing line is the reference (sharp) bookmaker's last price before kickoff. Beating
//! it consistently is the best available evidence of a real edge, long before profit is
//! statistically meaningful.

use crate::check;
use crate::devig::{DevigMethod, devig};
use crate::error::{Error, Result};
use crate::exact::PriceRatioSum;
use crate::market::{Market, PriceSnapshot, Selection};
use crate::money::fixed::{cmp_ratios, parts};
use crate::names::named_enum;
use crate::progress::{ProgressFn, fill_chunks};
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// Closing line value as a fraction: `(odds_taken - closing_odds) / closing_odds`.
///
/// A float figure for display: where a tier or a threshold is decided from decimal prices,
/// [`ClvTier::from_prices`] decides it exactly (2.02 against 2.00 is exactly 1%, which this
/// float puts a hair above).
///
/// Over 3.0 taken at 2.05 at bet365 when Pinnacle closes at 1.94:
/// `(2.05 - 1.94) / 1.94 = 0.0567` (+5.67%). Positive means the bet beat the close.
/// Both prices are decimal odds and must be finite and > 1, else `InvalidOdds`.
///
/// ```
/// let v = edgecore::clv::clv(2.05, 1.94).unwrap();
/// assert!((v - 0.0567).abs() < 1e-4);
/// ```
pub fn clv(odds_taken: f64, closing_odds: f64) -> Result<f64> {
    let (taken, close) = (check::odds(odds_taken)?, check::odds(closing_odds)?);
    Ok((taken - close) / close)
}

/// Pairs from which [`clv_batch`] runs in parallel.
const PARALLEL_MIN: usize = 1 << 16;

/// [`clv`] over two columns: `out[i] = (odds_taken[i] - closing_odds[i]) / closing_odds[i]`.
/// Runs in parallel (rayon) from 65,536 pairs.
///
/// Errors: `LengthMismatch` when the columns differ in length; `InvalidOdds` for the first
/// price (in order, taken before closing) that is not finite and > 1.
///
/// ```
/// let v = edgecore::clv::clv_batch(&[2.05, 2.0], &[1.94, 2.0]).unwrap();
/// assert!((v[0] - 0.0567).abs() < 1e-4);
/// assert_eq!(v[1], 0.0);
/// ```
pub fn clv_batch(odds_taken: &[f64], closing_odds: &[f64]) -> Result<Vec<f64>> {
    clv_all(odds_taken, closing_odds, None)
}

/// [`clv_batch`] that reports its progress in pairs: `progress(done, total)` is called after
/// about every [`PROGRESS_CHUNK`](crate::progress::PROGRESS_CHUNK) pairs and once more when the
/// last one is done, with `done` strictly increasing and the last call being
/// `(total, total)`. Calls may come from several threads but never at the same time. Results
/// and errors are [`clv_batch`]'s; a `LengthMismatch` or an empty batch makes no call, and a
/// failed batch never reports `(total, total)`. A panic in `progress` propagates to the
/// caller.
///
/// ```
/// use std::sync::Mutex;
/// let seen = Mutex::new(Vec::new());
/// let report = |done: usize, total: usize| seen.lock().unwrap().push((done, total));
/// let v = edgecore::clv::clv_batch_with_progress(&[2.2; 9000], &[2.0; 9000], &report).unwrap();
/// assert!((v[8999] - 0.1).abs() < 1e-12);
/// assert_eq!(seen.lock().unwrap().last(), Some(&(9000, 9000)));
/// ```
pub fn clv_batch_with_progress(
    odds_taken: &[f64],
    closing_odds: &[f64],
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Vec<f64>> {
    clv_all(odds_taken, closing_odds, Some(progress))
}

/// The one kernel of the batch forms.
fn clv_all(
    odds_taken: &[f64],
    closing_odds: &[f64],
    progress: Option<ProgressFn<'_>>,
) -> Result<Vec<f64>> {
    check::same_len(
        "odds_taken",
        odds_taken.len(),
        "closing_odds",
        closing_odds.len(),
    )?;
    // Each price is read once: the value checked is the value computed with, so a column
    // that another thread writes during the call (shared memory handed over by a binding)
    // can never let an unchecked value through. Chunks run in parallel; the first error in
    // input order is the one reported, so it does not depend on scheduling.
    let mut out = vec![0.0; odds_taken.len()];
    let parallel = odds_taken.len() >= PARALLEL_MIN;
    fill_chunks(&mut out, CHUNK, parallel, progress, |start, out| {
        let taken = odds_taken.get(start..).unwrap_or_default();
        let close = closing_odds.get(start..).unwrap_or_default();
        clv_into(out, taken, close)
    })?;
    Ok(out)
}

/// Pairs per parallel chunk of [`clv_batch`].
const CHUNK: usize = 1 << 14;

/// Writes `clv` of each pair into `out` (the columns at least as long), reading each price once;
/// stops at the first invalid price.
fn clv_into(out: &mut [f64], odds_taken: &[f64], closing_odds: &[f64]) -> Result<()> {
    for ((out, &taken), &close) in out.iter_mut().zip(odds_taken).zip(closing_odds) {
        *out = clv(taken, close)?;
    }
    Ok(())
}

/// Closing line value against the fair closing price: `odds_taken x p_fair - 1`, where
/// `p_fair` is the probability of outcome `outcome` (zero-based index into
/// `closing_market`) after de-vigging the whole closing market with `method` (target 1).
/// It is the expected return per unit staked if the de-vigged close is the truth: 2.05
/// taken on a side that closes at 1.94 / 1.94 (fair 0.5) is worth `2.05 x 0.5 - 1 = 0.025`.
///
/// Errors: `InvalidOdds` for `odds_taken` or a closing price that is not finite and > 1;
/// `EmptyMarket` for fewer than 2 closing prices; any other error of [`devig`] for the
/// method; then `InvalidParameter` when `outcome` is not an index of `closing_market`.
///
/// ```
/// use edgecore::clv::clv_fair;
/// use edgecore::devig::DevigMethod;
/// let v = clv_fair(2.05, &[1.94, 1.94], 0, DevigMethod::Multiplicative).unwrap();
/// assert!((v - 0.025).abs() < 1e-12);
/// ```
pub fn clv_fair(
    odds_taken: f64,
    closing_market: &[f64],
    outcome: usize,
    method: DevigMethod,
) -> Result<f64> {
    let taken = check::odds(odds_taken)?;
    let fair = devig(closing_market, method, 1.0)?;
    let p = fair
        .probabilities
        .get(outcome)
        .ok_or_else(|| Error::InvalidParameter {
            name: "outcome",
            value: outcome.to_string(),
            reason: "must be the index of a price of the closing market",
        })?;
    clv_fair_at(taken, *p)
}

/// Closing line value against a fair closing probability already known (the closing market
/// de-vigged once and stored): `odds_taken x fair_probability - 1`, as [`clv_fair`].
///
/// A fraction (0.025 is 2.5%); for a probability of 0 it is -1 (the bet cannot win).
///
/// Errors: `InvalidOdds` for `odds_taken` (not finite and > 1), then `InvalidProbability`
/// for a probability outside [0, 1] or not finite.
///
/// ```
/// use edgecore::clv::clv_fair_at;
/// let v = clv_fair_at(2.05, 0.5).unwrap();
/// assert!((v - 0.025).abs() < 1e-12);
/// ```
pub fn clv_fair_at(odds_taken: f64, fair_probability: f64) -> Result<f64> {
    Ok(check::odds(odds_taken)? * check::probability(fair_probability)? - 1.0)
}

/// Describes a searched price for error messages.
fn describe(
    event_id: &str,
    bookmaker: &str,
    market: Market,
    line: Option<Decimal>,
    selection: Selection,
    kickoff: DateTime<Utc>,
) -> String {
    let line = line.map_or(String::new(), |l| format!(" {l}"));
    format!(
        "no {bookmaker} price for {market}{line} {selection} of event {event_id} \
         captured before kickoff {}",
        kickoff.to_rfc3339()
    )
}

/// The closing line: among `snapshots`, the one for this event, bookmaker, market, line and
/// selection captured strictly before `kickoff`, latest by `captured_at` (of equal times,
/// the one that comes last in `snapshots`). Lines compare as exact decimals (2.5 equals
/// 2.50); `None` matches only `None`.
///
/// Errors: `InvalidSelection` or `InvalidLine` when the selection or line does not fit the
/// market (see [`Market::check`]); `ClosingLineUnavailable` when no snapshot qualifies, its
/// reason naming the event, bookmaker, market, line, selection and kickoff searched.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use edgecore::clv::closing_line;
/// use edgecore::{Market, PriceSnapshot, Selection};
/// use rust_decimal::Decimal;
/// let kickoff = Utc.with_ymd_and_hms(2025, 3, 1, 15, 0, 0).unwrap();
/// let snap = |hour, price: &str| PriceSnapshot {
///     captured_at: Utc.with_ymd_and_hms(2025, 3, 1, hour, 0, 0).unwrap(),
///     event_id: "e1".into(),
///     bookmaker: "pinnacle".into(),
///     market: Market::Totals,
///     line: Some("3.0".parse().unwrap()),
///     selection: Selection::Over,
///     price: price.parse().unwrap(),
/// };
/// let snaps = [snap(10, "2.01"), snap(14, "1.94"), snap(18, "1.80")];
/// let line = Some(Decimal::from(3));
/// let close = closing_line(&snaps, "e1", kickoff, "pinnacle", Market::Totals, line, Selection::Over)
///     .unwrap();
/// assert_eq!(close.price.to_string(), "1.94");
/// ```
pub fn closing_line<'a>(
    snapshots: &'a [PriceSnapshot],
    event_id: &str,
    kickoff: DateTime<Utc>,
    bookmaker: &str,
    market: Market,
    line: Option<Decimal>,
    selection: Selection,
) -> Result<&'a PriceSnapshot> {
    market.check_line(line)?;
    market.check_selection(selection)?;
    snapshots
        .iter()
        .filter(|s| {
            s.captured_at < kickoff
                && s.selection == selection
                && s.market == market
                && s.line == line
                && s.event_id == event_id
                && s.bookmaker == bookmaker
        })
        .max_by_key(|s| s.captured_at)
        .ok_or_else(|| Error::ClosingLineUnavailable {
            reason: describe(event_id, bookmaker, market, line, selection, kickoff),
        })
}

/// The closing prices of every selection of one market at one bookmaker, in the order the
/// selections were asked for: what [`clv_fair`] de-vigs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClosingMarket {
    /// The selections, as asked.
    pub selections: Vec<Selection>,
    /// Each selection's closing snapshot.
    pub snapshots: Vec<PriceSnapshot>,
    /// Each selection's closing price as decimal odds (`f64`), ready for de-vig.
    pub odds: Vec<f64>,
}

impl ClosingMarket {
    /// The index of `selection` in this market (the `outcome` argument of [`clv_fair`]),
    /// or `None` when it was not asked for.
    pub fn position(&self, selection: Selection) -> Option<usize> {
        self.selections.iter().position(|&s| s == selection)
    }
}

/// The closing line of each of `selections` (e.g. home, draw, away for a football h2h;
/// home, away for a two-way h2h; over, under for totals), found as [`closing_line`] finds
/// one. For spreads, `line` is the home side's handicap and the away side is looked up at
/// the opposite line (home -0.5 against away +0.5); other markets use `line` for every
/// selection.
///
/// Errors: `EmptyMarket` for fewer than 2 selections; `InvalidParameter` for a selection
/// asked twice; `InvalidSelection`, `InvalidLine` or `ClosingLineUnavailable` as
/// [`closing_line`] gives them for the first selection that fails; `InvalidOdds` when a
/// closing price is not above 1.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use edgecore::clv::{clv_fair, closing_market};
/// use edgecore::devig::DevigMethod;
/// use edgecore::{Market, PriceSnapshot, Selection};
/// let kickoff = Utc.with_ymd_and_hms(2025, 3, 1, 15, 0, 0).unwrap();
/// let snap = |selection, price: &str| PriceSnapshot {
///     captured_at: Utc.with_ymd_and_hms(2025, 3, 1, 14, 0, 0).unwrap(),
///     event_id: "e1".into(),
///     bookmaker: "pinnacle".into(),
///     market: Market::Totals,
///     line: Some("2.5".parse().unwrap()),
///     selection,
///     price: price.parse().unwrap(),
/// };
/// let snaps = [snap(Selection::Over, "1.94"), snap(Selection::Under, "1.94")];
/// let close = closing_market(&snaps, "e1", kickoff, "pinnacle", Market::Totals,
///     Some("2.5".parse().unwrap()), &[Selection::Over, Selection::Under]).unwrap();
/// let over = close.position(Selection::Over).unwrap();
/// let v = clv_fair(2.05, &close.odds, over, DevigMethod::Shin).unwrap();
/// assert!((v - 0.025).abs() < 1e-12);
/// ```
pub fn closing_market(
    snapshots: &[PriceSnapshot],
    event_id: &str,
    kickoff: DateTime<Utc>,
    bookmaker: &str,
    market: Market,
    line: Option<Decimal>,
    selections: &[Selection],
) -> Result<ClosingMarket> {
    if selections.len() < 2 {
        return Err(Error::EmptyMarket {
            what: "closing_market",
            min: 2,
            len: selections.len(),
        });
    }
    if let Some(twice) = selections
        .iter()
        .enumerate()
        .find(|&(i, s)| selections.iter().take(i).any(|t| t == s))
        .map(|(_, s)| s)
    {
        return Err(Error::InvalidParameter {
            name: "selections",
            value: twice.to_string(),
            reason: "each selection may be asked only once",
        });
    }
    let mut snaps = Vec::with_capacity(selections.len());
    let mut odds = Vec::with_capacity(selections.len());
    for &selection in selections {
        let own_line = match (market, selection) {
            (Market::Spreads, Selection::Away) => line.map(|l| -l),
            _ => line,
        };
        let snap = closing_line(
            snapshots, event_id, kickoff, bookmaker, market, own_line, selection,
        )?;
        odds.push(check::price(snap.price)?);
        snaps.push(snap.clone());
    }
    Ok(ClosingMarket {
        selections: selections.to_vec(),
        snapshots: snaps,
        odds,
    })
}

named_enum! {
    /// How an average CLV reads: above 3% excellent (pro level), 1% to 3% very good
    /// (sustainable edge), 0% to 1% correct (marginal edge), below 0 warning (losing edge).
    /// Boundaries belong to the lower tier: exactly 3% is `very_good`, exactly 1% is
    /// `correct`, exactly 0 is `correct`.
    pub enum ClvTier ("CLV tier") {
        /// CLV > 3%.
        Excellent = "excellent",
        /// 1% < CLV <= 3%.
        VeryGood = "very_good",
        /// 0 <= CLV <= 1%.
        Correct = "correct",
        /// CLV < 0.
        Warning = "warning",
    }
}

/// The tier boundaries as exact fractions `(numerator, denominator)`: 3%, 1%, 0.
const EXCELLENT_ABOVE: (i64, u64) = (3, 100);
const VERY_GOOD_ABOVE: (i64, u64) = (1, 100);
const CORRECT_FROM: (i64, u64) = (0, 1);

impl ClvTier {
    /// The tier given how the CLV compares with each boundary (`cmp(num, den)` is the CLV
    /// against `num / den`): the one place where the boundaries are applied.
    fn decide(cmp: impl Fn((i64, u64)) -> Ordering) -> ClvTier {
        if cmp(EXCELLENT_ABOVE) == Ordering::Greater {
            ClvTier::Excellent
        } else if cmp(VERY_GOOD_ABOVE) == Ordering::Greater {
            ClvTier::VeryGood
        } else if cmp(CORRECT_FROM) != Ordering::Less {
            ClvTier::Correct
        } else {
            ClvTier::Warning
        }
    }

    /// The tier of the CLV of two decimal prices, decided exactly: the CLV
    /// `(odds_taken - closing_odds) / closing_odds` is compared with 3%, 1% and 0 as a
    /// ratio of decimals (cross-multiplication, no rounding), so 2.02 against 2.00 (exactly
    /// 1%) is `correct` and 2.06 against 2.00 (exactly 3%) `very_good`, as the boundaries
    /// belong to the lower tier. Both prices must be above 1 (`InvalidOdds`, the taken price
    /// checked first).
    ///
    /// ```
    /// use edgecore::clv::ClvTier;
    /// use rust_decimal_macros::dec;
    /// assert_eq!(ClvTier::from_prices(dec!(2.02), dec!(2.00)).unwrap(), ClvTier::Correct);
    /// assert_eq!(ClvTier::from_prices(dec!(2.06), dec!(2.00)).unwrap(), ClvTier::VeryGood);
    /// assert_eq!(ClvTier::from_prices(dec!(2.07), dec!(2.00)).unwrap(), ClvTier::Excellent);
    /// ```
    pub fn from_prices(odds_taken: Decimal, closing_odds: Decimal) -> Result<ClvTier> {
        check::price(odds_taken)?;
        check::price(closing_odds)?;
        // (t - k) / k vs n / d  <=>  t / k vs (d + n) / d, for k > 0.
        Ok(ClvTier::decide(|(num, den)| {
            cmp_ratios(
                parts(odds_taken),
                parts(closing_odds),
                (i128::from(den) + i128::from(num), 0),
                (i128::from(den), 0),
            )
        }))
    }

    /// The tier of the mean CLV of price pairs, decided on the exact mean; `None` without a
    /// pair.
    pub(crate) fn of_mean(pairs: &PriceRatioSum) -> Option<ClvTier> {
        pairs.cmp_mean_clv(0, 1)?;
        Some(ClvTier::decide(|(num, den)| {
            pairs.cmp_mean_clv(num, den).unwrap_or(Ordering::Equal)
        }))
    }

    /// Whether [`ClvTier::from_clv`] of a float CLV `clv`, known within `tolerance` of the
    /// exact value, is the tier of the exact value: true when no boundary lies within the
    /// tolerance.
    pub(crate) fn is_clear(clv: f64, tolerance: f64) -> bool {
        [EXCELLENT_ABOVE, VERY_GOOD_ABOVE, CORRECT_FROM]
            .iter()
            .all(|&(num, den)| (clv - num as f64 / den as f64).abs() > tolerance)
    }

    /// The tier of a CLV given as a fraction (0.0567 for +5.67%); a non-finite CLV is an
    /// `InvalidParameter` error. A float CLV computed from prices may sit a hair off a
    /// boundary it lies on exactly: decide the tier of prices with [`ClvTier::from_prices`].
    ///
    /// ```
    /// use edgecore::clv::ClvTier;
    /// assert_eq!(ClvTier::from_clv(0.0567).unwrap(), ClvTier::Excellent);
    /// assert_eq!(ClvTier::from_clv(-0.002).unwrap(), ClvTier::Warning);
    /// ```
    pub fn from_clv(clv: f64) -> Result<ClvTier> {
        let clv = check::finite("clv", clv)?;
        Ok(ClvTier::decide(|(num, den)| {
            clv.partial_cmp(&(num as f64 / den as f64))
                .unwrap_or(Ordering::Equal)
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domain_example() {
        assert!((clv(2.05, 1.94).unwrap() - 0.056_701_030_927_835_05).abs() < 1e-15);
        assert_eq!(clv(1.0, 1.94).unwrap_err().kind(), "InvalidOdds");
        assert_eq!(clv(2.0, f64::NAN).unwrap_err().kind(), "InvalidOdds");
    }

    #[test]
    fn batch_matches_single() {
        let v = clv_batch(&[2.05, 1.8, 3.0], &[1.94, 2.0, 3.0]).unwrap();
        assert_eq!(v, vec![clv(2.05, 1.94).unwrap(), (1.8 - 2.0) / 2.0, 0.0]);
        assert_eq!(
            clv_batch(&[2.0], &[2.0, 2.0]).unwrap_err().kind(),
            "LengthMismatch"
        );
        assert_eq!(
            clv_batch(&[2.0, 0.5], &[2.0, 2.0]).unwrap_err(),
            Error::InvalidOdds { value: 0.5 }
        );
        let n = PARALLEL_MIN + 3;
        let taken: Vec<f64> = (0..n).map(|i| 1.5 + (i % 10) as f64 / 10.0).collect();
        let close = vec![2.0; n];
        let v = clv_batch(&taken, &close).unwrap();
        assert!(v.iter().zip(&taken).all(|(v, t)| *v == (t - 2.0) / 2.0));
    }

    #[test]
    fn parallel_batch_reports_the_first_bad_price_in_order() {
        let n = PARALLEL_MIN * 2;
        let mut taken = vec![2.0; n];
        let mut close = vec![2.0; n];
        taken[n - 1] = 0.5; // in the last chunk
        close[CHUNK + 7] = f64::NAN; // earlier, in the second chunk
        taken[CHUNK + 9] = 0.9;
        let error = clv_batch(&taken, &close).unwrap_err();
        assert!(
            matches!(error, Error::InvalidOdds { value } if value.is_nan()),
            "{error}"
        );
    }

    #[test]
    fn fair_clv() {
        // 2.05 on a side closing 1.94 / 1.94: fair probability 1/2.
        for &m in DevigMethod::ALL {
            let v = clv_fair(2.05, &[1.94, 1.94], 0, m).unwrap();
            assert!((v - 0.025).abs() < 1e-12, "{m}");
        }
        let shin = devig(&[4.2, 3.7, 1.95], DevigMethod::Shin, 1.0).unwrap();
        let v = clv_fair(4.5, &[4.2, 3.7, 1.95], 0, DevigMethod::Shin).unwrap();
        assert_eq!(v, 4.5 * shin.probabilities[0] - 1.0);
        let err = clv_fair(2.0, &[1.9, 1.9], 2, DevigMethod::Shin).unwrap_err();
        assert_eq!(err.kind(), "InvalidParameter");
        assert!(err.to_string().contains("outcome = 2"));
        assert_eq!(
            clv_fair(1.0, &[1.9, 1.9], 0, DevigMethod::Shin)
                .unwrap_err()
                .kind(),
            "InvalidOdds"
        );
        assert_eq!(
            clv_fair(2.0, &[1.9], 0, DevigMethod::Shin)
                .unwrap_err()
                .kind(),
            "EmptyMarket"
        );
        assert_eq!(
            clv_fair(2.0, &[2.1, 2.1], 0, DevigMethod::Shin)
                .unwrap_err()
                .kind(),
            "NegativeMargin"
        );
    }

    fn at(hour: u32, minute: u32) -> DateTime<Utc> {
        use chrono::TimeZone;
        Utc.with_ymd_and_hms(2025, 3, 1, hour, minute, 0).unwrap()
    }

    fn snap(
        captured: DateTime<Utc>,
        bookmaker: &str,
        market: Market,
        line: Option<Decimal>,
        selection: Selection,
        price: Decimal,
    ) -> PriceSnapshot {
        PriceSnapshot {
            captured_at: captured,
            event_id: "e1".into(),
            bookmaker: bookmaker.into(),
            market,
            line,
            selection,
            price,
        }
    }

    #[test]
    fn closing_line_is_the_last_price_before_kickoff() {
        use rust_decimal_macros::dec;
        let (t, o) = (Market::Totals, Selection::Over);
        let snaps = vec![
            snap(at(10, 0), "pinnacle", t, Some(dec!(3.0)), o, dec!(2.01)),
            snap(at(14, 0), "pinnacle", t, Some(dec!(3.0)), o, dec!(1.94)),
            snap(at(14, 0), "pinnacle", t, Some(dec!(2.5)), o, dec!(1.70)),
            snap(at(14, 30), "bet365", t, Some(dec!(3.0)), o, dec!(2.05)),
            snap(at(15, 0), "pinnacle", t, Some(dec!(3.0)), o, dec!(1.80)),
            snap(at(12, 0), "pinnacle", t, Some(dec!(3.00)), o, dec!(1.99)),
        ];
        let k = at(15, 0);
        let close = closing_line(&snaps, "e1", k, "pinnacle", t, Some(dec!(3)), o).unwrap();
        assert_eq!(close.price, dec!(1.94));
        let err =
            closing_line(&snaps, "e1", at(9, 0), "pinnacle", t, Some(dec!(3)), o).unwrap_err();
        assert_eq!(err.kind(), "ClosingLineUnavailable");
        let text = err.to_string();
        for part in ["pinnacle", "totals 3 over", "e1", "2025-03-01T09:00:00"] {
            assert!(text.contains(part), "{text}");
        }
        let kinds = [
            closing_line(&snaps, "e2", k, "pinnacle", t, Some(dec!(3)), o),
            closing_line(&snaps, "e1", k, "pinnacle", t, Some(dec!(3.5)), o),
            closing_line(&snaps, "e1", k, "pinnacle", t, None, o),
            closing_line(
                &snaps,
                "e1",
                k,
                "pinnacle",
                t,
                Some(dec!(3)),
                Selection::Home,
            ),
        ]
        .map(|r| r.unwrap_err().kind());
        assert_eq!(
            kinds,
            [
                "ClosingLineUnavailable",
                "ClosingLineUnavailable",
                "InvalidLine",
                "InvalidSelection"
            ]
        );
    }

    #[test]
    fn closing_market_collects_every_selection() {
        use rust_decimal_macros::dec;
        let s = Market::Spreads;
        let snaps = vec![
            snap(
                at(14, 0),
                "pinnacle",
                s,
                Some(dec!(-0.5)),
                Selection::Home,
                dec!(1.9),
            ),
            snap(
                at(14, 0),
                "pinnacle",
                s,
                Some(dec!(0.5)),
                Selection::Away,
                dec!(2.0),
            ),
            snap(
                at(14, 0),
                "pinnacle",
                s,
                Some(dec!(-0.5)),
                Selection::Away,
                dec!(9.9),
            ),
        ];
        let both = [Selection::Home, Selection::Away];
        let k = at(15, 0);
        let close =
            closing_market(&snaps, "e1", k, "pinnacle", s, Some(dec!(-0.5)), &both).unwrap();
        assert_eq!(close.odds, vec![1.9, 2.0]);
        assert_eq!(close.snapshots[1].line, Some(dec!(0.5)));
        assert_eq!(close.position(Selection::Away), Some(1));
        assert_eq!(close.position(Selection::Draw), None);
        let h2h = [Selection::Home, Selection::Draw, Selection::Away];
        let err = closing_market(&snaps, "e1", k, "pinnacle", Market::H2h, None, &h2h);
        assert_eq!(err.unwrap_err().kind(), "ClosingLineUnavailable");
        let err = closing_market(&snaps, "e1", k, "pinnacle", s, Some(dec!(-0.5)), &both[..1]);
        assert_eq!(err.unwrap_err().kind(), "EmptyMarket");
        let twice = [Selection::Home, Selection::Home];
        let err = closing_market(&snaps, "e1", k, "pinnacle", s, Some(dec!(-0.5)), &twice);
        assert_eq!(err.unwrap_err().kind(), "InvalidParameter");
        let one = vec![
            snap(
                at(14, 0),
                "pinnacle",
                s,
                Some(dec!(-0.5)),
                Selection::Home,
                dec!(1),
            ),
            snap(
                at(14, 0),
                "pinnacle",
                s,
                Some(dec!(0.5)),
                Selection::Away,
                dec!(2.0),
            ),
        ];
        let err = closing_market(&one, "e1", k, "pinnacle", s, Some(dec!(-0.5)), &both);
        assert_eq!(err.unwrap_err().kind(), "InvalidOdds");
    }

    #[test]
    fn tiers_of_prices_are_exact_at_the_boundaries() {
        use rust_decimal_macros::dec;
        let t = |a, b| ClvTier::from_prices(a, b).unwrap();
        // exactly 1% and 3%: the lower tier, though the floats land a hair above
        assert!(clv(2.02, 2.00).unwrap() > 0.01);
        assert_eq!(t(dec!(2.02), dec!(2.00)), ClvTier::Correct);
        assert_eq!(t(dec!(2.06), dec!(2.00)), ClvTier::VeryGood);
        assert_eq!(t(dec!(2.0), dec!(2.00)), ClvTier::Correct);
        assert_eq!(t(dec!(1.99), dec!(2.00)), ClvTier::Warning);
        assert_eq!(t(dec!(2.0601), dec!(2.00)), ClvTier::Excellent);
        assert_eq!(t(dec!(2.0201), dec!(2.00)), ClvTier::VeryGood);
        assert_eq!(
            ClvTier::from_prices(dec!(1), dec!(0.5)).unwrap_err(),
            Error::InvalidOdds { value: 1.0 }
        );
        let mut two = PriceRatioSum::default();
        two.push(dec!(2.02), dec!(2.00));
        two.push(dec!(1.0504), dec!(1.04));
        assert_eq!(ClvTier::of_mean(&two), Some(ClvTier::Correct));
        assert_eq!(ClvTier::of_mean(&PriceRatioSum::default()), None);
        assert!(!ClvTier::is_clear(0.010_000_000_000_000_009, 1e-12));
        assert!(ClvTier::is_clear(0.02, 1e-12));
    }

    #[test]
    fn tiers_and_boundaries() {
        let t = |x| ClvTier::from_clv(x).unwrap();
        assert_eq!(t(0.031), ClvTier::Excellent);
        assert_eq!(t(0.03), ClvTier::VeryGood);
        assert_eq!(t(0.011), ClvTier::VeryGood);
        assert_eq!(t(0.01), ClvTier::Correct);
        assert_eq!(t(0.0), ClvTier::Correct);
        assert_eq!(t(-0.0001), ClvTier::Warning);
        assert_eq!(
            ClvTier::from_clv(f64::INFINITY).unwrap_err().kind(),
            "InvalidParameter"
        );
    }
}

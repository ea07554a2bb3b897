//! The performance of a bet history: counts, money, CLV, the bankroll curve and its risk
//! figures, and whether the edge is real.

use super::ledger::{Amount, Ledger};
use super::significance::Significance;
use super::tally::{Tally, finite, read};
use crate::bet::{Bet, Outcome};
use crate::check;
use crate::clv::ClvTier;
use crate::error::Result;
use crate::exact::PriceRatioSum;
use crate::money::fixed::{Parts, parts, ratios_equal};
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// One point of the bankroll curve.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BankrollPoint {
    /// When the bet that moved the bankroll here was placed; `None` for the starting point.
    pub at: Option<DateTime<Utc>>,
    /// The bankroll after that bet's profit, in the bankroll's currency.
    pub bankroll: Decimal,
}

/// The largest fall of the bankroll from a running peak to a later point.
///
/// `amount = peak - trough >= 0`, the largest such fall in money (the first one when several
/// are equal); `share = amount / peak`, the fall as a fraction of the peak it came from, in
/// [0, 1]. The amount can exceed the peak only when the bankroll went below zero (the history
/// staked more than it had): the share is then 1 (ruin), as it is for any fall from a peak of
/// zero. Without a fall, amount and share are 0 and peak and trough are the starting bankroll.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Drawdown {
    /// peak - trough, in the bankroll's currency (>= 0).
    pub amount: Decimal,
    /// amount / peak, as a fraction in [0, 1].
    pub share: f64,
    /// The bankroll at the peak.
    pub peak: Decimal,
    /// The bankroll at the trough.
    pub trough: Decimal,
    /// When the peak was reached: the last time the bankroll stood at the peak's level
    /// before the trough (on 100 -> 120 -> 110 -> 120 -> 90 the fall of 30 starts at the
    /// second 120); `None` when that is the starting point.
    pub peak_at: Option<DateTime<Utc>>,
    /// When the trough was reached; `None` when there is no fall.
    pub trough_at: Option<DateTime<Utc>>,
}

/// Everything a dashboard shows about a bet history. See [`performance`] for the definitions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Performance {
    /// Number of bets, pending ones included.
    pub bets: usize,
    /// Bets settled won.
    pub won: usize,
    /// Bets settled lost.
    pub lost: usize,
    /// Bets settled push.
    pub push: usize,
    /// Bets settled half won.
    pub half_won: usize,
    /// Bets settled half lost.
    pub half_lost: usize,
    /// Bets settled void.
    pub void: usize,
    /// Bets not yet settled.
    pub pending: usize,
    /// Settled bets: bets - pending.
    pub settled: usize,
    /// (won + half_won) / (won + half_won + lost + half_lost), as a fraction; `None` without
    /// a win or a loss.
    pub win_rate: Option<f64>,
    /// Stakes of settled bets (pushes and voids included).
    pub staked: Decimal,
    /// Stakes of pending bets (money at risk, not deducted from the bankroll).
    pub pending_staked: Decimal,
    /// Sum of [`Bet::profit`] over settled bets.
    pub profit: Decimal,
    /// profit / staked, as a fraction; `None` without a settled bet.
    pub roi: Option<f64>,
    /// Mean decimal odds of settled bets; `None` without a settled bet.
    pub average_odds: Option<f64>,
    /// Bets with closing odds (pending ones included).
    pub clv_bets: usize,
    /// Mean CLV (fraction) of the bets with closing odds, a float for display; `None` when
    /// there is none.
    pub average_clv: Option<f64>,
    /// sum(stake x CLV) / sum(stake) over the bets with closing odds; `None` when there is none.
    pub stake_weighted_clv: Option<f64>,
    /// Share of the bets with closing odds whose odds beat the close (CLV > 0).
    pub beat_close_share: Option<f64>,
    /// The tier of the exact mean CLV of the bets' decimal prices (see [`performance`]); `None`
    /// when no bet has closing odds.
    pub clv_tier: Option<ClvTier>,
    /// The starting bankroll given (with at least two decimal places, as every money figure
    /// here: staked, profit, bankrolls, curve points, drawdown amounts).
    pub starting_bankroll: Decimal,
    /// starting_bankroll + profit.
    pub final_bankroll: Decimal,
    /// The starting point, then one point per settled bet in placed-at order.
    pub curve: Vec<BankrollPoint>,
    /// The largest fall of the curve from a running peak.
    pub max_drawdown: Drawdown,
    /// Mean / sample standard deviation of the per-bet returns profit / stake of settled bets
    /// (not annualised); `None` with fewer than two settled bets or when every return is
    /// exactly equal (compared as ratios of decimals).
    pub sharpe: Option<f64>,
    /// Longest run of losses (lost or half lost) in placed-at order; pushes and voids neither
    /// extend nor break a run.
    pub longest_losing_streak: usize,
    /// Longest run of wins (won or half won), counted the same way.
    pub longest_winning_streak: usize,
    /// Profit of won/lost bets against the break-even null (true probability 1 / odds).
    pub significance_vs_break_even: Option<Significance>,
    /// Profit of won/lost bets with a closing probability against the null that the closing
    /// fair probabilities are the true ones.
    pub significance_vs_closing: Option<Significance>,
    /// Mean CLV against the null of a true mean CLV of zero.
    pub clv_significance: Option<Significance>,
}

/// Running mean and variance from sums of deviations from the first value ("shifted data"):
/// no division per value, exact zero variance for equal values, and no cancellation as long as
/// the first value is of the order of the data.
#[derive(Debug, Clone, Copy, Default)]
struct Moments {
    n: usize,
    shift: f64,
    sum: f64,
    squares: f64,
}

impl Moments {
    #[inline]
    fn push(&mut self, x: f64) {
        if self.n == 0 {
            self.shift = x;
        }
        let d = x - self.shift;
        self.n += 1;
        self.sum += d;
        self.squares += d * d;
    }

    /// The mean; `None` without a value.
    fn mean(&self) -> Option<f64> {
        (self.n > 0).then(|| self.shift + self.sum / self.n as f64)
    }

    /// Sample variance (n - 1 denominator), never negative; `None` below two values.
    fn variance(&self) -> Option<f64> {
        let n = self.n as f64;
        (self.n >= 2).then(|| ((self.squares - self.sum * self.sum / n) / (n - 1.0)).max(0.0))
    }
}

/// Sums of realised profit and of its mean and variance under a null hypothesis (floats: the
/// test is a float figure, and the exact profit is reported elsewhere).
#[derive(Debug, Clone, Copy, Default)]
struct NullSums {
    bets: usize,
    profit: f64,
    mean: f64,
    variance: f64,
}

impl NullSums {
    /// Adds a bet's realised `profit` and its `mean` and `variance` under the null.
    #[inline]
    fn push(&mut self, profit: f64, mean: f64, variance: f64) {
        self.bets += 1;
        self.profit += profit;
        self.mean += mean;
        self.variance += variance;
    }

    fn test(&self) -> Option<Significance> {
        Significance::test(self.bets, self.profit, self.mean, self.variance)
    }
}

/// Slots of [`Path::money`]: the bankroll, its running peak, the level below which a fall
/// becomes the largest (peak - largest fall), and the largest fall with its peak and trough.
const BANKROLL: usize = 0;
const PEAK: usize = 1;
const FLOOR: usize = 2;
const FALL: usize = 3;
const FALL_PEAK: usize = 4;
const FALL_TROUGH: usize = 5;

/// The order-dependent figures: curve, drawdown, streaks.
struct Path {
    start: Decimal,
    money: Ledger<6>,
    curve: Vec<BankrollPoint>,
    peak_at: Option<DateTime<Utc>>,
    fall_peak_at: Option<DateTime<Utc>>,
    fall_trough_at: Option<DateTime<Utc>>,
    losing: usize,
    winning: usize,
    longest_losing: usize,
    longest_winning: usize,
}

impl Path {
    fn new(start: Decimal, capacity: usize) -> Path {
        let mut money = Ledger::filled(start);
        money.set(FALL, 0);
        let mut curve = Vec::with_capacity(capacity);
        curve.push(BankrollPoint {
            at: None,
            bankroll: crate::money::with_cents(start),
        });
        Path {
            start,
            money,
            curve,
            peak_at: None,
            fall_peak_at: None,
            fall_trough_at: None,
            losing: 0,
            winning: 0,
            longest_losing: 0,
            longest_winning: 0,
        }
    }

    #[inline]
    fn step(&mut self, at: DateTime<Utc>, outcome: Outcome, profit: Amount) -> Result<()> {
        let m = &mut self.money;
        m.add(BANKROLL, "bankroll", profit)?;
        let bankroll = m.get(BANKROLL);
        // Converting checks the bankroll is a valid amount (below 2^96 units), so the
        // differences below cannot overflow an i128.
        let at = Some(at);
        self.curve.push(BankrollPoint {
            at,
            bankroll: m.decimal("bankroll", bankroll)?,
        });
        if bankroll >= m.get(PEAK) {
            // A new peak, or the peak's level reached again: a fall from here starts here.
            m.set(PEAK, bankroll);
            m.set(FLOOR, bankroll - m.get(FALL));
            self.peak_at = at;
        } else if bankroll < m.get(FLOOR) {
            let peak = m.get(PEAK);
            m.set(FALL, peak - bankroll);
            m.set(FALL_PEAK, peak);
            m.set(FALL_TROUGH, bankroll);
            m.set(FLOOR, bankroll);
            self.fall_peak_at = self.peak_at;
            self.fall_trough_at = at;
        }
        if outcome.is_loss() {
            self.losing += 1;
            self.winning = 0;
            self.longest_losing = self.longest_losing.max(self.losing);
        } else if outcome.is_win() {
            self.winning += 1;
            self.losing = 0;
            self.longest_winning = self.longest_winning.max(self.winning);
        }
        Ok(())
    }

    /// The largest fall, with its share of the peak.
    fn max_drawdown(&self) -> Result<Drawdown> {
        let m = &self.money;
        let (fall, peak) = (m.get(FALL), m.get(FALL_PEAK));
        let share = if fall == 0 {
            0.0
        } else if peak <= 0 || fall >= peak {
            1.0
        } else {
            (fall as f64 / peak as f64).clamp(0.0, 1.0)
        };
        Ok(Drawdown {
            amount: m.amount(FALL, "drawdown")?,
            share,
            peak: m.amount(FALL_PEAK, "drawdown")?,
            trough: m.amount(FALL_TROUGH, "drawdown")?,
            peak_at: self.fall_peak_at,
            trough_at: self.fall_trough_at,
        })
    }
}

/// The performance of a bet history from a starting bankroll.
///
/// Definitions (fractions, not percent; money in the bankroll's currency):
/// - counts by outcome; `settled` = every outcome but pending.
/// - `win_rate = (won + half_won) / (won + half_won + lost + half_lost)`: a half win counts as
///   a win and a half loss as a loss ([`Outcome::is_win`], [`Outcome::is_loss`]); pushes and
///   voids are excluded. `None` when there is no win or loss.
/// - `staked` = stakes of settled bets, pushes and voids included; `profit` = sum of
///   [`Bet::profit`] (payouts rounded to the cent by [`Outcome::payout`]); `roi = profit /
///   staked`, same sign as the profit. Pending bets count only in `pending` and
///   `pending_staked`.
/// - CLV per bet = `clv::clv(odds, closing_odds)` for every bet with closing odds, pending ones
///   included: `average_clv` (mean, a float for display), `stake_weighted_clv` (sum stake x
///   CLV / sum stake), `beat_close_share` (share with odds strictly above the closing odds,
///   i.e. CLV > 0, compared exactly) and `clv_tier`: the tier of the exact mean of the CLVs of
///   the decimal prices, so a mean of exactly 1% or 3% gets the lower tier as documented in
///   [`ClvTier`]. The float mean decides it when no tier boundary lies within its rounding
///   error bound; otherwise the mean is recomputed exactly from the prices (rational
///   arithmetic, cost growing with the number of distinct closing prices).
/// - The bankroll curve starts at `starting_bankroll` (point `at: None`) and adds each settled
///   bet's profit in `placed_at` order (ties keep input order); the profit is booked at the
///   placing instant, as the record has no settlement instant. `final_bankroll = starting +
///   profit`. The curve may go below zero if the history staked more than it had.
/// - `max_drawdown`: see [`Drawdown`]; its `peak_at` is the last time the peak's level was
///   reached before the trough. `sharpe`: mean / sample standard deviation of the returns
///   `profit / stake` of settled bets (pushes and voids give 0), per bet, not annualised;
///   `None` below two settled bets or with zero deviation, never NaN. Zero deviation is
///   decided on exact values: returns are ratios of decimals, and one equal to the first
///   return (by cross-multiplication) enters the float moments as that very float, so equal
///   returns (0.01 / 0.1 and 0.03 / 0.3) have a deviation of exactly 0 and no Sharpe, where
///   their floats differ by one ulp. CLVs enter `clv_significance` the same way.
/// - Streaks: runs of losses (or wins) among settled bets in `placed_at` order; pushes and
///   voids are skipped (they neither extend nor break a run).
///
/// Is the edge real? Three one-sided z-tests ([`Significance`]), each `None` when its variance
/// is zero (no bet qualifies, or every probability is 0 or 1):
/// - `significance_vs_break_even`: the direct question "could a bettor without edge have made
///   this profit?". Null: each bet settled won or lost wins with probability `1 / odds`, so its
///   profit has mean 0 and variance `s^2 (o - 1)`. `z = profit / sqrt(sum s^2 (o - 1))`; a
///   small p-value means the profit is unlikely to be luck. This null is generous to the
///   bettor-without-edge (a real one faces the bookmaker's margin and loses on average), so
///   the test is conservative.
/// - `significance_vs_closing`: null: each bet settled won or lost with a
///   `closing_probability` p wins with probability p (the closing line is right). Its profit
///   then has mean `s (o p - 1)` (the edge the close credits the bet with) and variance
///   `s^2 o^2 p (1 - p)`; `expected` is the profit the closing line predicts, and `z` says how
///   far luck carried the realised profit above (z > 0) or below (z < 0) it. A profit that
///   agrees with its CLV has z near 0: judge the edge by `expected` and the CLV, and the luck
///   by z.
/// - `clv_significance`: the quickest evidence of skill, as CLV is far less noisy than profit.
///   Null: the true mean CLV is 0. `observed` = mean CLV, `standard_error` = sample standard
///   deviation / sqrt(n) (needs two bets with closing odds), normal approximation of the t
///   test.
///
/// Half-won and half-lost bets (three-outcome quarter lines), pushes and voids are left out of
/// the two profit tests, whose binary model does not fit them.
///
/// Errors: a negative starting bankroll, a stake not > 0, or a total outside the range of an
/// exact amount give `InvalidAmount`; odds or closing odds not > 1 give `InvalidOdds`; a
/// closing probability outside [0, 1] gives `InvalidProbability`. An empty history is not an
/// error: counts and money are zero, undefined figures `None`, the curve the starting point.
///
/// Runs in one O(n) pass when the bets come in `placed_at` order (checked along the way);
/// otherwise the pass restarts over an index sorted by `placed_at`, O(n log n), without copying
/// bets. Money is summed exactly, as integers counting the finest decimal unit seen, so
/// results equal `Decimal` arithmetic. Sequential by nature: every curve point depends on the
/// previous one.
///
/// ```
/// use edgecore::stats::performance;
/// use edgecore::{Bet, Market, Outcome, Selection};
/// use rust_decimal_macros::dec;
///
/// let bet = |id: &str, odds, outcome, closing| Bet {
///     id: id.into(),
///     event_id: "e1".into(),
///     league: "epl".into(),
///     market: Market::H2h,
///     line: None,
///     selection: Selection::Home,
///     bookmaker: "bet365".into(),
///     odds,
///     stake: dec!(10),
///     placed_at: "2026-11-21T14:00:00Z".parse().unwrap(),
///     source: "manual".into(),
///     outcome: Some(outcome),
///     closing_odds: Some(closing),
///     closing_probability: None,
/// };
/// let bets = [
///     bet("a", dec!(2.05), Outcome::Won, dec!(1.94)),
///     bet("b", dec!(2.00), Outcome::Lost, dec!(2.10)),
/// ];
/// let p = performance(&bets, dec!(1000)).unwrap();
/// assert_eq!(p.profit, dec!(0.50)); // +10.50 - 10
/// assert_eq!(p.final_bankroll, dec!(1000.50));
/// assert_eq!(p.win_rate, Some(0.5));
/// assert_eq!(p.beat_close_share, Some(0.5));
/// assert_eq!(p.max_drawdown.amount, dec!(10));
/// ```
pub fn performance(bets: &[Bet], starting_bankroll: Decimal) -> Result<Performance> {
    let start = check::non_negative_amount("starting_bankroll", starting_bankroll)?;
    // Bets usually come in placed-at order: one pass checks the order as it goes. At the
    // first bet out of order it starts again over an index sorted by placed-at.
    let mut pass = Pass::new(start, bets.len());
    let mut last = None;
    for bet in bets {
        if last.is_some_and(|at| bet.placed_at < at) {
            let mut order: Vec<&Bet> = bets.iter().collect();
            order.sort_by_key(|bet| bet.placed_at);
            pass = Pass::new(start, bets.len());
            for bet in order {
                pass.feed(bet)?;
            }
            return pass.finish(bets);
        }
        last = Some(bet.placed_at);
        pass.feed(bet)?;
    }
    pass.finish(bets)
}

/// The first value of a series of ratios of decimals (numerator, denominator) and its float:
/// later values equal to it exactly enter the moments as this very float, so a series of
/// equal ratios has a deviation of exactly zero.
#[derive(Debug, Clone, Copy)]
struct FirstRatio {
    num: Parts,
    den: Parts,
    value: f64,
}

/// A series of ratios of decimals as the float moments see it: while every ratio so far
/// equals the first exactly, each enters as the first one's float (so equal ratios have a
/// deviation of exactly zero); after the first that differs, comparisons stop (the deviation
/// is then not zero whatever the floats) and each enters as its own float.
#[derive(Debug, Clone, Copy, Default)]
struct EqualRatios {
    first: Option<FirstRatio>,
    differs: bool,
}

impl EqualRatios {
    /// The float to push for ratio `num / den` whose own float is `value`.
    #[inline]
    fn push(&mut self, num: Parts, den: Parts, value: f64) -> f64 {
        if self.differs {
            return value;
        }
        match self.first {
            None => {
                self.first = Some(FirstRatio { num, den, value });
                value
            }
            Some(f) if ratios_equal(num, den, f.num, f.den) => f.value,
            Some(_) => {
                self.differs = true;
                value
            }
        }
    }

    /// The first ratio when every ratio equals it exactly; `None` otherwise or when empty.
    fn all_equal(&self) -> Option<FirstRatio> {
        self.first.filter(|_| !self.differs)
    }
}

/// The accumulators of one pass over the bets in placed-at order.
struct Pass {
    tally: Tally,
    path: Path,
    returns: Moments,
    equal_returns: EqualRatios,
    clvs: Moments,
    /// CLVs compare exactly as odds / closing odds.
    equal_clvs: EqualRatios,
    /// Sum of |CLV| (floats), for the error bound of the mean.
    clv_abs: f64,
    break_even: NullSums,
    closing: NullSums,
}

impl Pass {
    fn new(start: Decimal, len: usize) -> Pass {
        Pass {
            tally: Tally::default(),
            path: Path::new(start, len.saturating_add(1)),
            returns: Moments::default(),
            equal_returns: EqualRatios::default(),
            clvs: Moments::default(),
            equal_clvs: EqualRatios::default(),
            clv_abs: 0.0,
            break_even: NullSums::default(),
            closing: NullSums::default(),
        }
    }

    /// Takes the next bet in placed-at order.
    #[inline]
    fn feed(&mut self, bet: &Bet) -> Result<()> {
        let r = read(bet)?;
        self.tally.add(&r)?;
        if let (Some(clv), Some(close)) = (r.clv, bet.closing_odds) {
            // (t - k) / k are equal exactly when t / k are.
            let clv = self.equal_clvs.push(parts(bet.odds), parts(close), clv);
            self.clv_abs += clv.abs();
            self.clvs.push(clv);
        }
        let Some(outcome) = r.outcome else {
            return Ok(());
        };
        self.path.step(bet.placed_at, outcome, r.profit)?;
        let profit = r.profit.to_f64();
        let ret = self.equal_returns.push(
            (r.profit.units, r.profit.scale),
            (r.stake.units, r.stake.scale),
            profit / r.stake_f64,
        );
        self.returns.push(ret);
        if matches!(outcome, Outcome::Won | Outcome::Lost) {
            // A stake s at odds o winning with probability p: profit s(o - 1) or -s, mean
            // s(o p - 1), variance s^2 o^2 p (1 - p); with p = 1/o: mean 0, variance s^2 (o - 1).
            let (s, o) = (r.stake_f64, r.odds_f64);
            self.break_even.push(profit, 0.0, s * s * (o - 1.0));
            if let Some(p) = r.closing_probability {
                self.closing
                    .push(profit, s * (o * p - 1.0), s * s * o * o * p * (1.0 - p));
            }
        }
        Ok(())
    }

    /// The figures; `bets` are the bets fed (in any order), read again only when the tier of
    /// the mean CLV needs exact arithmetic.
    fn finish(self, bets: &[Bet]) -> Result<Performance> {
        let Pass {
            tally,
            path,
            returns,
            equal_returns: _,
            clvs,
            equal_clvs,
            clv_abs,
            break_even,
            closing,
        } = self;
        let sharpe = match (returns.mean(), returns.variance()) {
            (Some(mean), Some(v)) if v > 0.0 => finite(mean / v.sqrt()),
            _ => None,
        };
        let clv_significance = match (clvs.mean(), clvs.variance()) {
            (Some(mean), Some(v)) => Significance::test(clvs.n, mean, 0.0, v / clvs.n as f64),
            _ => None,
        };
        let average_clv = tally.average_clv();
        let clv_tier = match average_clv {
            Some(mean) => Some(mean_clv_tier(
                mean,
                tally.clv_bets,
                clv_abs,
                equal_clvs.all_equal(),
                bets,
            )?),
            None => None,
        };
        Ok(Performance {
            bets: tally.bets,
            won: tally.won,
            lost: tally.lost,
            push: tally.push,
            half_won: tally.half_won,
            half_lost: tally.half_lost,
            void: tally.void,
            pending: tally.pending,
            settled: tally.settled(),
            win_rate: tally.win_rate(),
            staked: tally.staked()?,
            pending_staked: tally.pending_staked()?,
            profit: tally.profit()?,
            roi: tally.roi(),
            average_odds: tally.average_odds(),
            clv_bets: tally.clv_bets,
            average_clv,
            stake_weighted_clv: tally.stake_weighted_clv(),
            beat_close_share: tally.beat_close_share(),
            clv_tier,
            starting_bankroll: crate::money::with_cents(path.start),
            final_bankroll: path.money.amount(BANKROLL, "bankroll")?,
            max_drawdown: path.max_drawdown()?,
            curve: path.curve,
            sharpe,
            longest_losing_streak: path.longest_losing,
            longest_winning_streak: path.longest_winning,
            significance_vs_break_even: break_even.test(),
            significance_vs_closing: closing.test(),
            clv_significance,
        })
    }
}

/// The tier of the exact mean CLV of `n` bets with closing odds whose float mean is `mean`
/// and sum of |CLV| floats `abs_sum`. With every CLV equal to the first pair's, the tier of
/// that pair (exact); else the float mean's tier when no boundary lies within its error
/// bound; else the tier of the mean recomputed exactly from the bets' prices.
fn mean_clv_tier(
    mean: f64,
    n: usize,
    abs_sum: f64,
    all_equal_to: Option<FirstRatio>,
    bets: &[Bet],
) -> Result<ClvTier> {
    if let Some(first) = all_equal_to {
        // The parts came from decimals: rebuilding them cannot fail.
        let price = |p: Parts| Decimal::try_from_i128_with_scale(p.0, p.1).unwrap_or_default();
        return ClvTier::from_prices(price(first.num), price(first.den));
    }
    // Each CLV float is within 8u(1 + |c|) of its exact value (two conversions, a
    // subtraction and a division, u = EPSILON / 2); summing n of them adds at most
    // (n - 1) u sum|c|, the division by n u |mean|. Twice that bound, per bet:
    let n_f = n as f64;
    let tolerance = f64::EPSILON * (8.0 + 9.0 * abs_sum / n_f + abs_sum + mean.abs());
    if tolerance.is_finite() && ClvTier::is_clear(mean, tolerance) {
        return ClvTier::from_clv(mean);
    }
    let mut exact = PriceRatioSum::default();
    for bet in bets {
        if let Some(close) = bet.closing_odds {
            exact.push(bet.odds, close);
        }
    }
    ClvTier::of_mean(&exact).map_or_else(|| ClvTier::from_clv(mean), Ok)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::fixtures::{bet, history};
    use rust_decimal_macros::dec;

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-12)
    }

    #[test]
    fn hand_checked_history() {
        let p = performance(&history(), dec!(1000)).unwrap();
        let counts = (
            p.won,
            p.lost,
            p.push,
            p.half_won,
            p.half_lost,
            p.void,
            p.pending,
        );
        assert_eq!(counts, (1, 2, 1, 1, 1, 0, 1));
        assert_eq!((p.bets, p.settled), (7, 6));
        assert_eq!(p.win_rate, Some(0.4)); // (1 + 1) / (1 + 1 + 2 + 1)
        assert_eq!((p.staked, p.pending_staked), (dec!(300), dec!(25)));
        assert_eq!(p.profit, dec!(-61)); // 55 - 100 - 20 - 20 + 0 + 24
        assert!(close(p.roi, -61.0 / 300.0));
        assert!(close(p.average_odds, 2.125)); // 12.75 / 6
        assert_eq!(p.clv_bets, 6);
        assert!(close(p.average_clv, 0.016_408_026_789_926_67));
        assert!(close(p.stake_weighted_clv, 0.010_930_158_493_764_63));
        assert!(close(p.beat_close_share, 4.0 / 6.0));
        assert_eq!(p.clv_tier, Some(ClvTier::VeryGood));
        let curve: Vec<_> = p.curve.iter().map(|c| c.bankroll).collect();
        let want = [1000, 1055, 955, 935, 915, 915, 939].map(Decimal::from);
        assert_eq!(curve, want);
        assert_eq!(p.curve[0].at, None);
        assert_eq!(p.final_bankroll, dec!(939));
        let d = &p.max_drawdown;
        assert_eq!(
            (d.amount, d.peak, d.trough),
            (dec!(140), dec!(1055), dec!(915))
        );
        assert_eq!(d.peak_at, p.curve[1].at);
        assert_eq!(d.trough_at, p.curve[4].at); // the first of the two 915 points
        assert!((d.share - 140.0 / 1055.0).abs() < 1e-15);
        assert!(close(p.sharpe, -0.200_546_229_629_953_9));
        assert_eq!((p.longest_losing_streak, p.longest_winning_streak), (3, 1));
    }

    #[test]
    fn significance_by_hand() {
        let p = performance(&history(), dec!(1000)).unwrap();
        // won/lost: b1 +55 (50 @ 2.10), b2 -100 (100 @ 1.90), b4 -20 (20 @ 3.00)
        let be = p.significance_vs_break_even.unwrap();
        assert_eq!((be.bets, be.observed, be.expected), (3, -65.0, 0.0));
        // 50^2 x 1.10 + 100^2 x 0.90 + 20^2 x 2.00 = 12550
        assert!((be.standard_error - 12_550f64.sqrt()).abs() < 1e-12);
        assert!((be.z_score + 0.580_218_395_480_687_3).abs() < 1e-12);
        assert!((be.p_value - 0.719_116_325_013_08).abs() < 1e-12);
        // with closing probability: b1 (0.48), b2 (0.50); expected 50(2.1 x 0.48 - 1) +
        // 100(1.9 x 0.5 - 1) = 0.4 - 5; variance 2500 x 4.41 x 0.2496 + 10000 x 3.61 x 0.25
        let cl = p.significance_vs_closing.unwrap();
        assert_eq!((cl.bets, cl.observed), (2, -45.0));
        assert!((cl.expected + 4.6).abs() < 1e-12);
        assert!((cl.standard_error - 11_776.84f64.sqrt()).abs() < 1e-9);
        assert!((cl.p_value - 0.645_156_935_756_896).abs() < 1e-12);
        let clv = p.clv_significance.unwrap();
        assert_eq!(clv.bets, 6);
        assert!((clv.standard_error - 0.017_553_896_881_498_34).abs() < 1e-15);
        assert!((clv.p_value - 0.174_965_599_387_11).abs() < 1e-12);
    }

    #[test]
    fn empty_history_is_zeros_and_nones() {
        let p = performance(&[], dec!(500)).unwrap();
        assert_eq!(
            (p.bets, p.settled, p.profit, p.staked),
            (0, 0, dec!(0), dec!(0))
        );
        assert_eq!(
            (p.win_rate, p.roi, p.average_clv, p.sharpe),
            (None, None, None, None)
        );
        assert_eq!((p.clv_tier, p.significance_vs_break_even), (None, None));
        assert_eq!(p.final_bankroll, dec!(500));
        assert_eq!(p.curve.len(), 1);
        assert_eq!(
            (p.max_drawdown.amount, p.max_drawdown.share),
            (dec!(0), 0.0)
        );
    }

    #[test]
    fn unsorted_input_gives_the_sorted_curve() {
        let sorted = performance(&history(), dec!(1000)).unwrap();
        let mut shuffled = history();
        shuffled.reverse();
        shuffled.swap(1, 4);
        assert_eq!(performance(&shuffled, dec!(1000)).unwrap(), sorted);
    }

    #[test]
    fn ruin_caps_the_drawdown_share() {
        use crate::bet::Outcome::Lost;
        let lose = |id, at| bet(id, at, "x", dec!(2), dec!(80), Some(Lost), None, None);
        let bets = [
            lose("a", "2026-01-01T00:00:00Z"),
            lose("b", "2026-01-02T00:00:00Z"),
        ];
        let p = performance(&bets, dec!(100)).unwrap();
        assert_eq!(p.final_bankroll, dec!(-60));
        assert_eq!(
            (p.max_drawdown.amount, p.max_drawdown.share),
            (dec!(160), 1.0)
        );
        let p = performance(&bets, Decimal::ZERO).unwrap();
        assert_eq!(
            (p.max_drawdown.amount, p.max_drawdown.share),
            (dec!(160), 1.0)
        );
        // equal returns: zero deviation, no Sharpe
        assert_eq!(p.sharpe, None);
    }

    #[test]
    fn equal_returns_have_no_sharpe() {
        use crate::bet::Outcome::{Lost, Won};
        // Both won at 1.10, stakes 0.1 and 0.3: both returns are exactly 0.1 (their floats
        // 0.01/0.1 and 0.03/0.3 differ by one ulp, which gave a Sharpe of about 1e16).
        let won = |id, at, stake| bet(id, at, "x", dec!(1.10), stake, Some(Won), None, None);
        let bets = [
            won("a", "2026-01-01T00:00:00Z", dec!(0.1)),
            won("b", "2026-01-02T00:00:00Z", dec!(0.3)),
        ];
        assert_ne!(0.01f64 / 0.1, 0.03f64 / 0.3);
        let p = performance(&bets, dec!(100)).unwrap();
        assert_eq!(p.sharpe, None);
        // a third, different return gives a finite Sharpe again
        let mut more = bets.to_vec();
        more.push(bet(
            "c",
            "2026-01-03T00:00:00Z",
            "x",
            dec!(2),
            dec!(1),
            Some(Lost),
            None,
            None,
        ));
        assert!(performance(&more, dec!(100)).unwrap().sharpe.is_some());
    }

    #[test]
    fn clv_tier_of_the_exact_mean() {
        use crate::bet::Outcome::Won;
        let one = |odds, close| {
            let b = bet(
                "a",
                "2026-01-01T00:00:00Z",
                "x",
                odds,
                dec!(1),
                Some(Won),
                Some(close),
                None,
            );
            performance(&[b], dec!(100)).unwrap()
        };
        // exactly 1%: `correct`, though the float mean is 0.010000000000000009
        let p = one(dec!(2.02), dec!(2.00));
        assert!(p.average_clv.unwrap() > 0.01);
        assert_eq!(p.clv_tier, Some(ClvTier::Correct));
        // exactly 3%: `very_good`
        assert_eq!(
            one(dec!(2.06), dec!(2.00)).clv_tier,
            Some(ClvTier::VeryGood)
        );
        // CLVs 0.1/3 % and 17/3 % (different pairs, no common float): mean exactly 3%
        let two = [
            bet(
                "a",
                "2026-01-01T00:00:00Z",
                "x",
                dec!(3.01),
                dec!(1),
                None,
                Some(dec!(3)),
                None,
            ),
            bet(
                "b",
                "2026-01-02T00:00:00Z",
                "x",
                dec!(3.17),
                dec!(1),
                None,
                Some(dec!(3)),
                None,
            ),
        ];
        let p = performance(&two, dec!(100)).unwrap();
        assert_eq!(p.clv_tier, Some(ClvTier::VeryGood));
        // mean of 10% and -2%: 4%, far from a boundary
        let far = [
            bet(
                "a",
                "2026-01-01T00:00:00Z",
                "x",
                dec!(2.2),
                dec!(1),
                None,
                Some(dec!(2)),
                None,
            ),
            bet(
                "b",
                "2026-01-02T00:00:00Z",
                "x",
                dec!(1.47),
                dec!(1),
                None,
                Some(dec!(1.5)),
                None,
            ),
        ];
        assert_eq!(
            performance(&far, dec!(100)).unwrap().clv_tier,
            Some(ClvTier::Excellent)
        );
        // equal CLVs: no deviation, no CLV test
        let equal = [
            bet(
                "a",
                "2026-01-01T00:00:00Z",
                "x",
                dec!(2.02),
                dec!(1),
                None,
                Some(dec!(2)),
                None,
            ),
            bet(
                "b",
                "2026-01-02T00:00:00Z",
                "x",
                dec!(1.0504),
                dec!(1),
                None,
                Some(dec!(1.04)),
                None,
            ),
        ];
        let p = performance(&equal, dec!(100)).unwrap();
        assert_eq!(
            (p.clv_tier, p.clv_significance),
            (Some(ClvTier::Correct), None)
        );
    }

    #[test]
    fn drawdown_starts_at_the_last_visit_of_the_peak() {
        use crate::bet::Outcome::{Lost, Won};
        // 100 -> 120 -> 110 -> 120 -> 90
        let b =
            |id, at, odds, stake, outcome| bet(id, at, "x", odds, stake, Some(outcome), None, None);
        let bets = [
            b("a", "2026-01-01T00:00:00Z", dec!(2), dec!(20), Won),
            b("b", "2026-01-02T00:00:00Z", dec!(2), dec!(10), Lost),
            b("c", "2026-01-03T00:00:00Z", dec!(2), dec!(10), Won),
            b("d", "2026-01-04T00:00:00Z", dec!(2), dec!(30), Lost),
        ];
        let p = performance(&bets, dec!(100)).unwrap();
        let curve: Vec<_> = p.curve.iter().map(|c| c.bankroll).collect();
        assert_eq!(curve, [100, 120, 110, 120, 90].map(Decimal::from));
        let d = &p.max_drawdown;
        assert_eq!(
            (d.amount, d.peak, d.trough),
            (dec!(30), dec!(120), dec!(90))
        );
        assert_eq!(d.peak_at, p.curve[3].at);
        assert_eq!(d.trough_at, p.curve[4].at);
    }

    #[test]
    fn moments_are_stable_far_from_zero() {
        let mut m = Moments::default();
        for x in [1e9 + 1.0, 1e9 + 2.0, 1e9 + 3.0] {
            m.push(x);
        }
        assert_eq!((m.mean(), m.variance()), (Some(1e9 + 2.0), Some(1.0)));
        let mut equal = Moments::default();
        (0..5).for_each(|_| equal.push(0.1));
        assert_eq!(equal.variance(), Some(0.0));
        assert_eq!(Moments::default().mean(), None);
    }

    #[test]
    fn invalid_amount_kind() {
        let err = |bets: &[Bet], start| performance(bets, start).unwrap_err().kind();
        assert_eq!(err(&[], dec!(-1)), "InvalidAmount");
        let mut b = history();
        b[2].stake = Decimal::ZERO;
        assert_eq!(err(&b, dec!(1000)), "InvalidAmount");
        // stake x odds beyond the range of a Decimal
        let mut b = history();
        b[0].stake = Decimal::MAX;
        assert_eq!(err(&b, dec!(1000)), "InvalidAmount");
        // the total of stakes beyond the range
        let mut b = history();
        b[1].stake = Decimal::MAX / dec!(2);
        b[1].odds = dec!(1.5);
        b[3].stake = Decimal::MAX / dec!(2);
        b[3].odds = dec!(1.5);
        b[4].stake = Decimal::MAX / dec!(2);
        b[4].odds = dec!(1.5);
        assert_eq!(err(&b, dec!(1000)), "InvalidAmount");
    }

    #[test]
    fn invalid_odds_kind() {
        let mut b = history();
        b[0].odds = dec!(1);
        assert_eq!(performance(&b, dec!(1)).unwrap_err().kind(), "InvalidOdds");
        let mut b = history();
        b[6].closing_odds = Some(dec!(0.5));
        assert_eq!(performance(&b, dec!(1)).unwrap_err().kind(), "InvalidOdds");
    }

    #[test]
    fn invalid_probability_kind() {
        let mut b = history();
        b[0].closing_probability = Some(1.5);
        assert_eq!(
            performance(&b, dec!(1)).unwrap_err().kind(),
            "InvalidProbability"
        );
        b[0].closing_probability = Some(f64::NAN);
        assert_eq!(
            performance(&b, dec!(1)).unwrap_err().kind(),
            "InvalidProbability"
        );
    }
}

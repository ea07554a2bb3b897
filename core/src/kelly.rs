//! Kelly staking: the bankroll share that maximises the expected logarithm of wealth.
//!
//! For one bet at decimal odds `o` (net odds `b = o - 1`) won with probability `p`
//! (`q = 1 - p`), the Kelly fraction is `f* = (b p - q) / b = (p o - 1) / b`, and 0 when the
//! edge `p o - 1` is not positive. [`kelly_stake`] turns it into an amount under a user's
//! [`KellyPolicy`] (fraction of Kelly, cap, minimum edge, minimum stake, rounding unit).
//! [`kelly_exclusive`] solves the simultaneous problem for the mutually exclusive outcomes of
//! one event with the explicit algorithm of Smoczynski & Tomkins (2010).
//!
//! Fractions, probabilities and edges are `f64` fractions (0.05 is 5%); amounts are `Decimal`.

use crate::check;
use crate::error::{Error, Result};
use crate::money;
use crate::names::named_enum;
use crate::progress::{ProgressFn, fill_chunks};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

/// Batches at least this long are computed in parallel.
const PARALLEL_MIN: usize = 4096;
/// Elements per parallel task.
const CHUNK: usize = 4096;
/// How far above 1 the probabilities of exclusive outcomes may sum (rounding in the caller's
/// de-vig); a larger sum is an error.
const SUM_TOLERANCE: f64 = 1e-9;
/// Decimal places kept of the bankroll share before a stake is computed (half away from
/// zero): far finer than any stake unit, far coarser than float noise.
const SHARE_DP: u32 = 12;

/// Edge of a bet: `p x odds - 1`, the expected profit per unit staked (a fraction: 0.05 is a
/// 5% edge). Negative when the price is too short for the probability.
///
/// Errors: odds not finite or not above 1 give `InvalidOdds`; a probability outside [0, 1]
/// gives `InvalidProbability`.
///
/// ```
/// let e = edgecore::kelly::edge(2.10, 0.50).unwrap();
/// assert!((e - 0.05).abs() < 1e-12);
/// ```
pub fn edge(odds: f64, probability: f64) -> Result<f64> {
    let (o, p) = (check::odds(odds)?, check::probability(probability)?);
    Ok(p * o - 1.0)
}

/// Full Kelly fraction of the bankroll for one bet: `f* = (b p - q) / b` with `b = odds - 1`,
/// `q = 1 - p`, which equals `edge / b`. It is 0 when the edge is zero or negative (never a
/// negative "lay" fraction) and 1 when `p = 1`; the result is always in [0, 1].
///
/// Errors: `InvalidOdds` for odds not finite or not above 1, `InvalidProbability` for a
/// probability outside [0, 1].
///
/// ```
/// // Even money (2.0) with a 55% chance: f* = (1 x 0.55 - 0.45) / 1 = 0.10
/// let f = edgecore::kelly::kelly_fraction(2.0, 0.55).unwrap();
/// assert!((f - 0.10).abs() < 1e-12);
/// assert_eq!(edgecore::kelly::kelly_fraction(2.0, 0.45).unwrap(), 0.0);
/// ```
pub fn kelly_fraction(odds: f64, probability: f64) -> Result<f64> {
    let e = edge(odds, probability)?;
    Ok(if e > 0.0 {
        // e <= odds - 1 because p <= 1, so the ratio is at most 1 up to rounding.
        (e / (odds - 1.0)).min(1.0)
    } else {
        0.0
    })
}

/// [`kelly_fraction`] of each pair `(odds[i], probabilities[i])`, in parallel for long inputs.
///
/// Errors: `LengthMismatch` when the slices differ in length; otherwise the error of the first
/// bad pair (lowest index), as [`kelly_fraction`] reports it.
///
/// ```
/// let f = edgecore::kelly::kelly_fraction_batch(&[2.0, 3.0], &[0.55, 0.2]).unwrap();
/// assert!((f[0] - 0.10).abs() < 1e-12);
/// assert_eq!(f[1], 0.0);
/// ```
pub fn kelly_fraction_batch(odds: &[f64], probabilities: &[f64]) -> Result<Vec<f64>> {
    let mut out = vec![0.0; odds.len()];
    kelly_fraction_batch_into(odds, probabilities, &mut out)?;
    Ok(out)
}

/// [`kelly_fraction_batch`] writing into a caller-provided buffer (for bindings that own the
/// output array). `out` must have the inputs' length, else `LengthMismatch`. On error the
/// content of `out` is unspecified.
pub fn kelly_fraction_batch_into(
    odds: &[f64],
    probabilities: &[f64],
    out: &mut [f64],
) -> Result<()> {
    kelly_all(odds, probabilities, out, None)
}

/// [`kelly_fraction_batch`] that reports its progress in pairs: `progress(done, total)` is
/// called after about every [`PROGRESS_CHUNK`](crate::progress::PROGRESS_CHUNK) pairs and once
/// more when the last one is done, with `done` strictly increasing and the last call being
/// `(total, total)`. Calls may come from several threads but never at the same time. Results
/// and errors are [`kelly_fraction_batch`]'s; a `LengthMismatch` or an empty batch makes no
/// call, and a failed batch never reports `(total, total)`. A panic in `progress` propagates
/// to the caller.
///
/// ```
/// use std::sync::Mutex;
/// let seen = Mutex::new(Vec::new());
/// let report = |done: usize, total: usize| seen.lock().unwrap().push((done, total));
/// let f = edgecore::kelly::kelly_fraction_batch_with_progress(&[2.0; 5000], &[0.55; 5000], &report)
///     .unwrap();
/// assert!((f[4999] - 0.10).abs() < 1e-12);
/// assert_eq!(seen.lock().unwrap().last(), Some(&(5000, 5000)));
/// ```
pub fn kelly_fraction_batch_with_progress(
    odds: &[f64],
    probabilities: &[f64],
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Vec<f64>> {
    let mut out = vec![0.0; odds.len()];
    kelly_all(odds, probabilities, &mut out, Some(progress))?;
    Ok(out)
}

/// The one kernel of the batch forms: checks the lengths, then fills `out` chunk by chunk
/// (in parallel from [`PARALLEL_MIN`] pairs), each chunk stopping at its own first error.
fn kelly_all(
    odds: &[f64],
    probabilities: &[f64],
    out: &mut [f64],
    progress: Option<ProgressFn<'_>>,
) -> Result<()> {
    check::same_len("odds", odds.len(), "probabilities", probabilities.len())?;
    check::same_len("odds", odds.len(), "out", out.len())?;
    let parallel = odds.len() >= PARALLEL_MIN;
    fill_chunks(out, CHUNK, parallel, progress, |start, dst| {
        let o = odds.get(start..).unwrap_or_default();
        let p = probabilities.get(start..).unwrap_or_default();
        for ((d, &o), &p) in dst.iter_mut().zip(o).zip(p) {
            *d = kelly_fraction(o, p)?;
        }
        Ok(())
    })
}

/// `weight x ln(1 + x)`, taken as 0 when the weight is 0 (the outcome cannot happen).
fn weighted_log1p(weight: f64, x: f64) -> f64 {
    if weight == 0.0 {
        0.0
    } else {
        weight * x.ln_1p()
    }
}

/// Expected log growth of the bankroll per bet when staking `fraction` of it:
/// `G = p ln(1 + f b) + q ln(1 - f)` with `b = odds - 1`, `q = 1 - p` (natural log; 0 means no
/// growth). It is maximal at `f = kelly_fraction(odds, p)`.
///
/// `fraction` must be in [0, 1]. Staking everything (`f = 1`) is allowed only when `p = 1`
/// (growth `ln(odds)`); with `p < 1` it loses the whole bankroll with positive probability, the
/// growth would be minus infinity, and it is an `InvalidParameter` error instead. Other
/// errors: `InvalidOdds`, `InvalidProbability`, `InvalidParameter` for a fraction outside
/// [0, 1].
///
/// ```
/// use edgecore::kelly::expected_log_growth;
/// // At the Kelly fraction 0.10 of an even-money 55% bet:
/// let g = expected_log_growth(2.0, 0.55, 0.10).unwrap();
/// assert!((g - (0.55 * 1.1f64.ln() + 0.45 * 0.9f64.ln())).abs() < 1e-15);
/// assert!(expected_log_growth(2.0, 0.55, 1.0).is_err());
/// ```
pub fn expected_log_growth(odds: f64, probability: f64, fraction: f64) -> Result<f64> {
    let (o, p) = (check::odds(odds)?, check::probability(probability)?);
    let f = check::parameter(
        "fraction",
        fraction,
        |f| (0.0..=1.0).contains(&f),
        "must be in [0, 1]",
    )?;
    let q = 1.0 - p;
    if f == 1.0 && q > 0.0 {
        return Err(ruin("fraction", f));
    }
    Ok(weighted_log1p(p, f * (o - 1.0)) + weighted_log1p(q, -f))
}

/// The error for stakes that lose the whole bankroll with positive probability.
fn ruin(name: &'static str, value: f64) -> Error {
    Error::InvalidParameter {
        name,
        value: value.to_string(),
        reason: "loses the whole bankroll with positive probability (log growth is -infinity)",
    }
}

/// Expected log growth of a set of simultaneous stakes on mutually exclusive outcomes of one
/// event: `G = sum_i p_i ln(1 - F + f_i o_i) + (1 - sum_i p_i) ln(1 - F)` with `F = sum_i f_i`
/// (wealth after outcome `i` wins, and after none of the listed outcomes wins). It is maximal
/// at the fractions of [`kelly_exclusive`].
///
/// Each fraction must be in [0, 1] and their sum at most 1 (+1e-9); a set that leaves zero
/// wealth in a case of positive probability is an `InvalidParameter` error (growth would be
/// minus infinity). Probabilities as in [`kelly_exclusive`]. Errors: `LengthMismatch`,
/// `EmptyMarket`, `InvalidOdds`, `InvalidProbability`, `InvalidParameter`.
///
/// ```
/// use edgecore::kelly::{expected_log_growth, expected_log_growth_exclusive};
/// // one outcome is the single-bet case
/// let g1 = expected_log_growth_exclusive(&[2.0], &[0.55], &[0.1]).unwrap();
/// assert!((g1 - expected_log_growth(2.0, 0.55, 0.1).unwrap()).abs() < 1e-15);
/// ```
pub fn expected_log_growth_exclusive(
    odds: &[f64],
    probabilities: &[f64],
    fractions: &[f64],
) -> Result<f64> {
    let p_sum = check_exclusive(odds, probabilities)?;
    check::same_len("odds", odds.len(), "fractions", fractions.len())?;
    let mut total = 0.0;
    for &f in fractions {
        total += check::parameter(
            "fraction",
            f,
            |f| (0.0..=1.0).contains(&f),
            "must be in [0, 1]",
        )?;
    }
    check::parameter(
        "sum of fractions",
        total,
        |t| t <= 1.0 + SUM_TOLERANCE,
        "must be at most 1",
    )?;
    let keep = (1.0 - total).max(0.0);
    let none_wins = (1.0 - p_sum).max(0.0);
    if keep == 0.0 && none_wins > 0.0 {
        return Err(ruin("sum of fractions", total));
    }
    let mut growth = if none_wins > 0.0 {
        none_wins * keep.ln()
    } else {
        0.0
    };
    for ((&o, &p), &f) in odds.iter().zip(probabilities).zip(fractions) {
        let wealth = keep + f * o;
        if p > 0.0 {
            if wealth <= 0.0 {
                return Err(ruin("fraction", f));
            }
            growth += p * wealth.ln();
        }
    }
    Ok(growth)
}

/// Validates the inputs of an exclusive-outcomes problem; returns the sum of probabilities,
/// scaled back to at most 1 when it exceeds 1 within the tolerance.
fn check_exclusive(odds: &[f64], probabilities: &[f64]) -> Result<f64> {
    // Signature order: the odds first, then the probabilities (their count, then each).
    check::market("kelly_exclusive", odds, 1)?;
    check::same_len("odds", odds.len(), "probabilities", probabilities.len())?;
    let mut sum = 0.0;
    for &p in probabilities {
        sum += check::probability(p)?;
    }
    if sum > 1.0 + SUM_TOLERANCE {
        return Err(Error::InvalidProbability { value: sum });
    }
    Ok(sum.min(1.0))
}

/// The simultaneous Kelly allocation over the mutually exclusive outcomes of one event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExclusiveKelly {
    /// Bankroll fraction to stake on each outcome, in the input order (0 for outcomes left
    /// out of the optimal set). Each is in [0, 1]; their sum is `1 - reserve_rate`.
    pub fractions: Vec<f64>,
    /// The reserve rate `R` of the optimal set: the fraction of the bankroll kept back
    /// (1 when nothing is worth backing, 0 when every outcome is backed in an arbitrage book).
    pub reserve_rate: f64,
}

/// Simultaneous Kelly fractions for mutually exclusive outcomes of one event (at most one
/// wins), by the explicit solution of Smoczynski & Tomkins (2010), "An explicit solution to
/// the problem of optimizing the allocations of a bettor's wealth when wagering on horse
/// races", Mathematical Scientist 35(1). See [`kelly_exclusive_detail`] for the algorithm.
///
/// Vector (hand calculation): odds `[2.5, 3.2, 2.8]`, probabilities `[0.55, 0.25, 0.20]`
/// give `[25/92, 3/92, 0] = [0.2717, 0.0326, 0]`.
///
/// ```
/// let f = edgecore::kelly::kelly_exclusive(&[2.5, 3.2, 2.8], &[0.55, 0.25, 0.20]).unwrap();
/// assert!((f[0] - 25.0 / 92.0).abs() < 1e-12);
/// assert!((f[1] - 3.0 / 92.0).abs() < 1e-12);
/// assert_eq!(f[2], 0.0);
/// ```
pub fn kelly_exclusive(odds: &[f64], probabilities: &[f64]) -> Result<Vec<f64>> {
    kelly_exclusive_detail(odds, probabilities).map(|k| k.fractions)
}

/// [`kelly_exclusive`] with the reserve rate of the optimal set.
///
/// Algorithm (exact, no numerical optimiser): with expected revenues `e_i = p_i o_i` sorted
/// in decreasing order, start from the empty set `S` with reserve rate `R = 1`; while the next
/// outcome has `e_k > R`, add it to `S` and set
/// `R = (1 - sum_{i in S} p_i) / (1 - sum_{i in S} 1/o_i)`. The stakes are
/// `f_i = p_i - R / o_i` for `i` in `S`, 0 otherwise; they sum to `1 - R`. With probabilities
/// summing to at most 1, every addition keeps `sum_S 1/o_i < 1`, so `R` stays finite and
/// decreases. Ties in `e_i` are taken in input order.
///
/// Input: at least one price; odds finite and above 1 (`InvalidOdds`); probabilities in
/// [0, 1] summing to at most 1 + 1e-9 (`InvalidProbability`, naming the sum when it is the
/// sum that is too large; a sum within the tolerance is treated as exactly 1). The
/// probabilities may sum to less than 1 (outcomes not priced). Errors: `LengthMismatch`,
/// `EmptyMarket`, `InvalidOdds`, `InvalidProbability`.
///
/// ```
/// let k = edgecore::kelly::kelly_exclusive_detail(&[2.5, 3.2, 2.8], &[0.55, 0.25, 0.20]).unwrap();
/// assert!((k.reserve_rate - 16.0 / 23.0).abs() < 1e-12);
/// ```
pub fn kelly_exclusive_detail(odds: &[f64], probabilities: &[f64]) -> Result<ExclusiveKelly> {
    let p_sum = check_exclusive(odds, probabilities)?;
    // Probabilities summing to 1 + tolerance are scaled to sum to exactly 1.
    let scale = if p_sum > 0.0 {
        (p_sum / probabilities.iter().sum::<f64>()).min(1.0)
    } else {
        1.0
    };
    let p = |i: usize| probabilities.get(i).map_or(0.0, |&p| p * scale);
    let o = |i: usize| odds.get(i).copied().unwrap_or(f64::INFINITY);
    let mut order: Vec<usize> = (0..odds.len()).collect();
    // Stable sort: equal expected revenues keep the input order.
    order.sort_by(|&a, &b| (p(b) * o(b)).total_cmp(&(p(a) * o(a))));

    let (mut reserve, mut p_in, mut inv_in, mut chosen) = (1.0_f64, 0.0_f64, 0.0_f64, 0);
    for &k in &order {
        if p(k) * o(k) <= reserve || reserve <= 0.0 {
            break;
        }
        let (np, ninv) = (p_in + p(k), inv_in + 1.0 / o(k));
        let denominator = 1.0 - ninv;
        if denominator <= 0.0 {
            // Impossible in exact arithmetic while the probabilities sum to at most 1 (the
            // outcome would need p_k > 1 - sum_S p); stop rather than divide by <= 0.
            break;
        }
        (p_in, inv_in, chosen) = (np, ninv, chosen + 1);
        reserve = (1.0 - p_in).max(0.0) / denominator;
    }

    let mut fractions = vec![0.0; odds.len()];
    for &i in order.iter().take(chosen) {
        if let Some(f) = fractions.get_mut(i) {
            *f = (p(i) - reserve / o(i)).clamp(0.0, 1.0);
        }
    }
    Ok(ExclusiveKelly {
        fractions,
        reserve_rate: reserve.clamp(0.0, 1.0),
    })
}

/// A user's staking rule on top of the Kelly fraction. `Default` is quarter Kelly
/// (`fraction` 0.25), a 5% cap (`max_stake_share` 0.05), no minimum edge (0), no minimum
/// stake (0) and stakes in cents (`unit` 0.01). Missing fields take these defaults when
/// deserialised.
///
/// An unknown field is refused (`InvalidRecord`): a misspelt key never falls back to its
/// default silently.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct KellyPolicy {
    /// Fraction of full Kelly to stake, in (0, 1] (0.25 is quarter Kelly).
    pub fraction: f64,
    /// Largest stake as a share of the bankroll, in (0, 1] (0.05 caps stakes at 5%).
    pub max_stake_share: f64,
    /// Smallest edge `p x odds - 1` worth a stake, a fraction >= 0 (0.02 is 2%); bets with a
    /// smaller edge get 0.
    pub min_edge: f64,
    /// Smallest stake worth placing (>= 0); a smaller computed stake becomes 0.
    pub min_stake: Decimal,
    /// Rounding unit of stakes (> 0), e.g. 0.01 (cents) or 1 (whole units); stakes are
    /// rounded down to a multiple of it.
    pub unit: Decimal,
}

impl Default for KellyPolicy {
    fn default() -> Self {
        KellyPolicy {
            fraction: 0.25,
            max_stake_share: 0.05,
            min_edge: 0.0,
            min_stake: Decimal::ZERO,
            unit: Decimal::new(1, 2),
        }
    }
}

impl KellyPolicy {
    /// Checks every field: `fraction` and `max_stake_share` in (0, 1] and `min_edge` finite
    /// and >= 0 (`InvalidParameter`), `min_stake` >= 0 and `unit` > 0 (`InvalidAmount`).
    ///
    /// ```
    /// use edgecore::kelly::KellyPolicy;
    /// assert!(KellyPolicy::default().validate().is_ok());
    /// let bad = KellyPolicy { fraction: 1.5, ..KellyPolicy::default() };
    /// assert_eq!(bad.validate().unwrap_err().kind(), "InvalidParameter");
    /// ```
    pub fn validate(&self) -> Result<()> {
        let unit_interval = |f: f64| f > 0.0 && f <= 1.0;
        check::parameter(
            "fraction",
            self.fraction,
            unit_interval,
            "must be in (0, 1]",
        )?;
        check::parameter(
            "max_stake_share",
            self.max_stake_share,
            unit_interval,
            "must be in (0, 1]",
        )?;
        check::parameter("min_edge", self.min_edge, |e| e >= 0.0, "must be >= 0")?;
        check::non_negative_amount("min_stake", self.min_stake)?;
        check::positive_amount("unit", self.unit)?;
        Ok(())
    }
}

named_enum! {
    /// Why a Kelly stake has the amount it has.
    pub enum StakeReason ("stake reason") {
        /// A stake is placed (see `capped` for whether the cap bound it).
        Staked = "staked",
        /// The bankroll is zero.
        EmptyBankroll = "empty_bankroll",
        /// The edge is zero or negative: Kelly stakes nothing.
        NoEdge = "no_edge",
        /// The edge is positive but below the policy's `min_edge`.
        BelowMinEdge = "below_min_edge",
        /// The stake rounds down to zero at the policy's `unit`.
        BelowUnit = "below_unit",
        /// The rounded stake is positive but below the policy's `min_stake`.
        BelowMinStake = "below_min_stake",
    }
}

/// A Kelly stake with how it was reached.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KellyStake {
    /// The amount to stake, rounded down to the policy's unit; 0 unless `reason` is `staked`.
    pub stake: Decimal,
    /// Full Kelly fraction of the bankroll (see [`kelly_fraction`]).
    pub kelly_fraction: f64,
    /// Share of the bankroll aimed at before rounding and minimums:
    /// `min(policy.fraction x kelly_fraction, policy.max_stake_share)`.
    pub target_fraction: f64,
    /// Share of the bankroll actually staked: `stake / bankroll` (0 for an empty bankroll).
    pub applied_fraction: f64,
    /// The bet's edge `p x odds - 1`.
    pub edge: f64,
    /// Whether the cap `max_stake_share` bound the stake.
    pub capped: bool,
    /// Why the stake is what it is.
    pub reason: StakeReason,
}

/// Stake for one bet under a policy: `bankroll x min(fraction x kelly, max_stake_share)`,
/// rounded down to the policy's unit (the share is first taken to 12 decimal places, half
/// away from zero, so float noise cannot take a unit off an exact stake). It is 0 when the edge is not positive or below
/// `min_edge`, or when the rounded stake is below `min_stake`; it never exceeds the cap nor
/// the bankroll. See [`kelly_stake_detail`] for the reason behind a stake.
///
/// The stake is written with at least two decimal places (`25.00`, `0.00`). Errors:
/// `InvalidAmount` for a negative bankroll, `InvalidOdds`, `InvalidProbability`, then the
/// policy's errors ([`KellyPolicy::validate`]); when several arguments are bad, the first in
/// signature order is reported (bankroll, odds, probability, policy).
///
/// ```
/// use edgecore::kelly::{kelly_stake, KellyPolicy};
/// use rust_decimal::Decimal;
/// // Kelly 0.10 at 2.0 with p = 0.55; quarter Kelly -> 2.5% of 1000 = 25.00
/// let s = kelly_stake(Decimal::from(1000), 2.0, 0.55, &KellyPolicy::default()).unwrap();
/// assert_eq!(s.to_string(), "25.00");
/// ```
pub fn kelly_stake(
    bankroll: Decimal,
    odds: f64,
    probability: f64,
    policy: &KellyPolicy,
) -> Result<Decimal> {
    kelly_stake_detail(bankroll, odds, probability, policy).map(|k| k.stake)
}

/// [`kelly_stake`] with the Kelly fraction, the target and applied shares, the edge, whether
/// the cap applied and the reason. Checks run in this order and the first that applies gives
/// the reason: empty bankroll, no edge, below min edge, rounds to zero at the unit
/// (`below_unit`), below min stake; otherwise `staked`.
///
/// Errors as [`kelly_stake`], plus `InvalidAmount` naming `unit` when the unit is so small
/// that `stake / unit` is out of the range of an exact amount.
///
/// ```
/// use edgecore::kelly::{kelly_stake_detail, KellyPolicy, StakeReason};
/// use rust_decimal::Decimal;
/// let policy = KellyPolicy { min_edge: 0.02, ..KellyPolicy::default() };
/// let k = kelly_stake_detail(Decimal::from(1000), 2.0, 0.505, &policy).unwrap();
/// assert_eq!(k.stake, Decimal::ZERO);
/// assert_eq!(k.reason, StakeReason::BelowMinEdge);
/// ```
pub fn kelly_stake_detail(
    bankroll: Decimal,
    odds: f64,
    probability: f64,
    policy: &KellyPolicy,
) -> Result<KellyStake> {
    // Arguments are checked in signature order: the first bad one is reported.
    let bankroll = check::non_negative_amount("bankroll", bankroll)?;
    let edge = edge(odds, probability)?;
    policy.validate()?;
    let kelly = kelly_fraction(odds, probability)?;
    let scaled = policy.fraction * kelly;
    let capped = scaled > policy.max_stake_share;
    let target = scaled.min(policy.max_stake_share);
    let mut result = KellyStake {
        stake: money::with_cents(Decimal::ZERO),
        kelly_fraction: kelly,
        target_fraction: target,
        applied_fraction: 0.0,
        edge,
        capped,
        reason: StakeReason::Staked,
    };
    let reason = if bankroll.is_zero() {
        Some(StakeReason::EmptyBankroll)
    } else if edge <= 0.0 {
        Some(StakeReason::NoEdge)
    } else if edge < policy.min_edge {
        Some(StakeReason::BelowMinEdge)
    } else {
        None
    };
    if let Some(reason) = reason {
        result.reason = reason;
        result.capped = false;
        return Ok(result);
    }

    // The share is taken to SHARE_DP places so float noise in the Kelly fraction (0.0249..9
    // for 0.025) cannot take a unit off an exact stake, and never above the cap; it stays in
    // [0, 1], so the product is at most the bankroll.
    let cap = money::from_f64("max_stake_share", policy.max_stake_share)?;
    let share = money::from_f64("target_fraction", target)?
        .round_dp_with_strategy(SHARE_DP, RoundingStrategy::MidpointAwayFromZero)
        .min(cap);
    let raw = bankroll.checked_mul(share).ok_or(Error::InvalidAmount {
        name: "bankroll",
        value: bankroll,
        reason: "too large to be multiplied by the stake share",
    })?;
    let stake = money::with_cents(money::floor_to_unit(raw, policy.unit)?.min(bankroll));
    if stake.is_zero() {
        result.reason = StakeReason::BelowUnit;
    } else if stake < policy.min_stake {
        result.reason = StakeReason::BelowMinStake;
    } else {
        result.stake = stake;
        result.applied_fraction = money::to_f64(stake) / money::to_f64(bankroll);
    }
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    #[test]
    fn single_bet_fraction() {
        assert!(close(kelly_fraction(2.0, 0.55).unwrap(), 0.10));
        // b = 1.5, p = 0.5: (1.5 x 0.5 - 0.5) / 1.5 = 1/6
        assert!(close(kelly_fraction(2.5, 0.5).unwrap(), 1.0 / 6.0));
        assert_eq!(kelly_fraction(2.0, 0.5).unwrap(), 0.0);
        assert_eq!(kelly_fraction(2.0, 0.0).unwrap(), 0.0);
        assert_eq!(kelly_fraction(1.01, 1.0).unwrap(), 1.0);
        assert!(kelly_fraction(f64::MAX, 1e-300).unwrap() <= 1.0);
    }

    #[test]
    fn batch_matches_scalar_and_reports_first_error() {
        let n = 3 * CHUNK + 17;
        let odds: Vec<f64> = (0..n).map(|i| 1.5 + (i % 97) as f64 * 0.05).collect();
        let probs: Vec<f64> = (0..n).map(|i| (i % 89) as f64 / 100.0).collect();
        let batch = kelly_fraction_batch(&odds, &probs).unwrap();
        for i in 0..n {
            assert_eq!(batch[i], kelly_fraction(odds[i], probs[i]).unwrap());
        }
        let mut bad = odds.clone();
        bad[2 * CHUNK + 5] = 0.5;
        bad[n - 1] = -1.0;
        assert_eq!(
            kelly_fraction_batch(&bad, &probs).unwrap_err(),
            Error::InvalidOdds { value: 0.5 }
        );
        assert!(kelly_fraction_batch(&[], &[]).unwrap().is_empty());
    }

    #[test]
    fn growth_is_maximal_at_kelly() {
        let f = kelly_fraction(2.5, 0.5).unwrap();
        let g = expected_log_growth(2.5, 0.5, f).unwrap();
        for d in [-0.01, 0.01, -0.1, 0.1] {
            assert!(expected_log_growth(2.5, 0.5, f + d).unwrap() < g);
        }
        assert_eq!(expected_log_growth(2.5, 0.5, 0.0).unwrap(), 0.0);
        assert!(close(
            expected_log_growth(2.5, 1.0, 1.0).unwrap(),
            2.5f64.ln()
        ));
        assert!(expected_log_growth(2.5, 0.0, 0.5).unwrap() < 0.0);
    }

    #[test]
    fn exclusive_hand_vector() {
        // e = [1.375, 0.8, 0.56]; S = {0}: R = 0.45 / 0.6 = 0.75; 0.8 > 0.75 so
        // S = {0, 1}: R = 0.2 / 0.2875 = 16/23; 0.56 < 16/23 stops.
        // f0 = 0.55 - (16/23)/2.5 = 25/92, f1 = 0.25 - (16/23)/3.2 = 3/92.
        let k = kelly_exclusive_detail(&[2.5, 3.2, 2.8], &[0.55, 0.25, 0.20]).unwrap();
        assert!(close(k.fractions[0], 25.0 / 92.0));
        assert!(close(k.fractions[1], 3.0 / 92.0));
        assert_eq!(k.fractions[2], 0.0);
        assert!(close(k.reserve_rate, 16.0 / 23.0));
        assert!(close(1.0 - k.fractions.iter().sum::<f64>(), k.reserve_rate));
    }

    #[test]
    fn exclusive_edge_cases() {
        // One outcome reduces to the single-bet Kelly fraction.
        let one = kelly_exclusive(&[2.5], &[0.5]).unwrap();
        assert!(close(one[0], kelly_fraction(2.5, 0.5).unwrap()));
        // No value anywhere: nothing staked, everything kept.
        let none = kelly_exclusive_detail(&[1.9, 1.9], &[0.5, 0.5]).unwrap();
        assert_eq!(none.fractions, vec![0.0, 0.0]);
        assert_eq!(none.reserve_rate, 1.0);
        // Arbitrage book (1/2.1 + 1/2.1 < 1) with p summing to 1: stake p_i, keep nothing.
        let arb = kelly_exclusive_detail(&[2.1, 2.1], &[0.5, 0.5]).unwrap();
        assert!(close(arb.fractions[0], 0.5) && close(arb.fractions[1], 0.5));
        assert_eq!(arb.reserve_rate, 0.0);
        // A sum just above 1 within the tolerance is accepted.
        let f = kelly_exclusive(&[2.1, 2.1], &[0.5 + 4e-10, 0.5 + 4e-10]).unwrap();
        assert!(f.iter().sum::<f64>() <= 1.0);
        // Zero-probability outcomes are never backed.
        let z = kelly_exclusive(&[3.0, 1000.0], &[0.5, 0.0]).unwrap();
        assert_eq!(z[1], 0.0);
    }

    #[test]
    fn exclusive_growth() {
        let (o, p) = ([2.5, 3.2, 2.8], [0.55, 0.25, 0.20]);
        let f = kelly_exclusive(&o, &p).unwrap();
        let g = expected_log_growth_exclusive(&o, &p, &f).unwrap();
        for (i, d) in [(0, 0.01), (0, -0.01), (1, 0.01), (1, -0.01), (2, 0.01)] {
            let mut h = f.clone();
            h[i] += d;
            assert!(expected_log_growth_exclusive(&o, &p, &h).unwrap() < g);
        }
        assert_eq!(
            expected_log_growth_exclusive(&[2.0, 2.0], &[0.5, 0.4], &[0.5, 0.5])
                .unwrap_err()
                .kind(),
            "InvalidParameter"
        );
        // Betting everything on both sides of a complete book is fine: wealth 0.5 x 2 = 1.
        assert_eq!(
            expected_log_growth_exclusive(&[2.0, 2.0], &[0.5, 0.5], &[0.5, 0.5]).unwrap(),
            0.0
        );
    }

    #[test]
    fn stake_branches() {
        let bank = dec!(1000);
        let p = KellyPolicy::default();
        let k = kelly_stake_detail(bank, 2.0, 0.55, &p).unwrap();
        assert_eq!(
            (k.stake, k.reason, k.capped),
            (dec!(25), StakeReason::Staked, false)
        );
        assert!(close(k.applied_fraction, 0.025));
        // Kelly 0.5 at 3.0 with p = 2/3 -> quarter 0.125, capped at 5% = 50.
        let c = kelly_stake_detail(bank, 3.0, 2.0 / 3.0, &p).unwrap();
        assert_eq!((c.stake, c.capped), (dec!(50), true));
        let no = kelly_stake_detail(bank, 2.0, 0.4, &p).unwrap();
        assert_eq!((no.stake, no.reason), (dec!(0), StakeReason::NoEdge));
        let empty = kelly_stake_detail(dec!(0), 2.0, 0.55, &p).unwrap();
        assert_eq!(empty.reason, StakeReason::EmptyBankroll);
        let unit = KellyPolicy {
            unit: dec!(1),
            ..p.clone()
        };
        // Kelly at 2.1, p 0.5: 0.05 / 1.1 = 0.04545..., quarter = 0.011363..., stake 11.36
        assert_eq!(kelly_stake(bank, 2.1, 0.5, &p).unwrap(), dec!(11.36));
        assert_eq!(kelly_stake(bank, 2.1, 0.5, &unit).unwrap(), dec!(11));
        let min = KellyPolicy {
            min_stake: dec!(20),
            ..p.clone()
        };
        let m = kelly_stake_detail(bank, 2.1, 0.5, &min).unwrap();
        assert_eq!((m.stake, m.reason), (dec!(0), StakeReason::BelowMinStake));
        let tiny = kelly_stake_detail(dec!(1), 2.1, 0.5, &unit).unwrap();
        assert_eq!((tiny.stake, tiny.reason), (dec!(0), StakeReason::BelowUnit));
        // Huge bankrolls and tiny shares stay in range.
        let whole = kelly_stake(Decimal::MAX, 2.0, 0.55, &unit).unwrap();
        assert!(whole > dec!(0) && whole <= Decimal::MAX);
        assert_eq!(kelly_stake(bank, f64::MAX, 1e-300, &p).unwrap(), dec!(0));
    }

    #[test]
    fn policy_serde_defaults() {
        let p: KellyPolicy = serde_json::from_str(r#"{"fraction": 0.5, "unit": "1"}"#).unwrap();
        assert_eq!(p.fraction, 0.5);
        assert_eq!(p.unit, dec!(1));
        assert_eq!(p.max_stake_share, 0.05);
        assert_eq!(StakeReason::BelowMinEdge.as_str(), "below_min_edge");
    }

    // One test per error kind this module returns.

    #[test]
    fn error_invalid_odds() {
        assert_eq!(kelly_fraction(1.0, 0.5).unwrap_err().kind(), "InvalidOdds");
        assert_eq!(edge(f64::NAN, 0.5).unwrap_err().kind(), "InvalidOdds");
        assert_eq!(
            kelly_exclusive(&[2.0, f64::INFINITY], &[0.5, 0.5])
                .unwrap_err()
                .kind(),
            "InvalidOdds"
        );
    }

    #[test]
    fn error_invalid_probability() {
        assert_eq!(
            kelly_fraction(2.0, 1.2).unwrap_err().kind(),
            "InvalidProbability"
        );
        assert_eq!(
            kelly_exclusive(&[2.0, 2.0], &[0.6, 0.6]).unwrap_err(),
            Error::InvalidProbability { value: 1.2 }
        );
    }

    #[test]
    fn error_length_mismatch() {
        assert_eq!(
            kelly_fraction_batch(&[2.0], &[]).unwrap_err().kind(),
            "LengthMismatch"
        );
        let mut out = [0.0; 2];
        assert_eq!(
            kelly_fraction_batch_into(&[2.0], &[0.5], &mut out)
                .unwrap_err()
                .kind(),
            "LengthMismatch"
        );
        assert_eq!(
            kelly_exclusive(&[2.0, 3.0], &[0.5]).unwrap_err().kind(),
            "LengthMismatch"
        );
    }

    #[test]
    fn error_empty_market() {
        assert_eq!(kelly_exclusive(&[], &[]).unwrap_err().kind(), "EmptyMarket");
    }

    #[test]
    fn error_invalid_parameter() {
        assert_eq!(
            expected_log_growth(2.0, 0.5, 1.0).unwrap_err().kind(),
            "InvalidParameter"
        );
        assert_eq!(
            expected_log_growth(2.0, 0.5, -0.1).unwrap_err().kind(),
            "InvalidParameter"
        );
        for bad in [
            KellyPolicy {
                fraction: 0.0,
                ..KellyPolicy::default()
            },
            KellyPolicy {
                max_stake_share: f64::NAN,
                ..KellyPolicy::default()
            },
            KellyPolicy {
                min_edge: -0.01,
                ..KellyPolicy::default()
            },
        ] {
            assert_eq!(
                kelly_stake(dec!(100), 2.0, 0.6, &bad).unwrap_err().kind(),
                "InvalidParameter"
            );
        }
    }

    #[test]
    fn the_first_bad_argument_is_reported() {
        let bad_policy = KellyPolicy {
            fraction: 2.0,
            ..KellyPolicy::default()
        };
        let kind = |bank, odds, p| kelly_stake(bank, odds, p, &bad_policy).unwrap_err().kind();
        // bankroll, odds, probability, policy: each bad one hides those after it.
        assert_eq!(kind(dec!(-1), 0.5, 2.0), "InvalidAmount");
        assert_eq!(kind(dec!(100), 0.5, 2.0), "InvalidOdds");
        assert_eq!(kind(dec!(100), 2.0, 2.0), "InvalidProbability");
        assert_eq!(kind(dec!(100), 2.0, 0.6), "InvalidParameter");
        // exclusive outcomes: bad odds come before a length mismatch of the probabilities
        assert_eq!(
            kelly_exclusive(&[2.0, 0.5], &[0.5]).unwrap_err().kind(),
            "InvalidOdds"
        );
        assert_eq!(
            kelly_exclusive(&[2.0, 3.0], &[0.5]).unwrap_err().kind(),
            "LengthMismatch"
        );
    }

    #[test]
    fn error_invalid_amount() {
        let p = KellyPolicy::default();
        assert_eq!(
            kelly_stake(dec!(-1), 2.0, 0.6, &p).unwrap_err().kind(),
            "InvalidAmount"
        );
        for bad in [
            KellyPolicy {
                unit: dec!(0),
                ..p.clone()
            },
            KellyPolicy {
                min_stake: dec!(-5),
                ..p.clone()
            },
        ] {
            assert_eq!(bad.validate().unwrap_err().kind(), "InvalidAmount");
        }
        // a huge bankroll with the smallest unit still stakes, within the cap
        let tiny_unit = KellyPolicy {
            unit: Decimal::new(1, 28),
            ..p
        };
        let stake = kelly_stake(Decimal::MAX, 2.0, 0.6, &tiny_unit).unwrap();
        assert!(stake > Decimal::ZERO && stake <= Decimal::MAX * dec!(0.05));
    }
}

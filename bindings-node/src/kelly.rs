//! Kelly staking (`edgecore::kelly`): fractions, edges, log growth, policy stakes and the
//! exclusive-outcomes allocation. Probabilities and fractions are `number`s; the bankroll and
//! stakes are decimal strings.

use crate::convert::{Column, ToJs, amount, column, names, read_or_default, record, to_column};
use crate::errors::{OrThrow, Result};
use crate::js::Float64Array;
use crate::js::JsString;
use crate::js::{Config, Input};
use crate::task::{Background, Progress, background};
use napi::bindgen_prelude::AsyncTask;
use napi_derive::napi;

names! {
    "Why a Kelly stake has the amount it has: `staked`, `empty_bankroll`, `no_edge` (edge <= 0), `below_min_edge`, `below_unit` (rounds down to 0), `below_min_stake`."
    StakeReason = edgecore::kelly::StakeReason {
        Staked = "staked", EmptyBankroll = "empty_bankroll", NoEdge = "no_edge",
        BelowMinEdge = "below_min_edge", BelowUnit = "below_unit", BelowMinStake = "below_min_stake"
    }
}

/// The simultaneous Kelly allocation over the mutually exclusive outcomes of one event.
#[napi(object)]
pub struct ExclusiveKelly {
    /// Bankroll fraction to stake on each outcome, in the input order (0 for outcomes
    /// left out of the optimal set); their sum is `1 - reserveRate`.
    pub fractions: Vec<f64>,
    /// The reserve rate of the optimal set: the fraction of the bankroll kept back (1
    /// when nothing is worth backing, 0 when every outcome is backed in an arbitrage
    /// book).
    pub reserve_rate: f64,
}

record!(output ExclusiveKelly = edgecore::kelly::ExclusiveKelly { fractions, reserve_rate });

/// A staking rule on top of the Kelly fraction. Every field is optional; the defaults are
/// quarter Kelly (`fraction` 0.25), a 5% cap (`maxStakeShare` 0.05), no minimum edge
/// (0), no minimum stake ("0") and stakes in cents (`unit` "0.01").
#[napi(object)]
pub struct KellyPolicy {
    /// Fraction of full Kelly to stake, in (0, 1] (0.25 is quarter Kelly).
    pub fraction: Option<Option<f64>>,
    /// Largest stake as a share of the bankroll, in (0, 1].
    pub max_stake_share: Option<Option<f64>>,
    /// Smallest edge `p x odds - 1` worth a stake, a fraction >= 0.
    pub min_edge: Option<Option<f64>>,
    /// Smallest stake worth placing (>= 0), a decimal string.
    pub min_stake: Option<Option<JsString>>,
    /// Rounding unit of stakes (> 0), e.g. "0.01" (cents) or "1"; stakes are rounded
    /// down to a multiple of it.
    pub unit: Option<Option<JsString>>,
}

record!(defaults KellyPolicy = edgecore::kelly::KellyPolicy { fraction, max_stake_share, min_edge, min_stake, unit });

/// A Kelly stake with how it was reached.
#[napi(object)]
pub struct KellyStake {
    /// The amount to stake (decimal string), rounded down to the policy's unit; "0"
    /// unless `reason` is `staked`.
    pub stake: JsString,
    /// Full Kelly fraction of the bankroll.
    pub kelly_fraction: f64,
    /// Share of the bankroll aimed at before rounding and minimums:
    /// `min(policy.fraction x kellyFraction, policy.maxStakeShare)`.
    pub target_fraction: f64,
    /// Share of the bankroll actually staked: `stake / bankroll` (0 for an empty
    /// bankroll).
    pub applied_fraction: f64,
    /// The bet's edge `p x odds - 1`.
    pub edge: f64,
    /// Whether the cap `maxStakeShare` bound the stake.
    pub capped: bool,
    /// Why the stake is what it is.
    #[napi(ts_type = "StakeReason")]
    pub reason: JsString,
}

record!(output KellyStake = edgecore::kelly::KellyStake { stake, kelly_fraction, target_fraction, applied_fraction, edge, capped, reason });

/// The edge of a bet: `probability x odds - 1` (0.1 is a 10% expected return). Throws
/// `InvalidOdds` or `InvalidProbability`.
#[napi(catch_unwind)]
pub fn edge(odds: f64, probability: f64) -> Result<f64> {
    edgecore::kelly::edge(odds, probability).or_throw()
}

/// Full Kelly fraction of the bankroll for one bet: `(p x odds - 1) / (odds - 1)`, 0 when
/// the edge is not positive. Throws `InvalidOdds` or `InvalidProbability`.
///
/// ```js
/// kellyFraction(2.0, 0.55) // 0.1
/// ```
#[napi(catch_unwind)]
pub fn kelly_fraction(odds: f64, probability: f64) -> Result<f64> {
    edgecore::kelly::kelly_fraction(odds, probability).or_throw()
}

/// `kellyFraction` over columns (parallel for large batches). Throws `LengthMismatch`, then
/// the first bad row's error.
#[napi(catch_unwind)]
pub fn kelly_fraction_batch(
    #[napi(ts_arg_type = "Float64Array | number[]")] odds: Input<Column>,
    #[napi(ts_arg_type = "Float64Array | number[]")] probabilities: Input<Column>,
) -> Result<Float64Array> {
    let (o, p) = (
        column(&odds, "odds")?,
        column(&probabilities, "probabilities")?,
    );
    edgecore::kelly::kelly_fraction_batch(o, p)
        .map(to_column)
        .or_throw()
}

/// `kellyFractionBatch` off the main thread: resolves to the same `Float64Array`, or rejects
/// with the same error. `onProgress(done, total)` counts pairs, reported about every 4096 and once at the end (the
/// core's `kelly_fraction_batch_with_progress`).
#[napi(catch_unwind, ts_return_type = "Promise<Float64Array>")]
pub fn kelly_fraction_batch_async(
    #[napi(ts_arg_type = "Float64Array | number[]")] odds: Input<Column>,
    #[napi(ts_arg_type = "Float64Array | number[]")] probabilities: Input<Column>,
    #[napi(ts_arg_type = "(done: number, total: number) => void")] on_progress: Option<Progress>,
) -> Result<AsyncTask<Background<Float64Array>>> {
    let odds = odds.read("odds")?.into_vec();
    let probabilities = probabilities.read("probabilities")?.into_vec();
    Ok(background(on_progress, move |report| {
        edgecore::kelly::kelly_fraction_batch_with_progress(&odds, &probabilities, report)
            .map(to_column)
    }))
}

/// Expected log growth of the bankroll when staking `fraction` of it on one bet:
/// `p ln(1 + f (odds - 1)) + (1 - p) ln(1 - f)`. Throws `InvalidOdds`,
/// `InvalidProbability`, or `InvalidParameter` for a fraction outside [0, 1).
#[napi(catch_unwind)]
pub fn expected_log_growth(odds: f64, probability: f64, fraction: f64) -> Result<f64> {
    edgecore::kelly::expected_log_growth(odds, probability, fraction).or_throw()
}

/// Expected log growth when staking `fractions` on mutually exclusive outcomes:
/// `sum p_i ln(R + f_i o_i) + (1 - sum p_i) ln R`, `R = 1 - sum f_i`. Throws
/// `LengthMismatch`, `EmptyMarket`, `InvalidOdds`, `InvalidProbability`,
/// `InvalidParameter`.
#[napi(catch_unwind)]
pub fn expected_log_growth_exclusive(
    #[napi(ts_arg_type = "Float64Array | number[]")] odds: Input<Column>,
    #[napi(ts_arg_type = "Float64Array | number[]")] probabilities: Input<Column>,
    #[napi(ts_arg_type = "Float64Array | number[]")] fractions: Input<Column>,
) -> Result<f64> {
    edgecore::kelly::expected_log_growth_exclusive(
        column(&odds, "odds")?,
        column(&probabilities, "probabilities")?,
        column(&fractions, "fractions")?,
    )
    .or_throw()
}

/// Simultaneous Kelly fractions for mutually exclusive outcomes of one event (Smoczynski &
/// Tomkins 2010): odds [2.5, 3.2, 2.8] with probabilities [0.55, 0.25, 0.20] give
/// [25/92, 3/92, 0]. Throws `LengthMismatch`, `EmptyMarket`, `InvalidOdds`,
/// `InvalidProbability`.
#[napi(catch_unwind)]
pub fn kelly_exclusive(
    #[napi(ts_arg_type = "Float64Array | number[]")] odds: Input<Column>,
    #[napi(ts_arg_type = "Float64Array | number[]")] probabilities: Input<Column>,
) -> Result<Float64Array> {
    edgecore::kelly::kelly_exclusive(
        column(&odds, "odds")?,
        column(&probabilities, "probabilities")?,
    )
    .map(to_column)
    .or_throw()
}

/// `kellyExclusive` with the reserve rate of the optimal set.
#[napi(catch_unwind)]
pub fn kelly_exclusive_detail(
    #[napi(ts_arg_type = "Float64Array | number[]")] odds: Input<Column>,
    #[napi(ts_arg_type = "Float64Array | number[]")] probabilities: Input<Column>,
) -> Result<ExclusiveKelly> {
    edgecore::kelly::kelly_exclusive_detail(
        column(&odds, "odds")?,
        column(&probabilities, "probabilities")?,
    )
    .map(ToJs::to_js)
    .or_throw()
}

/// Stake for one bet under a policy (default quarter Kelly capped at 5%, in cents):
/// `bankroll x min(fraction x kelly, maxStakeShare)` rounded down to the unit; "0" when the
/// edge is not positive or below `minEdge`, or below `minStake`. Never exceeds the cap nor
/// the bankroll. Throws `InvalidOdds`, `InvalidProbability`, `InvalidAmount` (negative
/// bankroll) and the policy's errors (`InvalidParameter`, `InvalidAmount`).
///
/// ```js
/// kellyStake('1000', 2.0, 0.55) // '25.00'
/// ```
#[napi(catch_unwind)]
pub fn kelly_stake(
    bankroll: JsString,
    odds: f64,
    probability: f64,
    #[napi(ts_arg_type = "KellyPolicy")] policy: Option<Config<KellyPolicy>>,
) -> Result<JsString> {
    let policy = read_or_default(policy, "kelly policy", "policy")?;
    edgecore::kelly::kelly_stake(amount("bankroll", bankroll)?, odds, probability, &policy)
        .map(ToJs::to_js)
        .or_throw()
}

/// `kellyStake` with the fractions, edge, cap and reason behind the stake.
#[napi(catch_unwind)]
pub fn kelly_stake_detail(
    bankroll: JsString,
    odds: f64,
    probability: f64,
    #[napi(ts_arg_type = "KellyPolicy")] policy: Option<Config<KellyPolicy>>,
) -> Result<KellyStake> {
    let policy = read_or_default(policy, "kelly policy", "policy")?;
    edgecore::kelly::kelly_stake_detail(amount("bankroll", bankroll)?, odds, probability, &policy)
        .map(ToJs::to_js)
        .or_throw()
}

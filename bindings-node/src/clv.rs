//! Closing line value and closing lines (`edgecore::clv`).

use crate::convert::{
    Column, ToJs, amount, column, instant, name, names, read, record, to_column, whole,
};
use crate::errors::{OrThrow, Result};
use crate::js::Float64Array;
use crate::js::JsString;
use crate::js::{Date, Input};
use crate::market::PriceSnapshot;
use crate::task::{Background, Progress, background};
use napi::bindgen_prelude::AsyncTask;
use napi_derive::napi;

names! {
    "How an average CLV reads: `excellent` above 3%, `very_good` from 1% to 3%, `correct` from 0% to 1%, `warning` below 0 (a boundary belongs to the lower tier)."
    ClvTier = edgecore::clv::ClvTier {
        Excellent = "excellent", VeryGood = "very_good", Correct = "correct", Warning = "warning"
    }
}

/// Closing line value as a fraction: (oddsTaken - closingOdds) / closingOdds.
/// 2.05 taken against a 1.94 close gives 0.0567 (+5.67%). Decimal odds must be finite and
/// > 1, else an error with code "InvalidOdds".
#[napi(catch_unwind)]
pub fn clv(odds_taken: f64, closing_odds: f64) -> Result<f64> {
    edgecore::clv::clv(odds_taken, closing_odds).or_throw()
}

/// `clv` of many bets at once (parallel for large batches). Throws `LengthMismatch` when the
/// columns differ in length, `InvalidOdds` for the first bad price.
#[napi(catch_unwind)]
pub fn clv_batch(
    #[napi(ts_arg_type = "Float64Array | number[]")] odds_taken: Input<Column>,
    #[napi(ts_arg_type = "Float64Array | number[]")] closing_odds: Input<Column>,
) -> Result<Float64Array> {
    let taken = column(&odds_taken, "oddsTaken")?;
    let closing = column(&closing_odds, "closingOdds")?;
    edgecore::clv::clv_batch(taken, closing)
        .map(to_column)
        .or_throw()
}

/// `clvBatch` off the main thread: resolves to the same `Float64Array`, or rejects with the
/// same error. `onProgress(done, total)` counts pairs, reported about every 4096 and once at the end (the
/// core's `clv_batch_with_progress`).
#[napi(catch_unwind, ts_return_type = "Promise<Float64Array>")]
pub fn clv_batch_async(
    #[napi(ts_arg_type = "Float64Array | number[]")] odds_taken: Input<Column>,
    #[napi(ts_arg_type = "Float64Array | number[]")] closing_odds: Input<Column>,
    #[napi(ts_arg_type = "(done: number, total: number) => void")] on_progress: Option<Progress>,
) -> Result<AsyncTask<Background<Float64Array>>> {
    let taken = odds_taken.read("oddsTaken")?.into_vec();
    let closing = closing_odds.read("closingOdds")?.into_vec();
    Ok(background(on_progress, move |report| {
        edgecore::clv::clv_batch_with_progress(&taken, &closing, report).map(to_column)
    }))
}

/// Closing line value against the fair closing price: `oddsTaken x pFair - 1`, where `pFair`
/// is the probability of outcome `outcome` (zero-based index into `closingMarket`) after
/// de-vigging the closing market with `method` (target 1). 2.05 taken on a side that closes
/// at 1.94 / 1.94 is worth 0.025. Throws `InvalidOdds`, `EmptyMarket`, any de-vig error,
/// then `InvalidParameter` when `outcome` is not an index of the market.
#[napi(catch_unwind)]
pub fn clv_fair(
    odds_taken: f64,
    #[napi(ts_arg_type = "Float64Array | number[]")] closing_market: Input<Column>,
    outcome: f64,
    #[napi(ts_arg_type = "DevigMethod")] method: JsString,
) -> Result<f64> {
    let market = column(&closing_market, "closingMarket")?;
    edgecore::clv::clv_fair(
        odds_taken,
        market,
        whole("outcome", outcome)?,
        name(&method)?,
    )
    .or_throw()
}

/// Closing line value against a fair closing probability already known (the closing market
/// de-vigged once and stored): `oddsTaken x fairProbability - 1`, a fraction (-1 for a
/// probability of 0). Throws `InvalidOdds` for `oddsTaken`, then `InvalidProbability` outside
/// [0, 1].
#[napi(catch_unwind)]
pub fn clv_fair_at(odds_taken: f64, fair_probability: f64) -> Result<f64> {
    edgecore::clv::clv_fair_at(odds_taken, fair_probability).or_throw()
}

/// The tier of a CLV given as a fraction (0.0567 for +5.67%); a non-finite CLV throws
/// `InvalidParameter`.
#[napi(catch_unwind, ts_return_type = "ClvTier")]
pub fn clv_tier(clv: f64) -> Result<JsString> {
    edgecore::clv::ClvTier::from_clv(clv)
        .map(ToJs::to_js)
        .or_throw()
}

/// The tier of the CLV of two decimal prices (decimal strings), decided exactly: '2.02'
/// against '2.00' is exactly 1% and so `correct`, '2.06' against '2.00' exactly 3% and so
/// `very_good` (boundaries belong to the lower tier), where the float `clv` lands a hair
/// above. A price not above 1 throws `InvalidOdds` (the taken price first).
#[napi(ts_return_type = "ClvTier")]
pub fn clv_tier_from_prices(odds_taken: JsString, closing_odds: JsString) -> Result<JsString> {
    let taken = amount("oddsTaken", odds_taken)?;
    let closing = amount("closingOdds", closing_odds)?;
    edgecore::clv::ClvTier::from_prices(taken, closing)
        .map(ToJs::to_js)
        .or_throw()
}

/// The closing prices of one market at one bookmaker.
#[napi(object)]
pub struct ClosingMarket {
    /// The selections, in the order asked.
    #[napi(ts_type = "Selection[]")]
    pub selections: Vec<JsString>,
    /// The closing snapshot of each selection.
    pub snapshots: Vec<PriceSnapshot>,
    /// The closing decimal odds of each selection, ready for `devig` or `clvFair`.
    pub odds: Vec<f64>,
}

record!(output ClosingMarket = edgecore::clv::ClosingMarket { selections, snapshots, odds });

/// The closing line: among `snapshots`, the one for this event, bookmaker, market, line and
/// selection captured strictly before `kickoff`, latest by `capturedAt` (of equal times, the
/// last in `snapshots`). Lines compare as exact decimals ("2.5" equals "2.50").
///
/// Throws `InvalidSelection` or `InvalidLine` when the selection or line does not fit the
/// market, `ClosingLineUnavailable` when no snapshot qualifies (the message names what was
/// searched).
#[napi(catch_unwind)]
#[allow(clippy::too_many_arguments)]
pub fn closing_line(
    #[napi(ts_arg_type = "PriceSnapshot[]")] snapshots: Input<Vec<PriceSnapshot>>,
    event_id: JsString,
    kickoff: Date,
    bookmaker: JsString,
    #[napi(ts_arg_type = "Market")] market: JsString,
    line: Option<JsString>,
    #[napi(ts_arg_type = "Selection")] selection: JsString,
) -> Result<PriceSnapshot> {
    let snapshots: Vec<edgecore::PriceSnapshot> = read(snapshots, "price snapshot", "snapshots")?;
    let line = line.map(|l| amount("line", l)).transpose()?;
    edgecore::clv::closing_line(
        &snapshots,
        &event_id,
        instant("kickoff", kickoff)?,
        &bookmaker,
        name(&market)?,
        line,
        name(&selection)?,
    )
    .map(|s| s.clone().to_js())
    .or_throw()
}

/// The closing line of each of `selections` (home, draw, away for a football h2h; over,
/// under for totals...), found as `closingLine` finds one. For spreads, `line` is the home
/// side's handicap and the away side is looked up at the opposite line.
///
/// Throws `EmptyMarket` for fewer than 2 selections, `InvalidParameter` for a selection asked
/// twice, `InvalidSelection`, `InvalidLine` or `ClosingLineUnavailable` for the first
/// selection that fails, `InvalidOdds` when a closing price is not above 1.
#[napi(catch_unwind)]
#[allow(clippy::too_many_arguments)]
pub fn closing_market(
    #[napi(ts_arg_type = "PriceSnapshot[]")] snapshots: Input<Vec<PriceSnapshot>>,
    event_id: JsString,
    kickoff: Date,
    bookmaker: JsString,
    #[napi(ts_arg_type = "Market")] market: JsString,
    line: Option<JsString>,
    #[napi(ts_arg_type = "Selection[]")] selections: Vec<JsString>,
) -> Result<ClosingMarket> {
    let snapshots: Vec<edgecore::PriceSnapshot> = read(snapshots, "price snapshot", "snapshots")?;
    let line = line.map(|l| amount("line", l)).transpose()?;
    let selections = selections
        .iter()
        .map(|s| name(s))
        .collect::<Result<Vec<edgecore::Selection>>>()?;
    edgecore::clv::closing_market(
        &snapshots,
        &event_id,
        instant("kickoff", kickoff)?,
        &bookmaker,
        name(&market)?,
        line,
        &selections,
    )
    .map(ToJs::to_js)
    .or_throw()
}

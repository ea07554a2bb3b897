//! De-vig: the fair probabilities hidden in a bookmaker's prices (`edgecore::devig`).

use crate::convert::{Column, ToJs, column, name, names, record, to_column, whole};
use crate::errors::{OrThrow, Result};
use crate::js::Float64Array;
use crate::js::Input;
use crate::js::JsString;
use crate::task::{Background, Progress, background};
use edgecore::devig::DevigMethod as Method;
use napi::bindgen_prelude::AsyncTask;
use napi_derive::napi;

names! {
    "How the margin is removed: `multiplicative` (p = q T / B), `additive` (p = q - M / n; aliases `wpo`, `differential_margin_weighting`), `power` (p = q^k), `shin` (Shin's insider model), `odds_ratio` (Cheung), `balanced_book` (Fingleton & Waldron), `jensen_shannon` (equal Jensen-Shannon distance)."
    DevigMethod = Method {
        Multiplicative = "multiplicative", Additive = "additive", Power = "power", Shin = "shin",
        OddsRatio = "odds_ratio", BalancedBook = "balanced_book", JensenShannon = "jensen_shannon"
    }
}

/// A de-vigged market.
#[napi(object)]
pub struct Devig {
    /// The method used.
    #[napi(ts_type = "DevigMethod")]
    pub method: JsString,
    /// Fair probabilities (fractions), in the order of the prices, summing to the target.
    pub probabilities: Vec<f64>,
    /// Fair decimal odds, `1 / p_i`.
    pub fair_odds: Vec<f64>,
    /// The margin relative to the target, `sum(1/o_i) - target` (the overround when the
    /// target is 1); negative for a book built from best prices.
    pub margin: f64,
    /// The method's parameter: `T / B` (multiplicative), the shift `(B - T) / n` (additive),
    /// `k` (power), `z` (shin, balanced book), `c` (odds ratio), the Jensen-Shannon distance
    /// `d` (jensen_shannon).
    pub parameter: f64,
    /// Solver iterations (function evaluations); 0 for closed forms and fair books.
    pub iterations: u32,
}

record!(output Devig = edgecore::devig::Devig { method, probabilities, fair_odds, margin, parameter, iterations });

/// De-vigs one market of decimal `odds`: fair probabilities summing to `target` (default 1;
/// `k` for a market with `k` winners), fair odds, margin and the method's parameter.
///
/// Throws `EmptyMarket` (fewer than 2 prices), `InvalidOdds`, `InvalidParameter` (target),
/// `NegativeMargin` (shin, balanced_book, jensen_shannon on a negative-margin book),
/// `NegativeProbability`, `InvalidProbability`, `NoConvergence`, `UnknownName` (method).
///
/// ```js
/// devig([4.2, 3.7, 1.95], 'shin').probabilities // [0.2316, 0.2636, 0.5049]
/// ```
#[napi(catch_unwind)]
pub fn devig(
    #[napi(ts_arg_type = "Float64Array | number[]")] odds: Input<Column>,
    #[napi(ts_arg_type = "DevigMethod")] method: JsString,
    target: Option<f64>,
) -> Result<Devig> {
    edgecore::devig::devig(
        column(&odds, "odds")?,
        name(&method)?,
        target.unwrap_or(1.0),
    )
    .map(ToJs::to_js)
    .or_throw()
}

/// De-vigs many markets of `width` prices each, stored row-major in `odds` (market `m` is
/// `odds[m * width .. (m + 1) * width]`), and returns their probabilities in the same
/// shape. Parallel from 4096 markets. Errors as `devig`, plus `InvalidParameter` when
/// `width` does not divide the number of prices; `NegativeProbability` names the flat
/// index into `odds`.
#[napi(catch_unwind)]
pub fn devig_batch(
    #[napi(ts_arg_type = "Float64Array | number[]")] odds: Input<Column>,
    width: f64,
    #[napi(ts_arg_type = "DevigMethod")] method: JsString,
    target: Option<f64>,
) -> Result<Float64Array> {
    let odds = column(&odds, "odds")?;
    edgecore::devig::devig_batch(
        odds,
        whole("width", width)?,
        name(&method)?,
        target.unwrap_or(1.0),
    )
    .map(to_column)
    .or_throw()
}

/// `devigBatch` off the main thread: resolves to the same `Float64Array`, or rejects with the
/// same error. `onProgress(done, total)` counts markets, reported about every 4,096 markets
/// and once at the end (the core's `devig_batch_with_progress`).
#[napi(catch_unwind, ts_return_type = "Promise<Float64Array>")]
pub fn devig_batch_async(
    #[napi(ts_arg_type = "Float64Array | number[]")] odds: Input<Column>,
    width: f64,
    #[napi(ts_arg_type = "DevigMethod")] method: JsString,
    target: Option<f64>,
    #[napi(ts_arg_type = "(done: number, total: number) => void")] on_progress: Option<Progress>,
) -> Result<AsyncTask<Background<Float64Array>>> {
    let odds = odds.read("odds")?.into_vec();
    let (width, method): (usize, Method) = (whole("width", width)?, name(&method)?);
    let target = target.unwrap_or(1.0);
    Ok(background(on_progress, move |report| {
        edgecore::devig::devig_batch_with_progress(&odds, width, method, target, report)
            .map(to_column)
    }))
}

//! Settlement of bets from final scores (`edgecore::settle`): h2h (three- or two-way), draw
//! no bet, totals and Asian handicap lines, including quarter lines.

use crate::bet::Bet;
use crate::convert::{ToJs, names, read, read_or_default, record};
use crate::errors::{OrThrow, Result};
use crate::js::JsString;
use crate::js::{Config, Input};
use crate::market::EventResult;
use crate::task::{Background, Progress, background};
use napi::bindgen_prelude::AsyncTask;
use napi_derive::napi;
use std::collections::HashMap;

names! {
    "How h2h bets treat a level score: `three_way` (alias `1x2`; the draw is a selection) or `two_way` (alias `moneyline`; a level score voids the bet)."
    H2hFormat = edgecore::settle::H2hFormat { ThreeWay = "three_way", TwoWay = "two_way" }
}

/// Settlement rules that the bet record alone does not tell. Default: each bet's sport decides
/// its h2h format (`soccer_*` three-way; basketball, American football, baseball, tennis and
/// ice hockey two-way; any other sport three-way).
#[napi(object)]
pub struct SettleRules {
    /// How h2h bets treat a level score; absent or null: as the bet's sport does.
    #[napi(ts_type = "H2hFormat", js_name = "h2h")]
    pub h2h: Option<Option<JsString>>,
}

record!(input SettleRules = edgecore::settle::SettleRules { h2h });

// The rules are a configuration argument (unknown keys refused), read field by field as an
// input because their one field is itself optional in the core (`None`: by sport).
impl crate::js::Fields for SettleRules {
    const FIELDS: &'static [&'static str] = &["h2h"];
}

/// A settled bet. Amounts are decimal strings.
#[napi(object)]
pub struct Settlement {
    /// How the bet ended.
    #[napi(ts_type = "Outcome")]
    pub outcome: JsString,
    /// What is paid back, stake included, rounded to the cent.
    pub payout: JsString,
    /// `payout - stake` (negative for a loss).
    pub profit: JsString,
    /// The margin that decided the bet, from the bettor's side: goals ahead after the
    /// line (positive wins, "0" is level); `-|home - away|` for a draw selection; absent
    /// for a cancelled event.
    pub margin: Option<Option<JsString>>,
}

record!(output Settlement = edgecore::settle::Settlement { outcome, payout, profit, margin });

/// Settles one bet against its event's result (`rules` default: the h2h format of the bet's
/// sport, from its league key). The bet is checked first, and the first bad field in
/// declaration order is reported: `InvalidLine` (missing, misplaced, not a multiple of 0.25,
/// negative for totals), `InvalidSelection`, `InvalidOdds`, `InvalidAmount` (stake <= 0 or
/// payout out of range), then a draw under two-way rules (`InvalidSelection`). Amounts come
/// back with two decimals ('21.70', '5.00').
///
/// ```js
/// settle(bet, { status: 'final', home: 1, away: 1 }).outcome // 'half_lost' for home -0.25
/// ```
#[napi(catch_unwind)]
pub fn settle(
    #[napi(ts_arg_type = "Bet")] bet: Input<Bet>,
    #[napi(ts_arg_type = "EventResult")] result: Input<EventResult>,
    #[napi(ts_arg_type = "SettleRules")] rules: Option<Config<SettleRules>>,
) -> Result<Settlement> {
    let rules: edgecore::settle::SettleRules = read_or_default(rules, "settle rules", "rules")?;
    rules
        .settle(
            &read(bet, "bet", "bet")?,
            &read(result, "event result", "result")?,
        )
        .map(ToJs::to_js)
        .or_throw()
}

/// Settles `bets[i]` against `results[i]` (parallel for large batches). Throws
/// `LengthMismatch`, then the first failing bet's error.
#[napi(catch_unwind)]
pub fn settle_batch(
    #[napi(ts_arg_type = "Bet[]")] bets: Input<Vec<Bet>>,
    #[napi(ts_arg_type = "EventResult[]")] results: Input<Vec<EventResult>>,
    #[napi(ts_arg_type = "SettleRules")] rules: Option<Config<SettleRules>>,
) -> Result<Vec<Settlement>> {
    let rules: edgecore::settle::SettleRules = read_or_default(rules, "settle rules", "rules")?;
    let bets: Vec<edgecore::Bet> = read(bets, "bet", "bets")?;
    let results: Vec<edgecore::EventResult> = read(results, "event result", "results")?;
    rules
        .settle_batch(&bets, &results)
        .map(ToJs::to_js)
        .or_throw()
}

/// `settleBatch` off the main thread: resolves to the same settlements, or rejects with the
/// same error. `onProgress(done, total)` counts bets, reported about every 4096 and once at the end (the
/// core's `settle_batch_with_progress`).
#[napi(catch_unwind, ts_return_type = "Promise<Settlement[]>")]
pub fn settle_batch_async(
    #[napi(ts_arg_type = "Bet[]")] bets: Input<Vec<Bet>>,
    #[napi(ts_arg_type = "EventResult[]")] results: Input<Vec<EventResult>>,
    #[napi(ts_arg_type = "SettleRules")] rules: Option<Config<SettleRules>>,
    #[napi(ts_arg_type = "(done: number, total: number) => void")] on_progress: Option<Progress>,
) -> Result<AsyncTask<Background<Vec<Settlement>>>> {
    let rules: edgecore::settle::SettleRules = read_or_default(rules, "settle rules", "rules")?;
    let bets: Vec<edgecore::Bet> = read(bets, "bet", "bets")?;
    let results: Vec<edgecore::EventResult> = read(results, "event result", "results")?;
    Ok(background(on_progress, move |report| {
        rules
            .settle_batch_with_progress(&bets, &results, report)
            .map(ToJs::to_js)
    }))
}

/// Settles each bet against the result of its event found in `results` (keyed by event id);
/// a bet whose event has no result yet is `null` (still pending).
#[napi(catch_unwind)]
pub fn settle_by_event(
    #[napi(ts_arg_type = "Bet[]")] bets: Input<Vec<Bet>>,
    #[napi(ts_arg_type = "Record<string, EventResult>")] results: Input<
        HashMap<String, EventResult>,
    >,
    #[napi(ts_arg_type = "SettleRules")] rules: Option<Config<SettleRules>>,
) -> Result<Vec<Option<Settlement>>> {
    let rules: edgecore::settle::SettleRules = read_or_default(rules, "settle rules", "rules")?;
    let bets: Vec<edgecore::Bet> = read(bets, "bet", "bets")?;
    let results: HashMap<String, edgecore::EventResult> = read(results, "event result", "results")?;
    rules
        .settle_by_event(&bets, &results)
        .map(|v| v.into_iter().map(|s| s.map(ToJs::to_js)).collect())
        .or_throw()
}

/// `settleByEvent` off the main thread: resolves to the same settlements (`null` for a
/// pending bet), or rejects with the same error. `onProgress(done, total)` counts bets,
/// pending ones included, reported about every 4096 and once at the end (the core's
/// `settle_by_event_with_progress`).
#[napi(
    catch_unwind,
    ts_return_type = "Promise<Array<Settlement | undefined | null>>"
)]
pub fn settle_by_event_async(
    #[napi(ts_arg_type = "Bet[]")] bets: Input<Vec<Bet>>,
    #[napi(ts_arg_type = "Record<string, EventResult>")] results: Input<
        HashMap<String, EventResult>,
    >,
    #[napi(ts_arg_type = "SettleRules")] rules: Option<Config<SettleRules>>,
    #[napi(ts_arg_type = "(done: number, total: number) => void")] on_progress: Option<Progress>,
) -> Result<AsyncTask<Background<Vec<Option<Settlement>>>>> {
    let rules: edgecore::settle::SettleRules = read_or_default(rules, "settle rules", "rules")?;
    let bets: Vec<edgecore::Bet> = read(bets, "bet", "bets")?;
    let results: HashMap<String, edgecore::EventResult> = read(results, "event result", "results")?;
    Ok(background(on_progress, move |report| {
        rules
            .settle_by_event_with_progress(&bets, &results, report)
            .map(|v| v.into_iter().map(|s| s.map(ToJs::to_js)).collect())
    }))
}

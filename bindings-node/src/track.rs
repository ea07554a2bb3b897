//! The agents' own track record (`edgecore::agents::record`): every published opportunity (a
//! `Pick`) bet on paper, flat and Kelly, measured per agent, per week and per label.

use crate::agents::{AgentFigures, AgentRecord};
use crate::bet::Bet;
use crate::convert::{ToJs, amount, name, names, read, read_or_default, record};
use crate::errors::{OrThrow, Result};
use crate::js::{Config, Date, Input, JsString};
use crate::kelly::KellyPolicy;
use crate::market::EventResult;
use crate::stats::Group;
use edgecore::agents as core;
use napi_derive::napi;

names! {
    "How paper bets are staked: `flat` (the same stake on every pick) or `kelly` (the Kelly stake of the paper bankroll; picks staked 0 are left out)."
    PaperKind = core::PaperKind { Flat = "flat", Kelly = "kelly" }
}

/// A published opportunity as the track record keeps it. Amounts and prices are decimal
/// strings.
#[napi(object)]
pub struct Pick {
    /// The event's identifier.
    pub event_id: JsString,
    /// League or competition key.
    pub league: JsString,
    /// The market.
    #[napi(ts_type = "Market")]
    pub market: JsString,
    /// The line (totals, spreads); absent for h2h.
    pub line: Option<Option<JsString>>,
    /// The selection backed.
    #[napi(ts_type = "Selection")]
    pub selection: JsString,
    /// The bookmaker offering the price.
    pub bookmaker: JsString,
    /// The price when the pick was first published (decimal odds > 1).
    pub price: JsString,
    /// The fair probability of the selection then (fraction in [0, 1]).
    pub fair_probability: f64,
    /// When the pick was first published.
    pub first_seen: Date,
    /// The consensus label then.
    #[napi(ts_type = "Label")]
    pub label: JsString,
    /// The agents that found it (at least one).
    #[napi(ts_type = "AgentName[]")]
    pub agents: Vec<JsString>,
    /// The reference bookmaker's closing price, once the event kicked off.
    pub closing_odds: Option<Option<JsString>>,
    /// The de-vigged closing probability of the selection (fraction), once known.
    pub closing_probability: Option<Option<f64>>,
    /// The settlement outcome, once the result is in.
    #[napi(ts_type = "Outcome")]
    pub outcome: Option<Option<JsString>>,
}

record!(both Pick = core::Pick { event_id, league, market, line, selection, bookmaker, price, fair_probability, first_seen, label, agents, closing_odds, closing_probability, outcome });

/// How picks are staked on paper. Every field is optional.
#[napi(object)]
pub struct PaperStaking {
    /// Stake of every flat paper bet (> 0, default "10").
    pub flat_stake: Option<Option<JsString>>,
    /// The fixed bankroll Kelly stakes are taken from (> 0, default "1000").
    pub bankroll: Option<Option<JsString>>,
    /// The Kelly policy (default: quarter Kelly, capped at 5%, stakes to the cent).
    pub policy: Option<Option<KellyPolicy>>,
}

record!(defaults PaperStaking = core::PaperStaking { flat_stake, bankroll, policy }
    nested { policy: KellyPolicy });

/// One agent's paper record.
#[napi(object)]
pub struct AgentPaper {
    /// The agent.
    pub agent: JsString,
    /// Flat-stake figures (ROI, CLV, beat-the-close share, Sharpe, drawdown).
    pub flat: AgentFigures,
    /// Kelly-stake figures; absent when no pick got a Kelly stake.
    pub kelly: Option<Option<AgentFigures>>,
    /// Flat-stake figures per ISO week of first publication ("2026-W47"), oldest first.
    pub weeks: Vec<Group>,
}

record!(output AgentPaper = core::AgentPaper { agent, flat, kelly, weeks });

/// The track record of every agent and of the consensus labels.
#[napi(object)]
pub struct TrackRecord {
    /// Picks measured.
    pub picks: f64,
    /// Per agent, by name.
    pub agents: Vec<AgentPaper>,
    /// One flat bet per pick grouped by label (`agent` is `analyser` or `prudence`): how
    /// each label's picks fared.
    pub labels: Vec<AgentFigures>,
}

record!(output TrackRecord = core::TrackRecord { picks, agents, labels });

/// A paper bet on `pick` by `source` with `stake` (decimal string > 0), placed when the pick
/// was first seen at its price; its id is `event/market/line/selection/bookmaker/source`.
/// Throws `InvalidOdds`, `InvalidProbability`, `EmptyInput` (a bad pick), `InvalidAmount`
/// (a stake not > 0).
#[napi(catch_unwind)]
pub fn pick_paper_bet(
    #[napi(ts_arg_type = "Pick")] pick: Input<Pick>,
    source: JsString,
    stake: JsString,
) -> Result<Bet> {
    let pick: core::Pick = read(pick, "pick", "pick")?;
    let stake = amount("stake", stake)?;
    pick.paper_bet(&source, stake).map(ToJs::to_js).or_throw()
}

/// The outcome of `pick` given its event's `result`. Throws the errors of a bad pick and of
/// settlement (`InvalidLine`...).
#[napi(catch_unwind, ts_return_type = "Outcome")]
pub fn pick_settle(
    #[napi(ts_arg_type = "Pick")] pick: Input<Pick>,
    #[napi(ts_arg_type = "EventResult")] result: Input<EventResult>,
) -> Result<JsString> {
    let pick: core::Pick = read(pick, "pick", "pick")?;
    let result: edgecore::EventResult = read(result, "event result", "result")?;
    pick.settle(&result).map(ToJs::to_js).or_throw()
}

/// Raw closing line value of `pick`: `(price - closingOdds) / closingOdds` (fraction);
/// `null` before the close is known. Throws `InvalidOdds`.
#[napi(catch_unwind)]
pub fn pick_clv(#[napi(ts_arg_type = "Pick")] pick: Input<Pick>) -> Result<Option<f64>> {
    let pick: core::Pick = read(pick, "pick", "pick")?;
    pick.clv().or_throw()
}

/// Fair closing line value of `pick`: `price x closingProbability - 1` (fraction); `null`
/// before the de-vigged close is known. Throws `InvalidOdds`, `InvalidProbability`.
#[napi(catch_unwind)]
pub fn pick_clv_fair(#[napi(ts_arg_type = "Pick")] pick: Input<Pick>) -> Result<Option<f64>> {
    let pick: core::Pick = read(pick, "pick", "pick")?;
    pick.clv_fair().or_throw()
}

/// The Kelly paper stake of `pick` (decimal string): `kellyStake` of the staking's bankroll
/// at the pick's price and fair probability under its policy, rounded down to the policy's
/// unit; "0" when the policy stakes nothing. Throws the errors of `kellyStake`.
#[napi(catch_unwind)]
pub fn pick_kelly_stake(
    #[napi(ts_arg_type = "Pick")] pick: Input<Pick>,
    #[napi(ts_arg_type = "PaperStaking")] staking: Option<Config<PaperStaking>>,
) -> Result<JsString> {
    let pick: core::Pick = read(pick, "pick", "pick")?;
    let staking: core::PaperStaking = read_or_default(staking, "paper staking", "staking")?;
    pick.kelly_stake(&staking).map(ToJs::to_js).or_throw()
}

/// The paper bets of `picks`: one per pick and agent that found it (`source` the agent), in
/// pick order. `kind` `flat` (default) stakes `staking.flatStake` on every pick; `kelly`
/// stakes `pickKellyStake` and leaves out picks staked 0. Throws `InvalidAmount` (a flat
/// stake or bankroll not > 0), `InvalidOdds`, `InvalidProbability`, `EmptyInput` (a pick
/// without agents), `UnknownName` (kind).
#[napi(catch_unwind)]
pub fn paper_bets(
    #[napi(ts_arg_type = "Pick[]")] picks: Input<Vec<Pick>>,
    #[napi(ts_arg_type = "PaperStaking")] staking: Option<Config<PaperStaking>>,
    #[napi(ts_arg_type = "PaperKind")] kind: Option<JsString>,
) -> Result<Vec<Bet>> {
    let kind: core::PaperKind = kind.map_or(Ok(core::PaperKind::Flat), |k| name(&k))?;
    let picks: Vec<core::Pick> = read(picks, "pick", "picks")?;
    let staking: core::PaperStaking = read_or_default(staking, "paper staking", "staking")?;
    core::paper_bets(&picks, &staking, kind)
        .map(ToJs::to_js)
        .or_throw()
}

/// The records the consensus weighs agents by (bets with a close and their average CLV),
/// from the flat paper bets of `picks` plus `bets` (user bets whose source names an agent
/// count too). Throws as `paperBets`.
#[napi(catch_unwind)]
pub fn paper_records(
    #[napi(ts_arg_type = "Pick[]")] picks: Input<Vec<Pick>>,
    #[napi(ts_arg_type = "Bet[]")] bets: Option<Input<Vec<Bet>>>,
    #[napi(ts_arg_type = "PaperStaking")] staking: Option<Config<PaperStaking>>,
) -> Result<Vec<AgentRecord>> {
    let picks: Vec<core::Pick> = read(picks, "pick", "picks")?;
    let bets: Vec<edgecore::Bet> = bets.map_or(Ok(Vec::new()), |b| read(b, "bet", "bets"))?;
    let staking: core::PaperStaking = read_or_default(staking, "paper staking", "staking")?;
    core::paper_records(&picks, &bets, &staking)
        .map(ToJs::to_js)
        .or_throw()
}

/// The track record of `picks` bet on paper: `picks` (how many), `agents` (per agent, by
/// name: `flat` and `kelly` figures over `staking.bankroll`, and `weeks`, flat figures per
/// ISO week of first publication) and `labels` (one flat bet per pick grouped by label).
/// Throws as `paperBets`.
#[napi(catch_unwind)]
pub fn track_record(
    #[napi(ts_arg_type = "Pick[]")] picks: Input<Vec<Pick>>,
    #[napi(ts_arg_type = "PaperStaking")] staking: Option<Config<PaperStaking>>,
) -> Result<TrackRecord> {
    let picks: Vec<core::Pick> = read(picks, "pick", "picks")?;
    let staking: core::PaperStaking = read_or_default(staking, "paper staking", "staking")?;
    core::track_record(&picks, &staking)
        .map(ToJs::to_js)
        .or_throw()
}

//! A bet and what each settlement outcome pays (`edgecore::bet`).

use crate::convert::{ToJs, amount, name, names, read, record};
use crate::errors::{OrThrow, Result};
use crate::js::JsString;
use crate::js::{Date, Input};
use napi_derive::napi;

names! {
    "How a bet was settled. Quarter-line Asian handicaps and totals can end half won or half lost."
    Outcome = edgecore::Outcome {
        Won = "won", Lost = "lost", Push = "push", HalfWon = "half_won", HalfLost = "half_lost",
        Void = "void"
    }
}

/// A bet as the betting platform records it. Amounts and prices are decimal strings.
#[napi(object)]
pub struct Bet {
    /// Identifier.
    pub id: JsString,
    /// The event's identifier.
    pub event_id: JsString,
    /// League or competition key.
    pub league: JsString,
    /// The market.
    #[napi(ts_type = "Market")]
    pub market: JsString,
    /// The line for totals and spreads ("2.5", "-0.25"); absent for h2h and draw no bet.
    pub line: Option<Option<JsString>>,
    /// The selection backed.
    #[napi(ts_type = "Selection")]
    pub selection: JsString,
    /// Bookmaker key.
    pub bookmaker: JsString,
    /// Decimal odds taken (> 1).
    pub odds: JsString,
    /// Stake (> 0), in the bankroll's currency.
    pub stake: JsString,
    /// When the bet was placed.
    pub placed_at: Date,
    /// "manual" or the name of the agent that proposed it.
    pub source: JsString,
    /// Absent while pending; the settlement outcome once settled.
    #[napi(ts_type = "Outcome")]
    pub outcome: Option<Option<JsString>>,
    /// The closing price of the same selection at the reference bookmaker, once known.
    pub closing_odds: Option<Option<JsString>>,
    /// The de-vigged closing probability of the selection, once known (fraction in
    /// [0, 1]).
    pub closing_probability: Option<Option<f64>>,
}

record!(both Bet = edgecore::Bet { id, event_id, league, market, line, selection, bookmaker, odds, stake, placed_at, source, outcome, closing_odds, closing_probability });

/// What the bookmaker pays back for a settled bet, stake included, rounded to the cent half
/// away from zero: won `stake x odds`; lost 0; push and void `stake`; half won
/// `stake/2 x odds + stake/2`; half lost `stake/2`. Amounts are decimal strings; an amount
/// too large to represent throws `InvalidAmount`.
///
/// ```js
/// payout('half_won', '10', '1.95') // '14.75'
/// ```
#[napi(catch_unwind)]
pub fn payout(
    #[napi(ts_arg_type = "Outcome")] outcome: JsString,
    stake: JsString,
    odds: JsString,
) -> Result<JsString> {
    let outcome: edgecore::Outcome = name(&outcome)?;
    outcome
        .payout(amount("stake", stake)?, amount("odds", odds)?)
        .map(ToJs::to_js)
        .or_throw()
}

/// Whether the outcome is a win, whole or half.
#[napi(catch_unwind)]
pub fn outcome_is_win(#[napi(ts_arg_type = "Outcome")] outcome: JsString) -> Result<bool> {
    Ok(name::<edgecore::Outcome>(&outcome)?.is_win())
}

/// Whether the outcome is a loss, whole or half.
#[napi(catch_unwind)]
pub fn outcome_is_loss(#[napi(ts_arg_type = "Outcome")] outcome: JsString) -> Result<bool> {
    Ok(name::<edgecore::Outcome>(&outcome)?.is_loss())
}

/// Payout of a settled bet (see `payout`); `null` while pending.
#[napi(catch_unwind)]
pub fn bet_payout(#[napi(ts_arg_type = "Bet")] bet: Input<Bet>) -> Result<Option<JsString>> {
    let bet: edgecore::Bet = read(bet, "bet", "bet")?;
    bet.payout().map(|p| p.map(ToJs::to_js)).or_throw()
}

/// Profit of a settled bet: payout - stake; `null` while pending.
#[napi(catch_unwind)]
pub fn bet_profit(#[napi(ts_arg_type = "Bet")] bet: Input<Bet>) -> Result<Option<JsString>> {
    let bet: edgecore::Bet = read(bet, "bet", "bet")?;
    bet.profit().map(|p| p.map(ToJs::to_js)).or_throw()
}

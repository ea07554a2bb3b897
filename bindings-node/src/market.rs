//! Events, markets, selections, price snapshots and final results (`edgecore::market`).

use crate::convert::{At, FromJs, ToJs, amount, name, names, record};
use crate::errors::{OrThrow, Result};
use crate::js::Date;
use crate::js::JsString;
use napi_derive::napi;

names! {
    "A betting market: `h2h` (match result), `totals` (over/under a goal line), `spreads` (Asian handicap; alias `asian_handicap`), `draw_no_bet`."
    Market = edgecore::Market { H2h = "h2h", Totals = "totals", Spreads = "spreads", DrawNoBet = "draw_no_bet" }

    "One side of a market: home, draw (h2h only), away, over, under (totals)."
    Selection = edgecore::Selection {
        Home = "home", Draw = "draw", Away = "away", Over = "over", Under = "under"
    }
}

/// A sporting event.
#[napi(object)]
pub struct Event {
    /// Stable identifier (the odds feed's event id).
    pub id: JsString,
    /// League or competition key, e.g. "soccer_epl".
    pub league: JsString,
    /// Home side's name.
    pub home: JsString,
    /// Away side's name.
    pub away: JsString,
    /// Scheduled start. Prices captured at or after it are live prices.
    pub kickoff: Date,
}

record!(both Event = edgecore::Event { id, league, home, away, kickoff });

/// One bookmaker's price for one selection, as captured at one instant.
#[napi(object)]
pub struct PriceSnapshot {
    /// When the price was captured.
    pub captured_at: Date,
    /// The event's identifier.
    pub event_id: JsString,
    /// Bookmaker key, e.g. "pinnacle".
    pub bookmaker: JsString,
    /// The market.
    #[napi(ts_type = "Market")]
    pub market: JsString,
    /// The line for totals and spreads (a decimal string, e.g. "2.5" or "-0.25");
    /// absent for h2h and draw no bet.
    pub line: Option<Option<JsString>>,
    /// The selection priced.
    #[napi(ts_type = "Selection")]
    pub selection: JsString,
    /// Decimal odds as quoted (> 1), a decimal string.
    pub price: JsString,
}

record!(both PriceSnapshot = edgecore::PriceSnapshot { captured_at, event_id, bookmaker, market, line, selection, price });

/// How an event ended: `{ status: 'final', home, away }` with the final score (regular time
/// for football markets), or `{ status: 'cancelled' }` (every bet on it is void).
#[napi(discriminant = "status", discriminant_case = "lowercase")]
pub enum EventResult {
    /// Played to the end with this final score.
    Final {
        /// Goals (points) of the home side, a whole number >= 0.
        home: f64,
        /// Goals (points) of the away side, a whole number >= 0.
        away: f64,
    },
    /// Cancelled or abandoned.
    Cancelled,
}

/// Not checked for extra keys: `status` picks the variant, whose fields napi reads.
impl crate::js::Extra for EventResult {}
impl crate::js::Present for EventResult {}

impl ToJs for edgecore::EventResult {
    type Js = EventResult;
    fn to_js(self) -> EventResult {
        match self {
            edgecore::EventResult::Final { home, away } => EventResult::Final {
                home: home.into(),
                away: away.into(),
            },
            edgecore::EventResult::Cancelled => EventResult::Cancelled,
        }
    }
}

impl FromJs for edgecore::EventResult {
    type Js = EventResult;
    fn from_js(js: EventResult, at: &At<'_>) -> edgecore::Result<Self> {
        Ok(match js {
            EventResult::Final { home, away } => edgecore::EventResult::Final {
                home: u32::from_js(home, &at.field("home"))?,
                away: u32::from_js(away, &at.field("away"))?,
            },
            EventResult::Cancelled => edgecore::EventResult::Cancelled,
        })
    }
}

/// Whether the market has a line: totals and spreads do, h2h and draw no bet do not.
/// An unknown market name throws `UnknownName`.
#[napi(catch_unwind)]
pub fn market_has_line(#[napi(ts_arg_type = "Market")] market: JsString) -> Result<bool> {
    Ok(name::<edgecore::Market>(&market)?.has_line())
}

/// Whether `selection` belongs to `market` (over/under for totals, home/draw/away for h2h,
/// home/away for spreads and draw no bet).
#[napi(catch_unwind)]
pub fn market_accepts(
    #[napi(ts_arg_type = "Market")] market: JsString,
    #[napi(ts_arg_type = "Selection")] selection: JsString,
) -> Result<bool> {
    Ok(name::<edgecore::Market>(&market)?.accepts(name(&selection)?))
}

/// Checks that `selection` belongs to `market` (else `InvalidSelection`) and that `line` (a
/// decimal string) is present exactly when the market has one and is a multiple of 0.25
/// (else `InvalidLine`).
#[napi(catch_unwind)]
pub fn check_market(
    #[napi(ts_arg_type = "Market")] market: JsString,
    #[napi(ts_arg_type = "Selection")] selection: JsString,
    line: Option<JsString>,
) -> Result<()> {
    let line = line.map(|l| amount("line", l)).transpose()?;
    name::<edgecore::Market>(&market)?
        .check(name(&selection)?, line)
        .or_throw()
}

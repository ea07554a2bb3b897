//! The betting platform's agents: automated detection of opportunities in bookmakers' prices.
//!
//! Everything starts from price snapshots. A [`History`] interns them once (events,
//! bookmakers and markets become indices into tables, snapshots are sorted by capture
//! instant); a [`Board`] is the history as seen at one instant: the latest sane, fresh price
//! per (event, market, line, bookmaker, selection). The agents are pure functions of a board:
//!
//! - agent A, [`anomaly`]: prices out of line with the fair probabilities of the market
//!   (edge against the reference bookmaker or the median of all books, robust z-score);
//! - agent B, [`spread`]: best and worst price per selection, spread, best-line overround,
//!   arbitrage with stakes rounded to the cent; [`hedge()`] equalises existing positions;
//! - agent C, [`movement`]: opening and current prices, drift, speed, steam moves and sharp
//!   moves that soft bookmakers have not followed yet;
//! - agent D, [`backtest()`]: replays a history without look-ahead, bets what a strategy
//!   proposes and measures it with [`crate::stats::performance`];
//! - [`consensus()`]: a 0-100 score per opportunity from the agents that agree, weighted by
//!   their past closing line value, and a comparison table of agents;
//! - [`record`]: the agents' own track record, every published opportunity bet on paper
//!   (flat and Kelly stakes), measured per agent and per consensus label.
//!
//! [`generator`] (feature `generator`) produces seeded, realistic snapshot streams with
//! injected anomalies, arbitrages and steam moves whose positions are known, for tests,
//! benchmarks and demonstrations.

pub mod anomaly;
pub mod backtest;
pub mod board;
pub mod consensus;
mod fair;
#[cfg(any(test, feature = "generator"))]
#[cfg_attr(docsrs, doc(cfg(feature = "generator")))]
pub mod generator;
pub mod hedge;
pub mod history;
pub mod movement;
pub mod record;
pub mod robust;
pub mod spread;

pub use anomaly::{AnomalyConfig, find_anomalies};
pub use backtest::{
    Backtest, BacktestConfig, ProgressFn, ResultRecord, Staking, StrategyRun, backtest,
};
pub use board::{Board, BoardConfig, Quote};
pub use consensus::{
    AgentFigures, AgentRecord, ConsensusConfig, Label, Scored, agent_records, compare_agents,
    consensus,
};
#[cfg(any(test, feature = "generator"))]
pub use generator::{Generated, GeneratorConfig, Injection, InjectionKind, generate};
pub use hedge::{Hedge, Position, hedge};
pub use history::History;
pub use movement::{
    MovementConfig, Movements, SeriesSummary, SteamMove, find_movements, price_series,
};
pub use record::{
    AgentPaper, PaperKind, PaperStaking, Pick, TrackRecord, paper_bets, paper_records, track_record,
};
pub use robust::{MAD_SCALE, robust_z};
pub use spread::{
    Arbitrage, ArbitrageLeg, SelectionSpread, SpreadConfig, SpreadReport, Spreads, Stakes,
    arbitrage, scan_spreads,
};

use crate::market::{Market, Selection};
use crate::names::named_enum;
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

named_enum! {
    /// An agent (or the consensus of agents), as named in bets' `source` field.
    pub enum AgentName ("agent") {
        /// Agent A: prices out of line with the market.
        Anomaly = "anomaly",
        /// Agent B: best prices across bookmakers.
        Spread = "spread",
        /// Agent C: line movements.
        Movement = "movement",
        /// The weighted vote of agents A, B and C.
        Consensus = "consensus",
    }
}

/// A price judged worth betting by an agent.
///
/// `edge = price x fair_probability - 1` (a fraction: 0.05 is a 5% expected return per unit
/// staked if the fair probability is right); `fair_odds = 1 / fair_probability`; `z` is the
/// robust z-score of the price's implied probability against the other bookmakers' (see
/// [`robust_z`]; positive when this price is longer than the others').
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Opportunity {
    /// The agent that found it.
    pub agent: AgentName,
    /// The event's identifier.
    pub event_id: String,
    /// The market.
    pub market: Market,
    /// The line of the selection (totals line, or the selection's own handicap for spreads).
    pub line: Option<Decimal>,
    /// The selection to back.
    pub selection: Selection,
    /// The bookmaker offering the price.
    pub bookmaker: String,
    /// The decimal price offered, as quoted.
    pub price: Decimal,
    /// When the price was captured.
    pub captured_at: DateTime<Utc>,
    /// The fair probability of the selection (fraction in (0, 1)).
    pub fair_probability: f64,
    /// `1 / fair_probability`.
    pub fair_odds: f64,
    /// `price x fair_probability - 1` (fraction).
    pub edge: f64,
    /// Robust z-score of the implied probability against the other bookmakers.
    pub z: f64,
    /// Number of bookmakers with a complete, sane, fresh quote of the market.
    pub books: usize,
    /// The board instant at which the opportunity was detected.
    pub detected_at: DateTime<Utc>,
}

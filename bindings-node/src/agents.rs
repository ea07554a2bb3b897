//! The betting platform's agents (`edgecore::agents`): opportunities in bookmakers' prices
//! (anomalies, spreads and arbitrage, line movements), hedges, the consensus of agents,
//! backtests without look-ahead (also off the main thread, with progress) and a seeded
//! generator of realistic snapshot streams.
//!
//! The agents read a `Board`: the latest sane, fresh price per (event, market, line,
//! bookmaker, selection) of a `History` (snapshots indexed once) as of an instant, kept
//! between calls and moved forward with `Board.advance`, as in the Python package.

use crate::bet::Bet;
use crate::convert::{Column, ToJs, amount, column, instant, names, read, read_or_default, record};
use crate::errors::{OrThrow, Result};
use crate::js::{ClassOr, Config, Date, Input, JsString};
use crate::kelly::KellyPolicy;
use crate::market::{Event, EventResult, PriceSnapshot};
use crate::stats::Performance;
use crate::task::{Background, Progress, background};
use edgecore::agents as core;
use napi::bindgen_prelude::AsyncTask;
use napi_derive::napi;

names! {
    "An agent (or the consensus of agents), as named in bets' `source`: `anomaly` (prices out of line with the market), `spread` (best prices across bookmakers), `movement` (line movements), `consensus` (their weighted vote)."
    AgentName = core::AgentName { Anomaly = "anomaly", Spread = "spread", Movement = "movement", Consensus = "consensus" }

    "How a backtested strategy sizes its bets: `flat` (the same stake) or `kelly` (fractional Kelly under a policy)."
    Staking = core::Staking { Flat = "flat", Kelly = "kelly" }

    "What the consensus advises about an opportunity: `analyser` (worth analysing) or `prudence` (caution)."
    Label = core::Label { Analyser = "analyser", Prudence = "prudence" }

    "A kind of case injected by the generator: `anomaly`, `arbitrage`, `sharp_move`, `steam_move`."
    InjectionKind = core::InjectionKind {
        Anomaly = "anomaly", Arbitrage = "arbitrage", SharpMove = "sharp_move", SteamMove = "steam_move"
    }
}

/// A price judged worth betting by an agent: `edge = price x fairProbability - 1`;
/// `z` is the robust z-score of its implied probability against the other bookmakers'.
#[napi(object)]
pub struct Opportunity {
    /// The agent that found it.
    #[napi(ts_type = "AgentName")]
    pub agent: JsString,
    /// The event's identifier.
    pub event_id: JsString,
    /// The market.
    #[napi(ts_type = "Market")]
    pub market: JsString,
    /// The line of the selection (decimal string), absent for h2h and draw no bet.
    pub line: Option<Option<JsString>>,
    /// The selection to back.
    #[napi(ts_type = "Selection")]
    pub selection: JsString,
    /// The bookmaker offering the price.
    pub bookmaker: JsString,
    /// The decimal price offered, as quoted (decimal string).
    pub price: JsString,
    /// When the price was captured.
    pub captured_at: Date,
    /// The fair probability of the selection (fraction in (0, 1)).
    pub fair_probability: f64,
    /// `1 / fairProbability`.
    pub fair_odds: f64,
    /// `price x fairProbability - 1` (fraction).
    pub edge: f64,
    /// Robust z-score of the implied probability against the other bookmakers.
    pub z: f64,
    /// Number of bookmakers with a complete, sane, fresh quote of the market.
    pub books: f64,
    /// The board instant at which the opportunity was detected.
    pub detected_at: Date,
}

record!(both Opportunity = core::Opportunity { agent, event_id, market, line, selection, bookmaker, price, captured_at, fair_probability, fair_odds, edge, z, books, detected_at });

/// Which quotes are on the board. Every field is optional.
#[napi(object)]
pub struct BoardConfig {
    /// The sharp reference bookmaker whose de-vigged prices are the fair probabilities
    /// ("pinnacle"); "" means none (the median of all bookmakers is used).
    pub reference: Option<Option<JsString>>,
    /// Quotes older than this many seconds are ignored (default 43,200).
    pub max_age_seconds: Option<Option<f64>>,
    /// Lowest sane decimal price (default 1.02).
    pub min_price: Option<Option<f64>>,
    /// Highest sane decimal price (default 1000).
    pub max_price: Option<Option<f64>>,
    /// Lowest sane bookmaker overround (fraction, default -0.05).
    pub min_overround: Option<Option<f64>>,
    /// Highest sane bookmaker overround (fraction, default 0.30).
    pub max_overround: Option<Option<f64>>,
}

record!(defaults BoardConfig = core::BoardConfig { reference, max_age_seconds, min_price, max_price, min_overround, max_overround });

/// Agent A's thresholds. Every field is optional.
#[napi(object)]
pub struct AnomalyConfig {
    /// De-vig method for the fair probabilities (default multiplicative).
    #[napi(ts_type = "DevigMethod")]
    pub method: Option<Option<JsString>>,
    /// Smallest edge reported (fraction, default 0.02).
    pub min_edge: Option<Option<f64>>,
    /// Fewest bookmakers quoting the market (default 3).
    pub min_books: Option<Option<f64>>,
    /// Scale floor of the robust z-score (default 0.005).
    pub z_floor: Option<Option<f64>>,
}

record!(defaults AnomalyConfig = core::AnomalyConfig { method, min_edge, min_books, z_floor });

/// Agent B's thresholds. Every field is optional.
#[napi(object)]
pub struct SpreadConfig {
    /// De-vig method for the fair probabilities (default multiplicative).
    #[napi(ts_type = "DevigMethod")]
    pub method: Option<Option<JsString>>,
    /// Smallest edge of a best price reported as an opportunity (default 0.02).
    pub min_edge: Option<Option<f64>>,
    /// Fewest bookmakers quoting a market for it to be reported (default 2).
    pub min_books: Option<Option<f64>>,
    /// Scale floor of the robust z-score (default 0.005).
    pub z_floor: Option<Option<f64>>,
    /// Money to spread over an arbitrage's legs (default "100").
    pub outlay: Option<Option<JsString>>,
}

record!(defaults SpreadConfig = core::SpreadConfig { method, min_edge, min_books, z_floor, outlay });

/// Agent C's thresholds. Every field is optional.
#[napi(object)]
pub struct MovementConfig {
    /// De-vig method for the fair probabilities (default multiplicative).
    #[napi(ts_type = "DevigMethod")]
    pub method: Option<Option<JsString>>,
    /// The window in seconds (default 21,600: 6 hours).
    pub window_seconds: Option<Option<f64>>,
    /// Smallest shortening that counts as a move (fraction, default 0.03).
    pub min_shortening: Option<Option<f64>>,
    /// Fewest bookmakers moving together for a steam move (default 3).
    pub min_books: Option<Option<f64>>,
    /// Smallest edge of a stale price reported as an opportunity (default 0.02).
    pub min_edge: Option<Option<f64>>,
    /// Scale floor of the robust z-score (default 0.005).
    pub z_floor: Option<Option<f64>>,
}

record!(defaults MovementConfig = core::MovementConfig { method, window_seconds, min_shortening, min_books, min_edge, z_floor });

/// The consensus' weights and thresholds. Every field is optional.
#[napi(object)]
pub struct ConsensusConfig {
    /// Edge giving a full vote (fraction, default 0.10).
    pub edge_scale: Option<Option<f64>>,
    /// Robust z giving a full anomaly z vote (default 3).
    pub z_scale: Option<Option<f64>>,
    /// Shrinkage constant of the weights, in bets (default 50).
    pub shrinkage: Option<Option<f64>>,
    /// Weight change per unit of shrunk CLV (default 20).
    pub clv_sensitivity: Option<Option<f64>>,
    /// Largest weight (default 3).
    pub max_weight: Option<Option<f64>>,
    /// Smallest score labelled `analyser` (default 50).
    pub min_score: Option<Option<f64>>,
    /// Smallest edge labelled `analyser` (fraction, default 0.03).
    pub min_edge: Option<Option<f64>>,
}

record!(defaults ConsensusConfig = core::ConsensusConfig { edge_scale, z_scale, shrinkage, clv_sensitivity, max_weight, min_score, min_edge });

/// A quote on the board.
#[napi(object)]
pub struct Quote {
    /// The event's identifier.
    pub event_id: JsString,
    /// Bookmaker key.
    pub bookmaker: JsString,
    /// The market.
    #[napi(ts_type = "Market")]
    pub market: JsString,
    /// The selection's line (absent for h2h and draw no bet).
    pub line: Option<Option<JsString>>,
    /// The selection.
    #[napi(ts_type = "Selection")]
    pub selection: JsString,
    /// Decimal price as quoted.
    pub price: JsString,
    /// When it was captured.
    pub captured_at: Date,
}

record!(output Quote = core::Quote { event_id, bookmaker, market, line, selection, price, captured_at });

/// Arbitrage stakes over a market's best prices (decimal strings).
#[napi(object)]
pub struct Stakes {
    /// Stake per outcome, rounded to the cent.
    pub stakes: Vec<JsString>,
    /// What each outcome pays back if it wins.
    pub payouts: Vec<JsString>,
    /// Sum of the rounded stakes.
    pub outlay: JsString,
    /// Guaranteed profit after rounding: `min(payouts) - outlay` (> 0).
    pub profit: JsString,
    /// Arbitrage margin before rounding: `1 - sum(1 / price)` (fraction, > 0).
    pub margin: f64,
}

record!(output Stakes = core::Stakes { stakes, payouts, outlay, profit, margin });

/// Best and worst price of one selection across bookmakers.
#[napi(object)]
pub struct SelectionSpread {
    /// The selection.
    #[napi(ts_type = "Selection")]
    pub selection: JsString,
    /// Its line.
    pub line: Option<Option<JsString>>,
    /// Highest price.
    pub best_price: JsString,
    /// Who offers it.
    pub best_bookmaker: JsString,
    /// Lowest price.
    pub worst_price: JsString,
    /// Who offers it.
    pub worst_bookmaker: JsString,
    /// `best / worst - 1` (fraction, >= 0).
    pub spread: f64,
}

record!(output SelectionSpread = core::SelectionSpread { selection, line, best_price, best_bookmaker, worst_price, worst_bookmaker, spread });

/// One leg of an arbitrage.
#[napi(object)]
pub struct ArbitrageLeg {
    /// The selection backed.
    #[napi(ts_type = "Selection")]
    pub selection: JsString,
    /// Its line.
    pub line: Option<Option<JsString>>,
    /// Where.
    pub bookmaker: JsString,
    /// At what price.
    pub price: JsString,
    /// Stake, rounded to the cent.
    pub stake: JsString,
    /// Payout if this selection wins.
    pub payout: JsString,
}

record!(output ArbitrageLeg = core::ArbitrageLeg { selection, line, bookmaker, price, stake, payout });

/// An arbitrage over a market's best prices.
#[napi(object)]
pub struct Arbitrage {
    /// One leg per selection.
    pub legs: Vec<ArbitrageLeg>,
    /// Sum of the rounded stakes.
    pub outlay: JsString,
    /// Guaranteed profit after rounding (> 0).
    pub profit: JsString,
    /// `1 - sum(1 / best price)` (fraction).
    pub margin: f64,
}

record!(output Arbitrage = core::Arbitrage { legs, outlay, profit, margin });

/// Agent B's report on one market.
#[napi(object)]
pub struct SpreadReport {
    /// The event's identifier.
    pub event_id: JsString,
    /// The market.
    #[napi(ts_type = "Market")]
    pub market: JsString,
    /// The market's line (for spreads: the home side's handicap).
    pub line: Option<Option<JsString>>,
    /// Bookmakers with a usable quote.
    pub books: f64,
    /// Per selection, in market order.
    pub selections: Vec<SelectionSpread>,
    /// `sum(1 / best price) - 1` (fraction; negative means arbitrage).
    pub best_overround: f64,
    /// The arbitrage, when the best prices allow one that survives rounding.
    pub arbitrage: Option<Option<Arbitrage>>,
    /// The board instant.
    pub detected_at: Date,
}

record!(output SpreadReport = core::SpreadReport { event_id, market, line, books, selections, best_overround, arbitrage, detected_at });

/// Agent B's findings.
#[napi(object)]
pub struct Spreads {
    /// One report per market quoted by at least `minBooks` bookmakers.
    pub reports: Vec<SpreadReport>,
    /// Best prices with `edge >= minEdge`.
    pub opportunities: Vec<Opportunity>,
}

record!(output Spreads = core::Spreads { reports, opportunities });

/// An existing position on one outcome of a market.
#[napi(object)]
pub struct Position {
    /// Index of the outcome backed.
    pub outcome: f64,
    /// Stake (> 0), a decimal string.
    pub stake: JsString,
    /// Decimal odds taken (> 1), a decimal string.
    pub odds: JsString,
}

record!(input Position = core::Position { outcome, stake, odds });

/// Hedge stakes that level existing positions (decimal strings).
#[napi(object)]
pub struct Hedge {
    /// Hedge stake per outcome, rounded to the cent ("0" where none is needed).
    pub stakes: Vec<JsString>,
    /// Sum of the hedge stakes.
    pub outlay: JsString,
    /// Final result per outcome, positions and hedge included.
    pub results: Vec<JsString>,
    /// The smallest result: what is guaranteed.
    pub guaranteed: JsString,
    /// The largest result.
    pub best: JsString,
}

record!(output Hedge = core::Hedge { stakes, outlay, results, guaranteed, best });

/// Opening and current price of one bookmaker's selection.
#[napi(object)]
pub struct SeriesSummary {
    /// The event's identifier.
    pub event_id: JsString,
    /// Bookmaker key.
    pub bookmaker: JsString,
    /// The market.
    #[napi(ts_type = "Market")]
    pub market: JsString,
    /// The selection's line.
    pub line: Option<Option<JsString>>,
    /// The selection.
    #[napi(ts_type = "Selection")]
    pub selection: JsString,
    /// First price captured.
    pub opening_price: JsString,
    /// When.
    pub opened_at: Date,
    /// Last price captured at or before the board instant.
    pub current_price: JsString,
    /// When.
    pub updated_at: Date,
    /// `current / opening - 1` (fraction; negative when the price shortened).
    pub drift: f64,
    /// Drift per hour between the opening and current captures.
    pub speed: f64,
    /// Number of captures up to the board instant.
    pub quotes: f64,
}

record!(output SeriesSummary = core::SeriesSummary { event_id, bookmaker, market, line, selection, opening_price, opened_at, current_price, updated_at, drift, speed, quotes });

/// Several bookmakers shortening the same selection within the window.
#[napi(object)]
pub struct SteamMove {
    /// The event's identifier.
    pub event_id: JsString,
    /// The market.
    #[napi(ts_type = "Market")]
    pub market: JsString,
    /// The selection's line.
    pub line: Option<Option<JsString>>,
    /// The selection whose price shortened.
    #[napi(ts_type = "Selection")]
    pub selection: JsString,
    /// Bookmakers whose price shortened by at least `minShortening`, in name order.
    pub bookmakers: Vec<JsString>,
    /// Their mean shortening (fraction).
    pub average_shortening: f64,
    /// Whether the reference bookmaker is among them.
    pub reference_moved: bool,
    /// Start of the window.
    pub window_start: Date,
    /// The board instant.
    pub detected_at: Date,
}

record!(both SteamMove = core::SteamMove { event_id, market, line, selection, bookmakers, average_shortening, reference_moved, window_start, detected_at });

/// Agent C's findings.
#[napi(object)]
pub struct Movements {
    /// Steam moves, ordered by event, market, line and selection.
    pub steam: Vec<SteamMove>,
    /// Stale prices left behind by a steam or sharp move.
    pub opportunities: Vec<Opportunity>,
}

record!(output Movements = core::Movements { steam, opportunities });

/// An agent's track record: past bets with a closing line and their average CLV.
#[napi(object)]
pub struct AgentRecord {
    /// The agent.
    #[napi(ts_type = "AgentName")]
    pub agent: JsString,
    /// Past bets whose closing line is known.
    pub bets: f64,
    /// Their average closing line value (fraction).
    pub average_clv: f64,
}

record!(both AgentRecord = core::AgentRecord { agent, bets, average_clv });

/// An opportunity scored by the consensus.
#[napi(object)]
pub struct Scored {
    /// The best-edge opportunity of the group, with `agent` set to `consensus`.
    pub opportunity: Opportunity,
    /// The score, 0 to 100.
    pub score: f64,
    /// The advice.
    #[napi(ts_type = "Label")]
    pub label: JsString,
    /// The agents that agree.
    #[napi(ts_type = "AgentName[]")]
    pub agents: Vec<JsString>,
}

record!(output Scored = core::Scored { opportunity, score, label, agents });

/// One row of the comparison table of agents.
#[napi(object)]
pub struct AgentFigures {
    /// The bets' source ("anomaly", "manual"...).
    pub agent: JsString,
    /// Number of bets, pending ones included.
    pub bets: f64,
    /// Profit of the settled bets.
    pub profit: JsString,
    /// profit / staked over settled bets; absent without a settled bet.
    pub roi: Option<Option<f64>>,
    /// Mean / standard deviation of the per-bet returns; absent when undefined.
    pub sharpe: Option<Option<f64>>,
    /// Wins / (wins + losses); absent without a win or a loss.
    pub win_rate: Option<Option<f64>>,
    /// Average closing line value; absent without closing lines.
    pub average_clv: Option<Option<f64>>,
    /// Share of the bets with a closing line that beat it.
    pub beat_close_share: Option<Option<f64>>,
    /// Largest fall of the bankroll from a peak, as a fraction of the peak.
    pub max_drawdown: f64,
    /// The same fall in money.
    pub max_drawdown_amount: JsString,
}

record!(output AgentFigures = core::AgentFigures { agent, bets, profit, roi, sharpe, win_rate, average_clv, beat_close_share, max_drawdown, max_drawdown_amount });

/// The final score of one event.
#[napi(object)]
pub struct ResultRecord {
    /// The event's identifier.
    pub event_id: JsString,
    /// How it ended.
    pub result: EventResult,
}

record!(both ResultRecord = core::ResultRecord { event_id, result });

/// What to backtest and how. Every field is optional.
#[napi(object)]
pub struct BacktestConfig {
    /// Strategies run side by side, each with its own bankroll (default: anomaly,
    /// spread, movement, consensus).
    #[napi(ts_type = "AgentName[]")]
    pub strategies: Option<Option<Vec<JsString>>>,
    /// Stake sizing (default flat).
    #[napi(ts_type = "Staking")]
    pub staking: Option<Option<JsString>>,
    /// Flat stake (default "10").
    pub flat_stake: Option<Option<JsString>>,
    /// Kelly policy when `staking` is `kelly`.
    pub kelly: Option<Option<KellyPolicy>>,
    /// Starting bankroll of each strategy (default "1000").
    pub starting_bankroll: Option<Option<JsString>>,
    /// Bets per (event, market, line, selection) and strategy (default 1).
    pub max_bets_per_selection: Option<Option<f64>>,
    /// Results are known this many seconds after kickoff (default 10,800).
    pub settle_after_seconds: Option<Option<f64>>,
    /// Which quotes are on the board.
    pub board: Option<Option<BoardConfig>>,
    /// Agent A's thresholds.
    pub anomaly: Option<Option<AnomalyConfig>>,
    /// Agent B's thresholds.
    pub spread: Option<Option<SpreadConfig>>,
    /// Agent C's thresholds.
    pub movement: Option<Option<MovementConfig>>,
    /// The consensus' weights and thresholds.
    pub consensus: Option<Option<ConsensusConfig>>,
}

record!(defaults BacktestConfig = core::BacktestConfig { strategies, staking, flat_stake, kelly, starting_bankroll, max_bets_per_selection, settle_after_seconds, board, anomaly, spread, movement, consensus }
    nested { kelly: KellyPolicy, board: BoardConfig, anomaly: AnomalyConfig, spread: SpreadConfig, movement: MovementConfig, consensus: ConsensusConfig });

/// One strategy's run.
#[napi(object)]
pub struct StrategyRun {
    /// The strategy.
    #[napi(ts_type = "AgentName")]
    pub strategy: JsString,
    /// Its bets, in the order they were placed.
    pub bets: Vec<Bet>,
    /// Its figures (bankroll curve, ROI, Sharpe, drawdown, CLV...).
    pub performance: Performance,
}

record!(output StrategyRun = core::StrategyRun { strategy, bets, performance });

/// A backtest: one run per strategy and their comparison.
#[napi(object)]
pub struct Backtest {
    /// One run per strategy, in the configured order.
    pub runs: Vec<StrategyRun>,
    /// The comparison table of the strategies' bets.
    pub agents: Vec<AgentFigures>,
    /// Snapshots replayed.
    pub snapshots: f64,
    /// Decision instants (distinct capture instants).
    pub decisions: f64,
}

record!(output Backtest = core::Backtest { runs, agents, snapshots, decisions });

/// What the generator produces. Every field is optional.
#[napi(object)]
pub struct GeneratorConfig {
    /// Seed of the random stream (default 1): the same config always gives the same
    /// output.
    pub seed: Option<Option<f64>>,
    /// League key of the events (default "soccer_epl").
    pub league: Option<Option<JsString>>,
    /// Number of events (default 380).
    pub events: Option<Option<f64>>,
    /// Events per week (default 10).
    pub events_per_week: Option<Option<f64>>,
    /// Bookmakers, the reference included (default 10).
    pub bookmakers: Option<Option<f64>>,
    /// First day of the season (default 2024-08-16).
    pub start: Option<Option<Date>>,
    /// Days before kickoff when prices are first quoted (default 7).
    pub days_open: Option<Option<f64>>,
    /// Hours of the daily polls, UTC (default 10, 14, 18).
    pub poll_hours: Option<Option<Vec<f64>>>,
    /// Totals lines quoted, half lines as decimal strings (default ["2.5"]).
    pub totals_lines: Option<Option<Vec<JsString>>>,
    /// Margin of the reference bookmaker (default 0.025).
    pub reference_margin: Option<Option<f64>>,
    /// Smallest margin of a soft bookmaker (default 0.05).
    pub min_margin: Option<Option<f64>>,
    /// Largest margin of a soft bookmaker (default 0.09).
    pub max_margin: Option<Option<f64>>,
    /// Noise of the reference's log-probabilities (default 0.005).
    pub reference_noise: Option<Option<f64>>,
    /// Noise of the soft bookmakers' log-probabilities (default 0.008).
    pub noise: Option<Option<f64>>,
    /// Number of injected anomalies (default 0).
    pub anomalies: Option<Option<f64>>,
    /// Edge of an injected anomaly (default 0.10).
    pub anomaly_edge: Option<Option<f64>>,
    /// Number of injected arbitrages (default 0).
    pub arbitrages: Option<Option<f64>>,
    /// Margin of an injected arbitrage (default 0.02).
    pub arbitrage_margin: Option<Option<f64>>,
    /// Number of injected steam moves (default 0).
    pub steam_moves: Option<Option<f64>>,
    /// Relative change of the home goal rate in a steam move (default 0.25).
    pub steam_shift: Option<Option<f64>>,
}

record!(defaults GeneratorConfig = core::GeneratorConfig { seed, league, events, events_per_week, bookmakers, start, days_open, poll_hours, totals_lines, reference_margin, min_margin, max_margin, reference_noise, noise, anomalies, anomaly_edge, arbitrages, arbitrage_margin, steam_moves, steam_shift });

/// A case injected by the generator.
#[napi(object)]
pub struct Injection {
    /// What was injected.
    #[napi(ts_type = "InjectionKind")]
    pub kind: JsString,
    /// The event.
    pub event_id: JsString,
    /// The market.
    #[napi(ts_type = "Market")]
    pub market: JsString,
    /// The selection's line.
    pub line: Option<Option<JsString>>,
    /// The selection concerned.
    #[napi(ts_type = "Selection")]
    pub selection: JsString,
    /// The bookmaker whose price was set (anomaly, arbitrage); absent for moves.
    pub bookmaker: Option<Option<JsString>>,
    /// The poll instant at which the case is on the board.
    pub at: Date,
}

record!(output Injection = core::Injection { kind, event_id, market, line, selection, bookmaker, at });

/// A generated season: events, bookmakers, snapshots, results and injected cases.
#[napi(object)]
pub struct Generated {
    /// The events, in kickoff order.
    pub events: Vec<Event>,
    /// The bookmakers, the reference first.
    pub bookmakers: Vec<JsString>,
    /// Every snapshot, in capture order.
    pub snapshots: Vec<PriceSnapshot>,
    /// The final score of every event.
    pub results: Vec<ResultRecord>,
    /// The injected cases, by event.
    pub injected: Vec<Injection>,
}

record!(output Generated = core::Generated { events, bookmakers, snapshots, results, injected });

/// What a `History` or a `Board` object holds. Both classes are `#[repr(C)]` wrappers of this
/// one type: napi hands a method the object it is called on (and a function its class
/// arguments) by unwrapping it without checking its class (`Board.prototype.quotes.call(h)`
/// with a `History` `h`), so each class reads the other's objects as a valid value of its own
/// type, whose variant says what it is: a method called on the wrong object throws
/// `InvalidRecord` instead of reading one type's memory as another's.
#[derive(Clone)]
enum Handle {
    History(core::History),
    Board(core::Board),
}

/// `InvalidRecord`: `what` is not a `History`/`Board` (naming what it is instead).
fn not_a(what: &'static str, handle: &Handle) -> napi::Error<crate::errors::Code> {
    let got = match handle {
        Handle::History(_) => "a History",
        Handle::Board(_) => "a Board",
    };
    crate::errors::to_js(edgecore::Error::invalid_record(
        what,
        format!("must be a {what}, got {got}"),
    ))
}

/// Price snapshots indexed once for replay: interned events, bookmakers and markets, ticks
/// in capture order (the core's `History`). Build it once and pass it to `Board.at`,
/// `new Board`, `boardQuotes` and `backtest` instead of the snapshots: each of those then
/// skips reading and indexing them again. Immutable and cheap to share (a clone is a
/// reference count). Throws the snapshots' errors (`InvalidOdds`, `InvalidLine`,
/// `InvalidSelection`, `InvalidRecord`).
#[napi]
#[derive(Clone)]
#[repr(C)]
pub struct History(Handle);

impl History {
    /// The core history (`InvalidRecord` when the object is not a `History`).
    fn get(&self) -> Result<&core::History> {
        match &self.0 {
            Handle::History(history) => Ok(history),
            other => Err(not_a("History", other)),
        }
    }

    /// A new `History` object's value.
    fn of(history: core::History) -> History {
        History(Handle::History(history))
    }
}

#[napi]
impl History {
    /// Indexes `snapshots` (`PriceSnapshot` records, in any order).
    #[napi(constructor, catch_unwind)]
    pub fn new(
        #[napi(ts_arg_type = "PriceSnapshot[]")] snapshots: Input<Vec<PriceSnapshot>>,
    ) -> Result<History> {
        let snapshots: Vec<edgecore::PriceSnapshot> =
            read(snapshots, "price snapshot", "snapshots")?;
        core::History::new(&snapshots).map(History::of).or_throw()
    }

    /// The history of the snapshots held followed by `snapshots`: the same as
    /// `new History([...held, ...snapshots])` (snapshots captured at the same instant keep
    /// that order, the held ones first), without indexing the held ones again. A new
    /// history: this one is unchanged. Throws as the constructor, on the new snapshots.
    #[napi(catch_unwind)]
    pub fn extend(
        &self,
        #[napi(ts_arg_type = "PriceSnapshot[]")] snapshots: Input<Vec<PriceSnapshot>>,
    ) -> Result<History> {
        let snapshots: Vec<edgecore::PriceSnapshot> =
            read(snapshots, "price snapshot", "snapshots")?;
        self.get()?.extend(&snapshots).map(History::of).or_throw()
    }

    /// The number of snapshots held.
    #[napi(getter)]
    pub fn length(&self) -> Result<f64> {
        Ok(self.get()?.len().to_js())
    }

    /// The event identifiers, in order of first appearance.
    #[napi(getter)]
    pub fn events(&self) -> Result<Vec<String>> {
        Ok(self.get()?.events().to_vec())
    }

    /// The bookmakers, in order of first appearance.
    #[napi(getter)]
    pub fn bookmakers(&self) -> Result<Vec<String>> {
        Ok(self.get()?.bookmakers().to_vec())
    }

    /// The number of distinct (event, market, line) markets.
    #[napi(getter)]
    pub fn markets(&self) -> Result<f64> {
        Ok(self.get()?.markets().to_js())
    }

    /// The earliest capture instant; `null` when empty.
    #[napi(getter)]
    pub fn first_capture(&self) -> Result<Option<Date>> {
        Ok(self.get()?.first_capture().map(Date::instant))
    }

    /// The latest capture instant; `null` when empty.
    #[napi(getter)]
    pub fn last_capture(&self) -> Result<Option<Date>> {
        Ok(self.get()?.last_capture().map(Date::instant))
    }

    /// The snapshots held, in capture order, as `PriceSnapshot` records (instants to the
    /// microsecond, lines without trailing zeros): `new History(h.snapshots())` holds the
    /// same snapshots as `h`.
    #[napi(catch_unwind)]
    pub fn snapshots(&self) -> Result<Vec<PriceSnapshot>> {
        Ok(self.get()?.snapshots().to_js())
    }
}

/// The history argument: a `History` (shared, not read again) or `PriceSnapshot[]`.
type HistoryOr = ClassOr<History, Vec<PriceSnapshot>>;

/// The core history of a `History` or a list of snapshots.
fn history(value: HistoryOr) -> Result<core::History> {
    match value {
        ClassOr::Class(history) => history.get().cloned(),
        ClassOr::Other(snapshots) => {
            let snapshots: Vec<edgecore::PriceSnapshot> =
                read(snapshots, "price snapshot", "snapshots")?;
            core::History::new(&snapshots).or_throw()
        }
    }
}

impl ToJs for core::BoardConfig {
    type Js = BoardConfig;
    fn to_js(self) -> BoardConfig {
        let core::BoardConfig {
            reference,
            max_age_seconds,
            min_price,
            max_price,
            min_overround,
            max_overround,
        } = self;
        BoardConfig {
            reference: Some(Some(reference.into())),
            max_age_seconds: Some(Some(max_age_seconds.to_js())),
            min_price: Some(Some(min_price)),
            max_price: Some(Some(max_price)),
            min_overround: Some(Some(min_overround)),
            max_overround: Some(Some(max_overround)),
        }
    }
}

/// The market board as of an instant: each bookmaker's latest sane, fresh quote of every
/// market, what the agents read (`findAnomalies`, `scanSpreads`, `findMovements`,
/// `priceSeries`). Keep it and `advance` it as time passes instead of rebuilding it for
/// each call: moving forward applies only the snapshots captured in between. Throws
/// `InvalidParameter` (configuration, `asOf` not a valid `Date`) and the snapshots' errors.
#[napi]
#[repr(C)]
pub struct Board(Handle);

impl Board {
    /// The core board (`InvalidRecord` when the object is not a `Board`).
    fn get(&self) -> Result<&core::Board> {
        match &self.0 {
            Handle::Board(board) => Ok(board),
            other => Err(not_a("Board", other)),
        }
    }

    /// [`Board::get`], to move it.
    fn get_mut(&mut self) -> Result<&mut core::Board> {
        match &mut self.0 {
            Handle::Board(board) => Ok(board),
            other => Err(not_a("Board", other)),
        }
    }
}

#[napi]
impl Board {
    /// The board of `snapshots` (a `History` or `PriceSnapshot[]`) as of `asOf` under
    /// `config` (default configuration when absent).
    #[napi(constructor, catch_unwind)]
    pub fn new(
        #[napi(ts_arg_type = "History | PriceSnapshot[]")] snapshots: HistoryOr,
        as_of: Date,
        #[napi(ts_arg_type = "BoardConfig")] config: Option<Config<BoardConfig>>,
    ) -> Result<Board> {
        let as_of = instant("asOf", as_of)?;
        let config: core::BoardConfig = read_or_default(config, "board config", "config")?;
        core::Board::at(&history(snapshots)?, as_of, &config)
            .map(|board| Board(Handle::Board(board)))
            .or_throw()
    }

    /// The board of `history` as of `asOf` (snapshots captured after it are not seen): the
    /// same as `new Board(history, asOf, config)`.
    #[napi(factory, catch_unwind)]
    pub fn at(
        #[napi(ts_arg_type = "History | PriceSnapshot[]")] history: HistoryOr,
        as_of: Date,
        #[napi(ts_arg_type = "BoardConfig")] config: Option<Config<BoardConfig>>,
    ) -> Result<Board> {
        Board::new(history, as_of, config)
    }

    /// Moves the board forward to `to`, taking in the snapshots captured up to it. Throws
    /// `InvalidParameter` when `to` is before the board's instant (the board is unchanged).
    #[napi(catch_unwind)]
    pub fn advance(&mut self, to: Date) -> Result<()> {
        let to = instant("to", to)?;
        self.get_mut()?.advance(to).or_throw()
    }

    /// The board's instant.
    #[napi(getter)]
    pub fn as_of(&self) -> Result<Date> {
        Ok(Date::instant(self.get()?.as_of()))
    }

    /// The board's configuration, every field present.
    #[napi(getter)]
    pub fn config(&self) -> Result<BoardConfig> {
        Ok(self.get()?.config().clone().to_js())
    }

    /// The history the board reads (shared, not copied).
    #[napi(getter)]
    pub fn history(&self) -> Result<History> {
        Ok(History::of(self.get()?.history().clone()))
    }

    /// Every quote on the board, as `Quote` records.
    #[napi(catch_unwind)]
    pub fn quotes(&self) -> Result<Vec<Quote>> {
        Ok(self.get()?.quotes().to_js())
    }

    /// A board of its own at the same instant (advancing one does not move the other); the
    /// history is shared, as it is immutable.
    #[napi(catch_unwind)]
    pub fn copy(&self) -> Result<Board> {
        Ok(Board(Handle::Board(self.get()?.clone())))
    }
}

/// The quotes on the board: the latest sane, fresh price per (event, market, line,
/// bookmaker, selection) among `snapshots` (a `History` or `PriceSnapshot[]`) as of `asOf`;
/// the same as `new Board(snapshots, asOf, config).quotes()`. Throws `InvalidParameter`
/// for an invalid board configuration.
#[napi(catch_unwind)]
pub fn board_quotes(
    #[napi(ts_arg_type = "History | PriceSnapshot[]")] snapshots: HistoryOr,
    as_of: Date,
    #[napi(ts_arg_type = "BoardConfig")] config: Option<Config<BoardConfig>>,
) -> Result<Vec<Quote>> {
    Board::new(snapshots, as_of, config)?.quotes()
}

/// Agent A: prices out of line with the fair probabilities of the market on `board` (edge
/// against the reference bookmaker or the median of all books, robust z-score). Throws
/// `InvalidParameter` (configuration) and de-vig errors.
#[napi(catch_unwind)]
pub fn find_anomalies(
    board: &Board,
    #[napi(ts_arg_type = "AnomalyConfig")] config: Option<Config<AnomalyConfig>>,
) -> Result<Vec<Opportunity>> {
    let config: core::AnomalyConfig = read_or_default(config, "anomaly config", "config")?;
    core::find_anomalies(board.get()?, &config)
        .map(ToJs::to_js)
        .or_throw()
}

/// Agent B: best and worst price per selection on `board`, spread, best-line overround,
/// arbitrage with stakes rounded to the cent, and best prices with an edge.
#[napi(catch_unwind)]
pub fn scan_spreads(
    board: &Board,
    #[napi(ts_arg_type = "SpreadConfig")] config: Option<Config<SpreadConfig>>,
) -> Result<Spreads> {
    let config: core::SpreadConfig = read_or_default(config, "spread config", "config")?;
    core::scan_spreads(board.get()?, &config)
        .map(ToJs::to_js)
        .or_throw()
}

/// Agent C: steam moves on `board` (several bookmakers shortening the same selection
/// within the window) and the stale prices they leave behind.
#[napi(catch_unwind)]
pub fn find_movements(
    board: &Board,
    #[napi(ts_arg_type = "MovementConfig")] config: Option<Config<MovementConfig>>,
) -> Result<Movements> {
    let config: core::MovementConfig = read_or_default(config, "movement config", "config")?;
    core::find_movements(board.get()?, &config)
        .map(ToJs::to_js)
        .or_throw()
}

/// Opening and current price, drift and speed of every series on `board`.
#[napi(catch_unwind)]
pub fn price_series(board: &Board) -> Result<Vec<SeriesSummary>> {
    Ok(core::price_series(board.get()?).to_js())
}

/// Arbitrage stakes over `prices` (decimal strings) for an `outlay`: each stake
/// `outlay x (1 / price_i) / sum(1 / price)` rounded to the cent; `null` when there is no
/// arbitrage that survives rounding. [2.10, 2.05] with 100 gives 49.40 / 50.60 and a
/// profit of 3.73. Throws `EmptyMarket`, `InvalidOdds`, `InvalidAmount`.
#[napi(catch_unwind)]
pub fn arbitrage(prices: Vec<JsString>, outlay: JsString) -> Result<Option<Stakes>> {
    let prices = crate::convert::amounts("prices", prices)?;
    core::arbitrage(&prices, amount("outlay", outlay)?)
        .map(|a| a.map(ToJs::to_js))
        .or_throw()
}

/// Hedge stakes at the current `prices` (decimal strings) that level the results of
/// existing `positions`, within `maxOutlay` if given. Throws `EmptyMarket`, `InvalidOdds`,
/// `InvalidAmount`, `InvalidParameter` (an outcome index out of range).
#[napi(catch_unwind)]
pub fn hedge(
    #[napi(ts_arg_type = "Position[]")] positions: Input<Vec<Position>>,
    prices: Vec<JsString>,
    max_outlay: Option<JsString>,
) -> Result<Hedge> {
    let positions: Vec<core::Position> = read(positions, "position", "positions")?;
    let prices = crate::convert::amounts("prices", prices)?;
    let max_outlay = max_outlay.map(|m| amount("maxOutlay", m)).transpose()?;
    core::hedge(&positions, &prices, max_outlay)
        .map(ToJs::to_js)
        .or_throw()
}

/// Robust z-score of `value` against `others`: `(value - median) / max(1.4826 MAD,
/// floor)`; 0 with no other value. Throws `InvalidParameter` (a value that is not finite, a
/// floor not finite and > 0).
#[napi(catch_unwind)]
pub fn robust_z(
    value: f64,
    #[napi(ts_arg_type = "Float64Array | number[]")] others: Input<Column>,
    floor: f64,
) -> Result<f64> {
    core::robust_z(value, column(&others, "others")?, floor).or_throw()
}

/// The consensus: a 0-100 score per selection from the agents that agree (anomaly,
/// spread, movement opportunities and steam moves), weighted by their past CLV (`records`).
#[napi(catch_unwind)]
pub fn consensus(
    #[napi(ts_arg_type = "Opportunity[]")] opportunities: Input<Vec<Opportunity>>,
    #[napi(ts_arg_type = "SteamMove[]")] steam: Input<Vec<SteamMove>>,
    #[napi(ts_arg_type = "AgentRecord[]")] records: Input<Vec<AgentRecord>>,
    #[napi(ts_arg_type = "ConsensusConfig")] config: Option<Config<ConsensusConfig>>,
) -> Result<Vec<Scored>> {
    let config: core::ConsensusConfig = read_or_default(config, "consensus config", "config")?;
    let opportunities: Vec<core::Opportunity> =
        read(opportunities, "opportunity", "opportunities")?;
    let steam: Vec<core::SteamMove> = read(steam, "steam move", "steam")?;
    let records: Vec<core::AgentRecord> = read(records, "agent record", "records")?;
    core::consensus(&opportunities, &steam, &records, &config)
        .map(ToJs::to_js)
        .or_throw()
}

/// The comparison table of agents: the figures of the bets of each `source`.
#[napi(catch_unwind)]
pub fn compare_agents(
    #[napi(ts_arg_type = "Bet[]")] bets: Input<Vec<Bet>>,
    starting_bankroll: JsString,
) -> Result<Vec<AgentFigures>> {
    let bets: Vec<edgecore::Bet> = read(bets, "bet", "bets")?;
    core::compare_agents(&bets, amount("startingBankroll", starting_bankroll)?)
        .map(ToJs::to_js)
        .or_throw()
}

/// Each agent's track record from past bets (their `source`): bets with a closing line
/// and their average CLV, the input of the consensus' weights.
#[napi(catch_unwind)]
pub fn agent_records(
    #[napi(ts_arg_type = "Bet[]")] bets: Input<Vec<Bet>>,
) -> Result<Vec<AgentRecord>> {
    let bets: Vec<edgecore::Bet> = read(bets, "bet", "bets")?;
    core::agent_records(&bets).map(ToJs::to_js).or_throw()
}

/// A seeded, realistic season of snapshots with injected anomalies, arbitrages and steam
/// moves whose positions are known. Throws `InvalidParameter` for an invalid configuration.
#[napi(catch_unwind)]
pub fn generate(
    #[napi(ts_arg_type = "GeneratorConfig")] config: Option<Config<GeneratorConfig>>,
) -> Result<Generated> {
    let config: core::GeneratorConfig = read_or_default(config, "generator config", "config")?;
    core::generate(&config).map(ToJs::to_js).or_throw()
}

/// The inputs of a backtest, read on the main thread (the history is built by the core
/// call, off the main thread for the async form).
fn backtest_inputs(
    snapshots: HistoryOr,
    events: Input<Vec<Event>>,
    results: Input<Vec<ResultRecord>>,
    config: Option<Config<BacktestConfig>>,
) -> Result<BacktestInputs> {
    let config: core::BacktestConfig = read_or_default(config, "backtest config", "config")?;
    Ok(BacktestInputs {
        history: match snapshots {
            ClassOr::Class(history) => Replayed::Indexed(history.get()?.clone()),
            ClassOr::Other(snapshots) => {
                Replayed::Snapshots(read(snapshots, "price snapshot", "snapshots")?)
            }
        },
        events: read(events, "event", "events")?,
        results: read(results, "result record", "results")?,
        config,
    })
}

/// The history a backtest replays: a `History` already indexed, or the snapshots to index
/// (off the main thread for the async form).
enum Replayed {
    Indexed(core::History),
    Snapshots(Vec<edgecore::PriceSnapshot>),
}

/// What `backtest` replays.
struct BacktestInputs {
    history: Replayed,
    events: Vec<edgecore::Event>,
    results: Vec<core::ResultRecord>,
    config: core::BacktestConfig,
}

impl BacktestInputs {
    /// Runs the core backtest, reporting to `progress`.
    fn run(self, progress: Option<core::ProgressFn>) -> edgecore::Result<core::Backtest> {
        let history = match self.history {
            Replayed::Indexed(history) => history,
            Replayed::Snapshots(snapshots) => core::History::new(&snapshots)?,
        };
        core::backtest(
            &history,
            &self.events,
            &self.results,
            &self.config,
            progress,
        )
    }
}

/// Replays `snapshots` without look-ahead: at each capture instant every strategy bets what
/// its agent proposes on the board of that instant; bets settle from `results` once known.
/// Returns each strategy's bets and performance and the comparison of strategies. Can take
/// seconds on a season: prefer `backtestAsync` on a server.
#[napi(catch_unwind)]
pub fn backtest(
    #[napi(ts_arg_type = "History | PriceSnapshot[]")] snapshots: HistoryOr,
    #[napi(ts_arg_type = "Event[]")] events: Input<Vec<Event>>,
    #[napi(ts_arg_type = "ResultRecord[]")] results: Input<Vec<ResultRecord>>,
    #[napi(ts_arg_type = "BacktestConfig")] config: Option<Config<BacktestConfig>>,
) -> Result<Backtest> {
    backtest_inputs(snapshots, events, results, config)?
        .run(None)
        .map(ToJs::to_js)
        .or_throw()
}

/// `backtest` off the main thread: resolves to the same result or rejects with the same
/// error; `onProgress(done, total)` counts decision instants.
#[napi(catch_unwind, ts_return_type = "Promise<Backtest>")]
pub fn backtest_async(
    #[napi(ts_arg_type = "History | PriceSnapshot[]")] snapshots: HistoryOr,
    #[napi(ts_arg_type = "Event[]")] events: Input<Vec<Event>>,
    #[napi(ts_arg_type = "ResultRecord[]")] results: Input<Vec<ResultRecord>>,
    #[napi(ts_arg_type = "BacktestConfig")] config: Option<Config<BacktestConfig>>,
    #[napi(ts_arg_type = "(done: number, total: number) => void")] on_progress: Option<Progress>,
) -> Result<AsyncTask<Background<Backtest>>> {
    let inputs = backtest_inputs(snapshots, events, results, config)?;
    Ok(background(on_progress, move |report| {
        let mut progress = |done: usize, total: usize| report(done, total);
        inputs.run(Some(&mut progress)).map(ToJs::to_js)
    }))
}

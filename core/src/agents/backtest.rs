//! Agent D: replays a history and measures strategies, free of look-ahead.
//!
//! Snapshots are applied in capture order to one incremental [`Board`]. Every distinct
//! capture instant `t` is a decision instant: after applying the snapshots captured at `t`,
//! each market of an event not yet kicked off whose board may have changed (a new quote, a
//! quote turning stale, or the movement window sliding past a capture) is evaluated exactly
//! as [`find_anomalies`](super::find_anomalies), [`scan_spreads`](super::scan_spreads),
//! [`find_movements`](super::find_movements) and [`consensus`](super::consensus()) would on
//! the board at `t`; markets with no change keep the opportunities already considered. Each
//! strategy bets its best opportunity per selection (highest edge; ties: bookmaker name
//! order) at the offered price, at most `max_bets_per_selection` times per (event, market,
//! line, selection).
//!
//! Stakes are flat or Kelly ([`crate::kelly::kelly_stake`] on the cash available: starting
//! bankroll plus settled profits minus stakes still open, with the fair probability of the
//! opportunity); a bet that the cash cannot cover is skipped. A bet is settled with
//! [`crate::settle::settle`] once the replay passes kickoff plus `settle_after_seconds`
//! (every bet still open is settled at the end; a bet on an event without a result stays
//! pending). Its closing price is the reference bookmaker's last price captured strictly
//! before kickoff, and its closing probability that closing market de-vigged with the
//! anomaly agent's method. The consensus weighs the agents by the CLV of the bets they would
//! have proposed (their first opportunity per selection) on events already kicked off, so
//! it never uses the future either. Figures come from [`crate::stats::performance`].
//!
//! The replay is deterministic: the same inputs give the same bets.

use super::AgentName;
use super::anomaly::{AnomalyConfig, anomaly_market};
use super::board::{Board, BoardConfig, Candidate, View, column};
use super::consensus::{
    AgentFigures, AgentRecord, ConsensusConfig, Votes, compare_agents, label, weights,
};
use super::fair::{Scratch, fair};
use super::history::{History, instant, selection_line};
use super::movement::{MovementConfig, Steam, movement_market};
use super::spread::{SpreadConfig, spread_market};
use crate::bet::Bet;
use crate::check;
use crate::clv::clv;
use crate::devig::{DevigMethod, devig};
use crate::error::{Error, Result};
use crate::kelly::{KellyPolicy, kelly_stake};
use crate::market::{Event, EventResult, Selection};
use crate::money::to_f64;
use crate::names::named_enum;
use crate::settle::settle;
use crate::stats::{Performance, performance};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, HashSet};

/// The final result of one event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResultRecord {
    /// The event's identifier.
    pub event_id: String,
    /// How it ended.
    pub result: EventResult,
}

named_enum! {
    /// How a strategy sizes its bets.
    pub enum Staking ("staking") {
        /// The same stake every time (`flat_stake`).
        Flat = "flat",
        /// Fractional Kelly under a policy.
        Kelly = "kelly",
    }
}

/// What to replay and how to bet. Serialises with every field optional (defaults below).
///
/// An unknown field is refused (`InvalidRecord`): a misspelt key never falls back to its
/// default silently.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BacktestConfig {
    /// Strategies run side by side, each with its own bankroll (default: anomaly, spread,
    /// movement, consensus). At least one.
    pub strategies: Vec<AgentName>,
    /// Stake sizing (default flat).
    pub staking: Staking,
    /// Flat stake (default 10). Positive.
    pub flat_stake: Decimal,
    /// Kelly policy when `staking` is `kelly`.
    pub kelly: KellyPolicy,
    /// Starting bankroll of each strategy (default 1,000). Positive.
    pub starting_bankroll: Decimal,
    /// Bets per (event, market, line, selection) and strategy (default 1). At least 1.
    pub max_bets_per_selection: u32,
    /// Results are known this many seconds after kickoff (default 10,800: 3 hours). In
    /// [0, 3,153,600,000].
    pub settle_after_seconds: i64,
    /// Which quotes are on the board.
    pub board: BoardConfig,
    /// Agent A's thresholds.
    pub anomaly: AnomalyConfig,
    /// Agent B's thresholds.
    pub spread: SpreadConfig,
    /// Agent C's thresholds.
    pub movement: MovementConfig,
    /// The consensus' weights and thresholds.
    pub consensus: ConsensusConfig,
}

impl Default for BacktestConfig {
    fn default() -> Self {
        BacktestConfig {
            strategies: AgentName::ALL.to_vec(),
            staking: Staking::Flat,
            flat_stake: Decimal::TEN,
            kelly: KellyPolicy::default(),
            starting_bankroll: Decimal::ONE_THOUSAND,
            max_bets_per_selection: 1,
            settle_after_seconds: 10_800,
            board: BoardConfig::default(),
            anomaly: AnomalyConfig::default(),
            spread: SpreadConfig::default(),
            movement: MovementConfig::default(),
            consensus: ConsensusConfig::default(),
        }
    }
}

impl BacktestConfig {
    fn validate(&self) -> Result<()> {
        if self.strategies.is_empty() {
            return Err(Error::InvalidParameter {
                name: "strategies",
                value: "[]".into(),
                reason: "at least one strategy is needed",
            });
        }
        check::positive_amount("flat_stake", self.flat_stake)?;
        check::positive_amount("starting_bankroll", self.starting_bankroll)?;
        self.kelly.validate()?;
        if self.max_bets_per_selection == 0 {
            return Err(Error::InvalidParameter {
                name: "max_bets_per_selection",
                value: "0".into(),
                reason: "must be at least 1",
            });
        }
        if !(0..=3_153_600_000).contains(&self.settle_after_seconds) {
            return Err(Error::InvalidParameter {
                name: "settle_after_seconds",
                value: self.settle_after_seconds.to_string(),
                reason: "must be between 0 and 3153600000 seconds",
            });
        }
        self.anomaly.validate()?;
        self.spread.validate()?;
        self.movement.validate()?;
        self.consensus.validate()
    }
}

/// A progress callback: `(snapshots replayed, total snapshots)`. It is called about every
/// 65,536 snapshots and once at the end.
pub type ProgressFn<'a> = &'a mut dyn FnMut(usize, usize);

/// One strategy's replay.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StrategyRun {
    /// The strategy.
    pub strategy: AgentName,
    /// Its bets, in the order they were placed (ids `"<strategy>-<n>"`).
    pub bets: Vec<Bet>,
    /// Its figures (bankroll curve, ROI, Sharpe, drawdown, CLV...).
    pub performance: Performance,
}

/// A backtest's output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Backtest {
    /// One run per strategy, in the configured order.
    pub runs: Vec<StrategyRun>,
    /// The comparison table of the strategies' bets ([`compare_agents`]).
    pub agents: Vec<AgentFigures>,
    /// Snapshots replayed.
    pub snapshots: usize,
    /// Decision instants (distinct capture instants).
    pub decisions: usize,
}

struct Strategy {
    agent: AgentName,
    cash: Decimal,
    bets: Vec<Bet>,
    taken: HashMap<(u32, usize), u32>,
}

/// Per-agent running CLV of the bets each agent would have proposed.
#[derive(Default)]
struct Track {
    proposed: HashSet<(usize, u32, usize)>,
    clvs: Vec<(usize, f64)>,
    due: BinaryHeap<Reverse<(i64, usize)>>,
    sums: [(usize, f64); 3],
}

fn agent_index(a: AgentName) -> usize {
    match a {
        AgentName::Anomaly => 0,
        AgentName::Spread => 1,
        AgentName::Movement => 2,
        AgentName::Consensus => 3,
    }
}

struct Replay<'a> {
    board: Board,
    config: &'a BacktestConfig,
    kickoff: Vec<i64>,
    event_records: Vec<&'a Event>,
    results: Vec<Option<EventResult>>,
    reference: Option<u32>,
    strategies: Vec<Strategy>,
    settle_due: BinaryHeap<Reverse<(i64, usize, usize)>>,
    track: Track,
    need: [bool; 3],
}

/// Replays `history` and measures each configured strategy; see the module documentation.
///
/// `events` must hold a record for every event of the history (`InvalidParameter` naming the
/// missing one otherwise); `results` gives final scores (an event without one leaves its
/// bets pending; when an event has several, the last counts). An invalid config is an
/// `InvalidParameter` or `InvalidAmount` error, and so is a strategy's cash growing out of
/// the range of an exact amount; errors of settlement and statistics are passed on.
///
/// With a season from the generator (feature `generator`):
///
/// ```
/// # #[cfg(feature = "generator")]
/// # {
/// use edgecore::agents::{BacktestConfig, GeneratorConfig, History, backtest, generate};
/// let g = generate(&GeneratorConfig { events: 20, bookmakers: 4, anomalies: 3, ..Default::default() }).unwrap();
/// let history = History::new(&g.snapshots).unwrap();
/// let mut calls = 0;
/// let mut progress = |_done: usize, _total: usize| calls += 1;
/// let bt = backtest(&history, &g.events, &g.results, &BacktestConfig::default(), Some(&mut progress)).unwrap();
/// assert_eq!(bt.runs.len(), 4);
/// assert!(bt.runs[0].bets.len() >= 3);
/// assert!(calls >= 1);
/// # }
/// ```
pub fn backtest(
    history: &History,
    events: &[Event],
    results: &[ResultRecord],
    config: &BacktestConfig,
    progress: Option<ProgressFn>,
) -> Result<Backtest> {
    config.validate()?;
    let mut replay = Replay::new(history, events, results, config)?;
    let decisions = replay.run(progress)?;
    let mut runs = Vec::with_capacity(replay.strategies.len());
    let mut all = Vec::new();
    for s in replay.strategies {
        all.extend(s.bets.iter().cloned());
        runs.push(StrategyRun {
            strategy: s.agent,
            performance: performance(&s.bets, config.starting_bankroll)?,
            bets: s.bets,
        });
    }
    Ok(Backtest {
        agents: compare_agents(&all, config.starting_bankroll)?,
        runs,
        snapshots: history.len(),
        decisions,
    })
}

impl<'a> Replay<'a> {
    fn new(
        history: &History,
        events: &'a [Event],
        results: &[ResultRecord],
        config: &'a BacktestConfig,
    ) -> Result<Replay<'a>> {
        let board = Board::start(history, &config.board)?;
        let by_id: HashMap<&str, &Event> = events.iter().map(|e| (e.id.as_str(), e)).collect();
        let result_of: HashMap<&str, EventResult> = results
            .iter()
            .map(|r| (r.event_id.as_str(), r.result))
            .collect();
        let mut event_records = Vec::with_capacity(history.events().len());
        for id in history.events() {
            event_records.push(
                *by_id
                    .get(id.as_str())
                    .ok_or_else(|| Error::InvalidParameter {
                        name: "events",
                        value: id.clone(),
                        reason: "no event record for an event of the snapshots",
                    })?,
            );
        }
        let mut strategies: Vec<Strategy> = Vec::new();
        for &agent in &config.strategies {
            if strategies.iter().all(|s| s.agent != agent) {
                strategies.push(Strategy {
                    agent,
                    cash: config.starting_bankroll,
                    bets: Vec::new(),
                    taken: HashMap::new(),
                });
            }
        }
        let has = |a: AgentName| strategies.iter().any(|s| s.agent == a);
        let consensus = has(AgentName::Consensus);
        let need = [
            consensus || has(AgentName::Anomaly),
            consensus || has(AgentName::Spread),
            consensus || has(AgentName::Movement),
        ];
        Ok(Replay {
            reference: board.reference,
            board,
            config,
            kickoff: event_records
                .iter()
                .map(|e| e.kickoff.timestamp_micros())
                .collect(),
            results: history
                .events()
                .iter()
                .map(|id| result_of.get(id.as_str()).copied())
                .collect(),
            event_records,
            strategies,
            settle_due: BinaryHeap::new(),
            track: Track::default(),
            need,
        })
    }

    fn run(&mut self, mut progress: Option<ProgressFn>) -> Result<usize> {
        let history = self.board.history.clone();
        let t = &history.t;
        let total = t.ticks.len();
        let markets = t.markets.len();
        let mut dirty_flag = vec![false; markets];
        let mut dirty: Vec<u32> = Vec::new();
        let mut scheduled = vec![i64::MIN; markets];
        let mut wake: BinaryHeap<Reverse<(i64, u32)>> = BinaryHeap::new();
        let (mut view, mut scratch) = (View::default(), Scratch::default());
        let (mut cands, mut steam) = (Vec::new(), Vec::new());
        let mut decisions = 0;
        let mut reported = 0;
        while let Some(&first) = t.ticks.get(self.board.cursor()) {
            let now = first.at;
            self.board.apply_until(now, |tick| {
                let m = t.series_key(tick.series).market;
                if let Some(flag @ false) = dirty_flag.get_mut(m as usize) {
                    *flag = true;
                    dirty.push(m);
                }
            });
            self.board.as_of = now;
            decisions += 1;
            self.settle_until(now)?;
            self.track_until(now);
            while let Some(&Reverse((at, m))) = wake.peek() {
                if at > now {
                    break;
                }
                wake.pop();
                if scheduled.get(m as usize) != Some(&at) {
                    continue;
                }
                if let Some(flag @ false) = dirty_flag.get_mut(m as usize) {
                    *flag = true;
                    dirty.push(m);
                }
            }
            dirty.sort_unstable();
            for &m in &dirty {
                if let Some(flag) = dirty_flag.get_mut(m as usize) {
                    *flag = false;
                }
                let Some(&kickoff) = self.kickoff.get(t.market(m).event as usize) else {
                    continue;
                };
                if kickoff <= now {
                    continue;
                }
                self.board.view(m, &mut view);
                cands.clear();
                steam.clear();
                self.evaluate(&view, &mut scratch, &mut cands, &mut steam);
                if !cands.is_empty() {
                    self.decide(&view, &cands, &steam)?;
                }
                if let Some(next) = self.next_change(m).filter(|&n| n < kickoff) {
                    if let Some(slot) = scheduled.get_mut(m as usize) {
                        *slot = next;
                    }
                    wake.push(Reverse((next, m)));
                }
            }
            dirty.clear();
            if let Some(p) = progress.as_mut() {
                let done = self.board.cursor();
                if done >> 16 != reported >> 16 || done == total {
                    reported = done;
                    p(done, total);
                }
            }
        }
        self.settle_until(i64::MAX)?;
        Ok(decisions)
    }

    /// Runs the agents the strategies need on one market view.
    fn evaluate(
        &self,
        view: &View,
        scratch: &mut Scratch,
        cands: &mut Vec<Candidate>,
        steam: &mut Vec<Steam>,
    ) {
        if view.books.is_empty() {
            return;
        }
        let t = &self.board.history.t;
        let c = self.config;
        let mut cache: [(Option<DevigMethod>, Option<[f64; 3]>); 3] = [(None, None); 3];
        let mut fair_for = |method: DevigMethod, scratch: &mut Scratch| {
            for slot in cache.iter_mut() {
                match slot.0 {
                    Some(m) if m == method => return slot.1,
                    None => {
                        *slot = (Some(method), fair(view, method, scratch));
                        return slot.1;
                    }
                    _ => {}
                }
            }
            fair(view, method, scratch)
        };
        let [anomaly, spread, movement] = self.need;
        if anomaly && view.books.len() >= c.anomaly.min_books {
            if let Some(p) = fair_for(c.anomaly.method, scratch) {
                anomaly_market(view, &p, &c.anomaly, scratch, t, cands);
            }
        }
        if spread && view.books.len() >= c.spread.min_books {
            if let Some(p) = fair_for(c.spread.method, scratch) {
                spread_market(view, &p, &c.spread, scratch, t, cands);
            }
        }
        if movement {
            let p = fair_for(c.movement.method, scratch);
            movement_market(
                &self.board,
                view,
                p.as_ref(),
                &c.movement,
                scratch,
                steam,
                cands,
            );
        }
    }

    /// Lets every strategy bet on one market's candidates.
    fn decide(&mut self, view: &View, cands: &[Candidate], steam: &[Steam]) -> Result<()> {
        let width = view.width;
        // The best candidate of each agent (anomaly, spread, movement) in each column.
        let mut best: [[Option<&Candidate>; 3]; 3] = [[None; 3]; 3];
        let mut votes = [Votes::default(); 3];
        for c in cands {
            let col = view
                .sels()
                .iter()
                .position(|&s| s == c.selection)
                .unwrap_or(0);
            let slot = best
                .get_mut(agent_index(c.agent))
                .and_then(|row| row.get_mut(col));
            if let (Some(slot), Some(vote)) = (slot, votes.get_mut(col)) {
                if slot.is_none_or(|j| c.edge > j.edge) {
                    *slot = Some(c);
                }
                vote.add(c.agent, c.edge, c.z);
            }
        }
        for s in steam {
            let col = view.sels().iter().position(|&x| x == s.selection);
            if let Some(vote) = col.and_then(|col| votes.get_mut(col)) {
                vote.steam = true;
            }
        }
        if self
            .strategies
            .iter()
            .any(|s| s.agent == AgentName::Consensus)
        {
            for (a, row) in best.iter().enumerate() {
                for &c in row.iter().take(width).flatten() {
                    self.propose(a, c)?;
                }
            }
        }
        let w = weights(&self.records(), &self.config.consensus);
        for s in 0..self.strategies.len() {
            let Some(agent) = self.strategies.get(s).map(|strategy| strategy.agent) else {
                continue;
            };
            for col in 0..width {
                let pick = match agent {
                    AgentName::Consensus => {
                        let best = best
                            .iter()
                            .filter_map(|row| row.get(col).copied().flatten())
                            .reduce(|x, y| if y.edge > x.edge { y } else { x });
                        best.filter(|c| {
                            votes.get(col).is_some_and(|vote| {
                                let score = vote.score(&w, &self.config.consensus);
                                label(score, c.edge, &self.config.consensus)
                                    == super::Label::Analyser
                            })
                        })
                    }
                    a => best
                        .get(agent_index(a))
                        .and_then(|row| row.get(col).copied().flatten()),
                };
                if let Some(c) = pick {
                    self.bet(s, c)?;
                }
            }
        }
        Ok(())
    }

    fn records(&self) -> Vec<AgentRecord> {
        [AgentName::Anomaly, AgentName::Spread, AgentName::Movement]
            .iter()
            .zip(&self.track.sums)
            .map(|(&agent, &(n, sum))| AgentRecord {
                agent,
                bets: n,
                average_clv: if n > 0 { sum / n as f64 } else { 0.0 },
            })
            .collect()
    }

    /// The reference bookmaker's closing price of (market, selection) for an event kicking
    /// off at `kickoff`, and the de-vigged closing probability of the selection.
    fn closing(
        &self,
        market: u32,
        selection: Selection,
        kickoff: i64,
    ) -> (Option<Decimal>, Option<f64>) {
        let h = &self.board.history;
        let Some(book) = self.reference else {
            return (None, None);
        };
        let last = |sel: Selection| {
            h.find_series(market, book, sel)
                .and_then(|s| h.last_before(s, kickoff))
        };
        let Some(tick) = last(selection) else {
            return (None, None);
        };
        let price = h.t.price(tick);
        let kind = h.t.market(market).market;
        let mut prices = Vec::with_capacity(3);
        let mut col = None;
        for &s in kind.selections() {
            if let Some(k) = last(s) {
                if s == selection {
                    col = Some(prices.len());
                }
                prices.push(h.t.tick(k).price);
            } else if s != Selection::Draw {
                return (Some(price), None);
            }
        }
        let p = col.and_then(|c| {
            devig(&prices, self.config.anomaly.method, 1.0)
                .ok()
                .and_then(|d| d.probabilities.get(c).copied())
        });
        (Some(price), p)
    }

    /// Records the CLV of the bet agent `a` would propose, revealed at kickoff.
    fn propose(&mut self, a: usize, c: &Candidate) -> Result<()> {
        let col = column(self.board.history.t.market(c.market).market, c.selection);
        if !self.track.proposed.insert((a, c.market, col)) {
            return Ok(());
        }
        let event = self.board.history.t.market(c.market).event;
        let Some(&kickoff) = self.kickoff.get(event as usize) else {
            return Ok(());
        };
        if let (Some(close), _) = self.closing(c.market, c.selection, kickoff) {
            let v = clv(c.price, to_f64(close))?;
            self.track.clvs.push((a, v));
            self.track
                .due
                .push(Reverse((kickoff, self.track.clvs.len() - 1)));
        }
        Ok(())
    }

    fn track_until(&mut self, now: i64) {
        while let Some(&Reverse((at, i))) = self.track.due.peek() {
            if at > now {
                break;
            }
            self.track.due.pop();
            let Some(&(a, v)) = self.track.clvs.get(i) else {
                continue;
            };
            if let Some(sum) = self.track.sums.get_mut(a) {
                sum.0 += 1;
                sum.1 += v;
            }
        }
    }

    fn bet(&mut self, s: usize, c: &Candidate) -> Result<()> {
        let max = self.config.max_bets_per_selection;
        let col = column(self.board.history.t.market(c.market).market, c.selection);
        let Some(strategy) = self.strategies.get(s) else {
            return Ok(());
        };
        let count = strategy.taken.get(&(c.market, col)).copied().unwrap_or(0);
        if count >= max {
            return Ok(());
        }
        let stake = match self.config.staking {
            Staking::Flat => self.config.flat_stake,
            Staking::Kelly => {
                if strategy.cash <= Decimal::ZERO {
                    return Ok(());
                }
                kelly_stake(strategy.cash, c.price, c.probability, &self.config.kelly)?
            }
        };
        if stake <= Decimal::ZERO || stake > strategy.cash {
            return Ok(());
        }
        let t = &self.board.history.t;
        let key = t.market(c.market);
        let (Some(&event), Some(&kickoff)) = (
            self.event_records.get(key.event as usize),
            self.kickoff.get(key.event as usize),
        ) else {
            return Ok(());
        };
        let (closing_odds, closing_probability) = self.closing(c.market, c.selection, kickoff);
        let Some(strategy) = self.strategies.get_mut(s) else {
            return Ok(());
        };
        strategy.taken.insert((c.market, col), count + 1);
        strategy.cash -= stake;
        let bet = Bet {
            id: format!("{}-{}", strategy.agent, strategy.bets.len() + 1),
            event_id: event.id.clone(),
            league: event.league.clone(),
            market: key.market,
            line: selection_line(key.market, c.selection, key.line),
            selection: c.selection,
            bookmaker: t.bookmaker(c.book).to_owned(),
            odds: t.price(c.tick),
            stake,
            placed_at: instant(self.board.as_of),
            source: strategy.agent.as_str().to_string(),
            outcome: None,
            closing_odds,
            closing_probability,
        };
        strategy.bets.push(bet);
        let due = kickoff.saturating_add(self.config.settle_after_seconds * 1_000_000);
        self.settle_due
            .push(Reverse((due, s, strategy.bets.len() - 1)));
        Ok(())
    }

    fn settle_until(&mut self, now: i64) -> Result<()> {
        while let Some(&Reverse((at, s, b))) = self.settle_due.peek() {
            if at > now {
                break;
            }
            self.settle_due.pop();
            let Some(strategy) = self.strategies.get_mut(s) else {
                continue;
            };
            let Some(bet) = strategy.bets.get_mut(b) else {
                continue;
            };
            let Some(event) = self.board.history.event_id(&bet.event_id) else {
                continue;
            };
            if let Some(Some(result)) = self.results.get(event as usize) {
                let settled = settle(bet, result)?;
                bet.outcome = Some(settled.outcome);
                let starting_bankroll = self.config.starting_bankroll;
                strategy.cash =
                    strategy
                        .cash
                        .checked_add(settled.payout)
                        .ok_or(Error::InvalidAmount {
                            name: "starting_bankroll",
                            value: starting_bankroll,
                            reason: "a strategy's cash exceeds the range of an exact amount",
                        })?;
            }
        }
        Ok(())
    }

    /// The earliest instant after the board's at which market `m`'s evaluation can change
    /// without a new snapshot: a quote turning stale, or the movement window passing a
    /// capture.
    fn next_change(&self, m: u32) -> Option<i64> {
        let t = &self.board.history.t;
        let now = self.board.as_of;
        let window = self.config.movement.window();
        let cutoff = now.saturating_sub(window);
        let mut next: Option<i64> = None;
        let mut earliest = |x: i64| next = Some(next.map_or(x, |n: i64| n.min(x)));
        let [_, _, movement] = self.need;
        for s in t.market_series_range(m)? {
            let (Some(pos), Some(at)) = (
                self.board.latest_pos(s),
                self.board.latest.get(s).map(|l| l.at),
            ) else {
                continue;
            };
            let stale_at = at.saturating_add(self.board.max_age).saturating_add(1);
            if stale_at > now {
                earliest(stale_at);
            }
            if movement {
                let first = t
                    .series_positions(s as u32)
                    .map_or(pos as usize, |r| r.start);
                let ticks = t.series_ticks.get(first..=pos as usize).unwrap_or_default();
                // The earliest capture after the cutoff, walking back from the latest.
                let inside = ticks
                    .iter()
                    .rev()
                    .map(|&k| t.tick(k).at)
                    .take_while(|&a| a > cutoff)
                    .last();
                if let Some(a) = inside {
                    earliest(a.saturating_add(window));
                }
            }
        }
        next.filter(|&n| n > now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agents::{GeneratorConfig, generate};

    #[test]
    fn cash_out_of_range_is_an_error() {
        // Stake a third of Decimal::MAX on an anomaly that wins: cash + payout overflowed.
        let at = chrono::DateTime::UNIX_EPOCH;
        let mut snaps = Vec::new();
        for (book, home, away) in [("a", 200, 190), ("b", 200, 190), ("c", 260, 160)] {
            for (selection, price) in [(Selection::Home, home), (Selection::Away, away)] {
                snaps.push(crate::market::PriceSnapshot {
                    captured_at: at,
                    event_id: "e".into(),
                    bookmaker: book.into(),
                    market: crate::market::Market::DrawNoBet,
                    line: None,
                    selection,
                    price: Decimal::new(price, 2),
                });
            }
        }
        let history = History::new(&snaps).unwrap();
        let events = [Event {
            id: "e".into(),
            league: "l".into(),
            home: "h".into(),
            away: "a".into(),
            kickoff: at + chrono::Duration::hours(2),
        }];
        let results = [ResultRecord {
            event_id: "e".into(),
            result: EventResult::Final { home: 2, away: 0 },
        }];
        let config = BacktestConfig {
            strategies: vec![AgentName::Anomaly],
            flat_stake: Decimal::MAX / Decimal::from(3),
            starting_bankroll: Decimal::MAX,
            ..BacktestConfig::default()
        };
        let err = backtest(&history, &events, &results, &config, None).unwrap_err();
        assert_eq!(err.kind(), "InvalidAmount");
        let small = BacktestConfig {
            flat_stake: Decimal::TEN,
            starting_bankroll: Decimal::ONE_THOUSAND,
            ..config
        };
        let bt = backtest(&history, &events, &results, &small, None).unwrap();
        assert!(!bt.runs[0].bets.is_empty());
    }

    #[test]
    fn bets_the_injected_anomalies_once() {
        let g = generate(&GeneratorConfig {
            events: 30,
            bookmakers: 5,
            anomalies: 4,
            ..GeneratorConfig::default()
        })
        .unwrap();
        let h = History::new(&g.snapshots).unwrap();
        let cfg = BacktestConfig {
            strategies: vec![AgentName::Anomaly],
            ..BacktestConfig::default()
        };
        let bt = backtest(&h, &g.events, &g.results, &cfg, None).unwrap();
        let bets = &bt.runs[0].bets;
        for inj in &g.injected {
            assert!(
                bets.iter().any(|b| b.event_id == inj.event_id
                    && Some(&b.bookmaker) == inj.bookmaker.as_ref()
                    && b.selection == inj.selection
                    && b.placed_at == inj.at),
                "{inj:?} not bet"
            );
        }
        assert!(bets.iter().all(|b| b.outcome.is_some()));
        assert_eq!(bt.snapshots, g.snapshots.len());
        // the closing price is the one clv::closing_line finds
        for b in bets {
            let kickoff = g
                .events
                .iter()
                .find(|e| e.id == b.event_id)
                .unwrap()
                .kickoff;
            let close = crate::clv::closing_line(
                &g.snapshots,
                &b.event_id,
                kickoff,
                "pinnacle",
                b.market,
                b.line,
                b.selection,
            )
            .unwrap();
            assert_eq!(b.closing_odds, Some(close.price));
            assert!(b.closing_probability.is_some());
        }
    }

    #[test]
    fn errors() {
        let g = generate(&GeneratorConfig {
            events: 2,
            bookmakers: 2,
            ..GeneratorConfig::default()
        })
        .unwrap();
        let h = History::new(&g.snapshots).unwrap();
        let bad = BacktestConfig {
            strategies: vec![],
            ..BacktestConfig::default()
        };
        assert_eq!(
            backtest(&h, &g.events, &g.results, &bad, None)
                .unwrap_err()
                .kind(),
            "InvalidParameter"
        );
        let bad = BacktestConfig {
            flat_stake: Decimal::ZERO,
            ..BacktestConfig::default()
        };
        assert_eq!(
            backtest(&h, &g.events, &g.results, &bad, None)
                .unwrap_err()
                .kind(),
            "InvalidAmount"
        );
        let cfg = BacktestConfig::default();
        assert_eq!(
            backtest(&h, &g.events[..1], &g.results, &cfg, None)
                .unwrap_err()
                .kind(),
            "InvalidParameter"
        );
    }
}

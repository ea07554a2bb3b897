//! The consensus of agents: a 0-100 score per opportunity, a label, and a comparison table.
//!
//! Opportunities are grouped by (event, market, line, selection). Each of the three agents
//! gives the group a vote in [0, 1]:
//! - anomaly: `0.5 x clamp(edge / edge_scale) + 0.5 x clamp(z / z_scale)` of its best
//!   opportunity in the group;
//! - spread: `clamp(edge / edge_scale)`;
//! - movement: 1 when a steam move shortened the selection, else `clamp(edge / edge_scale)`
//!   of its stale-price opportunity;
//!
//! (`clamp` to [0, 1]; an agent with nothing in the group votes 0). The score is
//! `100 x sum(w_a x vote_a) / sum(w_a)` over the three agents, where the weight of an agent
//! with `n` past bets of average closing line value `clv` is
//! `w = clamp(1 + clv_sensitivity x n / (n + shrinkage) x clv, 0, max_weight)`: the CLV is
//! shrunk towards zero for small samples, and an agent without history weighs 1. The label
//! is `analyser` when the score reaches `min_score` and the best edge reaches `min_edge`,
//! else `prudence`.

use super::movement::SteamMove;
use super::{AgentName, Opportunity};
use crate::bet::Bet;
use crate::check;
use crate::error::Result;
use crate::market::{Market, Selection};
use crate::names::named_enum;
use crate::stats::performance;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

named_enum! {
    /// What the consensus advises about an opportunity.
    pub enum Label ("label") {
        /// Worth analysing: the score and the edge pass their thresholds.
        Analyser = "analyser",
        /// Caution.
        Prudence = "prudence",
    }
}

/// Weights and thresholds of the consensus. Serialises with every field optional.
///
/// An unknown field is refused (`InvalidRecord`): a misspelt key never falls back to its
/// default silently.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ConsensusConfig {
    /// Edge giving a full vote (fraction, default 0.10). Finite, > 0.
    pub edge_scale: f64,
    /// Robust z giving a full anomaly z vote (default 3). Finite, > 0.
    pub z_scale: f64,
    /// Shrinkage constant `k` of the weights, in bets (default 50). Finite, >= 0.
    pub shrinkage: f64,
    /// Weight change per unit of shrunk CLV (default 20: +1% CLV adds 0.2). Finite, >= 0.
    pub clv_sensitivity: f64,
    /// Largest weight (default 3). Finite, > 0.
    pub max_weight: f64,
    /// Smallest score labelled `analyser` (default 50). In [0, 100].
    pub min_score: f64,
    /// Smallest edge labelled `analyser` (fraction, default 0.03). Finite, >= -1.
    pub min_edge: f64,
}

impl Default for ConsensusConfig {
    fn default() -> Self {
        ConsensusConfig {
            edge_scale: 0.10,
            z_scale: 3.0,
            shrinkage: 50.0,
            clv_sensitivity: 20.0,
            max_weight: 3.0,
            min_score: 50.0,
            min_edge: 0.03,
        }
    }
}

impl ConsensusConfig {
    pub(crate) fn validate(&self) -> Result<()> {
        let pos = |v: f64| v > 0.0;
        let non_neg = |v: f64| v >= 0.0;
        check::parameter("edge_scale", self.edge_scale, pos, "must be finite and > 0")?;
        check::parameter("z_scale", self.z_scale, pos, "must be finite and > 0")?;
        check::parameter(
            "shrinkage",
            self.shrinkage,
            non_neg,
            "must be finite and >= 0",
        )?;
        check::parameter(
            "clv_sensitivity",
            self.clv_sensitivity,
            non_neg,
            "must be finite and >= 0",
        )?;
        check::parameter("max_weight", self.max_weight, pos, "must be finite and > 0")?;
        check::parameter(
            "min_score",
            self.min_score,
            |v| (0.0..=100.0).contains(&v),
            "must be in [0, 100]",
        )?;
        check::parameter("min_edge", self.min_edge, |v| v >= -1.0, "must be >= -1")?;
        Ok(())
    }
}

/// An agent's track record: number of past bets with a closing line and their average CLV.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgentRecord {
    /// The agent.
    pub agent: AgentName,
    /// Past bets whose closing line is known.
    pub bets: usize,
    /// Their average closing line value (fraction).
    pub average_clv: f64,
}

impl AgentRecord {
    /// `clamp(1 + clv_sensitivity x n / (n + shrinkage) x average_clv, 0, max_weight)`; 1
    /// for an agent without bets. A non-finite average CLV counts as no history.
    pub fn weight(&self, config: &ConsensusConfig) -> f64 {
        let n = self.bets as f64;
        if n == 0.0 || !self.average_clv.is_finite() {
            return 1.0_f64.min(config.max_weight);
        }
        let shrunk = n / (n + config.shrinkage) * self.average_clv;
        (1.0 + config.clv_sensitivity * shrunk).clamp(0.0, config.max_weight)
    }
}

/// An opportunity scored by the consensus.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scored {
    /// The best-edge opportunity of the group, with `agent` set to `consensus`.
    pub opportunity: Opportunity,
    /// The score, 0 to 100.
    pub score: f64,
    /// The advice.
    pub label: Label,
    /// The agents that agree (found an opportunity or a steam move on the selection).
    pub agents: Vec<AgentName>,
}

/// The three agents' findings on one selection.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Votes {
    /// Best anomaly (edge, z).
    pub anomaly: Option<(f64, f64)>,
    /// Best spread edge.
    pub spread: Option<f64>,
    /// Best stale-price edge.
    pub movement: Option<f64>,
    /// A steam move shortened the selection.
    pub steam: bool,
}

impl Votes {
    pub(crate) fn add(&mut self, agent: AgentName, edge: f64, z: f64) {
        let best = |cur: Option<f64>| Some(cur.map_or(edge, |c: f64| c.max(edge)));
        match agent {
            AgentName::Anomaly => {
                if self.anomaly.is_none_or(|(e, _)| edge > e) {
                    self.anomaly = Some((edge, z));
                }
            }
            AgentName::Spread => self.spread = best(self.spread),
            AgentName::Movement => self.movement = best(self.movement),
            AgentName::Consensus => {}
        }
    }

    pub(crate) fn agents(&self) -> Vec<AgentName> {
        let mut out = Vec::new();
        if self.anomaly.is_some() {
            out.push(AgentName::Anomaly);
        }
        if self.spread.is_some() {
            out.push(AgentName::Spread);
        }
        if self.movement.is_some() || self.steam {
            out.push(AgentName::Movement);
        }
        out
    }

    /// The score: see the module documentation. `weights` are anomaly, spread, movement.
    pub(crate) fn score(&self, weights: &[f64; 3], config: &ConsensusConfig) -> f64 {
        let unit = |x: f64| x.clamp(0.0, 1.0);
        let edge = |e: f64| unit(e / config.edge_scale);
        let votes = [
            self.anomaly
                .map_or(0.0, |(e, z)| 0.5 * edge(e) + 0.5 * unit(z / config.z_scale)),
            self.spread.map_or(0.0, edge),
            if self.steam {
                1.0
            } else {
                self.movement.map_or(0.0, edge)
            },
        ];
        // Weights relative to the largest, so that huge weights (max_weight up to f64::MAX)
        // cannot overflow their sum.
        let top = weights.iter().copied().fold(0.0, f64::max);
        if top > 0.0 {
            let (mut total, mut sum) = (0.0, 0.0);
            for (v, w) in votes.iter().zip(weights) {
                let w = w / top;
                total += w;
                sum += v * w;
            }
            100.0 * sum / total
        } else {
            0.0
        }
    }
}

/// Weights of anomaly, spread and movement from their records (1 when absent).
pub(crate) fn weights(records: &[AgentRecord], config: &ConsensusConfig) -> [f64; 3] {
    let mut w = [1.0_f64.min(config.max_weight); 3];
    for r in records {
        let [anomaly, spread, movement] = &mut w;
        let slot = match r.agent {
            AgentName::Anomaly => anomaly,
            AgentName::Spread => spread,
            AgentName::Movement => movement,
            AgentName::Consensus => continue,
        };
        *slot = r.weight(config);
    }
    w
}

pub(crate) fn label(score: f64, edge: f64, config: &ConsensusConfig) -> Label {
    if score >= config.min_score && edge >= config.min_edge {
        Label::Analyser
    } else {
        Label::Prudence
    }
}

type Key = (String, Market, Option<Decimal>, Selection);

/// Scores the opportunities of agents A, B and C (those labelled `consensus` are ignored),
/// grouped by (event, market, line, selection), with the steam moves as movement votes and
/// the agents weighted by `records`. Ordered by event, market, line and selection. An invalid
/// config, or an opportunity whose `edge` or `z` is not finite, is an `InvalidParameter`
/// error.
///
/// ```
/// use edgecore::agents::{consensus, AgentName, ConsensusConfig, Label, Opportunity};
/// use edgecore::{Market, Selection};
/// let at = chrono::DateTime::parse_from_rfc3339("2025-01-01T10:00:00Z").unwrap().to_utc();
/// let o = |agent, edge: f64, z| Opportunity { agent, event_id: "e1".into(), market: Market::H2h,
///     line: None, selection: Selection::Draw, bookmaker: "b".into(),
///     price: rust_decimal::Decimal::new(400, 2), captured_at: at, fair_probability: 0.275,
///     fair_odds: 1.0 / 0.275, edge, z, books: 4, detected_at: at };
/// let s = consensus(&[o(AgentName::Anomaly, 0.10, 3.0), o(AgentName::Spread, 0.10, 3.0)],
///     &[], &[], &ConsensusConfig::default()).unwrap();
/// assert!((s[0].score - 200.0 / 3.0).abs() < 1e-9);
/// assert_eq!(s[0].label, Label::Analyser);
/// ```
pub fn consensus(
    opportunities: &[Opportunity],
    steam: &[SteamMove],
    records: &[AgentRecord],
    config: &ConsensusConfig,
) -> Result<Vec<Scored>> {
    config.validate()?;
    let w = weights(records, config);
    let mut groups: BTreeMap<Key, (Votes, &Opportunity)> = BTreeMap::new();
    for o in opportunities {
        if o.agent == AgentName::Consensus {
            continue;
        }
        check::finite("edge", o.edge)?;
        check::finite("z", o.z)?;
        let key = (o.event_id.clone(), o.market, o.line, o.selection);
        let entry = groups.entry(key).or_insert((Votes::default(), o));
        entry.0.add(o.agent, o.edge, o.z);
        if o.edge > entry.1.edge {
            entry.1 = o;
        }
    }
    for s in steam {
        let key = (s.event_id.clone(), s.market, s.line, s.selection);
        if let Some(entry) = groups.get_mut(&key) {
            entry.0.steam = true;
        }
    }
    Ok(groups
        .into_values()
        .map(|(votes, best)| {
            let score = votes.score(&w, config);
            Scored {
                opportunity: Opportunity {
                    agent: AgentName::Consensus,
                    ..best.clone()
                },
                score,
                label: label(score, best.edge, config),
                agents: votes.agents(),
            }
        })
        .collect())
}

/// Figures of one agent (or any bet source) over its bets, from
/// [`crate::stats::performance`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgentFigures {
    /// The bets' source ("anomaly", "manual"...).
    pub agent: String,
    /// Number of bets, pending ones included.
    pub bets: usize,
    /// Profit of the settled bets.
    pub profit: Decimal,
    /// profit / staked over settled bets (fraction); `None` without a settled bet.
    pub roi: Option<f64>,
    /// Mean / standard deviation of the per-bet returns; `None` with fewer than two settled
    /// bets or when every return is exactly equal (see [`crate::stats::performance`]).
    pub sharpe: Option<f64>,
    /// Wins / (wins + losses) (fraction); `None` without a win or a loss.
    pub win_rate: Option<f64>,
    /// Average closing line value (fraction); `None` without closing lines.
    pub average_clv: Option<f64>,
    /// Share of the bets with a closing line that beat it; `None` without closing lines.
    pub beat_close_share: Option<f64>,
    /// Largest fall of the bankroll from a peak, as a fraction of the peak.
    pub max_drawdown: f64,
    /// The same fall in money.
    pub max_drawdown_amount: Decimal,
}

fn by_source(bets: &[Bet]) -> BTreeMap<&str, Vec<Bet>> {
    let mut groups: BTreeMap<&str, Vec<Bet>> = BTreeMap::new();
    for b in bets {
        groups.entry(b.source.as_str()).or_default().push(b.clone());
    }
    groups
}

/// A table of figures per bet source (agent), ordered by source name, each computed by
/// [`crate::stats::performance`] over that source's bets with `starting_bankroll`. Errors
/// are those of `performance` (e.g. a non-positive bankroll is `InvalidAmount`).
pub fn compare_agents(bets: &[Bet], starting_bankroll: Decimal) -> Result<Vec<AgentFigures>> {
    check::positive_amount("starting_bankroll", starting_bankroll)?;
    by_source(bets)
        .into_iter()
        .map(|(agent, bets)| {
            let p = performance(&bets, starting_bankroll)?;
            Ok(AgentFigures {
                agent: agent.to_string(),
                bets: p.bets,
                profit: p.profit,
                roi: p.roi,
                sharpe: p.sharpe,
                win_rate: p.win_rate,
                average_clv: p.average_clv,
                beat_close_share: p.beat_close_share,
                max_drawdown: p.max_drawdown.share,
                max_drawdown_amount: p.max_drawdown.amount,
            })
        })
        .collect()
}

/// The track record of each agent found among the bets' sources (other sources are
/// skipped): its bets with a closing price and their average CLV, from
/// [`crate::stats::performance`]. Ordered by agent.
pub fn agent_records(bets: &[Bet]) -> Result<Vec<AgentRecord>> {
    let mut out = Vec::new();
    for (source, bets) in by_source(bets) {
        let Ok(agent) = source.parse::<AgentName>() else {
            continue;
        };
        let p = performance(&bets, Decimal::ONE_HUNDRED)?;
        out.push(AgentRecord {
            agent,
            bets: p.clv_bets,
            average_clv: p.average_clv.unwrap_or(0.0),
        });
    }
    out.sort_by_key(|r| r.agent);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opportunity(edge: f64, z: f64) -> Opportunity {
        let at = chrono::DateTime::UNIX_EPOCH;
        Opportunity {
            agent: AgentName::Anomaly,
            event_id: "e".into(),
            market: Market::H2h,
            line: None,
            selection: Selection::Home,
            bookmaker: "b".into(),
            price: Decimal::TWO,
            captured_at: at,
            fair_probability: 0.55,
            fair_odds: 1.0 / 0.55,
            edge,
            z,
            books: 3,
            detected_at: at,
        }
    }

    #[test]
    fn non_finite_edge_or_z_is_an_error() {
        // A NaN edge used to come out as a NaN score.
        let c = ConsensusConfig::default();
        for (edge, z) in [(f64::NAN, 1.0), (0.1, f64::INFINITY)] {
            let err = consensus(&[opportunity(edge, z)], &[], &[], &c).unwrap_err();
            assert_eq!(err.kind(), "InvalidParameter");
        }
    }

    #[test]
    fn huge_weights_keep_a_finite_score() {
        // Three weights of f64::MAX used to sum to infinity: inf / inf = NaN.
        let c = ConsensusConfig {
            max_weight: f64::MAX,
            clv_sensitivity: f64::MAX,
            ..ConsensusConfig::default()
        };
        let records: Vec<AgentRecord> =
            [AgentName::Anomaly, AgentName::Spread, AgentName::Movement]
                .into_iter()
                .map(|agent| AgentRecord {
                    agent,
                    bets: 100,
                    average_clv: 1.0,
                })
                .collect();
        let s = consensus(&[opportunity(1.0, 10.0)], &[], &records, &c).unwrap();
        assert!((s[0].score - 100.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn shrunk_weights() {
        let c = ConsensusConfig::default();
        let r = |bets, clv| AgentRecord {
            agent: AgentName::Anomaly,
            bets,
            average_clv: clv,
        };
        assert_eq!(r(0, 0.5).weight(&c), 1.0);
        // 50 bets at +2%: 1 + 20 x 0.5 x 0.02 = 1.2
        assert!((r(50, 0.02).weight(&c) - 1.2).abs() < 1e-12);
        assert_eq!(r(1000, -1.0).weight(&c), 0.0);
        assert_eq!(r(1000, 1.0).weight(&c), 3.0);
    }

    #[test]
    fn votes_and_labels() {
        let c = ConsensusConfig::default();
        let mut v = Votes::default();
        v.add(AgentName::Anomaly, 0.05, 1.5);
        // anomaly vote 0.5 x 0.5 + 0.5 x 0.5 = 0.5 of 3 agents
        assert!((v.score(&[1.0; 3], &c) - 50.0 / 3.0).abs() < 1e-12);
        v.steam = true;
        assert!((v.score(&[1.0; 3], &c) - 50.0).abs() < 1e-12);
        assert_eq!(v.agents(), [AgentName::Anomaly, AgentName::Movement]);
        assert_eq!(label(50.0, 0.05, &c), Label::Analyser);
        assert_eq!(label(50.0, 0.02, &c), Label::Prudence);
        assert_eq!(v.score(&[0.0; 3], &c), 0.0);
    }

    #[test]
    fn errors() {
        let bad = ConsensusConfig {
            min_score: 101.0,
            ..ConsensusConfig::default()
        };
        assert_eq!(
            consensus(&[], &[], &[], &bad).unwrap_err().kind(),
            "InvalidParameter"
        );
        assert_eq!(
            compare_agents(&[], Decimal::ZERO).unwrap_err().kind(),
            "InvalidAmount"
        );
    }
}

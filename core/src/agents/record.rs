//! The agents' own track record: every published opportunity (a [`Pick`]) bet on paper.
//!
//! A pick is kept once per (event, market, line, selection, bookmaker) with the price first
//! published, its fair probability, score, label and the agents that found it. Once the
//! event kicks off it gets the reference bookmaker's closing price (and the de-vigged closing
//! probability); once the result is in it is settled by [`crate::settle::settle`].
//!
//! Each pick becomes paper bets, placed when the pick was first seen at its price:
//! - flat: `flat_stake` on every pick, one bet per agent that found it;
//! - Kelly: [`crate::kelly::kelly_stake`] of the fixed paper `bankroll` at the pick's price
//!   and fair probability under the policy (no bet when that stake is 0).
//!
//! [`track_record`] measures them with [`crate::stats::performance`] (per agent: ROI, CLV,
//! beat-the-close share, Sharpe, drawdown; per ISO week with [`crate::stats::breakdown`])
//! and checks the consensus labels against results: one flat bet per pick grouped by label,
//! so `analyser` and `prudence` picks are compared on the same footing. [`paper_records`]
//! turns the flat paper bets into the [`AgentRecord`]s the consensus weighs agents by, so
//! the weights learn from the agents' record without any user bet.

use super::AgentName;
use super::consensus::{AgentFigures, AgentRecord, Label, agent_records, compare_agents};
use crate::bet::{Bet, Outcome};
use crate::check;
use crate::clv::{clv, clv_fair_at};
use crate::error::{Error, Result};
use crate::kelly::{KellyPolicy, kelly_stake};
use crate::market::{EventResult, Market, Selection};
use crate::money::to_f64;
use crate::names::named_enum;
use crate::stats::{BreakdownKey, Group, breakdown};
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A published opportunity as the track record keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pick {
    /// The event's identifier.
    pub event_id: String,
    /// League or competition key.
    pub league: String,
    /// The market.
    pub market: Market,
    /// The line (totals, spreads); `None` for h2h.
    pub line: Option<Decimal>,
    /// The selection backed.
    pub selection: Selection,
    /// The bookmaker offering the price.
    pub bookmaker: String,
    /// The price when the pick was first published (decimal odds > 1).
    pub price: Decimal,
    /// The fair probability of the selection then (fraction in (0, 1)).
    pub fair_probability: f64,
    /// When the pick was first published.
    pub first_seen: DateTime<Utc>,
    /// The consensus label then.
    pub label: Label,
    /// The agents that found it.
    pub agents: Vec<AgentName>,
    /// The reference bookmaker's closing price, once the event kicked off.
    pub closing_odds: Option<Decimal>,
    /// The de-vigged closing probability of the selection (fraction), once known.
    pub closing_probability: Option<f64>,
    /// The settlement outcome, once the result is in.
    pub outcome: Option<Outcome>,
}

/// How picks are staked on paper. Serialises with every field optional (defaults: a flat
/// stake of 10, a bankroll of 1000, the default [`KellyPolicy`]); an unknown field is
/// refused.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PaperStaking {
    /// Stake of every flat paper bet (> 0).
    pub flat_stake: Decimal,
    /// The fixed bankroll Kelly stakes are taken from (> 0).
    pub bankroll: Decimal,
    /// The Kelly policy (fraction, cap, minimum edge, unit).
    pub policy: KellyPolicy,
}

impl Default for PaperStaking {
    fn default() -> Self {
        PaperStaking {
            flat_stake: Decimal::TEN,
            bankroll: Decimal::ONE_THOUSAND,
            policy: KellyPolicy::default(),
        }
    }
}

impl Pick {
    /// Checks the pick's figures: `price` (and `closing_odds` when known) valid decimal
    /// odds (`InvalidOdds`: finite and above 1), `fair_probability` (and
    /// `closing_probability` when known) in [0, 1] (`InvalidProbability`), and at least one
    /// agent (`EmptyInput` naming `agents`).
    pub fn validate(&self) -> Result<()> {
        check::price(self.price)?;
        check::probability(self.fair_probability)?;
        if let Some(close) = self.closing_odds {
            check::price(close)?;
        }
        if let Some(p) = self.closing_probability {
            check::probability(p)?;
        }
        if self.agents.is_empty() {
            return Err(Error::EmptyInput {
                name: "agents",
                min: 1,
                len: 0,
            });
        }
        Ok(())
    }

    /// A paper bet on this pick by `source` with `stake`, placed when first seen: the
    /// pick's event, market, line, selection, bookmaker, price, outcome and close, with
    /// `odds = price`. Its identifier `event/market/line/selection/bookmaker/source` (the
    /// line without trailing zeros, empty for h2h) names the pick and the source, so it is
    /// stable. Errors: those of [`Pick::validate`]; `InvalidAmount` for a stake not > 0.
    pub fn paper_bet(&self, source: &str, stake: Decimal) -> Result<Bet> {
        self.validate()?;
        check::positive_amount("stake", stake)?;
        Ok(self.unchecked_bet(source, stake))
    }

    /// [`Pick::paper_bet`] of a pick and stake already checked.
    fn unchecked_bet(&self, source: &str, stake: Decimal) -> Bet {
        Bet {
            id: format!(
                "{}/{}/{}/{}/{}/{source}",
                self.event_id,
                self.market.as_str(),
                self.line
                    .map(|l| l.normalize().to_string())
                    .unwrap_or_default(),
                self.selection.as_str(),
                self.bookmaker
            ),
            event_id: self.event_id.clone(),
            league: self.league.clone(),
            market: self.market,
            line: self.line,
            selection: self.selection,
            bookmaker: self.bookmaker.clone(),
            odds: self.price,
            stake,
            placed_at: self.first_seen,
            source: source.to_string(),
            outcome: self.outcome,
            closing_odds: self.closing_odds,
            closing_probability: self.closing_probability,
        }
    }

    /// The outcome of the pick given the event's result ([`crate::settle::settle`] of a
    /// paper bet of 1). Errors: those of [`Pick::validate`] and of the settlement (e.g. a
    /// line that does not fit the market).
    pub fn settle(&self, result: &EventResult) -> Result<Outcome> {
        crate::settle::settle(&self.paper_bet("pick", Decimal::ONE)?, result).map(|s| s.outcome)
    }

    /// Raw closing line value `(price - close) / close` ([`crate::clv::clv`]); `None` before
    /// the close is known.
    pub fn clv(&self) -> Result<Option<f64>> {
        self.closing_odds
            .map(|c| clv(to_f64(self.price), to_f64(c)))
            .transpose()
    }

    /// Fair closing line value `price x p_close - 1`, the expected return per unit if the
    /// de-vigged closing probability is the truth (as [`crate::clv::clv_fair`]); `None`
    /// before it is known.
    pub fn clv_fair(&self) -> Result<Option<f64>> {
        self.closing_probability
            .map(|p| clv_fair_at(to_f64(self.price), p))
            .transpose()
    }

    /// The Kelly paper stake of this pick: [`crate::kelly::kelly_stake`] of
    /// `staking.bankroll` at the pick's price and fair probability under `staking.policy`,
    /// rounded down to the policy's unit (0 when the policy stakes nothing). Errors: those of
    /// [`crate::kelly::kelly_stake`] (`InvalidOdds`, `InvalidProbability`, `InvalidAmount`,
    /// `InvalidParameter`).
    pub fn kelly_stake(&self, staking: &PaperStaking) -> Result<Decimal> {
        kelly_stake(
            staking.bankroll,
            to_f64(self.price),
            self.fair_probability,
            &staking.policy,
        )
    }
}

named_enum! {
    /// How paper bets are staked.
    pub enum PaperKind ("paper kind") {
        /// `flat_stake` on every pick.
        Flat = "flat",
        /// The Kelly stake of the paper bankroll; picks staked 0 are left out.
        Kelly = "kelly",
    }
}

/// The paper bets of `picks`: one per pick and agent that found it, `source` the agent's
/// name, in pick order then the pick's agent order. Errors: `InvalidAmount` for a
/// non-positive flat stake or bankroll, those of [`Pick::validate`] for a bad pick, and
/// those of [`crate::kelly::kelly_stake`].
pub fn paper_bets(picks: &[Pick], staking: &PaperStaking, kind: PaperKind) -> Result<Vec<Bet>> {
    check::positive_amount("flat_stake", staking.flat_stake)?;
    check::positive_amount("bankroll", staking.bankroll)?;
    let mut out = Vec::new();
    for p in picks {
        p.validate()?;
        let stake = match kind {
            PaperKind::Flat => staking.flat_stake,
            PaperKind::Kelly => p.kelly_stake(staking)?,
        };
        if stake <= Decimal::ZERO {
            continue;
        }
        out.extend(p.agents.iter().map(|a| p.unchecked_bet(a.as_str(), stake)));
    }
    Ok(out)
}

/// The records the consensus weighs agents by, from the flat paper bets of `picks` plus
/// `bets` (user bets whose source names an agent count too); see
/// [`super::agent_records`].
pub fn paper_records(
    picks: &[Pick],
    bets: &[Bet],
    staking: &PaperStaking,
) -> Result<Vec<AgentRecord>> {
    let mut all = paper_bets(picks, staking, PaperKind::Flat)?;
    all.extend_from_slice(bets);
    agent_records(&all)
}

/// One agent's paper record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgentPaper {
    /// The agent.
    pub agent: String,
    /// Flat-stake figures (ROI, CLV, beat-the-close share, Sharpe, drawdown).
    pub flat: AgentFigures,
    /// Kelly-stake figures; `None` when no pick got a Kelly stake.
    pub kelly: Option<AgentFigures>,
    /// Flat-stake figures per ISO week of first publication ("2026-W47"), oldest first.
    pub weeks: Vec<Group>,
}

/// The track record of every agent and of the consensus labels.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrackRecord {
    /// Picks measured.
    pub picks: usize,
    /// Per agent, by name.
    pub agents: Vec<AgentPaper>,
    /// One flat bet per pick, grouped by label (`analyser`, `prudence`): how each label's
    /// picks fared.
    pub labels: Vec<AgentFigures>,
}

/// Measures `picks` on paper (see the module documentation). Errors: those of
/// [`paper_bets`] and [`crate::stats::performance`].
pub fn track_record(picks: &[Pick], staking: &PaperStaking) -> Result<TrackRecord> {
    let flat = paper_bets(picks, staking, PaperKind::Flat)?;
    let kelly = compare_agents(
        &paper_bets(picks, staking, PaperKind::Kelly)?,
        staking.bankroll,
    )?;
    let mut agents = Vec::new();
    for figures in compare_agents(&flat, staking.bankroll)? {
        let own: Vec<Bet> = flat
            .iter()
            .filter(|b| b.source == figures.agent)
            .cloned()
            .collect();
        agents.push(AgentPaper {
            kelly: kelly.iter().find(|k| k.agent == figures.agent).cloned(),
            weeks: breakdown(&own, BreakdownKey::Week)?,
            agent: figures.agent.clone(),
            flat: figures,
        });
    }
    let by_label: Vec<Bet> = picks
        .iter()
        .map(|p| p.unchecked_bet(p.label.as_str(), staking.flat_stake))
        .collect();
    Ok(TrackRecord {
        picks: picks.len(),
        agents,
        labels: compare_agents(&by_label, staking.bankroll)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn pick(selection: Selection, price: Decimal, agents: Vec<AgentName>, label: Label) -> Pick {
        Pick {
            event_id: "e1".into(),
            league: "soccer_epl".into(),
            market: Market::H2h,
            line: None,
            selection,
            bookmaker: "bet365".into(),
            price,
            fair_probability: 0.55,
            first_seen: "2026-11-20T10:00:00Z".parse().unwrap(),
            label,
            agents,
            closing_odds: Some(dec!(1.94)),
            closing_probability: Some(0.5),
            outcome: None,
        }
    }

    fn staking() -> PaperStaking {
        PaperStaking {
            flat_stake: dec!(10),
            bankroll: dec!(1000),
            policy: KellyPolicy::default(),
        }
    }

    #[test]
    fn settles_and_measures_each_agent_and_label() {
        // Home at 2.05 and away at 2.05 (hand calculation): home wins 2-1.
        let result = EventResult::Final { home: 2, away: 1 };
        let mut home = pick(
            Selection::Home,
            dec!(2.05),
            vec![AgentName::Anomaly, AgentName::Spread],
            Label::Analyser,
        );
        let mut away = pick(
            Selection::Away,
            dec!(2.05),
            vec![AgentName::Spread],
            Label::Prudence,
        );
        home.outcome = Some(home.settle(&result).unwrap());
        away.outcome = Some(away.settle(&result).unwrap());
        assert_eq!(home.outcome, Some(Outcome::Won));
        assert_eq!(away.outcome, Some(Outcome::Lost));
        // CLV: (2.05 - 1.94) / 1.94 = 0.0567; fair 2.05 x 0.5 - 1 = 0.025.
        assert!((home.clv().unwrap().unwrap() - 0.11 / 1.94).abs() < 1e-12);
        assert!((home.clv_fair().unwrap().unwrap() - 0.025).abs() < 1e-12);

        let r = track_record(&[home.clone(), away.clone()], &staking()).unwrap();
        assert_eq!(r.picks, 2);
        let names: Vec<&str> = r.agents.iter().map(|a| a.agent.as_str()).collect();
        assert_eq!(names, ["anomaly", "spread"]);
        // anomaly: one won flat bet of 10 at 2.05 -> +10.50, ROI 1.05.
        assert_eq!(r.agents[0].flat.profit, dec!(10.50));
        assert_eq!(r.agents[0].flat.roi, Some(1.05));
        // spread: won 10.50, lost 10 -> +0.50 on 20 staked.
        assert_eq!(r.agents[1].flat.profit, dec!(0.50));
        assert_eq!(r.agents[1].flat.beat_close_share, Some(1.0));
        assert_eq!(r.agents[1].weeks.len(), 1);
        assert_eq!(r.agents[1].weeks[0].key, "2026-W47");
        // Kelly: quarter Kelly at 2.05 with p = 0.55: f = (2.05 x 0.55 - 1) / 1.05 = 0.12143,
        // x 0.25 = 3.036% of 1000 = 30.35 (down to the cent); won: 30.35 x 1.05 = 31.87.
        let kelly = r.agents[0].kelly.as_ref().unwrap();
        assert_eq!(kelly.profit, dec!(31.87));
        // Labels: the analyser pick won, the prudence pick lost.
        assert_eq!(r.labels[0].agent, "analyser");
        assert_eq!(r.labels[0].profit, dec!(10.50));
        assert_eq!(r.labels[1].agent, "prudence");
        assert_eq!(r.labels[1].profit, dec!(-10));

        // The consensus weights follow the paper CLV.
        let records = paper_records(&[home, away], &[], &staking()).unwrap();
        assert_eq!(records.len(), 2);
        assert!(records.iter().all(|r| r.bets > 0 && r.average_clv > 0.0));
    }

    #[test]
    fn bad_staking_is_refused() {
        let p = pick(
            Selection::Home,
            dec!(2.05),
            vec![AgentName::Anomaly],
            Label::Analyser,
        );
        let mut s = staking();
        s.flat_stake = Decimal::ZERO;
        assert_eq!(
            track_record(std::slice::from_ref(&p), &s)
                .unwrap_err()
                .kind(),
            "InvalidAmount"
        );
        let mut s = staking();
        s.bankroll = dec!(-1);
        assert_eq!(
            paper_bets(&[p], &s, PaperKind::Kelly).unwrap_err().kind(),
            "InvalidAmount"
        );
    }

    #[test]
    fn bad_picks_are_refused_with_typed_errors() {
        let good = pick(
            Selection::Home,
            dec!(2.05),
            vec![AgentName::Anomaly],
            Label::Analyser,
        );
        let kind = |p: Pick| track_record(&[p], &staking()).unwrap_err().kind();
        let mut p = good.clone();
        p.price = dec!(1);
        assert_eq!(kind(p.clone()), "InvalidOdds");
        assert_eq!(p.paper_bet("x", dec!(1)).unwrap_err().kind(), "InvalidOdds");
        let mut p = good.clone();
        p.closing_odds = Some(dec!(0.5));
        assert_eq!(kind(p), "InvalidOdds");
        let mut p = good.clone();
        p.fair_probability = 1.5;
        assert_eq!(kind(p), "InvalidProbability");
        let mut p = good.clone();
        p.closing_probability = Some(f64::NAN);
        assert_eq!(kind(p), "InvalidProbability");
        let mut p = good.clone();
        p.agents.clear();
        let e = track_record(&[p.clone()], &staking()).unwrap_err();
        assert_eq!(e.kind(), "EmptyInput");
        assert_eq!(
            e.to_string(),
            "empty input: agents needs at least 1 (got 0)"
        );
        assert_eq!(
            p.settle(&EventResult::Final { home: 1, away: 0 })
                .unwrap_err()
                .kind(),
            "EmptyInput"
        );
        assert_eq!(
            good.paper_bet("x", dec!(0)).unwrap_err().kind(),
            "InvalidAmount"
        );
        let bet = good.paper_bet("anomaly", dec!(5)).unwrap();
        assert_eq!(bet.id, "e1/h2h//home/bet365/anomaly");
        assert_eq!((bet.odds, bet.stake), (dec!(2.05), dec!(5)));
    }

    #[test]
    fn paper_kinds_and_default_staking_cross_by_name() {
        assert_eq!("kelly".parse::<PaperKind>().unwrap(), PaperKind::Kelly);
        assert_eq!(PaperKind::Flat.as_str(), "flat");
        let s: PaperStaking = serde_json::from_str(r#"{"flat_stake": "5"}"#).unwrap();
        assert_eq!(s.flat_stake, dec!(5));
        assert_eq!(s.bankroll, dec!(1000));
        assert!(serde_json::from_str::<PaperStaking>(r#"{"flat": "5"}"#).is_err());
    }

    #[test]
    fn an_empty_record() {
        let r = track_record(&[], &staking()).unwrap();
        assert_eq!(r.picks, 0);
        assert!(r.agents.is_empty() && r.labels.is_empty());
    }
}

//! `edgecore::agents::record`: the agents' own track record, every published opportunity (a
//! `Pick`) bet on paper, flat and Kelly, measured per agent, per week and per label.

use crate::bet::PyBet;
use crate::convert::{Text, amount, name, to_py_named};
use crate::errors::OrRaise;
use crate::record::{FromPy, from_py_list, from_py_list_opt, into_py_list, opt_record, record};
use edgecore::agents::{self as core_agents, PaperKind, PaperStaking, Pick};
use edgecore::{Bet, EventResult, Outcome};
use pyo3::prelude::*;
use rust_decimal::Decimal;

to_py_named!(PaperKind);

record!(input PyPick(core_agents::Pick) as "Pick", "pick" {
    event_id, league, market, line, selection, bookmaker, price, fair_probability, first_seen,
    label, agents, closing_odds, closing_probability, outcome
} methods {
    /// A paper bet (`Bet`) on this pick by `source` with `stake` (Decimal, int or str > 0),
    /// placed when the pick was first seen at its price; its id is
    /// `event/market/line/selection/bookmaker/source`. Errors: `InvalidOddsError`,
    /// `InvalidProbabilityError`, `EmptyInputError` (a bad pick), `InvalidAmountError` (a
    /// stake not > 0).
    fn paper_bet(&self, source: Text, stake: &Bound<'_, PyAny>) -> PyResult<PyBet> {
        let stake = amount("stake", stake)?;
        self.0.paper_bet(&source, stake).or_raise().map(PyBet)
    }

    /// The outcome ("won", "lost", "push", "half_won", "half_lost", "void") of this pick
    /// given its event's `result` (an `EventResult`, a `(home, away)` score, a dict or
    /// "void"). Errors: those of a bad pick and of settlement (`InvalidLineError`...).
    fn settle(&self, result: &Bound<'_, PyAny>) -> PyResult<String> {
        let result = EventResult::from_py("result", result)?;
        self.0.settle(&result).or_raise().map(outcome_name)
    }

    /// Raw closing line value `(price - closing_odds) / closing_odds` (fraction); None
    /// before the close is known. Errors: `InvalidOddsError`.
    fn clv(&self) -> PyResult<Option<f64>> {
        self.0.clv().or_raise()
    }

    /// Fair closing line value `price x closing_probability - 1` (fraction); None before
    /// the de-vigged close is known. Errors: `InvalidOddsError`, `InvalidProbabilityError`.
    fn clv_fair(&self) -> PyResult<Option<f64>> {
        self.0.clv_fair().or_raise()
    }

    /// The Kelly paper stake (Decimal) of this pick: `kelly_stake` of the staking's bankroll
    /// at the pick's price and fair probability under its policy, rounded down to the
    /// policy's unit; 0 when the policy stakes nothing. `staking` a `PaperStaking`, a dict
    /// or None (flat 10, bankroll 1000, default policy). Errors: those of `kelly_stake`.
    #[pyo3(signature = (staking = None))]
    fn kelly_stake(&self, staking: Option<&Bound<'_, PyAny>>) -> PyResult<Decimal> {
        let staking: PaperStaking = opt_record("staking", staking)?;
        self.0.kelly_stake(&staking).or_raise()
    }
});

record!(input PyPaperStaking(core_agents::PaperStaking) as "PaperStaking", "paper staking" {
    flat_stake, bankroll, policy
});

record!(output PyAgentPaper(core_agents::AgentPaper) as "AgentPaper" {
    agent, flat, kelly, weeks
});

record!(output PyTrackRecord(core_agents::TrackRecord) as "TrackRecord" {
    picks, agents, labels
});

/// An outcome's canonical name.
fn outcome_name(outcome: Outcome) -> String {
    outcome.as_str().to_owned()
}

/// `Pick.paper_bet(source, stake)` of `pick` (a `Pick` or a dict of its fields).
#[pyfunction]
fn pick_paper_bet(
    pick: &Bound<'_, PyAny>,
    source: Text,
    stake: &Bound<'_, PyAny>,
) -> PyResult<PyBet> {
    let stake = amount("stake", stake)?;
    Pick::from_py("pick", pick)?
        .paper_bet(&source, stake)
        .or_raise()
        .map(PyBet)
}

/// `Pick.settle(result)` of `pick` (a `Pick` or a dict of its fields).
#[pyfunction]
fn pick_settle(pick: &Bound<'_, PyAny>, result: &Bound<'_, PyAny>) -> PyResult<String> {
    let pick = Pick::from_py("pick", pick)?;
    pick.settle(&EventResult::from_py("result", result)?)
        .or_raise()
        .map(outcome_name)
}

/// `Pick.clv()` of `pick` (a `Pick` or a dict of its fields).
#[pyfunction]
fn pick_clv(pick: &Bound<'_, PyAny>) -> PyResult<Option<f64>> {
    Pick::from_py("pick", pick)?.clv().or_raise()
}

/// `Pick.clv_fair()` of `pick` (a `Pick` or a dict of its fields).
#[pyfunction]
fn pick_clv_fair(pick: &Bound<'_, PyAny>) -> PyResult<Option<f64>> {
    Pick::from_py("pick", pick)?.clv_fair().or_raise()
}

/// `Pick.kelly_stake(staking)` of `pick` (a `Pick` or a dict of its fields).
#[pyfunction]
#[pyo3(signature = (pick, staking = None))]
fn pick_kelly_stake(
    pick: &Bound<'_, PyAny>,
    staking: Option<&Bound<'_, PyAny>>,
) -> PyResult<Decimal> {
    let pick = Pick::from_py("pick", pick)?;
    pick.kelly_stake(&opt_record("staking", staking)?)
        .or_raise()
}

/// The paper bets (`Bet`) of `picks` (`Pick` objects or dicts): one per pick and agent that
/// found it (`source` the agent), in pick order. `kind` "flat" stakes `staking.flat_stake`
/// on every pick; "kelly" stakes `Pick.kelly_stake` and leaves out picks staked 0.
/// `staking` a `PaperStaking`, a dict or None (flat 10, bankroll 1000, default policy).
/// Errors: `InvalidAmountError` (a flat stake or bankroll not > 0), `InvalidOddsError`,
/// `InvalidProbabilityError`, `EmptyInputError` (a pick without agents), `UnknownNameError`
/// (kind).
#[pyfunction]
#[pyo3(
    signature = (picks, staking = None, kind = Text::from("flat")),
    text_signature = "(picks, staking=None, kind='flat')"
)]
fn paper_bets<'py>(
    py: Python<'py>,
    picks: &Bound<'py, PyAny>,
    staking: Option<&Bound<'py, PyAny>>,
    kind: Text,
) -> PyResult<Bound<'py, PyAny>> {
    let kind: PaperKind = name(&kind)?;
    let picks: Vec<Pick> = from_py_list("picks", picks)?;
    let staking: PaperStaking = opt_record("staking", staking)?;
    let bets = crate::parallel::detach(py, || core_agents::paper_bets(&picks, &staking, kind))?
        .or_raise()?;
    into_py_list(py, bets)
}

/// The records the consensus weighs agents by (`AgentRecord`: bets with a close and their
/// average CLV), from the flat paper bets of `picks` plus `bets` (user bets whose source
/// names an agent count too), as `agent_records` of both. Errors: as `paper_bets`.
#[pyfunction]
#[pyo3(signature = (picks, bets = None, staking = None))]
fn paper_records<'py>(
    py: Python<'py>,
    picks: &Bound<'py, PyAny>,
    bets: Option<&Bound<'py, PyAny>>,
    staking: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let picks: Vec<Pick> = from_py_list("picks", picks)?;
    let bets: Vec<Bet> = from_py_list_opt("bets", bets)?;
    let staking: PaperStaking = opt_record("staking", staking)?;
    let records =
        crate::parallel::detach(py, || core_agents::paper_records(&picks, &bets, &staking))?
            .or_raise()?;
    into_py_list(py, records)
}

/// The track record of `picks` (`Pick` objects or dicts) bet on paper: a `TrackRecord` with
/// `picks` (how many), `agents` (one `AgentPaper` per agent, by name: `flat` and `kelly`
/// `AgentFigures` over `staking.bankroll`, and `weeks`, flat figures per ISO week of first
/// publication) and `labels` (one flat bet per pick grouped by label: `AgentFigures` whose
/// `agent` is "analyser" or "prudence"). `staking` as in `paper_bets`. Errors: as
/// `paper_bets`.
#[pyfunction]
#[pyo3(signature = (picks, staking = None))]
fn track_record(
    py: Python<'_>,
    picks: &Bound<'_, PyAny>,
    staking: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyTrackRecord> {
    let picks: Vec<Pick> = from_py_list("picks", picks)?;
    let staking: PaperStaking = opt_record("staking", staking)?;
    crate::parallel::detach(py, || core_agents::track_record(&picks, &staking))?
        .or_raise()
        .map(PyTrackRecord)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyPick>()?;
    m.add_class::<PyPaperStaking>()?;
    m.add_class::<PyAgentPaper>()?;
    m.add_class::<PyTrackRecord>()?;
    m.add_function(wrap_pyfunction!(pick_paper_bet, m)?)?;
    m.add_function(wrap_pyfunction!(pick_settle, m)?)?;
    m.add_function(wrap_pyfunction!(pick_clv, m)?)?;
    m.add_function(wrap_pyfunction!(pick_clv_fair, m)?)?;
    m.add_function(wrap_pyfunction!(pick_kelly_stake, m)?)?;
    m.add_function(wrap_pyfunction!(paper_bets, m)?)?;
    m.add_function(wrap_pyfunction!(paper_records, m)?)?;
    m.add_function(wrap_pyfunction!(track_record, m)?)?;
    Ok(())
}

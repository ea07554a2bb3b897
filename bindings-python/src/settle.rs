//! `edgecore::settle`: settlement of bets from final scores.

use crate::convert::to_py_named;
use crate::errors::OrRaise;
use crate::progress::detach_reporting;
use crate::record::{FromPy, from_py_list, opt_record, record};
use edgecore::settle::{H2hFormat, SettleRules, Settlement};
use edgecore::{Bet, EventResult};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use std::collections::HashMap;

to_py_named!(H2hFormat);

record!(input PySettleRules(SettleRules) as "SettleRules", "settle rules" { h2h });

record!(output PySettlement(Settlement) as "Settlement" {
    outcome, payout, profit, margin
});

/// Settles one bet against its event's result: a `Settlement` with `outcome` ("won",
/// "lost", "push", "half_won", "half_lost", "void"), `payout` and `profit` (Decimal, to the
/// cent) and `margin` (the selection's margin after the line, None when cancelled).
/// `bet` is a `Bet` or a dict; `result` an `EventResult`, a `(home, away)` score, a dict or
/// "cancelled"; `rules` a `SettleRules` (or dict) or None for the h2h format of the bet's
/// sport (from its league key: "soccer_*" three-way; basketball, American football,
/// baseball, tennis and ice hockey two-way; any other sport three-way). Amounts come back
/// with two decimals (Decimal('21.70'), Decimal('5.00')).
/// Errors, the first bad field of the bet in declaration order: `InvalidLineError`,
/// `InvalidSelectionError`, `InvalidOddsError`, `InvalidAmountError`; then a draw under
/// two-way rules (`InvalidSelectionError`); `InvalidRecordError` for a malformed record.
#[pyfunction]
#[pyo3(signature = (bet, result, rules = None))]
fn settle(
    bet: &Bound<'_, PyAny>,
    result: &Bound<'_, PyAny>,
    rules: Option<&Bound<'_, PyAny>>,
) -> PyResult<PySettlement> {
    let rules: SettleRules = opt_record("rules", rules)?;
    rules
        .settle(
            &Bet::from_py("bet", bet)?,
            &EventResult::from_py("result", result)?,
        )
        .or_raise()
        .map(PySettlement)
}

/// Settles `bets[i]` against `results[i]` (in parallel for long lists, without the GIL): a
/// list of `Settlement`. `progress`: True for a tqdm bar (when tqdm is installed), or a callable receiving
/// `(done, total)` after about every 4096 items and at the end; an exception it raises is
/// raised after the run. Errors: `LengthMismatchError`, then the
/// first bad bet's error.
#[pyfunction]
#[pyo3(signature = (bets, results, rules = None, progress = None))]
fn settle_batch<'py>(
    py: Python<'py>,
    bets: &Bound<'py, PyAny>,
    results: &Bound<'py, PyAny>,
    rules: Option<&Bound<'py, PyAny>>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let rules: SettleRules = opt_record("rules", rules)?;
    let bets: Vec<Bet> = from_py_list("bets", bets)?;
    let results: Vec<EventResult> = from_py_list("results", results)?;
    let settled = detach_reporting(py, progress, bets.len(), |report| match report {
        Some(report) => rules.settle_batch_with_progress(&bets, &results, report),
        None => rules.settle_batch(&bets, &results),
    })?
    .or_raise()?;
    crate::record::into_py_list(py, settled)
}

/// Settles each bet whose event has a result in `results` (a dict from event id to result):
/// a list aligned with `bets`, None for a bet whose event has no result yet (in parallel for
/// long lists, without the GIL). `progress`: True for a tqdm bar (when tqdm is installed), or
/// a callable receiving `(done, total)` bets (pending ones included) after about every 4096
/// and at the end; an exception it raises is raised after the run. Errors: the first bad bet
/// with a result.
#[pyfunction]
#[pyo3(signature = (bets, results, rules = None, progress = None))]
fn settle_by_event<'py>(
    py: Python<'py>,
    bets: &Bound<'py, PyAny>,
    results: &Bound<'py, PyDict>,
    rules: Option<&Bound<'py, PyAny>>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let rules: SettleRules = opt_record("rules", rules)?;
    let bets: Vec<Bet> = from_py_list("bets", bets)?;
    // A snapshot of the items: reading a result may run code that resizes the dict.
    let results = results
        .items()
        .iter()
        .map(|item| {
            let (k, v): (String, Bound<'_, PyAny>) = item.extract()?;
            let at = crate::record::Place {
                name: "results",
                index: None,
                key: Some(&k),
            };
            let result = EventResult::from_py_at(&v, at)?;
            Ok((k, result))
        })
        .collect::<PyResult<HashMap<_, _>>>()?;
    let settled = detach_reporting(py, progress, bets.len(), |report| match report {
        Some(report) => rules.settle_by_event_with_progress(&bets, &results, report),
        None => rules.settle_by_event(&bets, &results),
    })?
    .or_raise()?;
    crate::record::into_py_list(py, settled)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PySettleRules>()?;
    m.add_class::<PySettlement>()?;
    m.add_function(wrap_pyfunction!(settle, m)?)?;
    m.add_function(wrap_pyfunction!(settle_batch, m)?)?;
    m.add_function(wrap_pyfunction!(settle_by_event, m)?)?;
    Ok(())
}

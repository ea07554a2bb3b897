//! `edgecore::kelly`: Kelly fractions, edges, log growth, policy stakes and the allocation
//! over mutually exclusive outcomes.

use crate::arrays::{elementwise, f64_vec};
use crate::convert::{amount, float, to_py_named};
use crate::errors::OrRaise;
use crate::progress::detach_reporting;
use crate::record::opt_record;
use crate::record::record;
use edgecore::kelly::{self, KellyPolicy};
use pyo3::prelude::*;
use rust_decimal::Decimal;

to_py_named!(kelly::StakeReason);

record!(input PyKellyPolicy(kelly::KellyPolicy) as "KellyPolicy", "Kelly policy" {
    fraction, max_stake_share, min_edge, min_stake, unit
});

record!(output PyKellyStake(kelly::KellyStake) as "KellyStake" {
    stake, kelly_fraction, target_fraction, applied_fraction, edge, capped, reason
});

record!(output PyExclusiveKelly(kelly::ExclusiveKelly) as "ExclusiveKelly" {
    fractions, reserve_rate
});

/// Edge of a bet: `probability x odds - 1`, the expected profit per unit staked (0.05 is a
/// 5% edge). Floats give a float; arrays broadcast and give a numpy array.
/// Errors: `InvalidOddsError` (odds not finite or not above 1), `InvalidProbabilityError`
/// (probability outside [0, 1]).
#[pyfunction]
fn edge<'py>(
    py: Python<'py>,
    odds: &Bound<'py, PyAny>,
    probability: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    elementwise(
        py,
        [odds, probability],
        ["odds", "probability"],
        |[o, p]| kelly::edge(o, p),
        |[o, p]| o.iter().zip(p).map(|(&o, &p)| kelly::edge(o, p)).collect(),
    )
}

/// Full Kelly fraction of the bankroll for one bet: `(b p - q) / b` with `b = odds - 1`,
/// `q = 1 - p`; 0 when the edge is not positive, 1 when `p = 1`. Floats give a float;
/// arrays, lists and Series broadcast (numpy rules) and give a numpy array computed in
/// parallel without the GIL. Errors: `InvalidOddsError`, `InvalidProbabilityError`.
#[pyfunction]
fn kelly_fraction<'py>(
    py: Python<'py>,
    odds: &Bound<'py, PyAny>,
    probability: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    elementwise(
        py,
        [odds, probability],
        ["odds", "probability"],
        |[o, p]| kelly::kelly_fraction(o, p),
        |[o, p]| kelly::kelly_fraction_batch(o, p),
    )
}

/// `kelly_fraction` of each pair `(odds[i], probabilities[i])` of two equally long 1-D
/// arrays, as a numpy array (in parallel for long inputs, without the GIL). `progress`: True for a tqdm bar (when tqdm is installed), or a callable receiving
/// `(done, total)` after about every 4096 items and at the end; an exception it raises is
/// raised after the run.
/// Errors: `LengthMismatchError`, then the first bad pair's error.
#[pyfunction]
#[pyo3(signature = (odds, probabilities, progress = None))]
fn kelly_fraction_batch<'py>(
    py: Python<'py>,
    odds: &Bound<'py, PyAny>,
    probabilities: &Bound<'py, PyAny>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let (o, p) = (
        f64_vec("odds", odds)?,
        f64_vec("probabilities", probabilities)?,
    );
    let out = detach_reporting(py, progress, o.len(), |report| match report {
        Some(report) => kelly::kelly_fraction_batch_with_progress(&o, &p, report),
        None => kelly::kelly_fraction_batch(&o, &p),
    })?
    .or_raise()?;
    Ok(numpy::PyArray1::from_vec(py, out).into_any())
}

/// Expected log growth of the bankroll per bet when staking `fraction` of it:
/// `p ln(1 + f b) + q ln(1 - f)` with `b = odds - 1`; maximal at the Kelly fraction.
/// Staking everything with `p < 1` is an `InvalidParameterError` (growth would be -inf).
/// Floats give a float; arrays broadcast and give a numpy array.
#[pyfunction]
fn expected_log_growth<'py>(
    py: Python<'py>,
    odds: &Bound<'py, PyAny>,
    probability: &Bound<'py, PyAny>,
    fraction: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    elementwise(
        py,
        [odds, probability, fraction],
        ["odds", "probability", "fraction"],
        |[o, p, f]| kelly::expected_log_growth(o, p, f),
        |[o, p, f]| {
            o.iter()
                .zip(p)
                .zip(f)
                .map(|((&o, &p), &f)| kelly::expected_log_growth(o, p, f))
                .collect()
        },
    )
}

/// Expected log growth of simultaneous stakes on mutually exclusive outcomes of one event:
/// `sum_i p_i ln(1 - F + f_i o_i) + (1 - sum_i p_i) ln(1 - F)` with `F = sum_i f_i`.
/// Errors: `LengthMismatchError`, `EmptyMarketError`, `InvalidOddsError`,
/// `InvalidProbabilityError`, `InvalidParameterError`.
#[pyfunction]
fn expected_log_growth_exclusive(
    odds: &Bound<'_, PyAny>,
    probabilities: &Bound<'_, PyAny>,
    fractions: &Bound<'_, PyAny>,
) -> PyResult<f64> {
    kelly::expected_log_growth_exclusive(
        &f64_vec("odds", odds)?,
        &f64_vec("probabilities", probabilities)?,
        &f64_vec("fractions", fractions)?,
    )
    .or_raise()
}

/// Kelly fractions for simultaneous bets on mutually exclusive outcomes of one event (the
/// Smoczynski-Tomkins allocation), one per outcome, as a list of floats.
/// Errors: `LengthMismatchError`, `EmptyMarketError`, `InvalidOddsError`,
/// `InvalidProbabilityError` (a probability outside [0, 1] or a sum above 1).
#[pyfunction]
fn kelly_exclusive(
    odds: &Bound<'_, PyAny>,
    probabilities: &Bound<'_, PyAny>,
) -> PyResult<Vec<f64>> {
    kelly::kelly_exclusive(
        &f64_vec("odds", odds)?,
        &f64_vec("probabilities", probabilities)?,
    )
    .or_raise()
}

/// `kelly_exclusive` with the reserve rate: an `ExclusiveKelly` with `fractions` and
/// `reserve_rate` (the share of the bankroll kept back).
#[pyfunction]
fn kelly_exclusive_detail(
    odds: &Bound<'_, PyAny>,
    probabilities: &Bound<'_, PyAny>,
) -> PyResult<PyExclusiveKelly> {
    kelly::kelly_exclusive_detail(
        &f64_vec("odds", odds)?,
        &f64_vec("probabilities", probabilities)?,
    )
    .or_raise()
    .map(PyExclusiveKelly)
}

/// The stake (a `Decimal`) a `KellyPolicy` places: the policy's fraction of full Kelly,
/// capped at `max_stake_share` of the bankroll, floored to the policy's unit; 0 when there
/// is no edge, the edge is below `min_edge` or the stake is below the unit or `min_stake`.
/// `policy` is a `KellyPolicy`, a dict of its fields, or None for the default policy.
/// Errors: `InvalidAmountError`, `InvalidOddsError`, `InvalidProbabilityError`,
/// `InvalidParameterError` (a policy field out of range).
#[pyfunction]
#[pyo3(signature = (bankroll, odds, probability, policy = None))]
fn kelly_stake(
    bankroll: &Bound<'_, PyAny>,
    odds: &Bound<'_, PyAny>,
    probability: &Bound<'_, PyAny>,
    policy: Option<&Bound<'_, PyAny>>,
) -> PyResult<Decimal> {
    let (odds, probability) = (float("odds", odds)?, float("probability", probability)?);
    let policy: KellyPolicy = opt_record("policy", policy)?;
    kelly::kelly_stake(amount("bankroll", bankroll)?, odds, probability, &policy).or_raise()
}

/// `kelly_stake` with its reasoning: a `KellyStake` with `stake`, `kelly_fraction`,
/// `target_fraction`, `applied_fraction`, `edge`, `capped` and `reason` ("staked",
/// "empty_bankroll", "no_edge", "below_min_edge", "below_unit", "below_min_stake").
#[pyfunction]
#[pyo3(signature = (bankroll, odds, probability, policy = None))]
fn kelly_stake_detail(
    bankroll: &Bound<'_, PyAny>,
    odds: &Bound<'_, PyAny>,
    probability: &Bound<'_, PyAny>,
    policy: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyKellyStake> {
    let (odds, probability) = (float("odds", odds)?, float("probability", probability)?);
    let policy: KellyPolicy = opt_record("policy", policy)?;
    kelly::kelly_stake_detail(amount("bankroll", bankroll)?, odds, probability, &policy)
        .or_raise()
        .map(PyKellyStake)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyKellyPolicy>()?;
    m.add_class::<PyKellyStake>()?;
    m.add_class::<PyExclusiveKelly>()?;
    m.add_function(wrap_pyfunction!(edge, m)?)?;
    m.add_function(wrap_pyfunction!(kelly_fraction, m)?)?;
    m.add_function(wrap_pyfunction!(kelly_fraction_batch, m)?)?;
    m.add_function(wrap_pyfunction!(expected_log_growth, m)?)?;
    m.add_function(wrap_pyfunction!(expected_log_growth_exclusive, m)?)?;
    m.add_function(wrap_pyfunction!(kelly_exclusive, m)?)?;
    m.add_function(wrap_pyfunction!(kelly_exclusive_detail, m)?)?;
    m.add_function(wrap_pyfunction!(kelly_stake, m)?)?;
    m.add_function(wrap_pyfunction!(kelly_stake_detail, m)?)?;
    Ok(())
}

//! `edgecore::risk`: weighted subscriber risk scores, batches with progress, and summaries.

use crate::convert::Text;
use crate::convert::{name, to_py_named};
use crate::errors::OrRaise;
use crate::progress::detach_reporting;
use crate::record::{FromPy, from_py_list, into_py_list, opt_record, record};
use chrono::NaiveDate;
use edgecore::risk::{self, RiskConfig, RiskScore, Subscriber};
use pyo3::prelude::*;

to_py_named!(risk::RiskLevel, risk::RiskFactor, risk::RiskFlag);

record!(input PyPayment(risk::Payment) as "Payment", "payment" { date, amount, succeeded });

record!(input PySubscription(risk::Subscription) as "Subscription", "subscription" {
    plan, monthly_amount, start, end
});

record!(input PySubscriber(risk::Subscriber) as "Subscriber", "subscriber" {
    id, signup, subscriptions, payments
});

record!(input PyRiskWeights(risk::RiskWeights) as "RiskWeights", "risk weights" {
    recent_failures, amount, failure_rate, pays_once, account_age
});

record!(input PyRiskConfig(risk::RiskConfig) as "RiskConfig", "risk config" {
    weights, medium, high, critical, low_cost_amount, recent_window, age_horizon_days,
    new_account_days
});

record!(input PyFactorContribution(risk::FactorContribution) as "FactorContribution",
    "factor contribution" { factor, value, weight, contribution });

record!(input PyRiskScore(risk::RiskScore) as "RiskScore", "risk score" {
    subscriber_id, score, level, flags, factors, payment_count, failed_payment_count
});

record!(output PyLevelCount(risk::LevelCount) as "LevelCount" { level, count, share });

record!(output PyFlagCount(risk::FlagCount) as "FlagCount" { flag, count, share });

record!(output PyHistogramBin(risk::HistogramBin) as "HistogramBin" { lower, upper, count });

record!(output PyRiskSummary(risk::RiskSummary) as "RiskSummary" {
    total, levels, high_risk_count, high_risk_share, mean_score, flags, payment_count,
    failed_payment_count, failure_rate, histogram
});

/// The weighted risk score in [0, 1] of one subscriber as of a date: a `RiskScore` with
/// `score`, `level` ("low", "medium", "high", "critical"), `flags`, the five `factors`
/// (value, weight, contribution) and payment counts. `subscriber` is a `Subscriber` or a
/// dict; `config` a `RiskConfig`, a dict or None for the default weights and thresholds.
/// Errors: `InvalidParameterError` (a signup after `as_of`, a bad config),
/// `InvalidAmountError` (a negative payment), `InvalidRecordError`.
#[pyfunction]
#[pyo3(signature = (subscriber, as_of, config = None))]
fn risk_score(
    subscriber: &Bound<'_, PyAny>,
    as_of: NaiveDate,
    config: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyRiskScore> {
    let config: RiskConfig = opt_record("config", config)?;
    risk::risk_score(
        &Subscriber::from_py("subscriber", subscriber)?,
        as_of,
        &config,
    )
    .or_raise()
    .map(PyRiskScore)
}

/// Subscribers (`Subscriber` objects or dicts) converted once and kept on the Rust side:
/// `risk_score_batch` reads a batch without any conversion, which pays off when the same
/// population is scored at several dates or with several configurations.
#[pyclass(module = "edgecore", name = "SubscriberBatch", frozen)]
pub struct PySubscriberBatch(Vec<Subscriber>);

crate::pickle::pickled_pymethods!("SubscriberBatch", Vec<Subscriber>, impl PySubscriberBatch {
    #[new]
    fn new(subscribers: &Bound<'_, PyAny>) -> PyResult<Self> {
        from_py_list("subscribers", subscribers).map(Self)
    }

    fn __len__(&self) -> usize {
        self.0.len()
    }

    fn __repr__(&self) -> String {
        format!("SubscriberBatch({} subscribers)", self.0.len())
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PySubscriberBatch>()
            .is_ok_and(|o| o.get().0 == self.0)
    }
});

/// `risk_score` of every subscriber (a `SubscriberBatch`, read without conversion; a list
/// of `Subscriber` objects, copied on the Rust side; or dicts, read field by field), in
/// parallel without the GIL: a list of `RiskScore` in input order. `progress`:
/// True for a tqdm bar (when tqdm is installed), or a callable receiving `(done, total)`;
/// an exception it raises is raised after the run. Errors: the first bad subscriber's.
#[pyfunction]
#[pyo3(signature = (subscribers, as_of, config = None, progress = None))]
fn risk_score_batch<'py>(
    py: Python<'py>,
    subscribers: &Bound<'py, PyAny>,
    as_of: NaiveDate,
    config: Option<&Bound<'py, PyAny>>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let config: RiskConfig = opt_record("config", config)?;
    let converted: Vec<Subscriber>;
    let batch = subscribers.cast::<PySubscriberBatch>().ok();
    let subscribers: &[Subscriber] = match &batch {
        Some(batch) => &batch.get().0,
        None => {
            converted = from_py_list("subscribers", subscribers)?;
            &converted
        }
    };
    let scores = detach_reporting(py, progress, subscribers.len(), |report| match report {
        Some(report) => risk::risk_score_batch_with_progress(subscribers, as_of, &config, report),
        None => risk::risk_score_batch(subscribers, as_of, &config),
    })?;
    into_py_list(py, scores.or_raise()?)
}

/// KPIs of a set of risk scores: a `RiskSummary` with the total, counts and shares per level
/// and per flag, the high-risk count and share, the mean score, payment counts and failure
/// rate, and a ten-bin histogram of the scores. `scores` are `RiskScore` objects or dicts.
/// Errors: `InvalidProbabilityError` (a score outside [0, 1]), `InvalidParameterError`.
#[pyfunction]
fn risk_summary(scores: &Bound<'_, PyAny>) -> PyResult<PyRiskSummary> {
    let scores: Vec<RiskScore> = from_py_list("scores", scores)?;
    risk::risk_summary(&scores).or_raise().map(PyRiskSummary)
}

/// Whether a risk level counts as high risk in the KPIs: "high" or "critical" (not "low"
/// or "medium"). Errors: `UnknownNameError` for a name that is not a risk level.
#[pyfunction]
fn is_high_risk(level: Text) -> PyResult<bool> {
    Ok(name::<risk::RiskLevel>(&level)?.is_high_risk())
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyPayment>()?;
    m.add_class::<PySubscription>()?;
    m.add_class::<PySubscriber>()?;
    m.add_class::<PySubscriberBatch>()?;
    m.add_class::<PyRiskWeights>()?;
    m.add_class::<PyRiskConfig>()?;
    m.add_class::<PyFactorContribution>()?;
    m.add_class::<PyRiskScore>()?;
    m.add_class::<PyLevelCount>()?;
    m.add_class::<PyFlagCount>()?;
    m.add_class::<PyHistogramBin>()?;
    m.add_class::<PyRiskSummary>()?;
    m.add_function(wrap_pyfunction!(risk_score, m)?)?;
    m.add_function(wrap_pyfunction!(risk_score_batch, m)?)?;
    m.add_function(wrap_pyfunction!(risk_summary, m)?)?;
    m.add_function(wrap_pyfunction!(is_high_risk, m)?)?;
    m.add("MAX_RECENT_WINDOW", risk::MAX_RECENT_WINDOW)?;
    m.add("RECENT_FAILURE_FLAG_SHARE", risk::RECENT_FAILURE_FLAG_SHARE)?;
    m.add("PROGRESS_CHUNK", risk::PROGRESS_CHUNK)?;
    Ok(())
}

//! `edgecore::clv`: closing line value, its fair (de-vigged) variant, closing lines and
//! interpretation tiers.

use crate::args::Texts;
use crate::arrays::{elementwise, f64_vec, to_numpy};
use crate::convert::Text;
use crate::convert::{amount, float, instant, int, name, to_py_named};
use crate::errors::OrRaise;
use crate::progress::detach_reporting;
use crate::record::{from_py_list, record};
use edgecore::PriceSnapshot;
use edgecore::clv::{self as core_clv, ClvTier};
use pyo3::prelude::*;
use rust_decimal::Decimal;

to_py_named!(ClvTier);

record!(output PyClosingMarket(core_clv::ClosingMarket) as "ClosingMarket" {
    selections, snapshots, odds
});

/// Closing line value as a fraction: (odds_taken - closing_odds) / closing_odds.
/// 2.05 taken against a 1.94 close gives 0.0567 (+5.67%). Floats give a float; arrays,
/// lists and Series broadcast (numpy rules) and give a numpy array. Decimal odds must be
/// finite and > 1, else `InvalidOddsError`.
#[pyfunction]
fn clv<'py>(
    py: Python<'py>,
    odds_taken: &Bound<'py, PyAny>,
    closing_odds: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    elementwise(
        py,
        [odds_taken, closing_odds],
        ["odds_taken", "closing_odds"],
        |[taken, close]| core_clv::clv(taken, close),
        |[taken, close]| core_clv::clv_batch(taken, close),
    )
}

/// `clv` of each pair of two equally long 1-D arrays, as a numpy array (in parallel for
/// long inputs, without the GIL). `progress`: True for a tqdm bar (when tqdm is installed), or a callable receiving
/// `(done, total)` after about every 4096 items and at the end; an exception it raises is
/// raised after the run. Errors: `LengthMismatchError`, then
/// the first bad price.
#[pyfunction]
#[pyo3(signature = (odds_taken, closing_odds, progress = None))]
fn clv_batch<'py>(
    py: Python<'py>,
    odds_taken: &Bound<'py, PyAny>,
    closing_odds: &Bound<'py, PyAny>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let (taken, close) = (
        f64_vec("odds_taken", odds_taken)?,
        f64_vec("closing_odds", closing_odds)?,
    );
    let out = detach_reporting(py, progress, taken.len(), |report| match report {
        Some(report) => core_clv::clv_batch_with_progress(&taken, &close, report),
        None => core_clv::clv_batch(&taken, &close),
    })?
    .or_raise()?;
    let len = out.len();
    to_numpy(py, out, &[len])
}

/// Closing line value against the fair closing price: `odds_taken x p_fair - 1`, with
/// `p_fair` the probability of outcome `outcome` (index into `closing_market`) once the
/// closing market is de-vigged with `method`. Errors: `InvalidOddsError`,
/// `EmptyMarketError`, the de-vig errors, `InvalidParameterError` (outcome).
#[pyfunction]
#[pyo3(
    signature = (odds_taken, closing_market, outcome, method = Text::from("multiplicative")),
    text_signature = "(odds_taken, closing_market, outcome, method='multiplicative')"
)]
fn clv_fair(
    odds_taken: &Bound<'_, PyAny>,
    closing_market: &Bound<'_, PyAny>,
    outcome: &Bound<'_, PyAny>,
    method: Text,
) -> PyResult<f64> {
    core_clv::clv_fair(
        float("odds_taken", odds_taken)?,
        &f64_vec("closing_market", closing_market)?,
        int("outcome", outcome)?,
        name(&method)?,
    )
    .or_raise()
}

/// Closing line value against a fair closing probability already known (the closing market
/// de-vigged once and stored): `odds_taken x fair_probability - 1`, a fraction (-1 for a
/// probability of 0). Errors: `InvalidOddsError` for `odds_taken`, then
/// `InvalidProbabilityError` outside [0, 1].
#[pyfunction]
fn clv_fair_at(
    odds_taken: &Bound<'_, PyAny>,
    fair_probability: &Bound<'_, PyAny>,
) -> PyResult<f64> {
    core_clv::clv_fair_at(
        float("odds_taken", odds_taken)?,
        float("fair_probability", fair_probability)?,
    )
    .or_raise()
}

/// An optional line: None, or an exact amount.
fn line(value: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Decimal>> {
    value
        .filter(|v| !v.is_none())
        .map(|v| amount("line", v))
        .transpose()
}

/// The closing line: among `snapshots` (`PriceSnapshot` objects or dicts), the latest one
/// for this event, bookmaker, market, line (None for h2h) and selection captured strictly
/// before `kickoff` (an aware datetime; a naive one raises `InvalidParameterError`), as a `PriceSnapshot`.
/// Errors: `InvalidSelectionError`, `InvalidLineError`, `ClosingLineUnavailableError`.
#[pyfunction]
#[allow(clippy::too_many_arguments)]
fn closing_line<'py>(
    py: Python<'py>,
    snapshots: &Bound<'py, PyAny>,
    event_id: Text,
    kickoff: &Bound<'py, PyAny>,
    bookmaker: Text,
    market: Text,
    line: Option<&Bound<'py, PyAny>>,
    selection: Text,
) -> PyResult<Bound<'py, PyAny>> {
    let kickoff = instant("kickoff", kickoff)?;
    let snapshots: Vec<PriceSnapshot> = from_py_list("snapshots", snapshots)?;
    let close = core_clv::closing_line(
        &snapshots,
        &event_id,
        kickoff,
        &bookmaker,
        name(&market)?,
        self::line(line)?,
        name(&selection)?,
    )
    .or_raise()?;
    crate::convert::ToPy::to_py(close, py)
}

/// The closing line of each of `selections` (e.g. ["home", "draw", "away"]), as
/// `closing_line` finds one (for spreads, the away side at the opposite line): a
/// `ClosingMarket` with the `selections`, their `snapshots` and their `odds` as floats,
/// ready for `devig` or `clv_fair`. Errors: `EmptyMarketError`, `InvalidParameterError`
/// (a selection asked twice), then those of `closing_line`, `InvalidOddsError`.
#[pyfunction]
#[allow(clippy::too_many_arguments)]
fn closing_market(
    snapshots: &Bound<'_, PyAny>,
    event_id: Text,
    kickoff: &Bound<'_, PyAny>,
    bookmaker: Text,
    market: Text,
    line: Option<&Bound<'_, PyAny>>,
    selections: Texts,
) -> PyResult<PyClosingMarket> {
    let kickoff = instant("kickoff", kickoff)?;
    let snapshots: Vec<PriceSnapshot> = from_py_list("snapshots", snapshots)?;
    let selections = selections
        .0
        .iter()
        .map(|s| name(s))
        .collect::<PyResult<Vec<_>>>()?;
    core_clv::closing_market(
        &snapshots,
        &event_id,
        kickoff,
        &bookmaker,
        name(&market)?,
        self::line(line)?,
        &selections,
    )
    .or_raise()
    .map(PyClosingMarket)
}

/// The interpretation tier of an average CLV given as a fraction: "excellent" above 3%,
/// "very_good" above 1% up to 3%, "correct" from 0 to 1%, "warning" below 0.
/// Errors: `InvalidParameterError` for a CLV that is not finite.
#[pyfunction]
fn clv_tier(clv: &Bound<'_, PyAny>) -> PyResult<&'static str> {
    ClvTier::from_clv(float("clv", clv)?)
        .or_raise()
        .map(|t| t.as_str())
}

/// The tier of the CLV of two decimal prices (Decimal, int or str), decided exactly: 2.02
/// against 2.00 is exactly 1% and so "correct", 2.06 against 2.00 exactly 3% and so
/// "very_good" (boundaries belong to the lower tier), where the float `clv` lands a hair
/// above. Errors: `InvalidOddsError` for a price not above 1 (the taken price first).
#[pyfunction]
fn clv_tier_from_prices(
    odds_taken: &Bound<'_, PyAny>,
    closing_odds: &Bound<'_, PyAny>,
) -> PyResult<&'static str> {
    let taken = amount("odds_taken", odds_taken)?;
    let closing = amount("closing_odds", closing_odds)?;
    ClvTier::from_prices(taken, closing)
        .or_raise()
        .map(|t| t.as_str())
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyClosingMarket>()?;
    m.add_function(wrap_pyfunction!(clv, m)?)?;
    m.add_function(wrap_pyfunction!(clv_batch, m)?)?;
    m.add_function(wrap_pyfunction!(clv_fair, m)?)?;
    m.add_function(wrap_pyfunction!(clv_fair_at, m)?)?;
    m.add_function(wrap_pyfunction!(closing_line, m)?)?;
    m.add_function(wrap_pyfunction!(closing_market, m)?)?;
    m.add_function(wrap_pyfunction!(clv_tier, m)?)?;
    m.add_function(wrap_pyfunction!(clv_tier_from_prices, m)?)?;
    Ok(())
}

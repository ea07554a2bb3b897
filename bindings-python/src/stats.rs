//! `edgecore::stats`: performance of a bet history, breakdowns, heatmap, windows, filters
//! and significance.

use crate::arrays::elementwise;
use crate::convert::Text;
use crate::convert::{instant, name, to_py_named};
use crate::errors::OrRaise;
use crate::record::{from_py_list, record};
use chrono::NaiveDate;
use edgecore::Bet;
use edgecore::stats::{self as core_stats, BetFilter, BreakdownKey, Weekday, Window};
use pyo3::prelude::*;
use pyo3::types::PyList;

to_py_named!(BreakdownKey, Weekday, Window, BetFilter);

record!(output PyBankrollPoint(core_stats::BankrollPoint) as "BankrollPoint" { at, bankroll });

record!(output PyDrawdown(core_stats::Drawdown) as "Drawdown" {
    amount, share, peak, trough, peak_at, trough_at
});

record!(output PySignificance(core_stats::Significance) as "Significance" {
    bets, observed, expected, standard_error, z_score, p_value
});

record!(output PyPerformance(core_stats::Performance) as "Performance" {
    bets, won, lost, push, half_won, half_lost, void, pending, settled, win_rate, staked,
    pending_staked, profit, roi, average_odds, clv_bets, average_clv, stake_weighted_clv,
    beat_close_share, clv_tier, starting_bankroll, final_bankroll, curve, max_drawdown,
    sharpe, longest_losing_streak, longest_winning_streak, significance_vs_break_even,
    significance_vs_closing, clv_significance
});

record!(output PySummary(core_stats::Summary) as "Summary" {
    bets, settled, wins, losses, staked, profit, roi, win_rate, average_clv
});

record!(output PyGroup(core_stats::Group) as "Group" { key, summary });

record!(output PyHeatmapCell(core_stats::HeatmapCell) as "HeatmapCell" {
    weekday, hour, summary
});

record!(output PyHeatmap(core_stats::Heatmap) as "Heatmap" { cells } table cells);

/// The dashboard figures of a bet history (`Bet` objects or dicts, in any order): a
/// `Performance` with counts by outcome, win rate, staked, profit, ROI, average odds, CLV
/// figures and tier, the bankroll curve from `starting_bankroll` (Decimal), the maximum
/// drawdown, Sharpe ratio, streaks and significance tests. Figures that need settled bets
/// are None without them. Errors: `InvalidOddsError`, `InvalidAmountError`,
/// `InvalidRecordError`.
#[pyfunction]
fn performance(
    py: Python<'_>,
    bets: &Bound<'_, PyAny>,
    starting_bankroll: &Bound<'_, PyAny>,
) -> PyResult<PyPerformance> {
    let bets: Vec<Bet> = from_py_list("bets", bets)?;
    let start = crate::convert::amount("starting_bankroll", starting_bankroll)?;
    crate::parallel::detach(py, || core_stats::performance(&bets, start))?
        .or_raise()
        .map(PyPerformance)
}

/// Bets grouped by `key` ("bookmaker", "market", "source", "league", "day", "week",
/// "month", "weekday", "hour"): a list of `Group` (`key`, `summary`) in key order.
/// Errors: `UnknownNameError`, then those of `performance`.
#[pyfunction]
fn breakdown<'py>(
    py: Python<'py>,
    bets: &Bound<'py, PyAny>,
    key: Text,
) -> PyResult<Bound<'py, PyAny>> {
    let key: BreakdownKey = name(&key)?;
    let bets: Vec<Bet> = from_py_list("bets", bets)?;
    let groups = crate::parallel::detach(py, || core_stats::breakdown(&bets, key))?.or_raise()?;
    crate::record::into_py_list(py, groups)
}

/// Results by weekday x hour of `placed_at` (UTC): a `Heatmap` of 168 `HeatmapCell`
/// (`weekday`, `hour`, `summary`). Errors: those of `performance`.
#[pyfunction]
fn heatmap(py: Python<'_>, bets: &Bound<'_, PyAny>) -> PyResult<PyHeatmap> {
    let bets: Vec<Bet> = from_py_list("bets", bets)?;
    crate::parallel::detach(py, || core_stats::heatmap(&bets))?
        .or_raise()
        .map(PyHeatmap)
}

/// The items of `bets` at `indices`, as given (no copy of the bets). `bets` is iterated a
/// second time (after its bets were read), through [`crate::raw::items`]: any iterable's
/// `__iter__` and `__next__` are the caller's code.
fn pick<'py>(bets: &Bound<'py, PyAny>, indices: Vec<usize>) -> PyResult<Bound<'py, PyList>> {
    let items = crate::raw::items(bets)?;
    let picked = indices
        .into_iter()
        .filter_map(|i| items.get(i).cloned())
        .collect::<Vec<_>>();
    PyList::new(bets.py(), picked)
}

/// Positions of the bets placed within `window` ("7d", "30d", "90d", "all"; also
/// "last_7_days"...) ending on `as_of` (a date, inclusive, UTC date of `placed_at`).
#[pyfunction]
fn window_indices(bets: &Bound<'_, PyAny>, window: Text, as_of: NaiveDate) -> PyResult<Vec<usize>> {
    let window: Window = name(&window)?;
    let bets: Vec<Bet> = from_py_list("bets", bets)?;
    Ok(core_stats::window_indices(&bets, window, as_of))
}

/// The bets placed within `window` as of `as_of`, in input order: the same objects that
/// were passed in (see `window_indices`).
#[pyfunction]
fn window<'py>(
    bets: &Bound<'py, PyAny>,
    window: Text,
    as_of: NaiveDate,
) -> PyResult<Bound<'py, PyList>> {
    pick(bets, window_indices(bets, window, as_of)?)
}

/// Positions of the bets matching `filter` ("all", "pending", "settled", "positive_clv").
#[pyfunction]
fn filter_indices(bets: &Bound<'_, PyAny>, filter: Text) -> PyResult<Vec<usize>> {
    let filter: BetFilter = name(&filter)?;
    let bets: Vec<Bet> = from_py_list("bets", bets)?;
    Ok(core_stats::filter_indices(&bets, filter))
}

/// The bets matching `filter`, in input order: the same objects that were passed in.
#[pyfunction]
fn filter_bets<'py>(bets: &Bound<'py, PyAny>, filter: Text) -> PyResult<Bound<'py, PyList>> {
    pick(bets, filter_indices(bets, filter)?)
}

/// The weekday of an instant in UTC, as a lower-case name ("monday" ... "sunday"). `at` is
/// an aware `datetime` (taken to UTC) or an RFC 3339 string. Errors:
/// `InvalidParameterError` for a naive `datetime`, `InvalidRecordError` for anything else.
#[pyfunction]
fn weekday_of(at: &Bound<'_, PyAny>) -> PyResult<&'static str> {
    Ok(Weekday::of(instant("instant", at)?).as_str())
}

/// The first day of `window` ("7d", "30d", "90d", "all"; also "last_7_days"...) ending on
/// `as_of` (a date, inclusive): `as_of - (days - 1)`, so 2026-11-15 for "7d" as of
/// 2026-11-21; None for "all" (no lower bound). Errors: `UnknownNameError`.
#[pyfunction]
fn window_start<'py>(
    py: Python<'py>,
    window: Text,
    as_of: NaiveDate,
) -> PyResult<Bound<'py, PyAny>> {
    crate::convert::ToPy::to_py(&name::<Window>(&window)?.start(as_of), py)
}

/// Standard normal cumulative distribution function, accurate to about 1e-15. Floats give
/// a float; arrays broadcast. Errors: `InvalidParameterError` for a non-finite x.
#[pyfunction]
fn normal_cdf<'py>(py: Python<'py>, x: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    elementwise(
        py,
        [x],
        ["x"],
        |[x]| core_stats::normal_cdf(x),
        |[xs]| xs.iter().map(|&x| core_stats::normal_cdf(x)).collect(),
    )
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyBankrollPoint>()?;
    m.add_class::<PyDrawdown>()?;
    m.add_class::<PySignificance>()?;
    m.add_class::<PyPerformance>()?;
    m.add_class::<PySummary>()?;
    m.add_class::<PyGroup>()?;
    m.add_class::<PyHeatmapCell>()?;
    m.add_class::<PyHeatmap>()?;
    m.add_function(wrap_pyfunction!(performance, m)?)?;
    m.add_function(wrap_pyfunction!(breakdown, m)?)?;
    m.add_function(wrap_pyfunction!(heatmap, m)?)?;
    m.add_function(wrap_pyfunction!(window_indices, m)?)?;
    m.add_function(wrap_pyfunction!(window, m)?)?;
    m.add_function(wrap_pyfunction!(filter_indices, m)?)?;
    m.add_function(wrap_pyfunction!(filter_bets, m)?)?;
    m.add_function(wrap_pyfunction!(normal_cdf, m)?)?;
    m.add_function(wrap_pyfunction!(weekday_of, m)?)?;
    m.add_function(wrap_pyfunction!(window_start, m)?)?;
    Ok(())
}

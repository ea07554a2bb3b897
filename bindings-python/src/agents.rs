//! `edgecore::agents`: the market agents (anomaly, spread and arbitrage, movement), their
//! consensus, hedging, the season generator and the look-ahead-free backtest.

use crate::convert::Text;
use crate::convert::{amount, instant, to_py_named};
use crate::errors::OrRaise;
use crate::progress::Progress;
use crate::record::{from_py_list, from_py_list_opt, into_py_list, opt_record, record};
use chrono::{DateTime, Utc};
use edgecore::agents::{
    self as core_agents, AgentName, AgentRecord, BoardConfig, InjectionKind, Label, Opportunity,
    Position, ResultRecord, Staking, SteamMove,
};
use edgecore::{Bet, Event, PriceSnapshot};
use pyo3::prelude::*;

to_py_named!(AgentName, Label, Staking, InjectionKind);

record!(input PyOpportunity(core_agents::Opportunity) as "Opportunity", "opportunity" {
    agent, event_id, market, line, selection, bookmaker, price, captured_at, fair_probability,
    fair_odds, edge, z, books, detected_at
});

record!(input PyBoardConfig(core_agents::BoardConfig) as "BoardConfig", "board config" {
    reference, max_age_seconds, min_price, max_price, min_overround, max_overround
});

record!(output PyQuote(core_agents::Quote) as "Quote" {
    event_id, bookmaker, market, line, selection, price, captured_at
});

record!(input PyAnomalyConfig(core_agents::AnomalyConfig) as "AnomalyConfig", "anomaly config" {
    method, min_edge, min_books, z_floor
});

record!(input PySpreadConfig(core_agents::SpreadConfig) as "SpreadConfig", "spread config" {
    method, min_edge, min_books, z_floor, outlay
});

record!(input PyMovementConfig(core_agents::MovementConfig) as "MovementConfig",
    "movement config" { method, window_seconds, min_shortening, min_books, min_edge, z_floor });

record!(input PyConsensusConfig(core_agents::ConsensusConfig) as "ConsensusConfig",
    "consensus config" {
    edge_scale, z_scale, shrinkage, clv_sensitivity, max_weight, min_score, min_edge
});

record!(output PyStakes(core_agents::spread::Stakes) as "Stakes" {
    stakes, payouts, outlay, profit, margin
});

record!(output PySelectionSpread(core_agents::SelectionSpread) as "SelectionSpread" {
    selection, line, best_price, best_bookmaker, worst_price, worst_bookmaker, spread
});

record!(output PyArbitrageLeg(core_agents::ArbitrageLeg) as "ArbitrageLeg" {
    selection, line, bookmaker, price, stake, payout
});

record!(output PyArbitrage(core_agents::Arbitrage) as "Arbitrage" {
    legs, outlay, profit, margin
});

record!(output PySpreadReport(core_agents::SpreadReport) as "SpreadReport" {
    event_id, market, line, books, selections, best_overround, arbitrage, detected_at
});

record!(output PySpreads(core_agents::Spreads) as "Spreads" { reports, opportunities });

record!(output PySeriesSummary(core_agents::SeriesSummary) as "SeriesSummary" {
    event_id, bookmaker, market, line, selection, opening_price, opened_at, current_price,
    updated_at, drift, speed, quotes
});

record!(input PySteamMove(core_agents::SteamMove) as "SteamMove", "steam move" {
    event_id, market, line, selection, bookmakers, average_shortening, reference_moved,
    window_start, detected_at
});

record!(output PyMovements(core_agents::Movements) as "Movements" { steam, opportunities });

record!(input PyPosition(core_agents::Position) as "Position", "position" {
    outcome, stake, odds
});

record!(output PyHedge(core_agents::Hedge) as "Hedge" {
    stakes, outlay, results, guaranteed, best
});

record!(input PyAgentRecord(core_agents::AgentRecord) as "AgentRecord", "agent record" {
    agent, bets, average_clv
});

record!(output PyScored(core_agents::Scored) as "Scored" { opportunity, score, label, agents });

record!(output PyAgentFigures(core_agents::AgentFigures) as "AgentFigures" {
    agent, bets, profit, roi, sharpe, win_rate, average_clv, beat_close_share, max_drawdown,
    max_drawdown_amount
});

record!(input PyGeneratorConfig(core_agents::GeneratorConfig) as "GeneratorConfig",
    "generator config" {
    seed, league, events, events_per_week, bookmakers, start, days_open, poll_hours,
    totals_lines, reference_margin, min_margin, max_margin, reference_noise, noise, anomalies,
    anomaly_edge, arbitrages, arbitrage_margin, steam_moves, steam_shift
});

record!(output PyInjection(core_agents::Injection) as "Injection" {
    kind, event_id, market, line, selection, bookmaker, at
});

record!(input PyResultRecord(core_agents::ResultRecord) as "ResultRecord", "result record" {
    event_id, result
});

record!(output PyGenerated(core_agents::Generated) as "Generated" {
    events, bookmakers, snapshots, results, injected
});

record!(input PyBacktestConfig(core_agents::BacktestConfig) as "BacktestConfig",
    "backtest config" {
    strategies, staking, flat_stake, kelly, starting_bankroll, max_bets_per_selection,
    settle_after_seconds, board, anomaly, spread, movement, consensus
});

record!(output PyStrategyRun(core_agents::StrategyRun) as "StrategyRun" {
    strategy, bets, performance
} table bets);

record!(output PyBacktest(core_agents::Backtest) as "Backtest" {
    runs, agents, snapshots, decisions
});

/// Price snapshots (`PriceSnapshot` objects or dicts) indexed once for replay: interned
/// events, bookmakers and markets, ticks in capture order. Build it once and pass it to
/// `Board.at` and `backtest`. Errors: those of the snapshots (`InvalidOddsError`,
/// `InvalidLineError`, `InvalidSelectionError`, `InvalidRecordError`).
#[pyclass(module = "edgecore", name = "History", frozen)]
pub struct PyHistory(core_agents::History);

#[pymethods]
impl PyHistory {
    #[new]
    fn new(py: Python<'_>, snapshots: &Bound<'_, PyAny>) -> PyResult<Self> {
        let snapshots: Vec<PriceSnapshot> = from_py_list("snapshots", snapshots)?;
        crate::parallel::detach(py, || core_agents::History::new(&snapshots))?
            .or_raise()
            .map(Self)
    }

    fn __len__(&self) -> usize {
        self.0.len()
    }

    /// The history of the snapshots held followed by `snapshots` (`PriceSnapshot` objects
    /// or dicts): the same as `History(h.snapshots() + snapshots)` (snapshots captured at
    /// the same instant keep that order, the held ones first), without indexing the held
    /// ones again. A new history: this one is unchanged. Errors: as `History(...)`, on the
    /// new snapshots.
    fn extend(&self, py: Python<'_>, snapshots: &Bound<'_, PyAny>) -> PyResult<Self> {
        let snapshots: Vec<PriceSnapshot> = from_py_list("snapshots", snapshots)?;
        crate::parallel::detach(py, || self.0.extend(&snapshots))?
            .or_raise()
            .map(Self)
    }

    /// The event identifiers, in order of first appearance.
    #[getter]
    fn events(&self) -> Vec<String> {
        self.0.events().to_vec()
    }

    /// The bookmakers, in order of first appearance.
    #[getter]
    fn bookmakers(&self) -> Vec<String> {
        self.0.bookmakers().to_vec()
    }

    /// The number of distinct (event, market, line) markets.
    #[getter]
    fn markets(&self) -> usize {
        self.0.markets()
    }

    /// The earliest capture instant; None when empty.
    #[getter]
    fn first_capture(&self) -> Option<DateTime<Utc>> {
        self.0.first_capture()
    }

    /// The latest capture instant; None when empty.
    #[getter]
    fn last_capture(&self) -> Option<DateTime<Utc>> {
        self.0.last_capture()
    }

    /// The snapshots held, in capture order, as `PriceSnapshot` records (instants to the
    /// microsecond, lines without trailing zeros): `History(h.snapshots())` equals `h`.
    fn snapshots<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        into_py_list(py, self.0.snapshots())
    }

    /// Restores a history from its pickled state (its snapshots as JSON).
    #[classmethod]
    fn _from_state(
        _cls: &Bound<'_, pyo3::types::PyType>,
        py: Python<'_>,
        state: Text,
    ) -> PyResult<Self> {
        let snapshots: Vec<PriceSnapshot> = crate::pickle::from_state("History", &state)?;
        crate::parallel::detach(py, || core_agents::History::new(&snapshots))?
            .or_raise()
            .map(Self)
    }

    /// Pickles as its snapshots (JSON), from which the same history is rebuilt.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, pyo3::types::PyTuple>> {
        let state = crate::pickle::to_state("History", &slf.get().0.snapshots())?;
        crate::pickle::reduce(slf.as_any(), (state,))
    }

    /// The history itself (it is immutable).
    fn __copy__(slf: &Bound<'_, Self>) -> Py<Self> {
        slf.clone().unbind()
    }

    /// The history itself (it is immutable).
    fn __deepcopy__(slf: &Bound<'_, Self>, _memo: &Bound<'_, PyAny>) -> Py<Self> {
        slf.clone().unbind()
    }

    /// Histories are equal when they hold the same snapshots in the same order.
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyHistory>()
            .is_ok_and(|o| self.0.snapshots() == o.get().0.snapshots())
    }

    fn __repr__(&self) -> String {
        format!(
            "History(snapshots={}, events={}, bookmakers={}, markets={})",
            self.0.len(),
            self.0.events().len(),
            self.0.bookmakers().len(),
            self.0.markets()
        )
    }
}

/// A `History` from a `History` object (shared, no copy) or a list of snapshots.
fn with_history<T>(
    name: &'static str,
    value: &Bound<'_, PyAny>,
    f: impl FnOnce(&core_agents::History) -> PyResult<T>,
) -> PyResult<T> {
    match value.cast::<PyHistory>() {
        Ok(history) => f(&history.get().0),
        Err(_) => {
            let snapshots: Vec<PriceSnapshot> = from_py_list(name, value)?;
            f(&core_agents::History::new(&snapshots).or_raise()?)
        }
    }
}

/// The market board as of an instant: each bookmaker's latest sane, fresh quote of every
/// market, what the agents read. `snapshots` are `PriceSnapshot` objects or dicts (or a
/// `History`); `config` a `BoardConfig` or dict (reference bookmaker, maximum age, price
/// and overround bounds). Errors: `InvalidParameterError` (config), snapshot errors.
#[pyclass(module = "edgecore", name = "Board")]
pub struct PyBoard(core_agents::Board);

#[pymethods]
impl PyBoard {
    #[new]
    #[pyo3(signature = (snapshots, as_of, config = None))]
    fn new(
        snapshots: &Bound<'_, PyAny>,
        as_of: &Bound<'_, PyAny>,
        config: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let as_of = instant("as_of", as_of)?;
        let config: BoardConfig = opt_record("config", config)?;
        with_history("snapshots", snapshots, |h| {
            core_agents::Board::at(h, as_of, &config).or_raise()
        })
        .map(Self)
    }

    /// The board of a `History` as of `as_of` (snapshots captured after it are not seen).
    #[staticmethod]
    #[pyo3(signature = (history, as_of, config = None))]
    fn at(
        history: &Bound<'_, PyAny>,
        as_of: &Bound<'_, PyAny>,
        config: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        Self::new(history, as_of, config)
    }

    /// Moves the board forward to `to`, taking in the snapshots captured up to it.
    /// Errors: `InvalidParameterError` when `to` is before the board's instant.
    fn advance(&mut self, to: &Bound<'_, PyAny>) -> PyResult<()> {
        self.0.advance(instant("to", to)?).or_raise()
    }

    /// The board's instant.
    #[getter]
    fn as_of(&self) -> DateTime<Utc> {
        self.0.as_of()
    }

    /// The board's configuration.
    #[getter]
    fn config(&self) -> PyBoardConfig {
        PyBoardConfig(self.0.config().clone())
    }

    /// The `History` the board reads (shared, not copied: it is immutable).
    #[getter]
    fn history(&self) -> PyHistory {
        PyHistory(self.0.history().clone())
    }

    /// Every quote on the board, as `Quote` records.
    fn quotes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        into_py_list(py, self.0.quotes())
    }

    /// Pickles as `Board(history, as_of, config)`, which rebuilds the same board.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, pyo3::types::PyTuple>> {
        let py = slf.py();
        let board = &slf.borrow().0;
        let args = (
            PyHistory(board.history().clone()),
            board.as_of(),
            PyBoardConfig(board.config().clone()),
        );
        pyo3::types::PyTuple::new(
            py,
            [
                slf.get_type().into_any(),
                args.into_pyobject(py)?.into_any(),
            ],
        )
    }

    /// A board of its own at the same instant (advancing one does not move the other);
    /// the history is shared, as it is immutable.
    fn __copy__(&self) -> Self {
        Self(self.0.clone())
    }

    /// As `__copy__`.
    fn __deepcopy__(&self, _memo: &Bound<'_, PyAny>) -> Self {
        Self(self.0.clone())
    }

    /// Boards are equal when their histories, instants and configurations are.
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<PyBoard>().is_ok_and(|o| {
            let (a, b) = (&self.0, &o.borrow().0);
            a.as_of() == b.as_of()
                && a.config() == b.config()
                && a.history().snapshots() == b.history().snapshots()
        })
    }

    fn __repr__(&self) -> String {
        format!("Board(as_of={})", self.0.as_of().to_rfc3339())
    }
}

/// The board argument: a `Board`.
fn board<'a>(value: &'a Bound<'_, PyBoard>) -> PyRef<'a, PyBoard> {
    value.borrow()
}

/// The quotes on the board as of `as_of`: the latest sane, fresh price per (event, market,
/// line, bookmaker, selection) among `snapshots` (`PriceSnapshot` objects or dicts, or a
/// `History`), as a list of `Quote`; the same as `Board(snapshots, as_of, config).quotes()`.
/// `as_of` is an aware `datetime` (a naive one raises `InvalidParameterError`); `config` a `BoardConfig` or dict.
/// Errors: `InvalidParameterError` (config), snapshot errors, `InvalidRecordError`.
#[pyfunction]
#[pyo3(signature = (snapshots, as_of, config = None))]
fn board_quotes<'py>(
    py: Python<'py>,
    snapshots: &Bound<'py, PyAny>,
    as_of: &Bound<'py, PyAny>,
    config: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let config: BoardConfig = opt_record("config", config)?;
    let as_of = instant("as_of", as_of)?;
    let quotes = with_history("snapshots", snapshots, |h| {
        core_agents::Board::at(h, as_of, &config)
            .or_raise()
            .map(|board| board.quotes())
    })?;
    into_py_list(py, quotes)
}

/// Agent A: prices out of line with the market on a `Board`: a list of `Opportunity`
/// (edge against the de-vigged reference, robust z-score among bookmakers). `config` an
/// `AnomalyConfig` or dict. Errors: `InvalidParameterError` (config), de-vig errors.
#[pyfunction]
#[pyo3(signature = (board, config = None))]
fn find_anomalies<'py>(
    py: Python<'py>,
    board: &Bound<'py, PyBoard>,
    config: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let config = opt_record("config", config)?;
    let board = &self::board(board).0;
    let found =
        crate::parallel::run(py, || core_agents::find_anomalies(board, &config))?.or_raise()?;
    into_py_list(py, found)
}

/// Agent B: best and worst price of every selection across bookmakers, the best book's
/// overround and any arbitrage: a `Spreads` with `reports` and `opportunities`.
#[pyfunction]
#[pyo3(signature = (board, config = None))]
fn scan_spreads(
    py: Python<'_>,
    board: &Bound<'_, PyBoard>,
    config: Option<&Bound<'_, PyAny>>,
) -> PyResult<PySpreads> {
    let config = opt_record("config", config)?;
    let board = &self::board(board).0;
    crate::parallel::run(py, || core_agents::scan_spreads(board, &config))?
        .or_raise()
        .map(PySpreads)
}

/// Agent C: steam moves (several bookmakers shortening a selection within a window) and the
/// opportunities they leave at slower books: a `Movements` with `steam` and
/// `opportunities`.
#[pyfunction]
#[pyo3(signature = (board, config = None))]
fn find_movements(
    py: Python<'_>,
    board: &Bound<'_, PyBoard>,
    config: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyMovements> {
    let config = opt_record("config", config)?;
    let board = &self::board(board).0;
    crate::parallel::run(py, || core_agents::find_movements(board, &config))?
        .or_raise()
        .map(PyMovements)
}

/// Every price series on the board (one per event, market, line, selection and
/// bookmaker): a list of `SeriesSummary` with opening and current price, drift and speed.
#[pyfunction]
fn price_series<'py>(py: Python<'py>, board: &Bound<'py, PyBoard>) -> PyResult<Bound<'py, PyAny>> {
    into_py_list(py, core_agents::price_series(&self::board(board).0))
}

/// Stakes on every outcome of a market (best prices across bookmakers) that pay the same
/// whatever the result, for a total `outlay` (Decimal): a `Stakes` with `stakes`,
/// `payouts`, `outlay`, `profit` and `margin`, or None when `sum(1 / price) >= 1` or the
/// rounded stakes guarantee no profit. Errors: `EmptyMarketError`, `InvalidOddsError`,
/// `InvalidAmountError`.
#[pyfunction]
fn arbitrage(prices: &Bound<'_, PyAny>, outlay: &Bound<'_, PyAny>) -> PyResult<Option<PyStakes>> {
    core_agents::arbitrage(
        &crate::convert::amounts("prices", prices)?,
        amount("outlay", outlay)?,
    )
    .or_raise()
    .map(|s| s.map(PyStakes))
}

/// Stakes at the current `prices` that lock in the same result whatever the outcome, given
/// open `positions` (`Position` or dicts `{"outcome", "stake", "odds"}`): a `Hedge` with
/// `stakes`, `outlay`, `results`, `guaranteed` and `best`. `max_outlay` caps the new
/// stakes. Errors: `EmptyMarketError`, `InvalidOddsError`, `InvalidAmountError`,
/// `InvalidParameterError`.
#[pyfunction]
#[pyo3(signature = (positions, prices, max_outlay = None))]
fn hedge(
    positions: &Bound<'_, PyAny>,
    prices: &Bound<'_, PyAny>,
    max_outlay: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyHedge> {
    let positions: Vec<Position> = from_py_list("positions", positions)?;
    let max_outlay = max_outlay
        .filter(|v| !v.is_none())
        .map(|v| amount("max_outlay", v))
        .transpose()?;
    core_agents::hedge(
        &positions,
        &crate::convert::amounts("prices", prices)?,
        max_outlay,
    )
    .or_raise()
    .map(PyHedge)
}

/// Robust z-score of `value` against `others`: `(value - median) / max(MAD_SCALE x MAD,
/// floor)`. Errors: `InvalidParameterError`.
#[pyfunction]
fn robust_z(
    value: &Bound<'_, PyAny>,
    others: &Bound<'_, PyAny>,
    floor: &Bound<'_, PyAny>,
) -> PyResult<f64> {
    let value = crate::convert::float("value", value)?;
    let others = crate::arrays::f64_vec("others", others)?;
    core_agents::robust_z(value, &others, crate::convert::float("floor", floor)?).or_raise()
}

/// The weighted vote of the agents: opportunities found by several agents (and steam moves
/// on the same selection) are merged and scored, each agent weighted by its record (bets
/// and average CLV, shrunk towards equal weights): a list of `Scored` with `score`,
/// `label` ("analyser" or "prudence") and the `agents` that voted. Errors:
/// `InvalidParameterError` (config).
#[pyfunction]
#[pyo3(signature = (opportunities, steam = None, records = None, config = None))]
fn consensus<'py>(
    py: Python<'py>,
    opportunities: &Bound<'py, PyAny>,
    steam: Option<&Bound<'py, PyAny>>,
    records: Option<&Bound<'py, PyAny>>,
    config: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let opportunities: Vec<Opportunity> = from_py_list("opportunities", opportunities)?;
    let steam: Vec<SteamMove> = from_py_list_opt("steam", steam)?;
    let records: Vec<AgentRecord> = from_py_list_opt("records", records)?;
    let config = opt_record("config", config)?;
    let scored = core_agents::consensus(&opportunities, &steam, &records, &config).or_raise()?;
    into_py_list(py, scored)
}

/// Figures of each agent's bets (grouped by `source`): a list of `AgentFigures` with
/// bets, profit, ROI, Sharpe, win rate, CLV, share beating the close and drawdown.
#[pyfunction]
fn compare_agents<'py>(
    py: Python<'py>,
    bets: &Bound<'py, PyAny>,
    starting_bankroll: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let bets: Vec<Bet> = from_py_list("bets", bets)?;
    let start = amount("starting_bankroll", starting_bankroll)?;
    let figures =
        crate::parallel::detach(py, || core_agents::compare_agents(&bets, start))?.or_raise()?;
    into_py_list(py, figures)
}

/// Each agent's record (bets with a closing price and their average CLV), the input of
/// `consensus`' weights: a list of `AgentRecord`.
#[pyfunction]
fn agent_records<'py>(py: Python<'py>, bets: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let bets: Vec<Bet> = from_py_list("bets", bets)?;
    into_py_list(py, core_agents::agent_records(&bets).or_raise()?)
}

/// A deterministic synthetic season (seeded): events, bookmakers' snapshots with injected
/// anomalies, arbitrages and steam moves, and final results: a `Generated`. `config` a
/// `GeneratorConfig` or dict. Errors: `InvalidParameterError`.
#[pyfunction]
#[pyo3(signature = (config = None))]
fn generate(py: Python<'_>, config: Option<&Bound<'_, PyAny>>) -> PyResult<PyGenerated> {
    let config = opt_record("config", config)?;
    crate::parallel::detach(py, || core_agents::generate(&config))?
        .or_raise()
        .map(PyGenerated)
}

/// Replays `history` (a `History` or a list of snapshots) in capture order, letting each
/// strategy bet only on what it could see at the time (no look-ahead), settling bets from
/// `results` (`ResultRecord` or dicts `{"event_id", "result"}`) once known: a `Backtest`
/// with one `StrategyRun` (bets and `Performance`) per strategy and the agents' figures.
/// Runs without the GIL. `progress`: True for a tqdm bar, or a callable receiving
/// `(snapshots replayed, total)`; an exception it raises is raised after the run.
/// Errors: `InvalidParameterError`, `InvalidAmountError` (config), settlement errors.
#[pyfunction]
#[pyo3(signature = (history, events, results, config = None, progress = None))]
fn backtest(
    py: Python<'_>,
    history: &Bound<'_, PyAny>,
    events: &Bound<'_, PyAny>,
    results: &Bound<'_, PyAny>,
    config: Option<&Bound<'_, PyAny>>,
    progress: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyBacktest> {
    let events: Vec<Event> = from_py_list("events", events)?;
    let results: Vec<ResultRecord> = from_py_list("results", results)?;
    let config = opt_record("config", config)?;
    with_history("history", history, |history| {
        let reporter = Progress::new(py, progress, history.len())?;
        let run = crate::parallel::detach(py, || {
            let mut report = |done: usize, total: usize| reporter.report(done, total);
            let hook: Option<core_agents::ProgressFn> = if reporter.is_active() {
                Some(&mut report)
            } else {
                None
            };
            core_agents::backtest(history, &events, &results, &config, hook)
        })?;
        reporter.finish(py)?;
        run.or_raise().map(PyBacktest)
    })
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyOpportunity>()?;
    m.add_class::<PyBoardConfig>()?;
    m.add_class::<PyQuote>()?;
    m.add_class::<PyAnomalyConfig>()?;
    m.add_class::<PySpreadConfig>()?;
    m.add_class::<PyMovementConfig>()?;
    m.add_class::<PyConsensusConfig>()?;
    m.add_class::<PyStakes>()?;
    m.add_class::<PySelectionSpread>()?;
    m.add_class::<PyArbitrageLeg>()?;
    m.add_class::<PyArbitrage>()?;
    m.add_class::<PySpreadReport>()?;
    m.add_class::<PySpreads>()?;
    m.add_class::<PySeriesSummary>()?;
    m.add_class::<PySteamMove>()?;
    m.add_class::<PyMovements>()?;
    m.add_class::<PyPosition>()?;
    m.add_class::<PyHedge>()?;
    m.add_class::<PyAgentRecord>()?;
    m.add_class::<PyScored>()?;
    m.add_class::<PyAgentFigures>()?;
    m.add_class::<PyGeneratorConfig>()?;
    m.add_class::<PyInjection>()?;
    m.add_class::<PyResultRecord>()?;
    m.add_class::<PyGenerated>()?;
    m.add_class::<PyBacktestConfig>()?;
    m.add_class::<PyStrategyRun>()?;
    m.add_class::<PyBacktest>()?;
    m.add_class::<PyHistory>()?;
    m.add_class::<PyBoard>()?;
    m.add_function(wrap_pyfunction!(board_quotes, m)?)?;
    m.add_function(wrap_pyfunction!(find_anomalies, m)?)?;
    m.add_function(wrap_pyfunction!(scan_spreads, m)?)?;
    m.add_function(wrap_pyfunction!(find_movements, m)?)?;
    m.add_function(wrap_pyfunction!(price_series, m)?)?;
    m.add_function(wrap_pyfunction!(arbitrage, m)?)?;
    m.add_function(wrap_pyfunction!(hedge, m)?)?;
    m.add_function(wrap_pyfunction!(robust_z, m)?)?;
    m.add_function(wrap_pyfunction!(consensus, m)?)?;
    m.add_function(wrap_pyfunction!(compare_agents, m)?)?;
    m.add_function(wrap_pyfunction!(agent_records, m)?)?;
    m.add_function(wrap_pyfunction!(generate, m)?)?;
    m.add_function(wrap_pyfunction!(backtest, m)?)?;
    m.add("MAD_SCALE", core_agents::MAD_SCALE)?;
    Ok(())
}

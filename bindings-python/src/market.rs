//! Records of `edgecore::market`: `Event`, `PriceSnapshot`, and final results.

use crate::convert::Text;
use crate::convert::{ToPy, amount, name, record_from_args, to_py_named};
use crate::errors::OrRaise;
use crate::record::{FromPy, record};
use edgecore::{EventResult, Market, Selection};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

to_py_named!(Market, Selection);

record!(input PyEvent(edgecore::Event) as "Event", "event" {
    id, league, home, away, kickoff
});

record!(input PyPriceSnapshot(edgecore::PriceSnapshot) as "PriceSnapshot", "price snapshot" {
    captured_at, event_id, bookmaker, market, line, selection, price
});

/// How an event ended: `status` "final" with the `home` and `away` score, or "cancelled".
/// Build it with `EventResult.final(2, 1)`, `EventResult.cancelled()` or from its dict form
/// `EventResult({"status": "final", "home": 2, "away": 1})`. Functions that take a result
/// also accept a `(home, away)` tuple, such a dict, or the string "cancelled".
#[pyclass(module = "edgecore", name = "EventResult", frozen)]
pub struct PyEventResult(pub EventResult);

crate::pickle::pickled_pymethods!("EventResult", EventResult, impl PyEventResult {
    #[new]
    #[pyo3(signature = (mapping = None, **fields))]
    fn new(
        mapping: Option<&Bound<'_, PyAny>>,
        fields: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        record_from_args("event result", mapping, fields).map(Self)
    }

    /// A result played to the end with this final score.
    #[staticmethod]
    #[pyo3(name = "final")]
    fn final_score(home: &Bound<'_, PyAny>, away: &Bound<'_, PyAny>) -> PyResult<Self> {
        let (home, away) = (
            crate::convert::int("home", home)?,
            crate::convert::int("away", away)?,
        );
        Ok(Self(EventResult::Final { home, away }))
    }

    /// A cancelled or abandoned event: every bet on it is void.
    #[staticmethod]
    fn cancelled() -> Self {
        Self(EventResult::Cancelled)
    }

    /// "final" or "cancelled".
    #[getter]
    fn status(&self) -> &'static str {
        match self.0 {
            EventResult::Final { .. } => "final",
            EventResult::Cancelled => "cancelled",
        }
    }

    /// The home side's score; None when cancelled.
    #[getter]
    fn home(&self) -> Option<u32> {
        match self.0 {
            EventResult::Final { home, .. } => Some(home),
            EventResult::Cancelled => None,
        }
    }

    /// The away side's score; None when cancelled.
    #[getter]
    fn away(&self) -> Option<u32> {
        match self.0 {
            EventResult::Final { away, .. } => Some(away),
            EventResult::Cancelled => None,
        }
    }

    /// The result as a plain dict (`{"status": "final", "home": 2, "away": 1}`).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.0.to_plain(py)
    }

    fn __repr__(&self) -> String {
        match self.0 {
            EventResult::Final { home, away } => format!("EventResult.final({home}, {away})"),
            EventResult::Cancelled => "EventResult.cancelled()".into(),
        }
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyEventResult>()
            .is_ok_and(|o| o.get().0 == self.0)
    }
});

impl ToPy for EventResult {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(Bound::new(py, PyEventResult(*self))?.into_any())
    }
    fn to_plain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let dict = PyDict::new(py);
        match *self {
            EventResult::Final { home, away } => {
                dict.set_item("status", "final")?;
                dict.set_item("home", home)?;
                dict.set_item("away", away)?;
            }
            EventResult::Cancelled => dict.set_item("status", "cancelled")?,
        }
        Ok(dict.into_any())
    }
}

impl FromPy for EventResult {
    const WHAT: &'static str = "event result";

    fn from_py_at(value: &Bound<'_, PyAny>, at: crate::record::Place<'_>) -> PyResult<Self> {
        if let Ok(result) = value.cast::<PyEventResult>() {
            return Ok(result.get().0);
        }
        if let Ok((home, away)) = crate::convert::int_pair::<u32>(value) {
            return Ok(EventResult::Final { home, away });
        }
        if let Ok(text) = value.cast::<PyString>() {
            let mut object = serde_json::Map::new();
            object.insert("status".into(), text.to_string_lossy().into_owned().into());
            return crate::convert::record_from_json(
                "event result",
                &at.to_string(),
                object.into(),
            );
        }
        crate::convert::record_at("event result", &at.to_string(), value)
    }
}

/// Whether the market has a line: "totals" and "spreads" do, "h2h" and "draw_no_bet" do
/// not. Errors: `UnknownNameError` for a name that is not a market.
#[pyfunction]
fn market_has_line(market: Text) -> PyResult<bool> {
    Ok(name::<Market>(&market)?.has_line())
}

/// Whether `selection` belongs to `market`: "over"/"under" for totals, "home"/"draw"/"away"
/// for h2h, "home"/"away" for spreads and draw no bet. Errors: `UnknownNameError` for an
/// unknown market or selection.
#[pyfunction]
fn market_accepts(market: Text, selection: Text) -> PyResult<bool> {
    Ok(name::<Market>(&market)?.accepts(name::<Selection>(&selection)?))
}

/// Checks that `selection` belongs to `market` and that `line` (a Decimal, int, str or
/// float) is given exactly when the market has one and is a multiple of 0.25 (a whole, half
/// or quarter line); returns None. Errors: `InvalidSelectionError`, `InvalidLineError`,
/// `UnknownNameError`, `InvalidRecordError` (a line that is not a number).
#[pyfunction]
#[pyo3(signature = (market, selection, line = None))]
fn check_market(market: Text, selection: Text, line: Option<&Bound<'_, PyAny>>) -> PyResult<()> {
    let line = line
        .filter(|l| !l.is_none())
        .map(|l| amount("line", l))
        .transpose()?;
    name::<Market>(&market)?
        .check(name(&selection)?, line)
        .or_raise()
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyEvent>()?;
    m.add_class::<PyPriceSnapshot>()?;
    m.add_class::<PyEventResult>()?;
    m.add_function(wrap_pyfunction!(market_has_line, m)?)?;
    m.add_function(wrap_pyfunction!(market_accepts, m)?)?;
    m.add_function(wrap_pyfunction!(check_market, m)?)?;
    Ok(())
}

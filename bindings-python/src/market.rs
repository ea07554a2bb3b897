//! Records of `edgecore::market`: `Event`, `PriceSnapshot`, and final results.

use crate::convert::to_py_named;
use crate::record::record;
use pyo3::prelude::*;

to_py_named!(edgecore::Market, edgecore::Selection);

record!(input PyEvent(edgecore::Event) as "Event", "event" {
    id, league, home, away, kickoff
});

record!(input PyPriceSnapshot(edgecore::PriceSnapshot) as "PriceSnapshot", "price snapshot" {
    captured_at, event_id, bookmaker, market, line, selection, price
});

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyEvent>()?;
    m.add_class::<PyPriceSnapshot>()?;
    Ok(())
}

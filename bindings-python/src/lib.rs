//! Python bindings of edgecore, built by maturin into the package `edgecore`.
//!
//! Thin by design: each module converts arguments, calls the core and converts results; the
//! files mirror the core's modules. Errors become `edgecore.EdgecoreError` subclasses.

mod agents;
mod args;
mod arrays;
mod bet;
mod clv;
mod convert;
mod devig;
mod errors;
mod exit;
mod finance;
mod fixtures;
mod kelly;
mod market;
mod money;
mod odds;
mod parallel;
mod pickle;
mod progress;
mod raw;
mod record;
mod risk;
mod settle;
mod stats;
mod tables;
mod track;

use pyo3::prelude::*;

/// The compiled part of the `edgecore` package.
#[pymodule]
fn _edgecore(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("MAX_RECORDS", edgecore::MAX_RECORDS)?;
    parallel::register(m)?;
    exit::register(m)?;
    errors::register(m)?;
    market::register(m)?;
    bet::register(m)?;
    odds::register(m)?;
    devig::register(m)?;
    clv::register(m)?;
    kelly::register(m)?;
    settle::register(m)?;
    stats::register(m)?;
    agents::register(m)?;
    track::register(m)?;
    risk::register(m)?;
    money::register(m)?;
    finance::register(m)?;
    fixtures::register(m)?;
    tables::register(m)?;
    Ok(())
}

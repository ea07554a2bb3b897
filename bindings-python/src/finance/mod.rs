//! `edgecore::finance`: the wealth platform's maths, one file per core module.

use pyo3::prelude::*;

mod amortization;
mod mrr;
mod patrimony;
mod plan;
mod savings;

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    amortization::register(m)?;
    patrimony::register(m)?;
    plan::register(m)?;
    savings::register(m)?;
    mrr::register(m)?;
    Ok(())
}

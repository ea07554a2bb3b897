//! `edgecore::finance`: the wealth platform's maths, one file per core module.

use pyo3::prelude::*;

mod mrr;
mod plan;
mod savings;

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    plan::register(m)?;
    savings::register(m)?;
    mrr::register(m)?;
    Ok(())
}

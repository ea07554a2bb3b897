//! `edgecore::finance`: the wealth platform's maths, one file per core module.

use pyo3::prelude::*;

mod amortization;
mod mrr;
mod patrimony;
mod plan;
mod savings;
mod tvm;

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    tvm::register(m)?;
    amortization::register(m)?;
    patrimony::register(m)?;
    plan::register(m)?;
    savings::register(m)?;
    mrr::register(m)?;
    Ok(())
}

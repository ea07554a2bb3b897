//! Records of `edgecore::bet`: `Bet`, and what each outcome pays.

use crate::convert::{amount, name, to_py_named};
use crate::errors::OrRaise;
use crate::record::record;
use pyo3::prelude::*;
use rust_decimal::Decimal;

to_py_named!(edgecore::Outcome);

record!(input PyBet(edgecore::Bet) as "Bet", "bet" {
    id, event_id, league, market, line, selection, bookmaker, odds, stake, placed_at, source,
    outcome, closing_odds, closing_probability
});

/// payout(outcome, stake, odds)
/// --
///
/// What the bookmaker pays back for a settled bet, stake included, rounded to the cent half
/// away from zero: won `stake x odds`; lost 0; push and void `stake`; half won
/// `stake/2 x odds + stake/2`; half lost `stake/2`.
#[pyfunction]
fn payout(outcome: &str, stake: &Bound<'_, PyAny>, odds: &Bound<'_, PyAny>) -> PyResult<Decimal> {
    let outcome: edgecore::Outcome = name(outcome)?;
    outcome
        .payout(amount("stake", stake)?, amount("odds", odds)?)
        .or_raise()
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyBet>()?;
    m.add_function(wrap_pyfunction!(payout, m)?)?;
    Ok(())
}

//! Records of `edgecore::bet`: `Bet`, and what each outcome pays.

use crate::convert::Text;
use crate::convert::{amount, name, record_from_args, to_py_named};
use crate::errors::OrRaise;
use crate::record::{FromPy, record};
use edgecore::{Bet, Outcome};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use rust_decimal::Decimal;

to_py_named!(Outcome);

record!(input PyBet(edgecore::Bet) as "Bet", "bet" {
    id, event_id, league, market, line, selection, bookmaker, odds, stake, placed_at, source,
    outcome, closing_odds, closing_probability
} methods {
    /// What the bookmaker pays back for this bet once settled, stake included (see
    /// `payout`), as a Decimal; None while pending. Errors: `InvalidAmountError` for an
    /// amount out of the range of an exact decimal.
    fn payout(&self) -> PyResult<Option<Decimal>> {
        self.0.payout().or_raise()
    }

    /// The profit of this bet once settled, `payout - stake` (negative for a loss), as a
    /// Decimal; None while pending. Errors: `InvalidAmountError` as `payout()`.
    fn profit(&self) -> PyResult<Option<Decimal>> {
        self.0.profit().or_raise()
    }
});

/// A bet argument: a `Bet` or a mapping of its fields, and/or the fields as keywords (which
/// win over the mapping's), as `Bet(...)` takes them.
fn bet_from_args(
    bet: Option<&Bound<'_, PyAny>>,
    fields: Option<&Bound<'_, PyDict>>,
) -> PyResult<Bet> {
    match (bet, fields.filter(|f| !f.is_empty())) {
        (Some(bet), None) => Bet::from_py("bet", bet),
        (bet, fields) => record_from_args("bet", bet, fields),
    }
}

/// What the bookmaker pays back for a settled bet, stake included, rounded to the cent half
/// away from zero: won `stake x odds`; lost 0; push and void `stake`; half won
/// `stake/2 x odds + stake/2`; half lost `stake/2`.
#[pyfunction]
fn payout(outcome: Text, stake: &Bound<'_, PyAny>, odds: &Bound<'_, PyAny>) -> PyResult<Decimal> {
    let outcome: Outcome = name(&outcome)?;
    outcome
        .payout(amount("stake", stake)?, amount("odds", odds)?)
        .or_raise()
}

/// The payout of a settled bet, stake included (see `payout`), as a Decimal; None while the
/// bet is pending (no `outcome`). `bet` is a `Bet` or a dict of its fields, or the fields
/// are passed as keywords. Errors: `InvalidRecordError` (a malformed bet, an unknown
/// outcome), `InvalidAmountError` (an amount out of the range of an exact decimal).
#[pyfunction]
#[pyo3(signature = (bet = None, **fields))]
fn bet_payout(
    bet: Option<&Bound<'_, PyAny>>,
    fields: Option<&Bound<'_, PyDict>>,
) -> PyResult<Option<Decimal>> {
    bet_from_args(bet, fields)?.payout().or_raise()
}

/// The profit of a settled bet, `payout - stake` (negative for a loss), as a Decimal; None
/// while the bet is pending. Takes the bet as `bet_payout` does, with the same errors.
#[pyfunction]
#[pyo3(signature = (bet = None, **fields))]
fn bet_profit(
    bet: Option<&Bound<'_, PyAny>>,
    fields: Option<&Bound<'_, PyDict>>,
) -> PyResult<Option<Decimal>> {
    bet_from_args(bet, fields)?.profit().or_raise()
}

/// Whether a settlement outcome counts as a win in win rates: "won" or "half_won".
/// Errors: `UnknownNameError` for a name that is not an outcome.
#[pyfunction]
fn outcome_is_win(outcome: Text) -> PyResult<bool> {
    Ok(name::<Outcome>(&outcome)?.is_win())
}

/// Whether a settlement outcome counts as a loss in win rates: "lost" or "half_lost".
/// Errors: `UnknownNameError` for a name that is not an outcome.
#[pyfunction]
fn outcome_is_loss(outcome: Text) -> PyResult<bool> {
    Ok(name::<Outcome>(&outcome)?.is_loss())
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyBet>()?;
    m.add_function(wrap_pyfunction!(payout, m)?)?;
    m.add_function(wrap_pyfunction!(bet_payout, m)?)?;
    m.add_function(wrap_pyfunction!(bet_profit, m)?)?;
    m.add_function(wrap_pyfunction!(outcome_is_win, m)?)?;
    m.add_function(wrap_pyfunction!(outcome_is_loss, m)?)?;
    Ok(())
}

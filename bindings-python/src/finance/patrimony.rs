//! `edgecore::finance::patrimony`: net worth of an investor's profile by category.

use crate::convert::to_py_named;
use crate::errors::OrRaise;
use crate::progress::detach_reporting;
use crate::record::{FromPy, from_py_list, into_py_list, record};
use edgecore::finance::patrimony::{
    self as patrimony, AssetCategory, Envelope, NetWorthOptions, PriceBook, PriceIssue, Profile,
};
use pyo3::prelude::*;

to_py_named!(Envelope, AssetCategory, PriceIssue);

record!(input PyCashAccount(patrimony::CashAccount) as "CashAccount", "cash account" {
    name, amount
});

record!(input PyInvestment(patrimony::Investment) as "Investment", "investment" {
    name, envelope, value
});

record!(input PyRealEstate(patrimony::RealEstate) as "RealEstate", "real estate" {
    name, value, loan
});

record!(input PyCryptoHolding(patrimony::CryptoHolding) as "CryptoHolding", "crypto holding" {
    symbol, quantity
});

record!(input PyOtherAsset(patrimony::OtherAsset) as "OtherAsset", "other asset" { name, value });

record!(input PyDebt(patrimony::Debt) as "Debt", "debt" { name, amount });

record!(input PyProfile(patrimony::Profile) as "Profile", "profile" {
    cash, investments, real_estate, crypto, other_assets, other_debts
});

record!(input PyPrice(patrimony::Price) as "Price", "price" { price, as_of });

record!(input PyPriceBook(patrimony::PriceBook) as "PriceBook", "price book" { prices });

record!(input PyNetWorthOptions(patrimony::NetWorthOptions) as "NetWorthOptions",
    "net worth options" { as_of, max_price_age, best_effort });

record!(output PyCategoryTotal(patrimony::CategoryTotal) as "CategoryTotal" {
    category, gross, debts, net, share_pct
});

record!(output PyEnvelopeTotal(patrimony::EnvelopeTotal) as "EnvelopeTotal" {
    envelope, value
});

record!(output PyFlaggedHolding(patrimony::FlaggedHolding) as "FlaggedHolding" {
    symbol, quantity, issue, price_as_of
});

record!(output PyNetWorth(patrimony::NetWorth) as "NetWorth" {
    as_of, categories, gross_assets, debts, net_worth, envelopes, flagged
});

/// Net worth of `profile` (a `Profile` or dict with `cash`, `investments`, `real_estate`,
/// `crypto`, `other_assets`, `other_debts`) at `options.as_of`: a `NetWorth` with totals
/// per category (gross, debts, net, share in percent), per envelope, and overall. Real
/// estate counts net of the capital still owed on its loan; crypto is valued with `prices`
/// (a `PriceBook` or `{"prices": {symbol: {"price", "as_of"}}}`) no older than
/// `options.max_price_age` (`NetWorthOptions(as_of=..., max_price_age_seconds=3600,
/// best_effort=False)`). Errors: `InvalidAmountError`, `InvalidParameterError`,
/// `MissingPriceError`, `StalePriceError` (unless `best_effort`, which lists the holding in
/// `flagged` instead).
#[pyfunction]
fn net_worth(
    profile: &Bound<'_, PyAny>,
    prices: &Bound<'_, PyAny>,
    options: &Bound<'_, PyAny>,
) -> PyResult<PyNetWorth> {
    patrimony::net_worth(
        &Profile::from_py("profile", profile)?,
        &PriceBook::from_py("prices", prices)?,
        &NetWorthOptions::from_py("options", options)?,
    )
    .or_raise()
    .map(PyNetWorth)
}

/// `net_worth` of every profile (`Profile` objects or dicts) with the same `prices` and
/// `options`, the admin's "recalculate everyone": a `Records` list of `NetWorth` in input
/// order, computed in parallel without the GIL. Errors: those of `net_worth`, for the
/// first profile that has one. `progress`: True for a tqdm bar (when tqdm is installed), or a callable receiving
/// `(done, total)` after about every 4096 items and at the end; an exception it raises is
/// raised after the run.
#[pyfunction]
#[pyo3(signature = (profiles, prices, options, progress = None))]
fn net_worth_batch<'py>(
    py: Python<'py>,
    profiles: &Bound<'py, PyAny>,
    prices: &Bound<'py, PyAny>,
    options: &Bound<'py, PyAny>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let profiles: Vec<Profile> = from_py_list("profiles", profiles)?;
    let prices = PriceBook::from_py("prices", prices)?;
    let options = NetWorthOptions::from_py("options", options)?;
    let all = detach_reporting(py, progress, profiles.len(), |report| match report {
        Some(report) => {
            patrimony::net_worth_batch_with_progress(&profiles, &prices, &options, report)
        }
        None => patrimony::net_worth_batch(&profiles, &prices, &options),
    })?;
    into_py_list(py, all.or_raise()?)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyCashAccount>()?;
    m.add_class::<PyInvestment>()?;
    m.add_class::<PyRealEstate>()?;
    m.add_class::<PyCryptoHolding>()?;
    m.add_class::<PyOtherAsset>()?;
    m.add_class::<PyDebt>()?;
    m.add_class::<PyProfile>()?;
    m.add_class::<PyPrice>()?;
    m.add_class::<PyPriceBook>()?;
    m.add_class::<PyNetWorthOptions>()?;
    m.add_class::<PyCategoryTotal>()?;
    m.add_class::<PyEnvelopeTotal>()?;
    m.add_class::<PyFlaggedHolding>()?;
    m.add_class::<PyNetWorth>()?;
    m.add_function(wrap_pyfunction!(net_worth, m)?)?;
    m.add_function(wrap_pyfunction!(net_worth_batch, m)?)?;
    Ok(())
}

//! Seeded benchmark datasets (`edgecore::fixtures`): the same records for a seed in Rust,
//! Python and Node. Each function forwards `seed` and `size` to the core.

use crate::agents::Generated;
use crate::bet::Bet;
use crate::convert::{ToJs, whole};
use crate::errors::{OrThrow, Result};
use crate::finance::amortization::Loan;
use crate::js::Date;
use crate::risk::Subscriber;
use edgecore::fixtures;
use napi_derive::napi;

/// Reads `seed` and `size` (whole numbers from 0 to 2^53 - 1; the core bounds `size`).
fn args(seed: f64, size: f64) -> Result<(u64, usize)> {
    Ok((whole("seed", seed)?, whole("size", size)?))
}

/// The dataset `make` for `seed` and `size`, as JavaScript values.
fn made<T: ToJs>(
    seed: f64,
    size: f64,
    make: fn(u64, usize) -> edgecore::Result<T>,
) -> Result<T::Js> {
    let (seed, size) = args(seed, size)?;
    make(seed, size).map(ToJs::to_js).or_throw()
}

/// A season of `size` events (at most 100,000), five bookmakers quoting h2h and totals 2.5
/// at three polls (75 snapshots an event, in capture order) and the final scores (no
/// injected cases). Throws `InvalidParameter` (`seed`, `size`).
#[napi(catch_unwind)]
pub fn season_fixture(seed: f64, size: f64) -> Result<Generated> {
    made(seed, size, fixtures::season_fixture)
}

/// A history of `size` settled bets (h2h, totals, spreads), in placed-at order. Throws
/// `InvalidParameter` (`seed`, `size` above 1,000,000).
#[napi(catch_unwind)]
pub fn bet_history_fixture(seed: f64, size: f64) -> Result<Vec<Bet>> {
    made(seed, size, fixtures::bet_history_fixture)
}

/// A table of `size` subscribers with plan and monthly payment histories as of
/// `fixtureAsOf()` (2026-01-01). Throws `InvalidParameter` (`seed`, `size` above 1,000,000).
#[napi(catch_unwind)]
pub fn subscribers_fixture(seed: f64, size: f64) -> Result<Vec<Subscriber>> {
    made(seed, size, fixtures::subscribers_fixture)
}

/// A batch of `size` loans (each kind, half insured, a quarter deferred), every one valid.
/// Throws `InvalidParameter` (`seed`, `size` above 1,000,000).
#[napi(catch_unwind)]
pub fn loans_fixture(seed: f64, size: f64) -> Result<Vec<Loan>> {
    made(seed, size, fixtures::loans_fixture)
}

/// The as-of date of `subscribersFixture` (2026-01-01): every payment before it.
#[napi]
pub fn fixture_as_of() -> Date {
    fixtures::FIXTURE_AS_OF.to_js()
}

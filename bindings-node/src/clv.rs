//! Closing line value.

use crate::errors::{OrThrow, Result};
use napi_derive::napi;

/// Closing line value as a fraction: (oddsTaken - closingOdds) / closingOdds.
/// 2.05 taken against a 1.94 close gives 0.0567 (+5.67%). Decimal odds must be finite and
/// > 1, else an error with code "InvalidOdds".
#[napi]
pub fn clv(odds_taken: f64, closing_odds: f64) -> Result<f64> {
    edgecore::clv::clv(odds_taken, closing_odds).or_throw()
}

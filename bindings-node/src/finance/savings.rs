//! Progress towards an annual savings goal (`edgecore::finance::savings`).

use crate::convert::{ToJs, amount, day, record};
use crate::errors::{OrThrow, Result};
use crate::js::Date;
use crate::js::JsString;
use napi_derive::napi;

/// Progress towards an annual savings goal at a date. Money is a decimal string to the
/// cent; shares are fractions.
#[napi(object)]
pub struct SavingsProgress {
    /// The goal for the calendar year, as given.
    pub goal: JsString,
    /// Saved so far this year, as given.
    pub saved: JsString,
    /// `saved / goal` as a fraction; above 1 once the goal is passed.
    pub share: f64,
    /// The as-of date's day of the year (1 on 1 January); the as-of day counts as
    /// elapsed.
    pub day_of_year: u32,
    /// 365, or 366 in a leap year.
    pub days_in_year: u32,
    /// `dayOfYear / daysInYear`, the share of the year elapsed.
    pub elapsed_share: f64,
    /// What should be saved by the as-of date: `goal x dayOfYear / daysInYear`, to the
    /// cent half away from zero.
    pub expected: JsString,
    /// `saved - expected`: ahead of the schedule when positive.
    pub ahead: JsString,
    /// Whether `saved >= expected`.
    pub on_track: bool,
    /// `max(goal - saved, 0)`.
    pub remaining: JsString,
    /// Months left in the year including the as-of month: 12 in January, 1 in December.
    pub months_left: u32,
    /// `remaining / monthsLeft`, rounded UP to the cent.
    pub monthly_needed: JsString,
}

record!(output SavingsProgress = edgecore::finance::savings::SavingsProgress { goal, saved, share, day_of_year, days_in_year, elapsed_share, expected, ahead, on_track, remaining, months_left, monthly_needed });

/// Progress towards an annual savings `goal` for the calendar year of `asOf`, with `saved`
/// saved since 1 January (decimal strings). On 29 February 2024, 1200 a year with 150 saved
/// expects 196.72 and needs 95.46 a month. Throws `InvalidAmount` for a goal not above zero
/// or a negative `saved`.
#[napi(catch_unwind)]
pub fn savings_progress(goal: JsString, saved: JsString, as_of: Date) -> Result<SavingsProgress> {
    edgecore::finance::savings::savings_progress(
        amount("goal", goal)?,
        amount("saved", saved)?,
        day("asOf", as_of)?,
    )
    .map(ToJs::to_js)
    .or_throw()
}

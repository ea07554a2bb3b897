//! The payment calendar: payment dates one month apart, clamped to the end of shorter
//! months, and the number of payments made by a date.

use crate::error::{Error, Result};
use chrono::{Datelike, Months, NaiveDate};

/// Date of payment `number` (1-based): `first + (number - 1)` months, end-of-month clamped.
pub(super) fn payment_date(first: NaiveDate, number: u32) -> Result<NaiveDate> {
    first
        .checked_add_months(Months::new(number.saturating_sub(1)))
        .ok_or_else(|| beyond_calendar(first))
}

/// The error of a loan whose payments would run past the calendar.
pub(super) fn beyond_calendar(first: NaiveDate) -> Error {
    Error::InvalidParameter {
        name: "first_payment",
        value: first.to_string(),
        reason: "the loan's payments must fall within the years 1 to 9999",
    }
}

/// The payment dates from `first` on, one month apart: `payment_date(first, k)` for
/// `k = 1, 2, ...`, each with its day number (days since 0001-01-01,
/// `NaiveDate::num_days_from_ce`). Each month steps a few integer operations from the day
/// number of its 1st, and the date is its year's 1 January moved to that day of the year:
/// one calendar lookup a year. Past the calendar's range the dates stay at its last day; a
/// validated loan never gets there.
pub(super) struct PaymentDates {
    /// Day number of the 1st of the month of the next payment.
    month_start: i32,
    year: i32,
    month: u32,
    /// Day of the month of `first`, kept by every payment (clamped to shorter months).
    day: u32,
    /// 1 January of `year` (`None` past the calendar's range), and its day number.
    new_year: Option<NaiveDate>,
    new_year_day: i32,
}

impl PaymentDates {
    pub(super) fn new(first: NaiveDate) -> PaymentDates {
        // `day()` is 1 to 31 and `ordinal()` 1 to 366.
        let day = first.day();
        PaymentDates {
            month_start: first.num_days_from_ce() - (day as i32 - 1),
            year: first.year(),
            month: first.month(),
            day,
            new_year: first.with_ordinal(1),
            new_year_day: first.num_days_from_ce() - (first.ordinal() as i32 - 1),
        }
    }

    /// The date of the next payment and its day number.
    #[inline(always)]
    pub(super) fn next_date(&mut self) -> (NaiveDate, i32) {
        let length = days_in_month(self.year, self.month);
        // At most 31: the casts are exact.
        let day = self.month_start + self.day.min(length) as i32 - 1;
        // From 1 to 366 inside the year.
        let ordinal = (day - self.new_year_day + 1) as u32;
        let date = self
            .new_year
            .and_then(|new_year| new_year.with_ordinal(ordinal))
            .unwrap_or(NaiveDate::MAX);
        self.month_start = self.month_start.saturating_add(length as i32);
        if self.month == 12 {
            self.year = self.year.saturating_add(1);
            self.month = 1;
            self.new_year = NaiveDate::from_yo_opt(self.year, 1);
            self.new_year_day = self.month_start;
        } else {
            self.month += 1;
        }
        (date, day)
    }
}

/// Number of days of `month` (1 to 12) of `year` in the proleptic Gregorian calendar.
#[inline]
pub(super) fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// How many of the `months` payments starting at `first` are dated on or before `as_of`.
pub(super) fn payments_due(first: NaiveDate, months: u32, as_of: NaiveDate) -> u32 {
    if as_of < first {
        return 0;
    }
    let elapsed = i64::from(as_of.year() - first.year()) * 12 + i64::from(as_of.month())
        - i64::from(first.month());
    // Payment `elapsed + 1` falls in as_of's month; it is made if its (clamped) day has come.
    let Ok(elapsed) = u32::try_from(elapsed) else {
        return 0;
    };
    if elapsed >= months {
        return months;
    }
    match first.checked_add_months(Months::new(elapsed)) {
        Some(date) if date <= as_of => elapsed + 1,
        _ => elapsed,
    }
}

/// The first day of a month written "YYYY-MM" (four-digit year, two-digit month).
pub(super) fn start_month(text: &str) -> Option<NaiveDate> {
    let (year, month) = text.split_once('-')?;
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(year, 4) || !digits(month, 2) {
        return None;
    }
    NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, 1)
}

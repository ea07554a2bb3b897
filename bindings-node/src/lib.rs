//! Node bindings of edgecore (napi-rs), published as the npm package `edgecore`.
//!
//! Thin by design: each module converts arguments, calls the core and converts results; the
//! files mirror the core's modules. Shared pieces: `convert` (values and records), `js`
//! (the napi value types read without failing at the boundary), `errors` (core errors as
//! thrown `Error`s with a `code`), `task` (async forms on the thread pool) and, on Linux,
//! `alloc` (the allocator that keeps an array's claimed length from aborting the process).

#[cfg(target_os = "linux")]
pub mod alloc;
pub mod convert;
pub mod errors;
pub mod js;
pub mod task;

pub mod agents;
pub mod bet;
pub mod clv;
pub mod devig;
pub mod finance;
pub mod fixtures;
pub mod kelly;
pub mod market;
pub mod money;
pub mod odds;
pub mod risk;
pub mod settle;
pub mod stats;
pub mod track;

use napi_derive::napi;

/// Huge blocks are mapped without reserving memory (see `alloc`): a JavaScript array's
/// claimed length cannot abort the process.
#[cfg(target_os = "linux")]
#[global_allocator]
static ALLOCATOR: alloc::Allocator = alloc::Allocator;

/// Every error kind a call can throw, as the `code` of the thrown `Error`.
#[napi(catch_unwind, ts_return_type = "ErrorCode[]")]
pub fn error_codes() -> Vec<&'static str> {
    edgecore::Error::KINDS.to_vec()
}

/// The most items one array argument may hold: 10,000,000 (the core's `MAX_RECORDS`). A
/// longer array of records or decimal strings throws `InvalidRecord` ("invalid bet: bets:
/// holds more than 10000000 items, the most one call reads"), as Python refuses a longer
/// list or iterable.
#[napi]
pub const MAX_RECORDS: u32 = edgecore::MAX_RECORDS as u32;
const _: () = assert!(edgecore::MAX_RECORDS <= u32::MAX as usize);

/// Longest loan, in monthly payments (`amortizationSchedule`).
#[napi]
pub const MAX_MONTHS: u32 = edgecore::finance::amortization::MAX_MONTHS;

/// Longest projection, in years (`projectContributions`, `projectPlan`).
#[napi]
pub const MAX_YEARS: u32 = edgecore::finance::plan::MAX_YEARS;

/// Largest `recentWindow` of a risk configuration.
#[napi]
pub const MAX_RECENT_WINDOW: u32 = edgecore::risk::MAX_RECENT_WINDOW as u32;

/// Share of failures among the recent payments above which a subscriber is flagged
/// `recent_failures_over_40pct`.
#[napi]
pub const RECENT_FAILURE_FLAG_SHARE: f64 = edgecore::risk::RECENT_FAILURE_FLAG_SHARE;

/// Scale factor of the median absolute deviation in the robust z-score (1.4826, the MAD of a
/// standard normal).
#[napi]
pub const MAD_SCALE: f64 = edgecore::agents::MAD_SCALE;

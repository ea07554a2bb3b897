//! Node bindings of edgecore (napi-rs), published as the npm package `edgecore`.
//!
//! Thin by design: each module converts arguments, calls the core and converts results; the
//! files mirror the core's modules. Shared pieces: `convert` (values and records), `js`
//! (the napi value types read without failing at the boundary), `errors` (core errors as
//! thrown `Error`s with a `code`) and `task` (async forms on the thread pool).

pub mod convert;
pub mod errors;
pub mod js;
pub mod task;

pub mod agents;
pub mod bet;
pub mod clv;
pub mod devig;
pub mod finance;
pub mod kelly;
pub mod market;
pub mod money;
pub mod odds;
pub mod risk;
pub mod settle;
pub mod stats;

use napi_derive::napi;

/// Every error kind a call can throw, as the `code` of the thrown `Error`.
#[napi(ts_return_type = "ErrorCode[]")]
pub fn error_codes() -> Vec<&'static str> {
    edgecore::Error::KINDS.to_vec()
}

//! Node bindings of edgecore (napi-rs), published as the npm package `edgecore`.
//!
//! Thin by design: each module converts arguments, calls the core and converts results; the
//! files mirror the core's modules. Shared pieces: `convert` (values and records), `js`
//! (the napi value types read without failing at the boundary), `errors` (core errors as
//! thrown `Error`s with a `code`) and `task` (async forms on the thread pool).

mod bet;
mod clv;
mod convert;
mod errors;
mod js;
mod market;
mod task;
mod devig;
mod odds;
mod kelly;
mod settle;
mod stats;
mod risk;

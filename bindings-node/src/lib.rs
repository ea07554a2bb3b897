//! Node bindings of edgecore (napi-rs), published as the npm package `edgecore`.
//!
//! Thin by design: each module converts arguments, calls the core and converts results; the
//! files mirror the core's modules.

mod clv;
mod errors;

//! edgecore errors as JavaScript exceptions: a thrown `Error` whose `code` is the core error
//! kind ("InvalidOdds", "NoConvergence"...) and whose message is the core's message, the
//! same text as in Rust and Python.

use napi::Env;
use napi::bindgen_prelude::JsError;

/// A core error kind, used as the thrown error's `code`.
pub type Code = &'static str;

/// A napi result whose error carries the core kind as `code`.
pub type Result<T> = napi::Result<T, Code>;

/// The JavaScript form of a core error: `code` = kind, message = the core's message.
pub fn to_js(error: edgecore::Error) -> napi::Error<Code> {
    napi::Error::new(error.kind(), error.to_string())
}

/// A core error as a napi error that keeps its `code` when it rejects a promise: napi's task
/// machinery only carries plain napi errors, so the JavaScript `Error` is built here and
/// handed over as a value.
pub fn rejection(env: Env, error: edgecore::Error) -> napi::Error {
    napi::Error::from(JsError::from(to_js(error)).into_unknown(env))
}

/// `.or_throw()` turns a core result into a JavaScript one.
pub trait OrThrow<T> {
    /// Maps the core error to a thrown `Error` with `code` = kind.
    fn or_throw(self) -> Result<T>;
}

impl<T> OrThrow<T> for edgecore::Result<T> {
    fn or_throw(self) -> Result<T> {
        self.map_err(to_js)
    }
}

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
    as_value(env, to_js(error))
}

/// A coded error as a plain napi error holding the JavaScript `Error` itself, for functions
/// that return plain napi results (it is thrown as it is, `code` included).
pub fn as_value(env: Env, error: napi::Error<Code>) -> napi::Error {
    napi::Error::from(JsError::from(error).into_unknown(env))
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

/// Declares the `ErrorCode` union of the declarations (a string enum names its values after
/// its variants), checked at compile time against the
/// core's kinds.
macro_rules! codes {
    ($($kind:ident),+ $(,)?) => {
        /// The `code` of an `Error` thrown by edgecore: the core error kind.
        #[napi_derive::napi(string_enum)]
        pub enum ErrorCode {
            $(#[doc = concat!("`", stringify!($kind), "`")] $kind,)+
        }

        const _: () = assert!(
            same_list(&[$(stringify!($kind)),+], edgecore::Error::KINDS),
            "ErrorCode differs from the core's kinds"
        );
    };
}

codes!(
    InvalidOdds,
    InvalidAmericanOdds,
    InvalidProbability,
    EmptyMarket,
    EmptyInput,
    LengthMismatch,
    NegativeMargin,
    NegativeProbability,
    NoConvergence,
    ClosingLineUnavailable,
    InvalidLine,
    InvalidSelection,
    InvalidAmount,
    InvalidParameter,
    UnknownName,
    InvalidRecord,
    MissingPrice,
    StalePrice,
);

/// Whether two lists of names are equal (evaluated at compile time).
const fn same_list(a: &[&str], b: &[&str]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        let (x, y) = (a[i].as_bytes(), b[i].as_bytes());
        if x.len() != y.len() {
            return false;
        }
        let mut k = 0;
        while k < x.len() {
            if x[k] != y[k] {
                return false;
            }
            k += 1;
        }
        i += 1;
    }
    true
}

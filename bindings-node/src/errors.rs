//! edgecore errors as JavaScript exceptions: a thrown `Error` whose `code` is the core error
//! kind ("InvalidOdds", "NoConvergence"...) and whose message is the core's message.

/// A core error kind, used as the thrown error's `code`.
pub type Code = &'static str;

/// A napi result whose error carries the core kind as `code`.
pub type Result<T> = napi::Result<T, Code>;

/// `.or_throw()` turns a core result into a JavaScript one.
pub trait OrThrow<T> {
    /// Maps the core error to a thrown `Error` with `code` = kind.
    fn or_throw(self) -> Result<T>;
}

impl<T> OrThrow<T> for edgecore::Result<T> {
    fn or_throw(self) -> Result<T> {
        self.map_err(|e| napi::Error::new(e.kind(), e.to_string()))
    }
}

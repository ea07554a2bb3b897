//! The two JavaScript value types whose napi conversions this crate writes itself, so that a
//! bad argument becomes an edgecore error with a `code` instead of napi's generic one:
//!
//! - [`Date`]: a JavaScript `Date` read as its time value, never failing at the boundary (an
//!   invalid `Date` or a non-`Date` reads as NaN and is rejected by the converter that needs
//!   a real instant, naming the field). napi's own `DateTime` conversion would silently read
//!   an invalid `Date` as 1970-01-01.
//! - [`Input`]: any argument napi converts structurally (records, arrays, typed arrays),
//!   read without failing at the boundary; [`Input::read`] then reports a missing field or
//!   a wrong type as `InvalidRecord`.
//!
//! napi's conversion traits are `unsafe fn`s (they take raw handles), so this module is the
//! one place of the crate that opts out of the workspace's `unsafe_code` denial. Each body
//! only forwards napi's handles to napi's own conversions.
#![allow(unsafe_code)]

use crate::errors::Result;
use chrono::{DateTime, Utc};
use napi::bindgen_prelude::{FromNapiValue, ToNapiValue, TypeName, ValidateNapiValue};
use napi::{Env, JsDate, JsValue, ValueType, sys};

/// A JavaScript `Date`, as milliseconds since 1970-01-01T00:00:00Z (NaN for an invalid
/// `Date` or a value that is not a `Date`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Date(pub f64);

impl Date {
    /// The `Date` of an instant.
    pub fn instant(at: DateTime<Utc>) -> Date {
        Date(at.timestamp_millis() as f64)
    }
}

impl TypeName for Date {
    fn type_name() -> &'static str {
        "Date"
    }
    fn value_type() -> ValueType {
        ValueType::Object
    }
}

impl ValidateNapiValue for Date {
    unsafe fn validate(
        env: sys::napi_env,
        value: sys::napi_value,
    ) -> napi::Result<sys::napi_value> {
        // SAFETY: forwards napi's own handles to napi's own check.
        unsafe { JsDate::validate(env, value) }
    }
}

impl FromNapiValue for Date {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> napi::Result<Self> {
        // SAFETY: forwards napi's own handles; `value_of` itself checks that it is a Date.
        let date = unsafe { JsDate::from_napi_value(env, value) }?;
        Ok(Date(date.value_of().unwrap_or(f64::NAN)))
    }
}

impl ToNapiValue for Date {
    unsafe fn to_napi_value(env: sys::napi_env, value: Date) -> napi::Result<sys::napi_value> {
        let env = Env::from_raw(env);
        let date = env.create_date(value.0)?;
        Ok(date.raw())
    }
}

/// An argument converted by napi but whose conversion error is kept rather than thrown at
/// the boundary, so it can be thrown as `InvalidRecord` (see [`Input::read`]). In the
/// TypeScript declarations such arguments carry their own type (`ts_arg_type`).
pub struct Input<T>(napi::Result<T>);

impl<T> Input<T> {
    /// An argument's value built in Rust (a default).
    pub fn of(value: T) -> Input<T> {
        Input(Ok(value))
    }

    /// The converted value, or `InvalidRecord` naming `what` with napi's reason ("Missing
    /// field `stake`", "Failed to convert ... into String"...).
    pub fn read(self, what: &'static str) -> Result<T> {
        self.0.map_err(|e| {
            crate::errors::to_js(edgecore::Error::invalid_record(what, e.reason.clone()))
        })
    }

    /// [`Input::read`] by reference.
    pub fn get(&self, what: &'static str) -> Result<&T> {
        self.0.as_ref().map_err(|e| {
            crate::errors::to_js(edgecore::Error::invalid_record(what, e.reason.clone()))
        })
    }
}

impl<T: TypeName> TypeName for Input<T> {
    fn type_name() -> &'static str {
        T::type_name()
    }
    fn value_type() -> ValueType {
        T::value_type()
    }
}

impl<T: FromNapiValue> FromNapiValue for Input<T> {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> napi::Result<Self> {
        // SAFETY: forwards napi's own handles to `T`'s napi conversion.
        Ok(Input(unsafe { T::from_napi_value(env, value) }))
    }
}

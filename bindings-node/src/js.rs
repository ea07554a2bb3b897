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
//! - [`CentsColumn`] and [`Int32Column`]: short columns returned as typed arrays whose
//!   memory V8 allocates and owns (the values are written into it). napi's `Float64Array`
//!   hands Rust's buffer to V8 as an external buffer with a finalizer, which costs about a
//!   microsecond per array: right for a million values, not for a 360-row table. (napi
//!   3.4's `Float64ArraySlice::copy_from` would be the safe form, but it sizes the buffer in
//!   elements instead of bytes and does not copy.)
//!
//! napi's conversion traits are `unsafe fn`s (they take raw handles), so this module is the
//! one place of the crate that opts out of the workspace's `unsafe_code` denial. Each body
//! only forwards napi's handles to napi's own conversions, except the columns' one, which
//! also writes the values into the buffer napi has just allocated.
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

macro_rules! owned_column {
    ($(#[$doc:meta])* $name:ident($src:ty) as $dst:ty => $kind:ident, $js:literal) => {
        $(#[$doc])*
        pub struct $name(pub Vec<$src>);

        impl TypeName for $name {
            fn type_name() -> &'static str {
                $js
            }
            fn value_type() -> ValueType {
                ValueType::Object
            }
        }

        impl ToNapiValue for $name {
            #[allow(clippy::unnecessary_cast)]
            unsafe fn to_napi_value(
                env: sys::napi_env,
                value: $name,
            ) -> napi::Result<sys::napi_value> {
                let values = value.0;
                let bytes = values.len() * std::mem::size_of::<$dst>();
                let (mut data, mut buffer, mut array) =
                    (std::ptr::null_mut(), std::ptr::null_mut(), std::ptr::null_mut());
                // SAFETY: napi allocates `bytes` bytes at `data` for the new ArrayBuffer,
                // aligned for any element type (V8 allocates backing stores with the
                // allocator's alignment); exactly `values.len()` elements are written there,
                // and the typed array views those elements from offset 0.
                unsafe {
                    napi::check_status!(
                        sys::napi_create_arraybuffer(env, bytes, &mut data, &mut buffer),
                        "failed to create an ArrayBuffer"
                    )?;
                    if bytes > 0 {
                        let out = std::slice::from_raw_parts_mut(data.cast::<$dst>(), values.len());
                        for (slot, &v) in out.iter_mut().zip(&values) {
                            *slot = v as $dst;
                        }
                    }
                    napi::check_status!(
                        sys::napi_create_typedarray(
                            env,
                            sys::TypedarrayType::$kind,
                            values.len(),
                            buffer,
                            0,
                            &mut array,
                        ),
                        "failed to create a typed array"
                    )?;
                }
                Ok(array)
            }
        }
    };
}

owned_column!(
    /// Integer cents returned as a `Float64Array` in memory owned by V8 (see the module
    /// docs). Each value must be below 2^53 in absolute value, where `f64` is exact (the
    /// core's schedules bound their amounts far below).
    CentsColumn(i64) as f64 => float64_array, "Float64Array"
);

owned_column!(
    /// A column returned as an `Int32Array` in memory owned by V8 (see the module docs).
    Int32Column(i32) as i32 => int32_array, "Int32Array"
);

//! The JavaScript value types whose napi conversions this crate writes itself, so that a
//! bad argument becomes an edgecore error with a `code` instead of napi's generic one:
//!
//! - [`Date`]: a JavaScript `Date` read as its time value, never failing at the boundary (an
//!   invalid `Date` or a non-`Date` reads as NaN and is rejected by the converter that needs
//!   a real instant, naming the field). napi's own `DateTime` conversion would silently read
//!   an invalid `Date` as 1970-01-01.
//! - [`JsString`]: a string argument or field, refused by its type alone when it is not a
//!   string (napi's own message would stringify the value, however large).
//! - [`Input`]: any argument napi converts structurally (records, arrays, typed arrays),
//!   read without failing at the boundary; [`Input::read`] then reports a missing field or
//!   a wrong type as `InvalidRecord`.
//! - [`columns_buffer`]: short columns (a loan's 360 rows) written into ONE `Buffer` that V8
//!   allocates and owns, for typed-array views. napi's `Float64Array` hands Rust's
//!   buffer to V8 as an external buffer with a finalizer, which costs about a microsecond
//!   per array: right for a million values, not for a 360-row table.
//! - [`Script`]: functions written in JavaScript, compiled once per environment, that shape
//!   results made of many small objects (see its docs), and [`Built`], the value they return.
//! - [`Catching`]: a callback argument called through a JavaScript wrapper that catches what
//!   it throws and returns it as a [`Caught`], for napi's threadsafe functions, which handle
//!   a thrown value themselves only when it is an `Error`; [`Settled`] then rejects the
//!   call's promise with that very value.
//! - [`Numbers`]: a column argument (`Float64Array` or `number[]`), COPIED into Rust memory
//!   while it is converted, and [`Float64Array`], a column result made from Rust values.
//!   These are the crate's only typed-array types: napi's own typed arrays and buffers
//!   borrow JavaScript memory, which the conversion of a later argument can resize, detach
//!   or let the collector free (a getter runs JavaScript), and which a worker can write
//!   while Rust reads it (`SharedArrayBuffer`). `clippy.toml` forbids them in this crate.
//!
//! napi's conversion traits are `unsafe fn`s (they take raw handles), so this module is the
//! one place of the crate that opts out of the workspace's `unsafe_code` denial. Each body
//! forwards napi's handles to napi's own functions (checking every status); [`columns_buffer`]
//! also writes the values, through slices, into the buffer napi has just allocated, and
//! [`Script`] keeps its compiled functions in napi's typed instance data of the environment.
#![allow(unsafe_code)]

use crate::errors::Result;
use chrono::{DateTime, Utc};
use napi::bindgen_prelude::{FromNapiValue, ToNapiValue, TypeName, ValidateNapiValue};
use napi::{Env, JsDate, JsValue, Status, ValueType, sys};
use std::ffi::c_void;
use std::mem::MaybeUninit;
use std::sync::atomic::{AtomicU64, Ordering};

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
    /// An object reads as its time value (NaN for an invalid `Date` or another object);
    /// anything else is an error. `undefined` in particular is refused: it is what a hole of
    /// a sparse array reads as, and `Vec<Date>` would read the 4,294,967,295 holes of
    /// `a[2 ** 32 - 2] = d` one by one.
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> napi::Result<Self> {
        let mut kind = sys::ValueType::napi_undefined;
        // SAFETY: napi's own handles; `kind` is written by napi.
        napi::check_status!(unsafe { sys::napi_typeof(env, value, &mut kind) })?;
        if kind != sys::ValueType::napi_object {
            return Err(napi::Error::new(
                Status::DateExpected,
                format!("must be a valid Date, got {}", type_of(env, value)),
            ));
        }
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
///
/// An array read into a `Vec` (a list of records) is measured before napi reads any item:
/// one of more than `edgecore::MAX_RECORDS` items is kept unread and refused by
/// [`Input::read_at`] with the core's error.
///
/// When napi's conversion fails (a missing field, a value of the wrong type, a key the
/// record does not have: [`Extra`]), the value is also kept in its JSON form (`json_of`),
/// so that [`Input::read_as`] can have the core's reader read it as Python would, or word
/// why not, with the path of the bad field, as Rust and Python word it.
pub struct Input<T>(napi::Result<T>, TooLong, Option<Box<serde_json::Value>>);

/// A value read by [`Input::read_as`]: napi's typed mirror, or the core's value read from
/// the JSON form when the mirror refused it.
pub enum Read<T, C> {
    /// Read by napi's typed conversion (then checked by `FromJs`).
    Mirror(T),
    /// Read by the core's serde form.
    Core(C),
}

/// Whether an [`Input`] was an array longer than `edgecore::MAX_RECORDS` (left unread).
#[derive(Clone, Copy)]
pub struct TooLong(bool);

impl<T> Input<T> {
    /// An argument's value built in Rust (a default).
    pub fn of(value: T) -> Input<T> {
        Input(Ok(value), TooLong(false), None)
    }

    /// An argument whose conversion failed with `error`.
    fn failed(error: napi::Error) -> Input<T> {
        Input(Err(error), TooLong(false), None)
    }

    /// The converted value, or `InvalidRecord` naming `what` with napi's reason ("Missing
    /// field `stake`", "Failed to convert ... into String"...).
    pub fn read(self, what: &'static str) -> Result<T> {
        self.read_at(what, "")
    }

    /// [`Input::read`] for the argument at `path` (its name), which an array refused for
    /// its length names: `invalid bet: bets: holds more than 10000000 items...`.
    pub fn read_at(self, what: &'static str, path: &str) -> Result<T> {
        if self.1.0 {
            return Err(crate::errors::to_js(edgecore::input::too_many_records(
                what, path,
            )));
        }
        self.0.map_err(|e| {
            crate::errors::to_js(edgecore::Error::invalid_record(what, e.reason.clone()))
        })
    }

    /// [`Input::read_at`] for a value of the core type `C`, read by napi's typed mirror or,
    /// when that fails, by the core: the value's JSON form is read by the core's serde form
    /// (`edgecore::input::read_spelt`, field names in camelCase), as Python reads every
    /// record. What the core accepts is accepted ([`Read::Core`]: a number where a decimal
    /// goes reads as its shortest round-trip text, `String(n)`, as Rust reads a JSON number
    /// and Python a `float`; a date or an instant as ISO text); what it refuses gets its
    /// error, naming the bad field and worded as in Rust and Python (`invalid bet: bets[1]:
    /// missing field `stake``). napi's reason is kept only when the value has no JSON form
    /// (a function, a NaN, a getter that threw).
    pub fn read_as<C: serde::de::DeserializeOwned>(
        self,
        what: &'static str,
        path: &str,
    ) -> Result<Read<T, C>> {
        if let (Err(_), Some(json)) = (&self.0, &self.2) {
            let read = |json: &serde_json::Value| {
                edgecore::input::read_spelt::<C, _>(
                    what,
                    path,
                    edgecore::input::Spelling::Camel,
                    json,
                )
            };
            // A `Date` at midnight UTC may be a calendar date or an instant. Read as an
            // instant, a date field refuses it (`trailing input`); read as a day, an instant
            // field does (`premature end of input`). An error is the core's unless it may be
            // one of those.
            let e = match read(json) {
                Ok(value) => return Ok(Read::Core(value)),
                Err(e) => e,
            };
            let spurious = |e: &edgecore::Error, reason: &str| e.to_string().ends_with(reason);
            if !spurious(&e, ": trailing input") {
                return Err(crate::errors::to_js(e));
            }
            let Some(days) = with_days(json) else {
                return Err(crate::errors::to_js(e));
            };
            match read(&days) {
                Ok(value) => return Ok(Read::Core(value)),
                Err(d) if !spurious(&d, ": premature end of input") => {
                    return Err(crate::errors::to_js(d));
                }
                Err(_) => {}
            }
        }
        self.read_at(what, path).map(Read::Mirror)
    }

    /// [`Input::read`] by reference.
    pub fn get(&self, what: &'static str) -> Result<&T> {
        if self.1.0 {
            return Err(crate::errors::to_js(edgecore::input::too_many_records(
                what, "",
            )));
        }
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

impl<T: FromNapiValue + TypeName + Extra> FromNapiValue for Input<T> {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> napi::Result<Self> {
        // `null` and `undefined` are refused first: napi's reading of a record's fields from
        // them would leave V8's own TypeError pending, thrown in place of `InvalidRecord`.
        let mut kind = sys::ValueType::napi_undefined;
        // SAFETY: napi's own handles; `kind` is written by napi.
        napi::check_status!(unsafe { sys::napi_typeof(env, value, &mut kind) })?;
        let missing = match kind {
            sys::ValueType::napi_null => Some("null"),
            sys::ValueType::napi_undefined => Some("undefined"),
            _ => None,
        };
        if let Some(missing) = missing {
            return Ok(Input::failed(napi::Error::from_reason(format!(
                "expected a value, got {missing}"
            ))));
        }
        if T::type_name() == <Vec<()> as TypeName>::type_name() {
            let mut is_array = false;
            // SAFETY: napi's own handles; `is_array` is written by napi.
            napi::check_status!(unsafe { sys::napi_is_array(env, value, &mut is_array) })?;
            let mut len = 0u32;
            if is_array {
                // SAFETY: napi's own handles; `value` is an array, `len` is written by napi.
                napi::check_status!(unsafe { sys::napi_get_array_length(env, value, &mut len) })?;
            }
            if usize::try_from(len).is_ok_and(|len| len > edgecore::MAX_RECORDS) {
                return Ok(Input(
                    Err(napi::Error::from_reason("too long")),
                    TooLong(true),
                    None,
                ));
            }
        }
        // SAFETY: forwards napi's own handles to `T`'s napi conversion.
        let read = unsafe { T::from_napi_value(env, value) };
        // A record with a key its mirror does not read fails here, to be read again below.
        let read = match read {
            // SAFETY: `value` is the value `v` was read from, inside this call.
            Ok(v) if T::CHECKED => match unsafe { v.extra(env, value) } {
                Ok(false) => Ok(v),
                Ok(true) => Err(napi::Error::new(
                    Status::InvalidArg,
                    "has a field that is not one of the record's",
                )),
                Err(e) => Err(e),
            },
            read => read,
        };
        if let Err(e) = &read
            && e.status == Status::ObjectExpected
        {
            // napi read a field of a value that is not an object (a `null` inside a list of
            // records): V8's own `TypeError` is left pending, which would be thrown in place
            // of `InvalidRecord`. It is cleared; an exception thrown by the caller's code (a
            // getter, a proxy trap) fails with another status and stays, to come out as it is.
            let mut pending = false;
            // SAFETY: napi's own handles; `pending` is written by napi.
            napi::check_status!(unsafe { sys::napi_is_exception_pending(env, &mut pending) })?;
            if pending {
                let mut exception = std::ptr::null_mut();
                // SAFETY: napi's own handles; an exception is pending, `exception` is written.
                napi::check_status!(unsafe {
                    sys::napi_get_and_clear_last_exception(env, &mut exception)
                })?;
            }
        }
        let mut pending = false;
        let json = match &read {
            // A failed conversion with no exception pending (none thrown by the caller's
            // code) is read again as JSON, for the core to word why it does not fit.
            // SAFETY: napi's own handles, still open (this runs inside the call); `pending`
            // is written by napi.
            Err(_)
                // SAFETY: napi's own handles of this call; out-values are written by napi.
                if unsafe { sys::napi_is_exception_pending(env, &mut pending) }
                    == sys::Status::napi_ok
                    && !pending =>
            {
                // SAFETY: as above.
                let json = unsafe { json_of(env, value, 0) }.map(Box::new);
                // Reading again may run the caller's code that napi's conversion did not (a
                // proxy's trap): what it throws is not the caller's error, napi's is.
                // SAFETY: as above; `exception` is written by napi.
                if unsafe { sys::napi_is_exception_pending(env, &mut pending) }
                    == sys::Status::napi_ok
                    && pending
                {
                    let mut exception = std::ptr::null_mut();
                    // SAFETY: napi's own handles of this call; out-values are written by napi.
                    napi::check_status!(unsafe {
                        sys::napi_get_and_clear_last_exception(env, &mut exception)
                    })?;
                    None
                } else {
                    json
                }
            }
            _ => None,
        };
        Ok(Input(read, TooLong(false), json))
    }
}

/// The keys of a JavaScript record that its napi mirror does not read (a misspelt
/// `closingOdd`, an extra key): napi's typed conversion drops them, so [`Input`] asks the
/// converted value whether any were there, and when one was, it fails the conversion and
/// has the core's reader word the refusal (`unknown field `closing_odd`, expected one of
/// ...`, at the record's path), as in Rust and Python.
///
/// Mirrors of input records implement it (`record!` in `convert`), checking their own
/// keys and those of the records in their fields; a list checks each item, a map each
/// entry; other values have nothing to check.
pub trait Extra {
    /// Whether values of this type are checked at all (a list of numbers is not read again).
    const CHECKED: bool = false;

    /// For a record mirror: how many of its fields were read as present, and its fields
    /// (snake_case, as the core names them); `None` for anything else.
    fn fields(&self) -> Option<(usize, &'static [&'static str])> {
        None
    }

    /// For a record mirror: calls `visit` with the name (snake_case) and the value of each
    /// field that holds records ([`Extra::CHECKED`]), until one returns `true` (an unknown
    /// key in them), which it returns.
    fn each_record_field(
        &self,
        _visit: &mut dyn FnMut(&'static str, &dyn Nested) -> napi::Result<bool>,
    ) -> napi::Result<bool> {
        Ok(false)
    }

    /// Whether `value`, the JavaScript value `self` was converted from, has an own
    /// enumerable key that the conversion did not read (a key whose value is `undefined`
    /// counts as absent, as napi reads it; see `extra_keys`), in itself or in the records
    /// inside its fields.
    ///
    /// # Safety
    /// `value` is a value of `env`, inside the call being served.
    unsafe fn extra(&self, env: sys::napi_env, value: sys::napi_value) -> napi::Result<bool> {
        let Some((present, fields)) = self.fields() else {
            return Ok(false);
        };
        // SAFETY: forwarded from this function's contract.
        if unsafe { extra_keys(env, value, present, fields) }? {
            return Ok(true);
        }
        // SAFETY: as above.
        unsafe { extra_inside(self, env, value) }
    }
}

/// [`Extra`] as a trait object, for the fields of a record.
pub trait Nested {
    /// [`Extra::extra`].
    ///
    /// # Safety
    /// As [`Extra::extra`].
    unsafe fn nested_extra(&self, env: sys::napi_env, value: sys::napi_value)
    -> napi::Result<bool>;
}

impl<T: Extra> Nested for T {
    unsafe fn nested_extra(
        &self,
        env: sys::napi_env,
        value: sys::napi_value,
    ) -> napi::Result<bool> {
        // SAFETY: forwarded from this function's contract.
        unsafe { self.extra(env, value) }
    }
}

/// Whether `T` holds records to check (for `record!`, which knows its fields' values but
/// not their types).
pub fn holds_records<T: Extra>(_: &T) -> bool {
    T::CHECKED
}

/// Whether a record field of `record` (the mirror read from `value`) holds a record with an
/// unknown key: each such field's value is read again by name and checked.
///
/// # Safety
/// `value` is a value of `env`, inside the call being served.
unsafe fn extra_inside<T: Extra + ?Sized>(
    record: &T,
    env: sys::napi_env,
    value: sys::napi_value,
) -> napi::Result<bool> {
    record.each_record_field(&mut |name, field| {
        let key = std::ffi::CString::new(edgecore::input::camel_case(name))
            .map_err(|_| napi::Error::from_reason("field name with a NUL"))?;
        let mut item = std::ptr::null_mut();
        // SAFETY: napi's own handles; `key` is NUL-terminated. A getter may run and throw
        // (the status says so).
        napi::check_status!(unsafe {
            sys::napi_get_named_property(env, value, key.as_ptr(), &mut item)
        })?;
        // SAFETY: `item` is the value the field was read from, of `env`.
        unsafe { field.nested_extra(env, item) }
    })
}

impl<T: Extra> Extra for Option<T> {
    const CHECKED: bool = T::CHECKED;

    unsafe fn extra(&self, env: sys::napi_env, value: sys::napi_value) -> napi::Result<bool> {
        match self {
            // SAFETY: forwarded from this function's contract.
            Some(inner) => unsafe { inner.extra(env, value) },
            None => Ok(false),
        }
    }
}

/// `(list) => Float64Array`: the number of own enumerable string keys of each item of a
/// list (`Object.keys(item).length`, 0 for an item that is not an object), counted in
/// JavaScript in one call: V8 counts the keys of an object of a known shape from its cache,
/// where reading them through napi builds an array of names per item.
static KEY_COUNTS: Script = Script::new(
    "[(list) => { \
       const counts = new Float64Array(list.length); \
       for (let i = 0; i < list.length; i++) { \
         const item = list[i]; \
         counts[i] = item !== null && typeof item === 'object' ? Object.keys(item).length : 0 \
       } \
       return counts \
     }]",
);

impl<T: Extra> Extra for Vec<T> {
    const CHECKED: bool = T::CHECKED;

    /// The keys of every item are counted at once (`KEY_COUNTS`); an item with more keys
    /// than fields read as present, or a list inside the list, is then checked by itself.
    unsafe fn extra(&self, env: sys::napi_env, value: sys::napi_value) -> napi::Result<bool> {
        if !T::CHECKED || self.is_empty() {
            return Ok(false);
        }
        // A proxy's trap or a getter that throws fails the call, its exception pending.
        let counts = KEY_COUNTS.call(&Env::from_raw(env), 0, &[value])?.0;
        // SAFETY: the script returns a `Float64Array` of this environment.
        let counts = unsafe { copy_float64_array(env, counts) }?;
        for (i, item) in self.iter().enumerate() {
            let more = match item.fields() {
                Some((present, _)) => counts.get(i).is_some_and(|&n| n > present as f64),
                None => true,
            };
            let inside = item.each_record_field(&mut |_, _| Ok(true))?;
            if !more && !inside {
                continue;
            }
            let index = u32::try_from(i).map_err(|_| napi::Error::from_reason("too long"))?;
            let mut element = std::ptr::null_mut();
            // SAFETY: napi's own handles; `value` is the array `self` was read from. A getter
            // that throws leaves its exception pending and the status says so.
            napi::check_status!(unsafe { sys::napi_get_element(env, value, index, &mut element) })?;
            // SAFETY: `element` is a value of `env`, the item `item` was read from.
            if unsafe { item.extra(env, element) }? {
                return Ok(true);
            }
        }
        Ok(false)
    }
}

macro_rules! nothing_extra {
    ($($t:ty),* $(,)?) => {$(impl Extra for $t {})*};
}

nothing_extra!(Numbers, Date, JsString, f64, u32, bool);

impl<A: Extra, B: Extra> Extra for napi::bindgen_prelude::Either<A, B> {}

impl<V: Extra> Extra for std::collections::HashMap<String, V> {
    const CHECKED: bool = V::CHECKED;

    unsafe fn extra(&self, env: sys::napi_env, value: sys::napi_value) -> napi::Result<bool> {
        if !V::CHECKED {
            return Ok(false);
        }
        for (key, item) in self {
            // The key as a JavaScript string of its own length (a key may hold a NUL).
            // SAFETY: napi's own handle; napi makes the string.
            let name = unsafe { <&str as ToNapiValue>::to_napi_value(env, key.as_str()) }?;
            let mut entry = std::ptr::null_mut();
            // SAFETY: napi's own handles. A getter may run and throw (the status says so).
            napi::check_status!(unsafe { sys::napi_get_property(env, value, name, &mut entry) })?;
            // SAFETY: `entry` is the value `item` was read from, of `env`.
            if unsafe { item.extra(env, entry) }? {
                return Ok(true);
            }
        }
        Ok(false)
    }
}

/// Whether a field of a mirror was read as present: every value is, except an optional
/// field read as absent (`None`: missing or `undefined`).
pub trait Present {
    /// Whether the field was there.
    fn present(&self) -> bool {
        true
    }
}

impl<T> Present for Option<T> {
    fn present(&self) -> bool {
        self.is_some()
    }
}

macro_rules! nothing_present {
    ($($t:ty),* $(,)?) => {$(impl Present for $t {})*};
}

impl<T> Present for Vec<T> {}
impl<K, V> Present for std::collections::HashMap<K, V> {}
nothing_present!(JsString, Date, f64, u32, i32, bool);

/// The own enumerable string keys of the object `value` (numbers as strings) and how many
/// there are. A proxy's `ownKeys` trap may run and throw: the status says so, and its
/// exception stays pending.
///
/// # Safety
/// `value` is a value of `env`, inside the call being served.
unsafe fn own_keys(
    env: sys::napi_env,
    value: sys::napi_value,
) -> napi::Result<(sys::napi_value, u32)> {
    let (mut keys, mut len) = (std::ptr::null_mut(), 0u32);
    // SAFETY: napi's own handles; out-values are written by napi.
    napi::check_status!(unsafe {
        sys::napi_get_all_property_names(
            env,
            value,
            sys::KeyCollectionMode::own_only,
            sys::KeyFilter::enumerable | sys::KeyFilter::skip_symbols,
            sys::KeyConversion::numbers_to_strings,
            &mut keys,
        )
    })?;
    // SAFETY: `keys` is the array napi has just made.
    napi::check_status!(unsafe { sys::napi_get_array_length(env, keys, &mut len) })?;
    Ok((keys, len))
}

/// Key `i` of `keys` (made by [`own_keys`]), as a value and as text.
///
/// # Safety
/// `keys` is an array made by [`own_keys`] in `env` with more than `i` items.
unsafe fn key_at(
    env: sys::napi_env,
    keys: sys::napi_value,
    i: u32,
) -> napi::Result<(sys::napi_value, String)> {
    let mut key = std::ptr::null_mut();
    // SAFETY: `keys` is the array of keys, `i` one of its indices.
    napi::check_status!(unsafe { sys::napi_get_element(env, keys, i, &mut key) })?;
    // SAFETY: `key` is a string (symbols are skipped, numbers converted).
    let name = unsafe { <String as FromNapiValue>::from_napi_value(env, key) }?;
    Ok((key, name))
}

/// [`Extra::extra`] for a record mirror with `fields` (snake_case, as the core names them),
/// `present` of which were read as present: the own enumerable string keys of `value` are
/// counted (one napi call), and only when there are more than `present` are they compared
/// with the fields, a key whose value is `undefined` left aside.
///
/// # Safety
/// `value` is a value of `env`, inside the call being served.
unsafe fn extra_keys(
    env: sys::napi_env,
    value: sys::napi_value,
    present: usize,
    fields: &[&str],
) -> napi::Result<bool> {
    // SAFETY: forwarded from this function's contract.
    let (keys, len) = unsafe { own_keys(env, value) }?;
    if usize::try_from(len).is_ok_and(|len| len <= present) {
        return Ok(false);
    }
    for i in 0..len {
        // SAFETY: `keys` holds the `len` keys of `value`.
        let (key, name) = unsafe { key_at(env, keys, i) }?;
        if fields
            .iter()
            .any(|field| edgecore::input::camel_case(field) == name)
        {
            continue;
        }
        let (mut field, mut kind) = (std::ptr::null_mut(), sys::ValueType::napi_undefined);
        // SAFETY: napi's own handles; a getter may run and throw (the status says so).
        napi::check_status!(unsafe { sys::napi_get_property(env, value, key, &mut field) })?;
        // SAFETY: as above.
        napi::check_status!(unsafe { sys::napi_typeof(env, field, &mut kind) })?;
        if kind != sys::ValueType::napi_undefined {
            return Ok(true);
        }
    }
    Ok(false)
}

/// An argument that is either an instance of the napi class `C` or anything else, converted
/// as an [`Input<T>`] (so that its conversion error is thrown as `InvalidRecord`): a
/// `History` or a list of snapshots. The class instance is cloned out of its JavaScript
/// object (the crate's classes are handles to shared, immutable core values, so a clone is
/// a reference count), and nothing borrows the object once the argument is read.
pub enum ClassOr<C, T> {
    /// An instance of the class.
    Class(C),
    /// Any other value.
    Other(Input<T>),
}

impl<C, T> TypeName for ClassOr<C, T> {
    fn type_name() -> &'static str {
        "object"
    }
    fn value_type() -> ValueType {
        ValueType::Object
    }
}

impl<C: Clone + 'static, T: FromNapiValue + TypeName + Extra> FromNapiValue for ClassOr<C, T>
where
    for<'a> &'a C: ValidateNapiValue,
{
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> napi::Result<Self> {
        // SAFETY: napi's own handles, forwarded to the class' own `instanceof` check.
        let is_class = unsafe { <&C as ValidateNapiValue>::validate(env, value) }.is_ok();
        if is_class {
            // SAFETY: `value` is an instance of `C` (checked above), wrapped by napi.
            let instance =
                unsafe { napi::bindgen_prelude::ClassInstance::<C>::from_napi_value(env, value) }?;
            return Ok(ClassOr::Class(C::clone(&instance)));
        }
        // SAFETY: forwards napi's own handles to `Input`'s conversion.
        Ok(ClassOr::Other(unsafe {
            Input::from_napi_value(env, value)
        }?))
    }
}

/// A JavaScript string argument or record field, read as Rust text.
///
/// napi's own `String` conversion, given a value that is not a string, builds its error
/// message from `JSON.stringify(value)`: a sparse array of 2^27 holes (or an object holding
/// one) makes V8 build a string of hundreds of megabytes, which runs for minutes and can end
/// the process; a cyclic object, a BigInt or a throwing `toJSON` replace the error with
/// V8's own. This type checks `typeof` first and refuses anything else with a message that
/// names only the value's JavaScript type, without reading or walking the value. The
/// TypeScript type of a `JsString` is `string` (its name is one napi's declarations read so).
#[derive(Clone, PartialEq, Eq, Default)]
pub struct JsString(pub String);

/// As the text itself (`"ten"`), so that messages quoting a value read as before.
impl std::fmt::Debug for JsString {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&self.0, f)
    }
}

impl JsString {
    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The text, owned.
    pub fn into_string(self) -> String {
        self.0
    }
}

impl From<String> for JsString {
    fn from(text: String) -> JsString {
        JsString(text)
    }
}

impl std::ops::Deref for JsString {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl TypeName for JsString {
    fn type_name() -> &'static str {
        "string"
    }
    fn value_type() -> ValueType {
        ValueType::String
    }
}

impl ValidateNapiValue for JsString {
    unsafe fn validate(
        env: sys::napi_env,
        value: sys::napi_value,
    ) -> napi::Result<sys::napi_value> {
        // SAFETY: forwards napi's own handles.
        unsafe { expect_string(env, value) }.map(|()| std::ptr::null_mut())
    }
}

impl FromNapiValue for JsString {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> napi::Result<Self> {
        // SAFETY: forwards napi's own handles; once `value` is known to be a string, napi's
        // conversion cannot fail on its type (and so never stringifies it).
        unsafe { expect_string(env, value) }?;
        // SAFETY: as above.
        unsafe { String::from_napi_value(env, value) }.map(JsString)
    }
}

impl ToNapiValue for JsString {
    unsafe fn to_napi_value(env: sys::napi_env, value: Self) -> napi::Result<sys::napi_value> {
        // SAFETY: forwards napi's own handles.
        unsafe { String::to_napi_value(env, value.0) }
    }
}

/// `Ok` when `value` is a JavaScript string, else `StringExpected` naming its type only.
///
/// # Safety
/// `value` is a value of `env`.
unsafe fn expect_string(env: sys::napi_env, value: sys::napi_value) -> napi::Result<()> {
    let mut kind = sys::ValueType::napi_undefined;
    // SAFETY: napi's own handles; `kind` is written by napi.
    napi::check_status!(unsafe { sys::napi_typeof(env, value, &mut kind) })?;
    if kind == sys::ValueType::napi_string {
        Ok(())
    } else {
        Err(napi::Error::new(
            Status::StringExpected,
            format!("must be a string, got {}", type_of(env, value)),
        ))
    }
}

/// Rows written by [`columns_buffer`]'s caller, one at a time, into `K` columns of integer
/// cents and a column of days.
pub struct ColumnsWriter<'a, const K: usize> {
    /// `K` columns of `len` values, one after the other (V8's memory, not yet initialised).
    cents: &'a mut [MaybeUninit<f64>],
    /// `len` days.
    days: &'a mut [MaybeUninit<i32>],
    /// Rows written so far.
    written: usize,
}

impl<const K: usize> ColumnsWriter<'_, K> {
    /// Writes the next row: `cents[k]` to column `k` (each below 2^53 in absolute value,
    /// where `f64` is exact: the core's schedules bound their amounts far below) and `day`.
    /// Rows past the buffer's length are ignored.
    #[inline(always)]
    pub fn push(&mut self, cents: [i64; K], day: i32) {
        let (i, len) = (self.written, self.days.len());
        let Some(slot) = self.days.get_mut(i) else {
            return;
        };
        slot.write(day);
        for (k, value) in cents.into_iter().enumerate() {
            if let Some(cell) = self.cents.get_mut(k * len + i) {
                cell.write(value as f64);
            }
        }
        self.written = i + 1;
    }
}

/// A new Node `Buffer` of `len` rows laid out as `K` columns of `Float64` values (column `k`
/// at byte offset `8 k len`) then one column of `Int32` values, filled by `fill` through a
/// [`ColumnsWriter`]; rows it does not write are zeros. The memory is V8's, allocated without
/// being zeroed first (`napi_create_buffer`, unlike `napi_create_arraybuffer`), and every
/// byte of it is written once.
pub fn columns_buffer<const K: usize, R>(
    env: &Env,
    len: usize,
    fill: impl FnOnce(&mut ColumnsWriter<'_, K>) -> R,
) -> napi::Result<(sys::napi_value, R)> {
    let floats = K
        .checked_mul(len)
        .ok_or_else(|| napi::Error::from_reason("Buffer too long"))?;
    let float_bytes = floats * std::mem::size_of::<f64>();
    let bytes = float_bytes + len * std::mem::size_of::<i32>();
    let (mut data, mut buffer) = (std::ptr::null_mut::<c_void>(), std::ptr::null_mut());
    // SAFETY: napi's own handle; napi writes `data` and `buffer`.
    let status = unsafe { sys::napi_create_buffer(env.raw(), bytes, &mut data, &mut buffer) };
    napi::check_status!(status, "failed to create a Buffer")?;
    if len == 0 {
        let mut writer = ColumnsWriter {
            cents: &mut [],
            days: &mut [],
            written: 0,
        };
        return Ok((buffer, fill(&mut writer)));
    }
    if data.is_null() || data.align_offset(std::mem::align_of::<f64>()) != 0 {
        return Err(napi::Error::from_reason("misaligned Buffer"));
    }
    let (floats_at, days_at) = (
        data.cast::<f64>(),
        data.cast::<u8>().wrapping_add(float_bytes),
    );
    // SAFETY: the new Buffer owns `bytes` bytes at `data` (aligned for `f64`, checked), of
    // which the first `float_bytes` hold these `floats` values, uninitialised (hence
    // `MaybeUninit`); nothing else refers to them (the Buffer is not yet returned to
    // JavaScript, and no JavaScript runs until `fill` returns).
    let cents = unsafe { std::slice::from_raw_parts_mut(floats_at.cast(), floats) };
    // SAFETY: the `len` days follow at `[float_bytes, bytes)`, disjoint from `cents`, aligned
    // for `i32` (`float_bytes` is a multiple of 8), as above.
    let days = unsafe { std::slice::from_raw_parts_mut(days_at.cast(), len) };
    let mut writer = ColumnsWriter {
        cents,
        days,
        written: 0,
    };
    let result = fill(&mut writer);
    while writer.written < len {
        writer.push([0; K], 0);
    }
    Ok((buffer, result))
}

/// A callback argument (a JavaScript function) converted as `F` (a threadsafe function),
/// after wrapping it in a function that never throws: the wrapper calls it with the same
/// arguments and returns `undefined`, or `[thrown]` when it throws, read as a [`Caught`].
///
/// napi's threadsafe function reads a thrown value through its text and `stack` itself:
/// only an `Error` comes out as it is. `throw 42` or a string became another error, `null`
/// or `undefined` left V8's `TypeError` pending (`uncaughtException`) and failed an
/// assertion on the event loop (the process aborted). Through the wrapper no exception
/// reaches napi, and the value thrown travels as a return value. Anything that is not a
/// function is converted by `F` directly (its own error).
pub struct Catching<F>(pub F);

/// `[callback => wrapper, box => thenable]`: the wrapper of [`Catching`], and the value a
/// promise is resolved with to reject it with what `box` (a wrapper's `[thrown]`) holds.
static CATCHING: Script = Script::new(
    "[(callback) => function (...args) { \
       try { callback(...args) } catch (thrown) { return [thrown] } \
     }, \
     (box) => ({ then(resolve, reject) { reject(box[0]) } })]",
);

impl<F: TypeName> TypeName for Catching<F> {
    fn type_name() -> &'static str {
        F::type_name()
    }
    fn value_type() -> ValueType {
        F::value_type()
    }
}

impl<F: TypeName> ValidateNapiValue for Catching<F> {}

impl<F: FromNapiValue> FromNapiValue for Catching<F> {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> napi::Result<Self> {
        let mut kind = sys::ValueType::napi_undefined;
        // SAFETY: napi's own handles; `kind` is written by napi.
        napi::check_status!(unsafe { sys::napi_typeof(env, value, &mut kind) })?;
        let value = if kind == sys::ValueType::napi_function {
            CATCHING.call(&Env::from_raw(env), 0, &[value])?.0
        } else {
            value
        };
        // SAFETY: forwards napi's own handles to `F`'s napi conversion.
        unsafe { F::from_napi_value(env, value) }.map(Catching)
    }
}

/// What the wrapper of a [`Catching`] callback returned: `Some` when the callback threw,
/// holding what it threw.
pub struct Caught(pub Option<Kept>);

/// A value thrown by the caller's callback, kept until the promise of the call settles: a
/// reference to the wrapper's `[thrown]` (napi references objects only, not `42`). It is
/// made and read on the main thread only; one that is never read (the environment ends
/// first) is left to the environment's teardown.
pub struct Kept(sys::napi_ref);

// SAFETY: the reference travels with the task's shared state but is made (`Caught`) and
// read (`Settled`) on the main thread only, in the environment that made it.
unsafe impl Send for Kept {}

impl FromNapiValue for Caught {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> napi::Result<Self> {
        let mut threw = false;
        // SAFETY: napi's own handles; `threw` is written by napi.
        napi::check_status!(unsafe { sys::napi_is_array(env, value, &mut threw) })?;
        if !threw {
            return Ok(Caught(None));
        }
        let mut reference = std::ptr::null_mut();
        // SAFETY: napi's own handles; `value` is the wrapper's array, an object.
        napi::check_status!(unsafe { sys::napi_create_reference(env, value, 1, &mut reference) })?;
        Ok(Caught(Some(Kept(reference))))
    }
}

/// The value an async call settles with: its result, or a value thrown by the caller's
/// callback, with which the promise is rejected exactly as it was thrown (napi rejects a
/// promise only with an `Error`, so the promise is resolved with a thenable that rejects).
pub enum Settled<J> {
    /// The call's result.
    Value(J),
    /// What the caller's callback threw.
    Thrown(Kept),
}

impl<J: TypeName> TypeName for Settled<J> {
    fn type_name() -> &'static str {
        J::type_name()
    }
    fn value_type() -> ValueType {
        J::value_type()
    }
}

impl<J: ToNapiValue> ToNapiValue for Settled<J> {
    unsafe fn to_napi_value(env: sys::napi_env, value: Self) -> napi::Result<sys::napi_value> {
        match value {
            // SAFETY: forwards napi's own handles to `J`'s napi conversion.
            Settled::Value(value) => unsafe { J::to_napi_value(env, value) },
            Settled::Thrown(Kept(reference)) => {
                let mut boxed = std::ptr::null_mut();
                // SAFETY: napi's own handles; `reference` was made in this environment.
                napi::check_status!(unsafe {
                    sys::napi_get_reference_value(env, reference, &mut boxed)
                })?;
                // SAFETY: napi's own handles; the reference is not used again.
                napi::check_status!(unsafe { sys::napi_delete_reference(env, reference) })?;
                Ok(CATCHING.call(&Env::from_raw(env), 1, &[boxed])?.0)
            }
        }
    }
}

/// `undefined`.
pub fn undefined(env: &Env) -> napi::Result<sys::napi_value> {
    let mut value = std::ptr::null_mut();
    // SAFETY: napi's own handles.
    napi::check_status!(unsafe { sys::napi_get_undefined(env.raw(), &mut value) })?;
    Ok(value)
}

/// Functions written in JavaScript, compiled once per environment (the main thread, each
/// worker) on first use and kept there.
///
/// Some results are many small objects: a loan's schedule is 360 rows, each with five decimal
/// strings and a `Date`. Built by napi property by property, such a row costs microseconds;
/// built by a JavaScript object literal it costs tens of nanoseconds (V8 creates the objects
/// with their final shape at once). The native code computes every figure and hands flat
/// columns to such a function, which only lays the result out.
///
/// `source` is a script whose value is an array of functions, called by their index.
pub struct Script {
    source: &'static str,
}

/// The compiled functions of every [`Script`] of this environment, by script: napi's typed
/// instance data of the environment (this crate sets no other).
struct Compiled(Vec<(&'static Script, Vec<sys::napi_ref>)>);

impl Compiled {
    /// The compiled scripts of `env`, created empty on first use. The borrow is napi's
    /// (`'static`): callers hold it only while no JavaScript runs.
    fn of(env: &Env) -> napi::Result<&'static mut Compiled> {
        if env.get_instance_data::<Compiled>()?.is_none() {
            // The references die with the environment, which deletes them itself.
            env.set_instance_data(Compiled(Vec::new()), (), |_| {})?;
        }
        env.get_instance_data::<Compiled>()?
            .ok_or_else(|| napi::Error::from_reason("no instance data"))
    }

    /// The reference to function `index` of `script`, if it is compiled.
    fn find(&self, script: &'static Script, index: usize) -> Option<Option<sys::napi_ref>> {
        self.0
            .iter()
            .find(|(s, _)| std::ptr::eq(*s, script))
            .map(|(_, refs)| refs.get(index).copied())
    }
}

impl Script {
    /// A script whose value is an array of functions.
    pub const fn new(source: &'static str) -> Script {
        Script { source }
    }

    /// Calls function `index` of this script with `args` (and `undefined` as `this`),
    /// compiling the script first if this environment has not yet.
    pub fn call(
        &'static self,
        env: &Env,
        index: usize,
        args: &[sys::napi_value],
    ) -> napi::Result<Built> {
        let this = undefined(env)?;
        let function = self.function(env, index)?;
        let mut result = std::ptr::null_mut();
        // SAFETY: napi's own handles, `args.len()` values at `args.as_ptr()`.
        napi::check_status!(unsafe {
            sys::napi_call_function(
                env.raw(),
                this,
                function,
                args.len(),
                args.as_ptr(),
                &mut result,
            )
        })?;
        Ok(Built(result))
    }

    /// Function `index` of this script in `env`. The instance data is borrowed only to look
    /// the script up and to record it, never while its source runs.
    fn function(&'static self, env: &Env, index: usize) -> napi::Result<sys::napi_value> {
        let found = Compiled::of(env)?.find(self, index);
        let reference = match found {
            Some(reference) => reference,
            None => {
                let refs = self.compile(env)?;
                let reference = refs.get(index).copied();
                Compiled::of(env)?.0.push((self, refs));
                reference
            }
        }
        .ok_or_else(|| napi::Error::from_reason("no such script function"))?;
        let mut function = std::ptr::null_mut();
        // SAFETY: napi's own handles; `reference` was made in this environment.
        napi::check_status!(unsafe {
            sys::napi_get_reference_value(env.raw(), reference, &mut function)
        })?;
        Ok(function)
    }

    /// Runs the script and references each function of the array it evaluates to.
    fn compile(&self, env: &Env) -> napi::Result<Vec<sys::napi_ref>> {
        let env = env.raw();
        let (mut source, mut value, mut len) = (std::ptr::null_mut(), std::ptr::null_mut(), 0);
        // SAFETY: napi's own handle; `source` is valid UTF-8 of the given length.
        napi::check_status!(unsafe {
            sys::napi_create_string_utf8(
                env,
                self.source.as_ptr().cast(),
                self.source.len() as isize,
                &mut source,
            )
        })?;
        // SAFETY: napi's own handles.
        napi::check_status!(unsafe { sys::napi_run_script(env, source, &mut value) })?;
        // SAFETY: napi's own handles.
        napi::check_status!(unsafe { sys::napi_get_array_length(env, value, &mut len) })?;
        (0..len)
            .map(|i| {
                let (mut function, mut reference) = (std::ptr::null_mut(), std::ptr::null_mut());
                // SAFETY: napi's own handles.
                napi::check_status!(unsafe {
                    sys::napi_get_element(env, value, i, &mut function)
                })?;
                // SAFETY: napi's own handles.
                napi::check_status!(unsafe {
                    sys::napi_create_reference(env, function, 1, &mut reference)
                })?;
                Ok(reference)
            })
            .collect()
    }
}

/// A JavaScript value built by a [`Script`], returned to JavaScript as it is. Functions
/// returning it declare their TypeScript type with `ts_return_type`.
pub struct Built(sys::napi_value);

impl TypeName for Built {
    fn type_name() -> &'static str {
        "unknown"
    }
    fn value_type() -> ValueType {
        ValueType::Unknown
    }
}

impl ToNapiValue for Built {
    unsafe fn to_napi_value(_: sys::napi_env, value: Built) -> napi::Result<sys::napi_value> {
        Ok(value.0)
    }
}

/// The longest array argument read: V8's fast arrays hold at most 2^27 - 3 items (about 134
/// million), so a longer `length` is a sparse array whose memory Rust must not reserve for
/// every index (`a = []; a[2 ** 32 - 2] = 1` has 4,294,967,295 of them).
pub const MAX_ITEMS: u32 = (1 << 27) - 3;

/// A column of numbers passed from JavaScript as a `Float64Array` or a `number[]`, copied
/// into Rust memory during its own conversion, before any other argument is converted.
///
/// - A `Float64Array` is copied: with one `memcpy`, or for a `SharedArrayBuffer` value by
///   value with relaxed atomic loads, each value read exactly once (a worker writing it
///   meanwhile yields either the old or the new value of each item, never a torn one, and
///   every check the core makes is on the value it computes with). Its view is the one of the moment of the call: a later
///   argument's getter that resizes, transfers or detaches the buffer does not reach the
///   copy. A detached buffer, or a view that no longer fits in its resized buffer, is an
///   error, not an empty column.
/// - A `number[]` is read item by item (`length` at most [`MAX_ITEMS`]); an item that is not
///   a number is an error naming its index.
/// - Anything else, another typed array included (an `Int32Array` would be a silent
///   conversion), is an error.
///
/// Errors are napi errors, kept by [`Input`] and thrown as `InvalidRecord` naming the
/// argument. Cost: one copy (a few milliseconds for a million values).
pub struct Numbers(Vec<f64>);

impl Numbers {
    /// The values.
    pub fn as_slice(&self) -> &[f64] {
        &self.0
    }

    /// The values, owned.
    pub fn into_vec(self) -> Vec<f64> {
        self.0
    }
}

impl TypeName for Numbers {
    fn type_name() -> &'static str {
        "Float64Array | number[]"
    }
    fn value_type() -> ValueType {
        ValueType::Object
    }
}

impl ValidateNapiValue for Numbers {
    unsafe fn validate(
        env: sys::napi_env,
        value: sys::napi_value,
    ) -> napi::Result<sys::napi_value> {
        let (mut typed, mut array) = (false, false);
        // SAFETY: napi's own handles; the flag is written by napi.
        napi::check_status!(unsafe { sys::napi_is_typedarray(env, value, &mut typed) })?;
        // SAFETY: as above.
        napi::check_status!(unsafe { sys::napi_is_array(env, value, &mut array) })?;
        if typed || array {
            Ok(std::ptr::null_mut())
        } else {
            Err(napi::Error::new(
                Status::InvalidArg,
                "must be a Float64Array or an array of numbers",
            ))
        }
    }
}

impl FromNapiValue for Numbers {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> napi::Result<Self> {
        let mut typed = false;
        // SAFETY: napi's own handles; the flag is written by napi.
        napi::check_status!(unsafe { sys::napi_is_typedarray(env, value, &mut typed) })?;
        if typed {
            // SAFETY: `value` is a typed array of `env`.
            return unsafe { copy_float64_array(env, value) }.map(Numbers);
        }
        let mut array = false;
        // SAFETY: as above.
        napi::check_status!(unsafe { sys::napi_is_array(env, value, &mut array) })?;
        if !array {
            return Err(napi::Error::new(
                Status::InvalidArg,
                format!(
                    "must be a Float64Array or an array of numbers, got {}",
                    type_of(env, value)
                ),
            ));
        }
        // SAFETY: `value` is an array of `env`.
        unsafe { read_number_array(env, value) }.map(Numbers)
    }
}

/// How deeply [`json_of`] follows values nested in one another (records in lists in
/// records...): deeper values, and values that contain themselves, have no JSON form.
const JSON_DEPTH: usize = 32;

/// The JSON form of a JavaScript value whose napi conversion failed, for the core's reader
/// to read or to word why not: `null`, booleans, finite numbers (whole ones as integers), strings, arrays,
/// objects (their own string-keyed properties, names taken from camelCase to the core's
/// snake_case, `undefined` values left out) and valid `Date`s (RFC 3339 text in UTC with
/// milliseconds, `2024-01-31T00:00:00.000Z`; see [`with_days`]). `None` for
/// anything else (a function, a symbol, an invalid `Date`, NaN), past [`JSON_DEPTH`]
/// levels or `edgecore::MAX_RECORDS` items, and when reading a property throws (a getter
/// that throws: its exception stays pending, to be thrown as it is).
///
/// # Safety
/// `value` is a value of `env`, inside the call being served.
unsafe fn json_of(
    env: sys::napi_env,
    value: sys::napi_value,
    depth: usize,
) -> Option<serde_json::Value> {
    use serde_json::Value;
    let ok = |status: sys::napi_status| status == sys::Status::napi_ok;
    if depth > JSON_DEPTH {
        return None;
    }
    let mut kind = sys::ValueType::napi_undefined;
    // SAFETY: napi's own handles of this call; out-values are written by napi.
    if !ok(unsafe { sys::napi_typeof(env, value, &mut kind) }) {
        return None;
    }
    match kind {
        sys::ValueType::napi_null => Some(Value::Null),
        sys::ValueType::napi_boolean => {
            let mut b = false;
            // SAFETY: napi's own handles of this call; out-values are written by napi.
            ok(unsafe { sys::napi_get_value_bool(env, value, &mut b) }).then_some(Value::Bool(b))
        }
        sys::ValueType::napi_number => {
            let mut x = 0.0;
            // SAFETY: napi's own handles of this call; out-values are written by napi.
            if !ok(unsafe { sys::napi_get_value_double(env, value, &mut x) }) {
                return None;
            }
            if x.fract() == 0.0 && x.abs() < 9.0e15 {
                Some(Value::from(x as i64))
            } else {
                serde_json::Number::from_f64(x).map(Value::Number)
            }
        }
        sys::ValueType::napi_string => {
            let mut len = 0usize;
            // SAFETY: napi's own handles of this call; out-values are written by napi.
            if !ok(unsafe {
                sys::napi_get_value_string_utf8(env, value, std::ptr::null_mut(), 0, &mut len)
            }) {
                return None;
            }
            let mut buf = vec![0u8; len + 1];
            let mut written = 0usize;
            // SAFETY: napi's own handles of this call; out-values are written by napi.
            if !ok(unsafe {
                sys::napi_get_value_string_utf8(
                    env,
                    value,
                    buf.as_mut_ptr().cast(),
                    len + 1,
                    &mut written,
                )
            }) {
                return None;
            }
            buf.truncate(written);
            String::from_utf8(buf).ok().map(Value::String)
        }
        sys::ValueType::napi_object => {
            let mut is = false;
            // SAFETY: napi's own handles of this call; out-values are written by napi.
            if ok(unsafe { sys::napi_is_date(env, value, &mut is) }) && is {
                let mut ms = f64::NAN;
                // SAFETY: napi's own handles of this call; out-values are written by napi.
                if !ok(unsafe { sys::napi_get_date_value(env, value, &mut ms) }) || !ms.is_finite()
                {
                    return None;
                }
                return DateTime::<Utc>::from_timestamp_millis(ms as i64).map(|t| {
                    Value::String(t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
                });
            }
            // SAFETY: napi's own handles of this call; out-values are written by napi.
            if !ok(unsafe { sys::napi_is_array(env, value, &mut is) }) {
                return None;
            }
            if is {
                let mut len = 0u32;
                // SAFETY: napi's own handles of this call; out-values are written by napi.
                if !ok(unsafe { sys::napi_get_array_length(env, value, &mut len) })
                    || usize::try_from(len).map_or(true, |len| len > edgecore::MAX_RECORDS)
                {
                    return None;
                }
                let mut items = Vec::with_capacity(len.min(1024) as usize);
                for i in 0..len {
                    let mut item = std::ptr::null_mut();
                    // SAFETY: napi's own handles of this call; out-values are written by napi.
                    if !ok(unsafe { sys::napi_get_element(env, value, i, &mut item) }) {
                        return None;
                    }
                    // SAFETY: napi's own handles of this call; out-values are written by napi.
                    items.push(unsafe { json_of(env, item, depth + 1) }?);
                }
                return Some(Value::Array(items));
            }
            let mut keys = std::ptr::null_mut();
            let mut len = 0u32;
            // SAFETY: napi's own handles of this call; out-values are written by napi.
            if !ok(unsafe {
                sys::napi_get_all_property_names(
                    env,
                    value,
                    sys::KeyCollectionMode::own_only,
                    sys::KeyFilter::skip_symbols,
                    sys::KeyConversion::numbers_to_strings,
                    &mut keys,
                )
                // SAFETY: napi's own handles of this call; out-values are written by napi.
            }) || !ok(unsafe { sys::napi_get_array_length(env, keys, &mut len) })
                || usize::try_from(len).map_or(true, |len| len > edgecore::MAX_RECORDS)
            {
                return None;
            }
            let mut object = serde_json::Map::new();
            for i in 0..len {
                let (mut key, mut field) = (std::ptr::null_mut(), std::ptr::null_mut());
                // SAFETY: napi's own handles of this call; out-values are written by napi.
                if !ok(unsafe { sys::napi_get_element(env, keys, i, &mut key) })
                    // SAFETY: napi's own handles of this call; out-values are written by napi.
                    || !ok(unsafe { sys::napi_get_property(env, value, key, &mut field) })
                {
                    return None;
                }
                let mut field_kind = sys::ValueType::napi_undefined;
                // SAFETY: napi's own handles of this call; out-values are written by napi.
                if !ok(unsafe { sys::napi_typeof(env, field, &mut field_kind) }) {
                    return None;
                }
                if field_kind == sys::ValueType::napi_undefined {
                    continue;
                }
                // SAFETY: napi's own handles of this call; out-values are written by napi.
                let Some(Value::String(name)) = (unsafe { json_of(env, key, depth + 1) }) else {
                    return None;
                };
                // SAFETY: napi's own handles of this call; out-values are written by napi.
                let field = unsafe { json_of(env, field, depth + 1) }?;
                object.insert(edgecore::input::snake_case(&name), field);
            }
            Some(Value::Object(object))
        }
        _ => None,
    }
}

/// The text [`json_of`] gives a `Date` at midnight UTC ends with this.
const MIDNIGHT: &str = "T00:00:00.000Z";

/// `json` with every `Date` at midnight UTC written as its calendar day (`2024-01-31`), as
/// a date field reads it; `None` when it holds none.
fn with_days(json: &serde_json::Value) -> Option<serde_json::Value> {
    use serde_json::Value;
    fn days(value: &mut Value, found: &mut bool) {
        match value {
            Value::String(s) if s.len() == 10 + MIDNIGHT.len() && s.ends_with(MIDNIGHT) => {
                s.truncate(10);
                *found = true;
            }
            Value::Array(items) => items.iter_mut().for_each(|v| days(v, found)),
            Value::Object(fields) => fields.values_mut().for_each(|v| days(v, found)),
            _ => {}
        }
    }
    let mut out = json.clone();
    let mut found = false;
    days(&mut out, &mut found);
    found.then_some(out)
}

/// The JavaScript type of a value, for messages (never stringifies the value itself).
fn type_of(env: sys::napi_env, value: sys::napi_value) -> &'static str {
    let mut kind = sys::ValueType::napi_undefined;
    // SAFETY: napi's own handles; `kind` is written by napi.
    if unsafe { sys::napi_typeof(env, value, &mut kind) } != sys::Status::napi_ok {
        return "a value";
    }
    match kind {
        sys::ValueType::napi_undefined => "undefined",
        sys::ValueType::napi_null => "null",
        sys::ValueType::napi_boolean => "a boolean",
        sys::ValueType::napi_number => "a number",
        sys::ValueType::napi_string => "a string",
        sys::ValueType::napi_symbol => "a symbol",
        sys::ValueType::napi_function => "a function",
        sys::ValueType::napi_bigint => "a bigint",
        _ => "an object",
    }
}

/// Copies a `Float64Array` (see [`Numbers`]).
///
/// # Safety
/// `value` is a typed array of `env`.
unsafe fn copy_float64_array(env: sys::napi_env, value: sys::napi_value) -> napi::Result<Vec<f64>> {
    let (mut kind, mut len, mut data, mut buffer, mut offset) = (
        -1,
        0usize,
        std::ptr::null_mut::<c_void>(),
        std::ptr::null_mut(),
        0usize,
    );
    let (mut detached, mut buffer_len, mut unshared) = (false, 0usize, false);
    // SAFETY: napi's own handles; the out-parameters are written by napi.
    napi::check_status!(unsafe {
        sys::napi_get_typedarray_info(
            env,
            value,
            &mut kind,
            &mut len,
            &mut data,
            &mut buffer,
            &mut offset,
        )
    })?;
    if kind != sys::TypedarrayType::float64_array {
        return Err(napi::Error::new(
            Status::InvalidArg,
            "must be a Float64Array or an array of numbers, got another typed array",
        ));
    }
    // SAFETY: as above; `buffer` is the view's buffer.
    napi::check_status!(unsafe { sys::napi_is_detached_arraybuffer(env, buffer, &mut detached) })?;
    if detached {
        return Err(napi::Error::new(
            Status::InvalidArg,
            "is a Float64Array whose buffer is detached (transferred or freed)",
        ));
    }
    // A `SharedArrayBuffer` is not an `ArrayBuffer` to napi.
    // SAFETY: as above.
    napi::check_status!(unsafe { sys::napi_is_arraybuffer(env, buffer, &mut unshared) })?;
    let shared = !unshared;
    if shared {
        // A `SharedArrayBuffer` can grow but never shrink: its views always fit.
        buffer_len = usize::MAX;
    } else {
        // SAFETY: as above; `buffer` is an `ArrayBuffer`.
        napi::check_status!(unsafe {
            sys::napi_get_arraybuffer_info(env, buffer, std::ptr::null_mut(), &mut buffer_len)
        })?;
    }
    let fits = len
        .checked_mul(std::mem::size_of::<f64>())
        .and_then(|bytes| bytes.checked_add(offset))
        .is_some_and(|end| end <= buffer_len);
    if !fits {
        return Err(napi::Error::new(
            Status::InvalidArg,
            "is a Float64Array that no longer fits in its resized buffer",
        ));
    }
    if len == 0 {
        return Ok(Vec::new());
    }
    let first = data.cast::<u64>();
    if first.is_null() || !first.is_aligned() {
        return Err(napi::Error::new(
            Status::InvalidArg,
            "is a Float64Array whose memory is not aligned",
        ));
    }
    if !shared {
        // SAFETY: the view's `len` values start at `data`, inside the live buffer checked
        // above; no JavaScript runs until the copy ends, so the memory stays allocated, and
        // only this thread can write an unshared buffer (its JavaScript is waiting for the
        // call).
        return Ok(unsafe { std::slice::from_raw_parts(first.cast::<f64>(), len) }.to_vec());
    }
    // SAFETY: as above, but a worker may write a shared buffer concurrently: the loads are
    // atomic (relaxed), each value read once; `data` is aligned to 8 bytes (checked), as
    // `AtomicU64` requires.
    let out = (0..len)
        .map(|i| {
            let at = first.wrapping_add(i);
            // SAFETY: `at` is value `i < len` of the view (above).
            let value = unsafe { AtomicU64::from_ptr(at) };
            f64::from_bits(value.load(Ordering::Relaxed))
        })
        .collect();
    Ok(out)
}

/// Reads a `number[]` item by item (see [`Numbers`]). Getters and proxies run as the items
/// are read; none of them can reach the values already copied.
///
/// # Safety
/// `value` is an array of `env`.
unsafe fn read_number_array(env: sys::napi_env, value: sys::napi_value) -> napi::Result<Vec<f64>> {
    let mut len = 0u32;
    // SAFETY: napi's own handles; `len` is written by napi.
    napi::check_status!(unsafe { sys::napi_get_array_length(env, value, &mut len) })?;
    if len > MAX_ITEMS {
        return Err(napi::Error::new(
            Status::InvalidArg,
            format!("has {len} items, more than {MAX_ITEMS}"),
        ));
    }
    // Reserved up to a bound: `length` is what the array says before its getters run.
    let mut out = Vec::with_capacity((len as usize).min(1 << 16));
    for i in 0..len {
        let mut item = std::ptr::null_mut();
        // SAFETY: napi's own handles; `item` is written by napi. A throwing getter leaves its
        // exception pending and the status says so.
        napi::check_status!(unsafe { sys::napi_get_element(env, value, i, &mut item) })?;
        let mut number = f64::NAN;
        // SAFETY: as above; napi refuses a value that is not a number without running code.
        let status = unsafe { sys::napi_get_value_double(env, item, &mut number) };
        if status != sys::Status::napi_ok {
            return Err(napi::Error::new(
                Status::NumberExpected,
                format!("item {i} must be a number, got {}", type_of(env, item)),
            ));
        }
        out.push(number);
    }
    Ok(out)
}

/// A column of numbers returned to JavaScript as a new `Float64Array` that owns the values
/// (V8 takes the Rust vector as the array's memory).
pub struct Float64Array(pub Vec<f64>);

impl TypeName for Float64Array {
    fn type_name() -> &'static str {
        "Float64Array"
    }
    fn value_type() -> ValueType {
        ValueType::Object
    }
}

impl ToNapiValue for Float64Array {
    #[allow(clippy::disallowed_types)]
    unsafe fn to_napi_value(
        env: sys::napi_env,
        value: Float64Array,
    ) -> napi::Result<sys::napi_value> {
        // napi's `Float64Array::new` hands the vector to V8 with a finalizer that frees it;
        // the new array is returned, never read back.
        let array = napi::bindgen_prelude::Float64Array::new(value.0);
        // SAFETY: forwards napi's own handle to napi's own conversion.
        unsafe { ToNapiValue::to_napi_value(env, array) }
    }
}

/// The fields of a configuration mirror, as the core names them (snake_case); declared by
/// `record!(defaults ...)`.
pub trait Fields {
    /// Every field, in declaration order.
    const FIELDS: &'static [&'static str];
    /// The fields that hold a configuration themselves, with that configuration's fields
    /// (one level: `BacktestConfig.board`, `RiskConfig.weights`).
    const NESTED: &'static [(&'static str, &'static [&'static str])] = &[];
}

/// A configuration argument (every field optional): an [`Input`] that is also refused when
/// it is not a plain object (`generate('abc')` would read every field as absent) or when it
/// has an own enumerable key that is not one of its fields (`{ evnets: 2 }` would silently
/// be the default). Both are `InvalidRecord` naming the configuration and the key.
pub struct Config<T>(pub Input<T>);

impl<T: TypeName> TypeName for Config<T> {
    fn type_name() -> &'static str {
        T::type_name()
    }
    fn value_type() -> ValueType {
        T::value_type()
    }
}

impl<T: FromNapiValue + TypeName + Fields + Extra> FromNapiValue for Config<T> {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> napi::Result<Self> {
        // SAFETY: napi's own handles.
        match unsafe { unknown_key(env, value, T::FIELDS, T::NESTED) } {
            Ok(None) => {}
            Ok(Some(reason)) => {
                return Ok(Config(Input::failed(napi::Error::new(
                    Status::InvalidArg,
                    reason,
                ))));
            }
            // A proxy's trap threw: its exception is pending and is what the call throws.
            Err(error) => return Ok(Config(Input::failed(error))),
        }
        // SAFETY: forwards napi's own handles to `Input`'s conversion.
        Ok(Config(unsafe { Input::from_napi_value(env, value) }?))
    }
}

/// Why `value` is not a configuration object with only `fields` as keys (camelCase), and
/// each of its `nested` configurations present an object with only its own fields, if it
/// is not.
///
/// # Safety
/// `env` and `value` are napi's own handles.
unsafe fn unknown_key(
    env: sys::napi_env,
    value: sys::napi_value,
    fields: &[&str],
    nested: &[(&str, &[&str])],
) -> napi::Result<Option<String>> {
    let mut kind = sys::ValueType::napi_undefined;
    let mut array = false;
    // SAFETY: napi's own handles; `kind` is written by napi.
    napi::check_status!(unsafe { sys::napi_typeof(env, value, &mut kind) })?;
    // SAFETY: as above.
    napi::check_status!(unsafe { sys::napi_is_array(env, value, &mut array) })?;
    if kind != sys::ValueType::napi_object || array {
        let what = if array {
            "an array"
        } else {
            type_of(env, value)
        };
        return Ok(Some(format!("must be an object, got {what}")));
    }
    // SAFETY: `value` is an object of `env` (checked above).
    let (keys, len) = unsafe { own_keys(env, value) }?;
    for i in 0..len {
        // SAFETY: `keys` holds the `len` keys of `value`.
        let (_, key) = unsafe { key_at(env, keys, i) }?;
        if !fields
            .iter()
            .any(|field| crate::convert::camel_case(field) == key)
        {
            let expected: Vec<String> = fields
                .iter()
                .map(|f| crate::convert::camel_case(f))
                .collect();
            return Ok(Some(format!(
                "unknown field {key:?}; expected one of: {}",
                expected.join(", ")
            )));
        }
    }
    for (field, inner) in nested {
        let key = crate::convert::camel_case(field);
        let name = std::ffi::CString::new(key.as_str())
            .map_err(|_| napi::Error::from_reason("field name with a NUL"))?;
        let mut item = std::ptr::null_mut();
        // SAFETY: napi's own handles; `name` is NUL-terminated. A getter may run and throw
        // (the status says so).
        napi::check_status!(unsafe {
            sys::napi_get_named_property(env, value, name.as_ptr(), &mut item)
        })?;
        let mut kind = sys::ValueType::napi_undefined;
        // SAFETY: as above.
        napi::check_status!(unsafe { sys::napi_typeof(env, item, &mut kind) })?;
        // Absent is the default; any other non-object is refused by the conversion.
        if kind == sys::ValueType::napi_object {
            // SAFETY: as above.
            if let Some(reason) = unsafe { unknown_key(env, item, inner, &[]) }? {
                return Ok(Some(format!("{key}: {reason}")));
            }
        }
    }
    Ok(None)
}

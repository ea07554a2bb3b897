//! Conversions between core values and their JavaScript forms.
//!
//! Out ([`ToJs`]): `Decimal` -> exact string ("1854.02"), dates and instants -> `Date`
//! (a calendar date is its UTC midnight), named enums -> their lower-case name, counts ->
//! `number`, records -> `#[napi(object)]` mirrors (plain objects with camelCase keys).
//!
//! In ([`FromJs`]): the reverse, checked: a malformed decimal string, an invalid `Date`, a
//! number that is not a whole number in range where the core wants an integer are
//! `InvalidRecord` errors naming the field (`invalid bet: bets[2].stake: invalid value: ...`);
//! an unknown name is the core's `UnknownName` as a top-level argument and, inside a record,
//! `InvalidRecord` naming the field with the same words (as the core's serde form reads it). Numbers the
//! core takes as `f64` pass unchanged: the core rejects NaN and infinities itself.
//!
//! `record!` declares a mirror's conversions field by field (a field added to the core
//! record and forgotten here fails to compile); `names!` declares the string-literal union
//! of a named enum, checked at compile time against the core's names.

use crate::errors::{OrThrow, Result};
use crate::js::{Config, Date, Float64Array, Input, JsString, Numbers};
use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, Utc};
use edgecore::Error;
use edgecore::input::{Spelling, Step};
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::fmt::Display;
use std::str::FromStr;

/// A core value's JavaScript form.
pub trait ToJs {
    /// The mirror napi converts to a JavaScript value.
    type Js;
    /// Converts (never fails: every core value has a JavaScript form).
    fn to_js(self) -> Self::Js;
}

/// A core value read from its JavaScript form.
pub trait FromJs: Sized {
    /// The mirror napi reads from a JavaScript value.
    type Js;
    /// Converts, checking what napi cannot (decimal syntax, dates, integer ranges, names);
    /// `at` names the value in error messages.
    fn from_js(js: Self::Js, at: &At<'_>) -> edgecore::Result<Self>;
}

/// Where a value sits in an argument, for error messages: the record kind ("bet") and the
/// path to the value (`bets[2].placedAt`), written by the core's rules
/// (`edgecore::input`, field names in camelCase). Built on the stack, rendered only on error.
pub struct At<'a> {
    record: &'static str,
    parent: Option<&'a At<'a>>,
    step: Step<'a>,
}

impl At<'static> {
    /// The argument `name` (snake_case, written in camelCase as JavaScript callers write it)
    /// holding a `record`.
    pub fn arg(record: &'static str, name: &'static str) -> At<'static> {
        At {
            record,
            parent: None,
            step: Step::Field(name),
        }
    }
}

impl<'a> At<'a> {
    /// A field of this record (snake_case, as the core names it).
    pub fn field(&'a self, name: &'a str) -> At<'a> {
        self.child(Step::Field(name))
    }

    /// An element of this array.
    pub fn index(&'a self, index: usize) -> At<'a> {
        self.child(Step::Index(index))
    }

    /// An entry of this map.
    pub fn key(&'a self, key: &'a str) -> At<'a> {
        self.child(Step::Key(key))
    }

    fn child(&'a self, step: Step<'a>) -> At<'a> {
        At {
            record: self.record,
            parent: Some(self),
            step,
        }
    }

    /// The path in JavaScript terms: `bets[2].placedAt`.
    pub fn path(&self) -> String {
        let mut out = self.parent.map(At::path).unwrap_or_default();
        self.step.push(&mut out, Spelling::Camel);
        out
    }

    /// An `InvalidRecord` error for this value: "invalid {record}: {path}: {reason}".
    pub fn invalid(&self, reason: impl Display) -> Error {
        edgecore::input::invalid_at(self.record, &self.path(), reason)
    }

    /// Refuses an array of `len` items at this place when it holds more than
    /// `edgecore::MAX_RECORDS`, with the core's error (the same as Python's).
    pub fn bounded(&self, len: usize) -> edgecore::Result<()> {
        match len.checked_sub(1) {
            Some(last) => edgecore::input::count(self.record, last, || self.path()),
            None => Ok(()),
        }
    }
}

pub use edgecore::input::camel_case;

/// Reads a whole argument: napi's structural conversion then the checked one, or, when
/// napi's refuses the value, the core's serde form (what it accepts is accepted, what it
/// refuses is worded by the core's reader, see [`Input::read_as`]), errors thrown with a
/// code.
pub fn read<T: FromJs + serde::de::DeserializeOwned>(
    input: Input<T::Js>,
    record: &'static str,
    name: &'static str,
) -> Result<T> {
    let at = At::arg(record, name);
    match input.read_as::<T>(record, &at.path())? {
        crate::js::Read::Mirror(js) => T::from_js(js, &at).or_throw(),
        crate::js::Read::Core(value) => Ok(value),
    }
}

/// Reads an optional configuration argument; absent (`undefined` or `null`) is the core's
/// default, and a value that is not an object or has an unknown key is `InvalidRecord`
/// (see [`Config`]).
pub fn read_or_default<T: FromJs + Default + serde::de::DeserializeOwned>(
    input: Option<Config<T::Js>>,
    record: &'static str,
    name: &'static str,
) -> Result<T> {
    input.map_or_else(|| Ok(T::default()), |i| read(i.0, record, name))
}

/// A top-level decimal argument (an amount, a price) from its exact string, read by the
/// core (`edgecore::input::amount`): a bad one is `InvalidRecord` worded as in Python
/// (`invalid amount: stake: must be a finite decimal number, got "ten"`).
pub fn amount(name: &'static str, value: JsString) -> Result<Decimal> {
    edgecore::input::amount(&At::arg("amount", name).path(), &value).or_throw()
}

/// A top-level list of decimal arguments (prices, weights), each read as [`amount`] reads
/// one and named by its path (`weights[1]`); bounded like every list (more than
/// `edgecore::MAX_RECORDS` items are refused).
pub fn amounts(name: &'static str, values: Vec<JsString>) -> Result<Vec<Decimal>> {
    let at = At::arg("amount", name);
    at.bounded(values.len()).or_throw()?;
    values
        .iter()
        .enumerate()
        .map(|(i, v)| edgecore::input::amount(&at.index(i).path(), v).or_throw())
        .collect()
}

/// A top-level calendar date argument: the UTC day of the `Date`.
pub fn day(name: &'static str, value: Date) -> Result<NaiveDate> {
    NaiveDate::from_js(value, &At::arg("date", name)).or_throw()
}

/// A top-level instant argument.
pub fn instant(name: &'static str, value: Date) -> Result<DateTime<Utc>> {
    DateTime::<Utc>::from_js(value, &At::arg("date", name)).or_throw()
}

/// A top-level name argument (a method, a market...); unknown names are `UnknownName`.
pub fn name<T: FromStr<Err = Error>>(value: &str) -> Result<T> {
    value.parse().or_throw()
}

/// A top-level integer argument: JavaScript numbers cross as `f64`, so a fraction, a
/// negative number, NaN or a number beyond the type's range is `InvalidParameter` instead of
/// being truncated.
pub fn whole<T: Whole>(name: &'static str, value: f64) -> Result<T> {
    T::whole(value)
        .ok_or(Error::InvalidParameter {
            name,
            value: value.to_string(),
            reason: T::RANGE,
        })
        .or_throw()
}

/// Integer types read from JavaScript numbers.
pub trait Whole: Sized {
    /// The accepted values, for error messages.
    const RANGE: &'static str;
    /// The integer equal to `value`, if any.
    fn whole(value: f64) -> Option<Self>;
}

macro_rules! whole {
    ($($t:ty: $range:literal),* $(,)?) => {$(
        impl Whole for $t {
            const RANGE: &'static str = $range;
            fn whole(value: f64) -> Option<$t> {
                const EXACT: f64 = 9_007_199_254_740_991.0;
                let (min, max) = ((<$t>::MIN as f64).max(-EXACT), (<$t>::MAX as f64).min(EXACT));
                let ok = value.fract() == 0.0 && value >= min && value <= max;
                ok.then_some(value as $t)
            }
        }
        impl FromJs for $t {
            type Js = f64;
            fn from_js(js: f64, at: &At<'_>) -> edgecore::Result<$t> {
                <$t as Whole>::whole(js).ok_or_else(|| at.invalid(format_args!("{}, got {js}", $range)))
            }
        }
    )*};
}

whole!(
    u32: "must be a whole number from 0 to 4294967295",
    // JavaScript numbers are exact up to 2^53: larger magnitudes are refused.
    i64: "must be a whole number from -9007199254740991 to 9007199254740991",
    i32: "must be a whole number from -2147483648 to 2147483647",
    // JavaScript numbers are exact up to 2^53: larger counts are refused.
    usize: "must be a whole number from 0 to 9007199254740991",
    u64: "must be a whole number from 0 to 9007199254740991",
);

/// A flat column of numbers: a `Float64Array` or a plain array, copied during its own
/// conversion (see [`Numbers`]).
pub type Column = Numbers;

/// The numbers of a column argument (the copy made when it was converted).
pub fn column<'a>(input: &'a Input<Column>, name: &'static str) -> Result<&'a [f64]> {
    Ok(input.get(name)?.as_slice())
}

/// A column as a typed array for JavaScript.
pub fn to_column(values: Vec<f64>) -> Float64Array {
    Float64Array(values)
}

macro_rules! identity {
    ($($t:ty),* $(,)?) => {$(
        impl ToJs for $t {
            type Js = $t;
            fn to_js(self) -> $t {
                self
            }
        }
        impl FromJs for $t {
            type Js = $t;
            fn from_js(js: $t, _: &At<'_>) -> edgecore::Result<$t> {
                Ok(js)
            }
        }
    )*};
}

identity!(f64, bool);

impl ToJs for String {
    type Js = JsString;
    fn to_js(self) -> JsString {
        JsString(self)
    }
}

impl FromJs for String {
    type Js = JsString;
    fn from_js(js: JsString, _: &At<'_>) -> edgecore::Result<String> {
        Ok(js.0)
    }
}

impl ToJs for u32 {
    type Js = u32;
    fn to_js(self) -> u32 {
        self
    }
}

impl ToJs for i32 {
    type Js = i32;
    fn to_js(self) -> i32 {
        self
    }
}

impl ToJs for usize {
    type Js = f64;
    /// Exact below 2^53, far beyond any count of records held in memory.
    fn to_js(self) -> f64 {
        self as f64
    }
}

impl ToJs for u64 {
    type Js = f64;
    /// Exact below 2^53, far beyond any count of records held in memory.
    fn to_js(self) -> f64 {
        self as f64
    }
}

impl ToJs for i64 {
    type Js = f64;
    /// Exact below 2^53 (seconds, counts).
    fn to_js(self) -> f64 {
        self as f64
    }
}

impl ToJs for Decimal {
    type Js = JsString;
    fn to_js(self) -> JsString {
        JsString(self.to_string())
    }
}

impl FromJs for Decimal {
    type Js = JsString;
    /// Plain ("1854.02", "-0.5") or scientific ("1e3") notation, surrounding blanks ignored,
    /// read by the core's serde form of a decimal: a malformed one gets the reason Rust and
    /// Python give (`invalid value: string "abc", expected a Decimal type ...`).
    fn from_js(js: JsString, at: &At<'_>) -> edgecore::Result<Decimal> {
        use serde::de::value::{Error as ValueError, StrDeserializer};
        <Decimal as serde::Deserialize>::deserialize(StrDeserializer::<ValueError>::new(js.trim()))
            .map_err(|e| at.invalid(e))
    }
}

impl ToJs for DateTime<Utc> {
    type Js = Date;
    fn to_js(self) -> Date {
        Date::instant(self)
    }
}

impl FromJs for DateTime<Utc> {
    type Js = Date;
    fn from_js(js: Date, at: &At<'_>) -> edgecore::Result<DateTime<Utc>> {
        let ms = js.0;
        (ms.is_finite() && ms.fract() == 0.0)
            .then(|| DateTime::from_timestamp_millis(ms as i64))
            .flatten()
            .ok_or_else(|| at.invalid("must be a valid Date"))
    }
}

impl ToJs for NaiveDate {
    type Js = Date;
    /// The date's UTC midnight.
    fn to_js(self) -> Date {
        Date::instant(self.and_time(NaiveTime::MIN).and_utc())
    }
}

impl FromJs for NaiveDate {
    type Js = Date;
    /// The UTC calendar day of the `Date` (`new Date("2024-03-31")` is 2024-03-31).
    fn from_js(js: Date, at: &At<'_>) -> edgecore::Result<NaiveDate> {
        DateTime::<Utc>::from_js(js, at).map(|t| t.date_naive())
    }
}

impl ToJs for TimeDelta {
    type Js = f64;
    /// Whole seconds.
    fn to_js(self) -> f64 {
        self.num_seconds() as f64
    }
}

impl FromJs for TimeDelta {
    type Js = f64;
    /// Whole seconds.
    fn from_js(js: f64, at: &At<'_>) -> edgecore::Result<TimeDelta> {
        i64::try_from(u64::from_js(js.abs(), at)?)
            .ok()
            .and_then(TimeDelta::try_seconds)
            .map(|d| if js < 0.0 { -d } else { d })
            .ok_or_else(|| at.invalid(format_args!("is out of range, got {js}")))
    }
}

/// Optional fields are nullable: absent, `undefined` and `null` all read as "none" (napi
/// refuses `null` for a plain `Option` field), and "none" is written as an absent field.
impl<T: ToJs> ToJs for Option<T> {
    type Js = Option<Option<T::Js>>;
    fn to_js(self) -> Option<Option<T::Js>> {
        self.map(|v| Some(v.to_js()))
    }
}

impl<T: FromJs> FromJs for Option<T> {
    type Js = Option<Option<T::Js>>;
    fn from_js(js: Option<Option<T::Js>>, at: &At<'_>) -> edgecore::Result<Option<T>> {
        js.flatten().map(|v| T::from_js(v, at)).transpose()
    }
}

impl<T: ToJs> ToJs for Vec<T> {
    type Js = Vec<T::Js>;
    fn to_js(self) -> Vec<T::Js> {
        self.into_iter().map(T::to_js).collect()
    }
}

impl<T: FromJs> FromJs for Vec<T> {
    type Js = Vec<T::Js>;
    /// Bounded: an array of more than `edgecore::MAX_RECORDS` items is refused.
    fn from_js(js: Vec<T::Js>, at: &At<'_>) -> edgecore::Result<Vec<T>> {
        at.bounded(js.len())?;
        js.into_iter()
            .enumerate()
            .map(|(i, v)| T::from_js(v, &at.index(i)))
            .collect()
    }
}

impl<T: ToJs, const N: usize> ToJs for [T; N] {
    type Js = Vec<T::Js>;
    fn to_js(self) -> Vec<T::Js> {
        self.into_iter().map(T::to_js).collect()
    }
}

impl<T: FromJs, const N: usize> FromJs for [T; N] {
    type Js = Vec<T::Js>;
    fn from_js(js: Vec<T::Js>, at: &At<'_>) -> edgecore::Result<[T; N]> {
        let len = js.len();
        Vec::<T>::from_js(js, at)?
            .try_into()
            .map_err(|_| at.invalid(format_args!("must have {N} items, got {len}")))
    }
}

impl<T: ToJs> ToJs for HashMap<String, T> {
    type Js = HashMap<String, T::Js>;
    fn to_js(self) -> HashMap<String, T::Js> {
        self.into_iter().map(|(k, v)| (k, v.to_js())).collect()
    }
}

impl<T: FromJs> FromJs for HashMap<String, T> {
    type Js = HashMap<String, T::Js>;
    fn from_js(js: HashMap<String, T::Js>, at: &At<'_>) -> edgecore::Result<Self> {
        js.into_iter()
            .map(|(k, v)| {
                let value = T::from_js(v, &at.key(&k))?;
                Ok((k, value))
            })
            .collect()
    }
}

/// Whether `joined` ("a, b, c", a named enum's `NAMES`) lists exactly `names`, in order.
/// Evaluated at compile time by `names!`.
pub const fn same_names(joined: &str, names: &[&str]) -> bool {
    let joined = joined.as_bytes();
    let mut pos = 0;
    let mut i = 0;
    while i < names.len() {
        if i > 0 {
            if pos + 2 > joined.len() || joined[pos] != b',' || joined[pos + 1] != b' ' {
                return false;
            }
            pos += 2;
        }
        let name = names[i].as_bytes();
        let mut k = 0;
        while k < name.len() {
            if pos >= joined.len() || joined[pos] != name[k] {
                return false;
            }
            pos += 1;
            k += 1;
        }
        i += 1;
    }
    pos == joined.len()
}

/// Declares named enums for JavaScript: a `#[napi(string_enum)]` that the declarations
/// render as a string-literal union (`'multiplicative' | 'shin' | ...`), a compile-time check
/// that its names are the core's, and the conversions (a name is read with the core's
/// `FromStr`, so aliases work and an unknown name is `UnknownName` with the core's message).
/// Fields and arguments hold the name as a `String` typed with the union (`ts_type`).
///
/// The doc is a plain string literal: napi reads JSDoc from `doc` attributes written as
/// plain strings, and a `///` comment passed through `macro_rules!` becomes a raw string.
macro_rules! names {
    ($(
        $doc:literal
        $js:ident = $core:ty { $($variant:ident = $text:literal),+ $(,)? }
    )*) => {$(
        #[doc = $doc]
        #[napi_derive::napi(string_enum)]
        pub enum $js {
            $(
                #[doc = $text]
                #[napi(value = $text)]
                $variant,
            )+
        }

        const _: () = assert!(
            $crate::convert::same_names(<$core>::NAMES, &[$($text),+]),
            concat!("the names of ", stringify!($js), " differ from the core's")
        );

        impl $crate::convert::ToJs for $core {
            type Js = $crate::js::JsString;
            fn to_js(self) -> $crate::js::JsString {
                $crate::js::JsString(self.as_str().to_owned())
            }
        }

        impl $crate::convert::FromJs for $core {
            type Js = $crate::js::JsString;
            /// A name in a record: an unknown one is `InvalidRecord` at its path, with the
            /// core's words (`bets[1].market: unknown market "h3h"; expected one of: ...`),
            /// as the core's serde form reads it in Rust and Python.
            fn from_js(js: $crate::js::JsString, at: &$crate::convert::At<'_>) -> edgecore::Result<$core> {
                js.parse().map_err(|e| at.invalid(e))
            }
        }
    )*};
}
pub(crate) use names;

/// Declares the conversions between a core record and its JavaScript mirror (a
/// `#[napi(object)]` struct written beside it, whose doc comments become JSDoc and whose
/// fields are camelCase in JavaScript), field by field:
/// - `output Mirror = core::Type { fields }`: results (core -> JavaScript);
/// - `input Mirror = core::Type { fields }`: arguments (JavaScript -> core);
/// - `both Mirror = core::Type { fields }`: records that travel both ways;
/// - `defaults Mirror = core::Type { fields }`: arguments whose mirror fields are all
///   optional (`Option<Option<_>>`, see the `Option` conversions), an absent one taking the
///   value of the core's `Default`; the mirror lists its fields (`js::Fields`), so that a
///   [`Config`] argument refuses unknown keys, and with `nested { field: Mirror }` after the
///   fields, those of the configurations it holds.
///
/// Both sides are destructured and built with every field named, so a field added to the
/// core record (or to the mirror) and forgotten here is a compile error.
macro_rules! record {
    (output $js:ident = $core:path { $($field:ident),* $(,)? }) => {
        impl $crate::convert::ToJs for $core {
            type Js = $js;
            fn to_js(self) -> $js {
                let Self { $($field),* } = self;
                $js { $($field: $crate::convert::ToJs::to_js($field)),* }
            }
        }
    };
    (input $js:ident = $core:path { $($field:ident),* $(,)? }) => {
        impl $crate::js::Extra for $js {
            const CHECKED: bool = true;
            fn fields(&self) -> Option<(usize, &'static [&'static str])> {
                let present = 0usize $(+ usize::from($crate::js::Present::present(&self.$field)))*;
                Some((present, &[$(stringify!($field)),*]))
            }
            fn each_record_field(
                &self,
                visit: &mut dyn FnMut(&'static str, &dyn $crate::js::Nested) -> napi::Result<bool>,
            ) -> napi::Result<bool> {
                $(if $crate::js::holds_records(&self.$field) && visit(stringify!($field), &self.$field)? {
                    return Ok(true);
                })*
                Ok(false)
            }
        }
        impl $crate::js::Present for $js {}
        impl $crate::convert::FromJs for $core {
            type Js = $js;
            fn from_js(js: $js, at: &$crate::convert::At<'_>) -> edgecore::Result<Self> {
                let $js { $($field),* } = js;
                Ok(Self {
                    $($field: $crate::convert::FromJs::from_js($field, &at.field(stringify!($field)))?,)*
                })
            }
        }
    };
    (both $js:ident = $core:path { $($field:ident),* $(,)? }) => {
        $crate::convert::record!(output $js = $core { $($field),* });
        $crate::convert::record!(input $js = $core { $($field),* });
    };
    (defaults $js:ident = $core:path { $($field:ident),* $(,)? }
        $(nested { $($nested:ident: $mirror:ty),* $(,)? })?) => {
        // unknown keys are refused by `Config` itself
        impl $crate::js::Extra for $js {}
        impl $crate::js::Present for $js {}
        impl $crate::js::Fields for $js {
            const FIELDS: &'static [&'static str] = &[$(stringify!($field)),*];
            const NESTED: &'static [(&'static str, &'static [&'static str])] = &[
                $($((stringify!($nested), <$mirror as $crate::js::Fields>::FIELDS)),*)?
            ];
        }
        impl $crate::convert::FromJs for $core {
            type Js = $js;
            fn from_js(js: $js, at: &$crate::convert::At<'_>) -> edgecore::Result<Self> {
                let $js { $($field),* } = js;
                let default = Self::default();
                Ok(Self {
                    $($field: match $field.flatten() {
                        Some(v) => $crate::convert::FromJs::from_js(v, &at.field(stringify!($field)))?,
                        None => default.$field,
                    },)*
                })
            }
        }
    };
}
pub(crate) use record;

//! Conversions between core values and Python objects.
//!
//! Out: [`ToPy`] turns a core value into its Python form (`Decimal` -> `decimal.Decimal`,
//! dates -> `datetime.date`/`datetime.datetime`, named enums -> lower-case `str`, records ->
//! their result classes) and into its plain form for `to_dict()` (records -> `dict`).
//! In: records are read from keyword arguments, dicts or record objects through serde
//! ([`record`]), names through the core's `FromStr` ([`name`]), amounts exactly ([`amount`]).

use crate::errors::OrRaise;
use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use edgecore::input::{Spelling, Step};
use edgecore::names::NamedEnum;
use pyo3::IntoPyObjectExt;
use pyo3::PyTypeInfo;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{
    PyBool, PyDate, PyDateTime, PyDelta, PyDict, PyFloat, PyInt, PyList, PyMapping, PyString,
    PyTuple,
};
use rust_decimal::Decimal;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};

/// A core value's Python form.
pub trait ToPy {
    /// The value as Python users see it (records as result objects).
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>>;

    /// The value inside `to_dict()` (records as dicts).
    fn to_plain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.to_py(py)
    }
}

macro_rules! to_py_by_into_pyobject {
    ($($t:ty),* $(,)?) => {$(
        impl ToPy for $t {
            fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                self.clone().into_bound_py_any(py)
            }
        }
    )*};
}

to_py_by_into_pyobject!(
    f64, u8, u16, u32, u64, usize, i32, i64, bool, String, Decimal, TimeDelta
);

/// Refuses a date or instant outside the years 1 to 9999, the range of Python's `date` and
/// `datetime`, with an `InvalidParameterError` (rather than the plain `ValueError` Python
/// would raise): the core's calendar is wider.
fn python_calendar(year: i32, value: impl std::fmt::Display) -> PyResult<()> {
    if (1..=9999).contains(&year) {
        return Ok(());
    }
    Err(crate::errors::to_py_err(
        edgecore::Error::InvalidParameter {
            name: "date",
            value: value.to_string(),
            reason: "falls outside the years 1 to 9999 that Python dates can hold",
        },
    ))
}

impl ToPy for NaiveDate {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        python_calendar(chrono::Datelike::year(self), self)?;
        self.into_bound_py_any(py)
    }
}

impl ToPy for DateTime<Utc> {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        python_calendar(chrono::Datelike::year(self), self)?;
        self.into_bound_py_any(py)
    }
}

impl<T: ToPy> ToPy for Option<T> {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self {
            Some(v) => v.to_py(py),
            None => Ok(py.None().into_bound(py)),
        }
    }
    fn to_plain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self {
            Some(v) => v.to_plain(py),
            None => Ok(py.None().into_bound(py)),
        }
    }
}

impl<T: ToPy> ToPy for Vec<T> {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        seq_to_py(py, self.iter(), false)
    }
    fn to_plain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        seq_to_py(py, self.iter(), true)
    }
}

impl<T: ToPy, const N: usize> ToPy for [T; N] {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        seq_to_py(py, self.iter(), false)
    }
    fn to_plain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        seq_to_py(py, self.iter(), true)
    }
}

fn seq_to_py<'a, 'py, T: ToPy + 'a>(
    py: Python<'py>,
    items: impl Iterator<Item = &'a T>,
    plain: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let items = items
        .map(|v| if plain { v.to_plain(py) } else { v.to_py(py) })
        .collect::<PyResult<Vec<_>>>()?;
    Ok(PyList::new(py, items)?.into_any())
}

fn map_to_py<'a, 'py, K: ToPy + 'a, V: ToPy + 'a>(
    py: Python<'py>,
    entries: impl Iterator<Item = (&'a K, &'a V)>,
    plain: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let dict = PyDict::new(py);
    for (k, v) in entries {
        let value = if plain { v.to_plain(py)? } else { v.to_py(py)? };
        dict.set_item(k.to_py(py)?, value)?;
    }
    Ok(dict.into_any())
}

impl<K: ToPy, V: ToPy> ToPy for BTreeMap<K, V> {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        map_to_py(py, self.iter(), false)
    }
    fn to_plain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        map_to_py(py, self.iter(), true)
    }
}

impl<K: ToPy + Ord, V: ToPy> ToPy for HashMap<K, V> {
    /// Keys in sorted order, so the same input prints the same way every time.
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let mut entries: Vec<_> = self.iter().collect();
        entries.sort_by(|a, b| a.0.cmp(b.0));
        map_to_py(py, entries.into_iter(), false)
    }
    fn to_plain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let mut entries: Vec<_> = self.iter().collect();
        entries.sort_by(|a, b| a.0.cmp(b.0));
        map_to_py(py, entries.into_iter(), true)
    }
}

/// Gives named enums their Python form: the canonical lower-case name.
macro_rules! to_py_named {
    ($($t:ty),* $(,)?) => {$(
        impl $crate::convert::ToPy for $t {
            fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                Ok(pyo3::types::PyString::new(py, edgecore::names::NamedEnum::name(*self)).into_any())
            }
        }
    )*};
}
pub(crate) use to_py_named;

/// A `str` argument (a name, an id, a window...) as Rust text: every string parameter of the
/// package is read through here.
///
/// A `str` holding a lone surrogate (`"\ud800"`, which UTF-8 cannot hold) raises
/// `InvalidParameterError` (its message shows the value escaped, at most 80 characters of
/// it; Python's own note on the exception names the parameter), where PyO3's `&str` would
/// raise a bare `UnicodeEncodeError`. A value that is not a `str` raises `TypeError` naming
/// the parameter, as before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text(pub String);

impl From<&str> for Text {
    /// A default value of a string parameter.
    fn from(text: &str) -> Text {
        Text(text.to_owned())
    }
}

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for Text {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let s = obj.cast::<PyString>()?;
        match s.to_cow() {
            Ok(text) => Ok(Text(text.into_owned())),
            Err(_) => {
                let shown: String = describe(s.as_any()).chars().take(80).collect();
                Err(crate::errors::to_py_err(
                    edgecore::Error::InvalidParameter {
                        name: "text",
                        value: shown,
                        reason: "a lone surrogate is not valid Unicode text",
                    },
                ))
            }
        }
    }
}

/// A named enum from its name (or alias); anything else raises `UnknownNameError`.
pub fn name<T: NamedEnum>(value: &str) -> PyResult<T> {
    T::from_str(value).or_raise()
}

/// An integer type that arguments are read into with [`int`].
pub trait IntArg: TryFrom<i128> {
    /// What the type allows, for the error: "must be an integer from 0 to 4294967295".
    const RANGE: &'static str;
}

impl IntArg for u32 {
    const RANGE: &'static str = "must be an integer from 0 to 4294967295";
}
impl IntArg for i32 {
    const RANGE: &'static str = "must be an integer from -2147483648 to 2147483647";
}
impl IntArg for usize {
    const RANGE: &'static str = "must be an integer from 0 to 2^64 - 1";
}
impl IntArg for u64 {
    const RANGE: &'static str = "must be an integer from 0 to 2^64 - 1";
}

/// An integer argument (a Python `int` or any object with `__index__`) as `T`. Every integer
/// argument of the package is read here, so they all fail alike: a value out of `T`'s range
/// (negative counts, huge ints) raises `InvalidParameterError` naming the argument; a value
/// that is not an integer (a float, a str) raises `TypeError`, as for any wrong Python type.
pub fn int<T: IntArg>(name: &'static str, value: &Bound<'_, PyAny>) -> PyResult<T> {
    let out_of_range = || {
        crate::errors::to_py_err(edgecore::Error::InvalidParameter {
            name,
            value: describe(value),
            reason: T::RANGE,
        })
    };
    // The caller's `__index__` runs in `raw::index`; reading the `int` it returns runs none.
    match crate::raw::index(value).and_then(|int| int.extract::<i128>()) {
        Ok(i) => T::try_from(i).map_err(|_| out_of_range()),
        Err(e) if e.is_instance_of::<pyo3::exceptions::PyOverflowError>(value.py()) => {
            Err(out_of_range())
        }
        Err(e) => Err(e),
    }
}

/// The two integers of a pair `(a, b)` (a `tuple`), as PyO3 reads `(T, T)`: each item an
/// `int` or an object with `__index__` (the caller's code, run through [`crate::raw::index`]),
/// whose value `T` must hold. Anything else (not a tuple, not two items, an item that is no
/// integer or out of range) is an error, for the caller to read the value another way.
pub fn int_pair<T>(value: &Bound<'_, PyAny>) -> PyResult<(T, T)>
where
    for<'a, 'py> T: FromPyObject<'a, 'py>,
    for<'a, 'py> PyErr: From<<T as FromPyObject<'a, 'py>>::Error>,
{
    let pair = value.cast::<PyTuple>()?;
    if pair.len() != 2 {
        return Err(pyo3::exceptions::PyValueError::new_err(format!(
            "expected a pair, got {} items",
            pair.len()
        )));
    }
    // Reading the exact `int` that `raw::index` returns runs no Python code.
    let item = |i| -> PyResult<T> { Ok(crate::raw::index(&pair.get_item(i)?)?.extract::<T>()?) };
    Ok((item(0)?, item(1)?))
}

/// An optional integer argument: `None` stays `None`, anything else is read by [`int`].
pub fn opt_int<T: IntArg>(
    name: &'static str,
    value: Option<&Bound<'_, PyAny>>,
) -> PyResult<Option<T>> {
    value
        .filter(|v| !v.is_none())
        .map(|v| int(name, v))
        .transpose()
}

/// A float argument: a Python `float`, `int`, `decimal.Decimal` or any object with
/// `__float__`. Every scalar float argument of the package is read here, so they all fail
/// alike: a value that has no float form (`Decimal("sNaN")`, an int beyond the float range)
/// raises `InvalidParameterError` naming the argument; a value that is not a number raises
/// `TypeError`. NaN and infinities are read as they are: the core refuses them by name.
pub fn float(name: &'static str, value: &Bound<'_, PyAny>) -> PyResult<f64> {
    if let Ok(f) = value.cast_exact::<PyFloat>() {
        return Ok(f.value());
    }
    let py = value.py();
    crate::raw::as_double(value).map_err(|e| {
        if e.is_instance_of::<pyo3::exceptions::PyValueError>(py)
            || e.is_instance_of::<pyo3::exceptions::PyOverflowError>(py)
        {
            crate::errors::to_py_err(edgecore::Error::InvalidParameter {
                name,
                value: describe(value),
                reason: "must be a number with a float value (not a signaling NaN, within about 1.8e308)",
            })
        } else {
            e
        }
    })
}

/// An optional float argument: `None` stays `None`, anything else is read by [`float`].
pub fn opt_float(name: &'static str, value: Option<&Bound<'_, PyAny>>) -> PyResult<Option<f64>> {
    value
        .filter(|v| !v.is_none())
        .map(|v| float(name, v))
        .transpose()
}

/// An exact amount from a `decimal.Decimal`, an `int`, a `str` or a `float` (read through
/// its shortest repr, so 0.1 gives exactly 0.1). Anything else raises
/// `InvalidRecordError` with the core's words (`edgecore::input::amount`, the same as
/// JavaScript's for the same text): not a number, not finite (NaN, sNaN, infinities), or a
/// finite number that an exact amount cannot hold (more than 28 decimal places, beyond
/// about 7.9e28 in size). Errors name `path`: the argument's name, or the item's path in a
/// list of amounts (`weights[1]`).
///
/// The caller's code it may run (a `Decimal` subclass's `__str__`, a `__repr__` for the
/// error) runs only inside single guarded calls of [`crate::raw`] (`str`, `repr`,
/// `call_method0`); the type checks read types only. So nothing here is guarded as a whole
/// (see [`crate::exit`]).
pub fn amount(path: &str, value: &Bound<'_, PyAny>) -> PyResult<Decimal> {
    let text = if value.is_instance_of::<PyBool>() {
        None
    } else if value.is_instance_of::<PyString>()
        || value.is_instance_of::<PyInt>()
        || value.is_instance_of::<PyFloat>()
        || is_decimal(value)?
    {
        // Python refuses to print ints of more than 4,300 digits (a `ValueError`): far
        // beyond the range. Any other error (a `KeyboardInterrupt` raised by a signal
        // handler while the list of amounts is read) is the caller's and propagates.
        match crate::raw::str(value) {
            Ok(text) => Some(text_of(&text)?),
            Err(e) if e.is_instance_of::<pyo3::exceptions::PyValueError>(value.py()) => {
                // the text of a number far beyond the range, for the core's reason
                return Err(edgecore::input::invalid_amount(
                    path,
                    "1e4300",
                    describe(value),
                ))
                .or_raise();
            }
            Err(e) => return Err(e),
        }
    } else {
        None
    };
    match text {
        Some(text) => edgecore::input::amount(path, &text).or_raise(),
        None => Err(edgecore::input::invalid_amount(path, "", describe(value))).or_raise(),
    }
}

/// The list of amounts given as argument `name` (a list, a tuple or any iterable, bounded
/// as every list: [`crate::record::each`]), each read as [`amount`] does and named by its
/// path in errors (`weights[1]`).
pub fn amounts(name: &'static str, values: &Bound<'_, PyAny>) -> PyResult<Vec<Decimal>> {
    crate::record::each("amount", name, values, |i, v| {
        let at = edgecore::input::path([Step::Field(name), Step::Index(i)], Spelling::Snake);
        amount(&at, &v)
    })
}

static DECIMAL: pyo3::sync::PyOnceLock<Py<pyo3::types::PyType>> = pyo3::sync::PyOnceLock::new();

/// Whether `value` is a `decimal.Decimal` (the type is looked up once).
fn is_decimal(value: &Bound<'_, PyAny>) -> PyResult<bool> {
    let py = value.py();
    let decimal = DECIMAL.get_or_try_init(py, || {
        py.import("decimal")?
            .getattr("Decimal")?
            .cast_into::<pyo3::types::PyType>()
            .map(Bound::unbind)
            .map_err(PyErr::from)
    })?;
    // By its type: `isinstance` would read the caller's `__class__` (see `of_type`).
    value.get_type().is_subclass(decimal.bind(py))
}

/// `value` as a `T` (one of the `datetime` types) when its type is `T` or a subclass of it.
/// Read from the type alone: PyO3's cast is an `isinstance`, which reads `__class__` when
/// the type does not match, and a caller's `__class__` property is code that would run
/// outside the exit guard (`crate::exit`); an object that only claims to be a `T` is not one.
fn of_type<'a, 'py, T: pyo3::PyTypeInfo>(
    value: &'a Bound<'py, PyAny>,
) -> Option<&'a Bound<'py, T>> {
    if value.get_type().is_subclass_of::<T>().unwrap_or(false) {
        value.cast::<T>().ok()
    } else {
        None
    }
}

/// The text of `value` (`str(value)`) as Rust text. Unlike PyO3's `Display` (which reports
/// a failure as an unraisable exception and writes a placeholder), an error propagates:
/// a `KeyboardInterrupt` raised by a signal handler while a list is read ends the call.
/// A lone surrogate (which UTF-8 cannot hold) becomes U+FFFD: the text is then refused by
/// what reads it (an amount, a date), with its typed error.
fn text_of(value: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(crate::raw::str(value)?.to_string_lossy().into_owned())
}

/// A value for an error message: its repr, or its size when even that fails (Python
/// refuses to print ints of more than 4,300 digits).
fn describe(value: &Bound<'_, PyAny>) -> String {
    crate::raw::repr(value)
        .map(|r| r.to_string())
        .unwrap_or_else(|_| {
            match crate::raw::call_method0(value, intern!(value.py(), "bit_length"))
                .and_then(|b| b.extract::<u64>())
            {
                Ok(bits) => format!("an integer of {bits} bits"),
                Err(_) => "an unprintable object".into(),
            }
        })
}

/// Why a naive `datetime` is refused where an instant is read (an argument or a record
/// field: the same words in both errors).
const NAIVE: &str = "must be an aware datetime (a tzinfo with a UTC offset, any zone, taken to \
                     UTC), not a naive one";

/// Whether `dt` is naive, as Python defines it: no `tzinfo`, or one whose `utcoffset()` is
/// `None`.
fn is_naive(dt: &Bound<'_, PyDateTime>) -> PyResult<bool> {
    Ok(crate::raw::call_method0(dt.as_any(), intern!(dt.py(), "utcoffset"))?.is_none())
}

/// An instant argument: an aware `datetime` (any offset, taken to UTC) or an RFC 3339 string
/// with an offset, as record fields read them. A naive `datetime` raises
/// `InvalidParameterError` naming `what`; anything else that is not an instant raises
/// `InvalidRecordError` naming `what`. Every instant argument of the package goes through
/// here, so they all accept and refuse the same values.
pub fn instant(what: &'static str, value: &Bound<'_, PyAny>) -> PyResult<DateTime<Utc>> {
    if let Some(dt) = of_type::<PyDateTime>(value)
        && is_naive(dt)?
    {
        return Err(crate::errors::to_py_err(
            edgecore::Error::InvalidParameter {
                name: what,
                value: describe(value),
                reason: NAIVE,
            },
        ));
    }
    record(what, value)
}

/// How deeply the values of one record may nest (records, mappings, lists and iterables
/// inside one another). Real records nest a few levels; the bound keeps the reader's stack
/// small, whatever the input and whatever thread it runs on.
pub const MAX_DEPTH: usize = 32;

/// A Python value as JSON for serde: dicts and mappings become objects (keys as str), lists
/// and tuples arrays, `Decimal` and numbers exact strings/numbers, dates ISO strings,
/// aware `datetime` RFC 3339 (a naive one raises `InvalidRecordError`: an instant needs an
/// offset), result objects their `to_dict()`.
///
/// A value nested more than [`MAX_DEPTH`] levels deep, one that contains itself (a dict
/// holding itself, a `to_dict()` or an iterable giving back the object itself), or an
/// iterable of more than `edgecore::MAX_RECORDS` items raises `InvalidRecordError` naming
/// `what` and the path of the value (after `at`, the path of `value` in the argument), in
/// the core's format (`edgecore::input`). Signals are checked while long iterables are
/// read, so Ctrl-C interrupts an endless one.
pub fn to_json(what: &'static str, at: &str, value: &Bound<'_, PyAny>) -> PyResult<Value> {
    Reader {
        what,
        at: at.to_owned(),
        open: Vec::new(),
    }
    .read(value)
}

/// The state of one [`to_json`] walk.
struct Reader {
    /// The record's name, for errors.
    what: &'static str,
    /// The path of the value being read (`bets[3].legs[0]`), for errors.
    at: String,
    /// The containers being read, outermost first (object addresses: an object cannot move
    /// or be freed while it is being read, its caller holds a reference).
    open: Vec<usize>,
}

impl Reader {
    fn read(&mut self, value: &Bound<'_, PyAny>) -> PyResult<Value> {
        // The common exact types first, by cheap type checks; abstract protocols last.
        if let Ok(s) = value.cast_exact::<PyString>() {
            return self.text(s).map(Value::String);
        }
        if value.is_none() {
            return Ok(Value::Null);
        }
        if let Ok(b) = value.cast::<PyBool>() {
            return Ok(Value::Bool(b.is_true()));
        }
        if value.is_instance_of::<PyInt>() {
            return self.int(value);
        }
        if let Ok(f) = value.cast::<PyFloat>() {
            let x = f.value();
            return serde_json::Number::from_f64(x)
                .map(Value::Number)
                .ok_or_else(|| self.error(format!("{x} is not a finite number")));
        }
        if let Ok(s) = value.cast::<PyString>() {
            return self.text(s).map(Value::String);
        }
        if is_decimal(value)? {
            return Ok(Value::String(text_of(value)?));
        }
        if let Some(dt) = of_type::<PyDateTime>(value) {
            if is_naive(dt)? {
                return Err(self.error(format!("{} {NAIVE}", describe(value))));
            }
            let iso = crate::raw::call_method0(dt.as_any(), intern!(dt.py(), "isoformat"))?;
            return Ok(Value::String(text_of(&iso)?));
        }
        if of_type::<PyDate>(value).is_some() {
            let iso = crate::raw::call_method0(value, intern!(value.py(), "isoformat"))?;
            return Ok(Value::String(text_of(&iso)?));
        }
        if let Some(delta) = of_type::<PyDelta>(value) {
            // durations travel as seconds (the core's `*_seconds` fields)
            return self.read(&crate::raw::call_method0(
                delta.as_any(),
                intern!(delta.py(), "total_seconds"),
            )?);
        }
        self.enter(value)?;
        let read = self.container(value);
        self.open.pop();
        read
    }

    /// A value that may hold others: read after [`Reader::enter`].
    fn container(&mut self, value: &Bound<'_, PyAny>) -> PyResult<Value> {
        if let Ok(dict) = value.cast_exact::<PyDict>() {
            // A snapshot of the items: code that runs while a value is read (a `__float__`,
            // a `to_dict`) may resize the dict, which a live iteration refuses with a panic.
            return self.object(&dict.items());
        }
        if let Ok(list) = value.cast_exact::<PyList>() {
            return self.items(list.iter().map(Ok));
        }
        if let Ok(tuple) = value.cast_exact::<PyTuple>() {
            return self.items(tuple.iter().map(Ok));
        }
        // `collections.abc.Mapping`'s `isinstance` is Python code: through `raw` too.
        let py = value.py();
        if value.is_instance_of::<PyDict>()
            || crate::raw::is_instance(value, PyMapping::type_object(py).as_any())?
        {
            // The caller's mapping methods run through `raw::call` (see its docs).
            let items = crate::raw::call_method0(value, intern!(py, "items"))?;
            let list = value.py().get_type::<PyList>().into_any();
            let items = crate::raw::call(&list, &PyTuple::new(value.py(), [items])?, None)?;
            return self.object(items.cast::<PyList>()?);
        }
        // `hasattr` and `getattr` run a caller's `__getattr__`: through `raw` too.
        if let Some(to_dict) = crate::raw::getattr_opt(value, intern!(py, "to_dict"))? {
            return self.read(&crate::raw::call(&to_dict, &PyTuple::empty(py), None)?);
        }
        if crate::raw::getattr_opt(value, intern!(py, "__float__"))?.is_some()
            || crate::raw::getattr_opt(value, intern!(py, "__index__"))?.is_some()
        {
            // numpy scalars and other number-likes: their `__float__` runs through
            // `raw::call` (it is the caller's code, see its docs)
            let float = value.py().get_type::<PyFloat>().into_any();
            let x = crate::raw::call(&float, &PyTuple::new(value.py(), [value])?, None);
            if let Ok(x) = x {
                return self.read(&x);
            }
        }
        // The caller's `__iter__` and `__next__` (a generator's body) through `raw`.
        if let Ok(iter) = crate::raw::iter(value) {
            return self.items(std::iter::from_fn(|| crate::raw::next(&iter).transpose()));
        }
        Err(self.error(format!("cannot read {}", describe(value))))
    }

    /// An object from a list of `(key, value)` pairs (a mapping's items, taken once).
    fn object(&mut self, items: &Bound<'_, PyList>) -> PyResult<Value> {
        let mut object = serde_json::Map::with_capacity(items.len());
        for item in items.iter() {
            let (k, v): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item.extract()?;
            let k = self.key(&k)?;
            let v = self.field(Step::Field(&k), &v)?;
            object.insert(k, v);
        }
        Ok(Value::Object(object))
    }

    /// A str as UTF-8: one with a lone surrogate (which UTF-8 cannot hold) is refused.
    fn text(&self, s: &Bound<'_, PyString>) -> PyResult<String> {
        match s.to_cow() {
            Ok(text) => Ok(text.into_owned()),
            Err(_) => Err(self.error(format!(
                "{} is not valid text (a lone surrogate)",
                describe(s.as_any())
            ))),
        }
    }

    /// A mapping key as an object key: strings as they are, anything else by `str()`.
    fn key(&self, k: &Bound<'_, PyAny>) -> PyResult<String> {
        match k.cast::<PyString>() {
            Ok(s) => self.text(s),
            Err(_) => self.text(&crate::raw::str(k)?),
        }
    }

    /// The items of a sequence, each read at its index.
    fn items<'py>(
        &mut self,
        items: impl Iterator<Item = PyResult<Bound<'py, PyAny>>>,
    ) -> PyResult<Value> {
        let mut array = Vec::new();
        for (i, item) in items.enumerate() {
            let item = item?;
            crate::record::next_item(item.py(), self.what, i, || self.at.clone())?;
            array.push(self.field(Step::Index(i), &item)?);
        }
        Ok(Value::Array(array))
    }

    /// The value one `step` inside the container being read.
    fn field(&mut self, step: Step<'_>, value: &Bound<'_, PyAny>) -> PyResult<Value> {
        let len = self.at.len();
        step.push(&mut self.at, Spelling::Snake);
        let read = self.read(value)?;
        self.at.truncate(len);
        Ok(read)
    }

    /// An integer: exactly, as a JSON number when it fits 64 bits, else as its decimal
    /// digits (a `Decimal` field reads them exactly; any other field refuses them).
    fn int(&self, value: &Bound<'_, PyAny>) -> PyResult<Value> {
        if let Ok(i) = value.extract::<i64>() {
            return Ok(Value::from(i));
        }
        if let Ok(u) = value.extract::<u64>() {
            return Ok(Value::from(u));
        }
        match crate::raw::str(value) {
            Ok(digits) => Ok(Value::String(text_of(&digits)?)),
            // Python refuses to print ints of more than 4,300 digits
            Err(_) => Err(self.error(format!("{} is too large", describe(value)))),
        }
    }

    /// Marks `value` as being read: refuses it when it is already being read (it contains
    /// itself) or when the values above it are nested [`MAX_DEPTH`] deep.
    fn enter(&mut self, value: &Bound<'_, PyAny>) -> PyResult<()> {
        let address = value.as_ptr() as usize;
        if self.open.contains(&address) {
            return Err(self.error("contains itself (a reference cycle)".into()));
        }
        if self.open.len() >= MAX_DEPTH {
            return Err(self.error(format!("is nested more than {MAX_DEPTH} levels deep")));
        }
        self.open.push(address);
        Ok(())
    }

    /// The `InvalidRecordError` for the value being read, naming its path.
    fn error(&self, reason: String) -> PyErr {
        crate::errors::to_py_err(edgecore::input::invalid_at(self.what, &self.at, reason))
    }
}

/// A core record from a dict, a mapping or a result object; `what` names it in errors.
pub fn record<T: DeserializeOwned>(what: &'static str, value: &Bound<'_, PyAny>) -> PyResult<T> {
    record_at(what, "", value)
}

/// [`record`] for the value at `at` in an argument (`bets[3]`), the path its errors name.
pub fn record_at<T: DeserializeOwned>(
    what: &'static str,
    at: &str,
    value: &Bound<'_, PyAny>,
) -> PyResult<T> {
    record_from_json(what, at, to_json(what, at, value)?)
}

/// A core record from its JSON form at `at`, through the core's reader
/// (`edgecore::input::read`): a field that does not fit is named by its path.
pub fn record_from_json<T: DeserializeOwned>(
    what: &'static str,
    at: &str,
    value: Value,
) -> PyResult<T> {
    edgecore::input::read(what, at, &value).or_raise()
}

/// A core record from an optional positional mapping merged with keyword arguments
/// (keywords win), as record constructors take them: `Bet({...})` or `Bet(id=..., ...)`.
pub fn record_from_args<T: DeserializeOwned>(
    what: &'static str,
    mapping: Option<&Bound<'_, PyAny>>,
    fields: Option<&Bound<'_, PyDict>>,
) -> PyResult<T> {
    let mut object = match mapping.map(|m| to_json(what, "", m)).transpose()? {
        Some(Value::Object(o)) => o,
        Some(_) => {
            return Err(crate::errors::to_py_err(edgecore::Error::invalid_record(
                what,
                "the positional argument must be a mapping",
            )));
        }
        None => serde_json::Map::new(),
    };
    if let Some(Value::Object(kw)) = fields.map(|f| to_json(what, "", f.as_any())).transpose()? {
        object.extend(kw);
    }
    record_from_json(what, "", Value::Object(object))
}

//! Conversions between core values and Python objects.
//!
//! Out: [`ToPy`] turns a core value into its Python form (`Decimal` -> `decimal.Decimal`,
//! dates -> `datetime.date`/`datetime.datetime`, named enums -> lower-case `str`, records ->
//! their result classes) and into its plain form for `to_dict()` (records -> `dict`).
//! In: records are read from keyword arguments, dicts or record objects through serde
//! ([`record`]), names through the core's `FromStr` ([`name`]), amounts exactly ([`amount`]).

use crate::errors::OrRaise;
use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use edgecore::names::NamedEnum;
use pyo3::IntoPyObjectExt;
use pyo3::prelude::*;
use pyo3::types::{
    PyBool, PyDate, PyDateTime, PyDelta, PyDict, PyFloat, PyInt, PyList, PyMapping, PyString,
    PyTuple,
};
use rust_decimal::Decimal;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::str::FromStr;

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
    f64, u8, u16, u32, u64, usize, i32, i64, bool, String, Decimal, NaiveDate, TimeDelta
);

impl ToPy for DateTime<Utc> {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
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

/// A named enum from its name (or alias); anything else raises `UnknownNameError`.
pub fn name<T: NamedEnum>(value: &str) -> PyResult<T> {
    T::from_str(value).or_raise()
}

/// An exact amount from a `decimal.Decimal`, an `int`, a `str` or a `float` (read through
/// its shortest repr, so 0.1 gives exactly 0.1). Anything else raises `InvalidRecordError`.
pub fn amount(name: &'static str, value: &Bound<'_, PyAny>) -> PyResult<Decimal> {
    let text = if value.is_instance_of::<PyBool>() {
        None
    } else if value.is_instance_of::<PyString>()
        || value.is_instance_of::<PyInt>()
        || value.is_instance_of::<PyFloat>()
        || is_decimal(value)?
    {
        Some(value.str()?.to_string())
    } else {
        None
    };
    text.and_then(|t| parse_decimal(&t))
        .ok_or_else(|| {
            edgecore::Error::invalid_record(
                "amount",
                format!(
                    "{name} must be a finite decimal number, got {}",
                    describe(value)
                ),
            )
        })
        .or_raise()
}

fn parse_decimal(text: &str) -> Option<Decimal> {
    Decimal::from_str(text.trim())
        .or_else(|_| Decimal::from_scientific(text.trim()))
        .ok()
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
    value.is_instance(decimal.bind(py))
}

fn describe(value: &Bound<'_, PyAny>) -> String {
    value
        .repr()
        .map(|r| r.to_string())
        .unwrap_or_else(|_| "an unprintable object".into())
}

/// An instant argument: an aware `datetime` (any offset, taken to UTC), a naive one (read as
/// UTC) or an RFC 3339 string, as record fields read them; anything else raises
/// `InvalidRecordError` naming `what`.
pub fn instant(what: &'static str, value: &Bound<'_, PyAny>) -> PyResult<DateTime<Utc>> {
    record_from_json(what, to_json(value)?)
}

/// A Python value as JSON for serde: dicts and mappings become objects (keys as str), lists
/// and tuples arrays, `Decimal` and numbers exact strings/numbers, dates ISO strings,
/// `datetime` RFC 3339 (a naive `datetime` is read as UTC), result objects their `to_dict()`.
pub fn to_json(value: &Bound<'_, PyAny>) -> PyResult<Value> {
    // The common exact types first, by cheap type checks; abstract protocols last.
    if let Ok(s) = value.cast_exact::<PyString>() {
        return Ok(Value::String(s.to_cow()?.into_owned()));
    }
    if let Ok(dict) = value.cast_exact::<PyDict>() {
        let mut object = serde_json::Map::with_capacity(dict.len());
        for (k, v) in dict.iter() {
            object.insert(key(&k)?, to_json(&v)?);
        }
        return Ok(Value::Object(object));
    }
    if let Ok(list) = value.cast_exact::<PyList>() {
        return list
            .iter()
            .map(|item| to_json(&item))
            .collect::<PyResult<_>>()
            .map(Value::Array);
    }
    if let Ok(tuple) = value.cast_exact::<PyTuple>() {
        return tuple
            .iter()
            .map(|item| to_json(&item))
            .collect::<PyResult<_>>()
            .map(Value::Array);
    }
    if value.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = value.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if value.is_instance_of::<PyInt>() {
        if let Ok(i) = value.extract::<i64>() {
            return Ok(Value::from(i));
        }
        return Ok(Value::from(value.extract::<u64>()?));
    }
    if let Ok(f) = value.cast::<PyFloat>() {
        let x = f.value();
        return serde_json::Number::from_f64(x)
            .map(Value::Number)
            .ok_or_else(|| {
                crate::errors::to_py_err(edgecore::Error::invalid_record(
                    "value",
                    format!("{x} is not a finite number"),
                ))
            });
    }
    if let Ok(s) = value.cast::<PyString>() {
        return Ok(Value::String(s.to_cow()?.into_owned()));
    }
    if is_decimal(value)? {
        return Ok(Value::String(value.str()?.to_string()));
    }
    if let Ok(dt) = value.cast::<PyDateTime>() {
        let text = if dt.getattr("tzinfo")?.is_none() {
            format!("{}Z", dt.call_method0("isoformat")?)
        } else {
            dt.call_method0("isoformat")?.to_string()
        };
        return Ok(Value::String(text));
    }
    if value.is_instance_of::<PyDate>() {
        return Ok(Value::String(value.call_method0("isoformat")?.to_string()));
    }
    if let Ok(delta) = value.cast::<PyDelta>() {
        // durations travel as seconds (the core's `*_seconds` fields)
        return to_json(&delta.call_method0("total_seconds")?);
    }
    if let Ok(map) = value.cast::<PyMapping>() {
        let mut object = serde_json::Map::new();
        for item in map.items()?.iter() {
            let (k, v): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item.extract()?;
            object.insert(key(&k)?, to_json(&v)?);
        }
        return Ok(Value::Object(object));
    }
    if value.hasattr("to_dict")? {
        return to_json(&value.call_method0("to_dict")?);
    }
    if let Ok(x) = value.extract::<f64>() {
        // numpy scalars and other number-likes
        return to_json(&PyFloat::new(value.py(), x).into_any());
    }
    if let Ok(iter) = value.try_iter() {
        return iter
            .map(|item| to_json(&item?))
            .collect::<PyResult<Vec<_>>>()
            .map(Value::Array);
    }
    Err(crate::errors::to_py_err(edgecore::Error::invalid_record(
        "value",
        format!("cannot read {}", describe(value)),
    )))
}

/// A mapping key as an object key: strings as they are, anything else by `str()`.
fn key(k: &Bound<'_, PyAny>) -> PyResult<String> {
    match k.cast::<PyString>() {
        Ok(s) => Ok(s.to_cow()?.into_owned()),
        Err(_) => Ok(k.str()?.to_string()),
    }
}

/// A core record from a dict, a mapping or a result object; `what` names it in errors.
pub fn record<T: DeserializeOwned>(what: &'static str, value: &Bound<'_, PyAny>) -> PyResult<T> {
    record_from_json(what, to_json(value)?)
}

/// A core record from its JSON form; `what` names it in errors.
pub fn record_from_json<T: DeserializeOwned>(what: &'static str, value: Value) -> PyResult<T> {
    serde_json::from_value(value)
        .map_err(|e| edgecore::Error::invalid_record(what, e))
        .or_raise()
}

/// A core record from an optional positional mapping merged with keyword arguments
/// (keywords win), as record constructors take them: `Bet({...})` or `Bet(id=..., ...)`.
pub fn record_from_args<T: DeserializeOwned>(
    what: &'static str,
    mapping: Option<&Bound<'_, PyAny>>,
    fields: Option<&Bound<'_, PyDict>>,
) -> PyResult<T> {
    let mut object = match mapping.map(to_json).transpose()? {
        Some(Value::Object(o)) => o,
        Some(_) => {
            return Err(crate::errors::to_py_err(edgecore::Error::invalid_record(
                what,
                "the positional argument must be a mapping",
            )));
        }
        None => serde_json::Map::new(),
    };
    if let Some(Value::Object(kw)) = fields.map(|f| to_json(f.as_any())).transpose()? {
        object.extend(kw);
    }
    record_from_json(what, Value::Object(object))
}

//! `record!`: a core struct as a Python class with attributes, `to_dict()`, `__repr__` and
//! `__eq__`. Input records also get a constructor from a mapping and/or keyword arguments
//! (`Bet({...})`, `Bet(id="b1", odds=Decimal("2.05"), ...)`) checked by the core's serde form.

/// Declares the Python class `$name` wrapping core type `$core`, exposing `fields`.
/// `input` records can be built from Python; `output` records are only returned. An input
/// record may end with `methods { ... }`: more methods of the class (on `&self`, whose `.0`
/// is the core record).
macro_rules! record {
    (input $py:ident($core:ty) as $name:tt, $what:tt { $($field:ident),* $(,)? }
        $(methods { $($method:item)* })?) => {
        $crate::record::record!(@class $py($core) as $name {
            concat!(
                "The ", $what, ": built from keyword arguments and/or a mapping of ",
                "its fields (amounts as Decimal, int or str; dates and datetimes; names as ",
                "lower-case strings), e.g. `", $name, "({...})` or `", $name, "(field=...)`. ",
                "Fields: ", stringify!($($field),*), ". `to_dict()` gives them as a dict."
            )
        } { $($field),* } [
            #[new]
            #[pyo3(signature = (mapping = None, **fields))]
            fn new(
                mapping: Option<&Bound<'_, PyAny>>,
                fields: Option<&Bound<'_, pyo3::types::PyDict>>,
            ) -> PyResult<Self> {
                $crate::convert::record_from_args($what, mapping, fields).map(Self)
            }

            $($($method)*)?
        ]);

        impl $crate::record::FromPy for $core {
            const WHAT: &'static str = $what;

            fn from_py_at(value: &Bound<'_, PyAny>, at: $crate::record::Place<'_>) -> PyResult<Self> {
                match value.cast::<$py>() {
                    Ok(object) => Ok(object.get().0.clone()),
                    Err(_) => $crate::convert::record_at($what, &at.to_string(), value),
                }
            }
        }
    };
    (output $py:ident($core:ty) as $name:tt { $($field:ident),* $(,)? } $(table $table:ident)?) => {
        $crate::record::record!(@class $py($core) as $name {
            concat!(
                "A result of edgecore (read-only attributes, returned by its functions). ",
                "Fields: ", stringify!($($field),*), ". `to_dict()` gives them as a plain dict.",
                $(" `to_pandas()` and `to_polars()` give `", stringify!($table),
                  "` as a DataFrame, one column per field.",)?
            )
        } { $($field),* } [$(
            /// The table as a pandas DataFrame built from columns, one per field of its
            /// records (money as exact Decimal). Errors: `ImportError` without pandas.
            fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                $crate::tables::records_frame(py, &self.0.$table, "pandas")
            }

            /// The table as a polars DataFrame built from columns, one per field of its
            /// records (money as Decimal). Errors: `ImportError` without polars.
            fn to_polars<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                $crate::tables::records_frame(py, &self.0.$table, "polars")
            }
        )?]);
    };
    (@class $py:ident($core:ty) as $name:tt { $doc:expr } { $($field:ident),* } [$($new:item)*]) => {
        #[doc = $doc]
        #[pyclass(module = "edgecore", name = $name, frozen)]
        pub struct $py(pub $core);

        $crate::pickle::pickled_pymethods!($name, $core, impl $py {
            $($new)*

            $(
                #[doc = concat!("The record's `", stringify!($field), "` field.")]
                #[getter]
                fn $field<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                    $crate::convert::ToPy::to_py(&self.0.$field, py)
                }
            )*

            /// The record as a plain dict (nested records as dicts).
            fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                $crate::convert::ToPy::to_plain(&self.0, py)
            }

            fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
                let fields: Vec<String> = vec![$(
                    format!(
                        "{}={}",
                        stringify!($field),
                        $crate::convert::ToPy::to_py(&self.0.$field, py)?.repr()?
                    )
                ),*];
                Ok(format!("{}({})", $name, fields.join(", ")))
            }

            fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
                other.cast::<$py>().is_ok_and(|o| o.get().0 == self.0)
            }

            /// The fields of `records` (objects of this class) as columns, for DataFrames.
            #[classmethod]
            fn _columns<'py>(
                _cls: &Bound<'py, pyo3::types::PyType>,
                records: &Bound<'py, PyAny>,
            ) -> PyResult<Bound<'py, pyo3::types::PyDict>> {
                let objects = $crate::tables::cast_all::<$py>(records, $name)?;
                let cores: Vec<&$core> = objects.iter().map(|o| &o.get().0).collect();
                <$core as $crate::tables::Columns>::columns(records.py(), &cores)
            }
        });

        impl $crate::tables::Columns for $core {
            fn columns<'py>(
                py: Python<'py>,
                records: &[&Self],
            ) -> PyResult<Bound<'py, pyo3::types::PyDict>> {
                let dict = pyo3::types::PyDict::new(py);
                $(dict.set_item(
                    stringify!($field),
                    $crate::tables::column(py, records, |r| {
                        $crate::convert::ToPy::to_plain(&r.$field, py)
                    })?,
                )?;)*
                Ok(dict)
            }
        }

        impl $crate::record::IntoPyRecord for $core {
            fn into_py_record<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                Ok(Bound::new(py, $py(self))?.into_any())
            }
        }

        impl $crate::convert::ToPy for $core {
            fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                Ok(Bound::new(py, $py(self.clone()))?.into_any())
            }
            fn to_plain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                let dict = pyo3::types::PyDict::new(py);
                $(dict.set_item(stringify!($field), $crate::convert::ToPy::to_plain(&self.$field, py)?)?;)*
                Ok(dict.into_any())
            }
        }
    };
}
pub(crate) use record;

use crate::errors::to_py_err;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyTuple};

/// A core input record from its Python class (cloned) or from a dict/mapping (through serde).
pub trait FromPy: Sized {
    /// The record's kind in error messages ("bet").
    const WHAT: &'static str;

    /// Reads the record found at `at` in an argument; a malformed one raises
    /// `InvalidRecordError` naming the path of the field (`bets[3].stake: ...`).
    fn from_py_at(value: &Bound<'_, PyAny>, at: Place<'_>) -> PyResult<Self>;

    /// Reads a record given as the whole argument `name`: the path of a bad field starts
    /// with the argument's name (`bet.stake: ...`), as in JavaScript and in the core's
    /// rule (`edgecore::input`).
    fn from_py(name: &'static str, value: &Bound<'_, PyAny>) -> PyResult<Self> {
        Self::from_py_at(value, Place::arg(name))
    }
}

/// Where a record sits in an argument: the whole argument `name`, its item `index` (a list)
/// or its entry under `key` (a dict of records). Written (`bets[3]`, `results["e1"]`) only
/// when an error names it.
#[derive(Debug, Clone, Copy)]
pub struct Place<'a> {
    /// The argument.
    pub name: &'static str,
    /// The item's index in the list.
    pub index: Option<usize>,
    /// The entry's key in the dict.
    pub key: Option<&'a str>,
}

impl Place<'_> {
    /// The whole argument `name`: its errors name the argument, then the field
    /// (`bet.stake: ...`).
    pub const fn arg(name: &'static str) -> Place<'static> {
        Place {
            name,
            index: None,
            key: None,
        }
    }
}

impl std::fmt::Display for Place<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use edgecore::input::{Spelling, Step};
        let mut out = String::new();
        Step::Field(self.name).push(&mut out, Spelling::Snake);
        if let Some(i) = self.index {
            Step::Index(i).push(&mut out, Spelling::Snake);
        }
        if let Some(key) = self.key {
            Step::Key(key).push(&mut out, Spelling::Snake);
        }
        f.write_str(&out)
    }
}

/// A core record moved into its Python class (no clone, unlike `ToPy::to_py`).
pub trait IntoPyRecord: Sized {
    /// The record as its result object.
    fn into_py_record<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>>;
}

/// Records moved into an `edgecore.Records` list of result objects.
///
/// Result objects hold no Python references, so they can never be part of a reference
/// cycle; for long lists the cyclic garbage collector is paused while they are created
/// (the GIL is held throughout), otherwise every few hundred allocations would start a
/// collection, and some of them would rescan every tracked object of the program.
pub fn into_py_list<'py, T: IntoPyRecord>(
    py: Python<'py>,
    records: Vec<T>,
) -> PyResult<Bound<'py, PyAny>> {
    let paused = records.len() >= GC_PAUSE_MIN && {
        let gc = py.import("gc")?;
        let enabled = gc.call_method0("isenabled")?.is_truthy()?;
        if enabled {
            gc.call_method0("disable")?;
        }
        enabled
    };
    let items = records
        .into_iter()
        .map(|r| r.into_py_record(py))
        .collect::<PyResult<Vec<_>>>();
    if paused {
        py.import("gc")?.call_method0("enable")?;
    }
    crate::tables::records(py, pyo3::types::PyList::new(py, items?)?)
}

/// Lists at least this long are built with the garbage collector paused.
const GC_PAUSE_MIN: usize = 1024;

/// The list of input records given as argument `name`: each item read at `name[i]`, the
/// path its errors name (see [`each`] for the bound and signals).
pub fn from_py_list<T: FromPy>(name: &'static str, value: &Bound<'_, PyAny>) -> PyResult<Vec<T>> {
    each(T::WHAT, name, value, |i, item| {
        T::from_py_at(
            &item,
            Place {
                name,
                index: Some(i),
                key: None,
            },
        )
    })
}

/// Reads every item of the list argument `name` (a list, a tuple or any iterable: a
/// generator, a pandas column...) with `read(index, item)`, in order.
///
/// Bounded: a list or tuple of more than `edgecore::MAX_RECORDS` items is refused before
/// any is read, and an iterable at its item number `MAX_RECORDS + 1`, with
/// `InvalidRecordError` (`"invalid {what}: {name}: holds more than 10000000 items..."`),
/// so an endless iterable ends with an error instead of filling memory. Signals are checked
/// every [`SIGNAL_EVERY`] items: Ctrl-C raises `KeyboardInterrupt` while a long or slow
/// iterable is read.
pub fn each<'py, T>(
    what: &'static str,
    name: &'static str,
    value: &Bound<'py, PyAny>,
    mut read: impl FnMut(usize, Bound<'py, PyAny>) -> PyResult<T>,
) -> PyResult<Vec<T>> {
    let sized = value.is_exact_instance_of::<PyList>() || value.is_exact_instance_of::<PyTuple>();
    let len = if sized { value.len()? } else { 0 };
    if len > edgecore::MAX_RECORDS {
        return Err(to_py_err(edgecore::input::too_many_records(what, name)));
    }
    let mut out = Vec::with_capacity(len);
    if sized {
        for (i, item) in value.try_iter()?.enumerate() {
            next_item(value.py(), what, i, || name.to_owned())?;
            out.push(read(i, item?)?);
        }
        return Ok(out);
    }
    // Any other iterable runs the caller's `__next__`: through `crate::raw::call`, the exit
    // guard of every call into caller code.
    let py = value.py();
    let iter = crate::raw::iter(value)?.into_any();
    let next = py.import("builtins")?.getattr("next")?;
    let args = PyTuple::new(py, [iter])?;
    for i in 0.. {
        match crate::raw::call(&next, &args, None) {
            Ok(item) => {
                next_item(py, what, i, || name.to_owned())?;
                out.push(read(i, item)?);
            }
            Err(e) if e.is_instance_of::<pyo3::exceptions::PyStopIteration>(py) => break,
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

/// Lists check for signals (Ctrl-C) once every this many items.
pub const SIGNAL_EVERY: usize = 1024;

/// The checks before item `index` of a list being read is read (its path given by `at`,
/// rendered only on error): the list's bound (`edgecore::input::count`), then pending
/// signals every [`SIGNAL_EVERY`] items (an iterable written in C, such as
/// `itertools.count()`, runs no Python code that would notice them).
pub fn next_item(
    py: Python<'_>,
    what: &'static str,
    index: usize,
    at: impl FnOnce() -> String,
) -> PyResult<()> {
    edgecore::input::count(what, index, at).map_err(to_py_err)?;
    if index % SIGNAL_EVERY == SIGNAL_EVERY - 1 {
        py.check_signals()?;
    }
    Ok(())
}

/// The optional input record argument `name`: the record, a dict of its fields, or `None`
/// for its default.
pub fn opt_record<T: FromPy + Default>(
    name: &'static str,
    value: Option<&Bound<'_, PyAny>>,
) -> PyResult<T> {
    match value {
        Some(v) if !v.is_none() => T::from_py(name, v),
        _ => Ok(T::default()),
    }
}

/// The optional input record argument `name`: `None` stays `None`, anything else is read
/// as the record.
pub fn from_py_opt<T: FromPy>(
    name: &'static str,
    value: Option<&Bound<'_, PyAny>>,
) -> PyResult<Option<T>> {
    value
        .filter(|v| !v.is_none())
        .map(|v| T::from_py(name, v))
        .transpose()
}

/// An optional list of input records: `None` is the empty list.
pub fn from_py_list_opt<T: FromPy>(
    name: &'static str,
    value: Option<&Bound<'_, PyAny>>,
) -> PyResult<Vec<T>> {
    match value {
        Some(v) if !v.is_none() => from_py_list(name, v),
        _ => Ok(Vec::new()),
    }
}

impl<T: IntoPyRecord> IntoPyRecord for Option<T> {
    fn into_py_record<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self {
            Some(record) => record.into_py_record(py),
            None => Ok(py.None().into_bound(py)),
        }
    }
}

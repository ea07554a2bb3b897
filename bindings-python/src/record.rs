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
            fn from_py(value: &Bound<'_, PyAny>) -> PyResult<Self> {
                match value.cast::<$py>() {
                    Ok(object) => Ok(object.get().0.clone()),
                    Err(_) => $crate::convert::record($what, value),
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

use pyo3::prelude::*;

/// A core input record from its Python class (cloned) or from a dict/mapping (through serde).
pub trait FromPy: Sized {
    /// Reads the record; a malformed one raises `InvalidRecordError` naming the field.
    fn from_py(value: &Bound<'_, PyAny>) -> PyResult<Self>;
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

/// A list of input records: a list or tuple, or any iterable, whose `__next__` (the caller's
/// code) runs through [`crate::raw::call`].
pub fn from_py_list<T: FromPy>(value: &Bound<'_, PyAny>) -> PyResult<Vec<T>> {
    if value.is_exact_instance_of::<pyo3::types::PyList>()
        || value.is_exact_instance_of::<pyo3::types::PyTuple>()
    {
        return value.try_iter()?.map(|item| T::from_py(&item?)).collect();
    }
    let py = value.py();
    let iter = value.try_iter()?.into_any();
    let next = py.import("builtins")?.getattr("next")?;
    let args = pyo3::types::PyTuple::new(py, [iter])?;
    let mut records = Vec::new();
    loop {
        match crate::raw::call(&next, &args, None) {
            Ok(item) => records.push(T::from_py(&item)?),
            Err(e) if e.is_instance_of::<pyo3::exceptions::PyStopIteration>(py) => {
                return Ok(records);
            }
            Err(e) => return Err(e),
        }
    }
}

/// An optional input record: the record, a dict of its fields, or `None` for its default.
pub fn opt_record<T: FromPy + Default>(value: Option<&Bound<'_, PyAny>>) -> PyResult<T> {
    match value {
        Some(v) if !v.is_none() => T::from_py(v),
        _ => Ok(T::default()),
    }
}

/// An optional input record: `None` stays `None`, anything else is read as the record.
pub fn from_py_opt<T: FromPy>(value: Option<&Bound<'_, PyAny>>) -> PyResult<Option<T>> {
    value
        .filter(|v| !v.is_none())
        .map(|v| T::from_py(v))
        .transpose()
}

/// An optional list of input records: `None` is the empty list.
pub fn from_py_list_opt<T: FromPy>(value: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<T>> {
    match value {
        Some(v) if !v.is_none() => from_py_list(v),
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

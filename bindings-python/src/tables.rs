//! Tables out: results that are tables become pandas or polars DataFrames, built from
//! columns in one call (no Python call per row). pandas and polars stay optional: they are
//! imported when a frame is asked for.
//!
//! Lists of records returned by the package's functions are `edgecore.Records` (a `list`
//! subclass with `to_pandas()`/`to_polars()`); results holding one table (`Schedule.rows`,
//! `Heatmap.cells`, `StrategyRun.bets`) have the two methods themselves. A column holds
//! each record's field as `to_dict()` gives it: `Decimal` money (exact; object columns in
//! pandas, `Decimal` columns in polars), floats, ints, str names, dates and UTC datetimes,
//! nested records as dicts, lists as lists.

use crate::errors::to_py_err;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyTuple, PyType};

/// A core record type whose fields can be laid out as columns.
pub trait Columns: Sized {
    /// `{field: [value of each record]}` in field order.
    fn columns<'py>(py: Python<'py>, records: &[&Self]) -> PyResult<Bound<'py, PyDict>>;
}

/// A column: `value` of every record, in its `to_dict()` form.
pub fn column<'py, T>(
    py: Python<'py>,
    records: &[&T],
    value: impl Fn(&T) -> PyResult<Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyList>> {
    let items = records
        .iter()
        .map(|r| value(r))
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, items)
}

/// The DataFrame of `columns` in `library` ("pandas" or "polars"). Errors: `ImportError`
/// naming the package to install when it is missing.
///
/// The library's import (the first one) and its `DataFrame` are Python code, run through
/// [`crate::raw`] so that a daemon thread doing it as the interpreter exits waits instead
/// of aborting the process (see [`crate::exit`]).
pub fn frame<'py>(
    py: Python<'py>,
    columns: Bound<'py, PyDict>,
    library: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let module = crate::raw::import(py, library).map_err(|e| {
        pyo3::exceptions::PyImportError::new_err(format!(
            "to_{library}() needs {library} (pip install {library}): {e}"
        ))
    })?;
    let options = PyDict::new(py);
    if library == "polars" {
        // types read from every row, nested values of one column unified (a None line here,
        // a Decimal there; decimals of different scales)
        options.set_item("strict", false)?;
        options.set_item("infer_schema_length", py.None())?;
    }
    crate::raw::call(
        &module.getattr(intern!(py, "DataFrame"))?,
        &PyTuple::new(py, [columns])?,
        Some(&options),
    )
}

/// The DataFrame of core records.
pub fn records_frame<'py, T: Columns>(
    py: Python<'py>,
    records: &[T],
    library: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let refs: Vec<&T> = records.iter().collect();
    frame(py, T::columns(py, &refs)?, library)
}

/// The records of a list that must all be of class `P` (for `Records.to_pandas()`).
pub fn cast_all<'py, P: pyo3::PyClass + pyo3::type_object::PyTypeInfo>(
    records: &Bound<'py, PyAny>,
    class: &'static str,
) -> PyResult<Vec<Bound<'py, P>>> {
    crate::record::each("records", "records", records, |_, item| {
        item.cast_into::<P>().map_err(|e| {
            to_py_err(edgecore::Error::invalid_record(
                "records",
                format!(
                    "a table holds records of one class, {class}; got {}",
                    e.into_inner()
                        .get_type()
                        .name()
                        .map(|n| n.to_string())
                        .unwrap_or_default()
                ),
            ))
        })
    })
}

/// `edgecore.Records`, the list class of record results (looked up once).
static RECORDS: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// `items` as an `edgecore.Records` list.
pub fn records<'py>(py: Python<'py>, items: Bound<'py, PyList>) -> PyResult<Bound<'py, PyAny>> {
    let class = RECORDS.get_or_try_init(py, || {
        py.import("edgecore._tables")?
            .getattr("Records")?
            .cast_into::<PyType>()
            .map(Bound::unbind)
            .map_err(PyErr::from)
    })?;
    class.bind(py).call1((items,))
}

/// The DataFrame of a list of records of one class (`Records.to_pandas()` and
/// `Records.to_polars()` call it): the class's columns, then one DataFrame call. An empty
/// list gives an empty frame. Errors: `InvalidRecordError` for a list mixing classes or
/// holding something else than records.
#[pyfunction]
fn _records_frame<'py>(
    py: Python<'py>,
    records: &Bound<'py, PyList>,
    library: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let columns = match records.iter().next() {
        None => PyDict::new(py),
        Some(first) => {
            // The first item may be any object: its class's attribute (a metaclass's
            // `__getattr__`, a `_columns` of the caller's) is read and called through
            // `crate::raw`.
            let class = first.get_type();
            let Some(columns) = crate::raw::getattr_opt(class.as_any(), intern!(py, "_columns"))?
            else {
                return Err(to_py_err(edgecore::Error::invalid_record(
                    "records",
                    format!("{} is not an edgecore record", class.name()?),
                )));
            };
            crate::raw::call(&columns, &PyTuple::new(py, [records])?, None)?.cast_into()?
        }
    };
    frame(py, columns, library)
}

/// Adds `_records_frame` to the module (outside `__all__`: `edgecore.Records` uses it).
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.setattr("_records_frame", wrap_pyfunction!(_records_frame, m)?)
}

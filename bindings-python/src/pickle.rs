//! Pickling and copying of the package's classes.
//!
//! An object pickles as `(Class._from_state, (state,))` where the state is the core value's
//! serde JSON text (exact: decimals as strings, floats shortest round-trip, instants RFC
//! 3339), so any pickle protocol, `multiprocessing`, Dask or a cache that pickles carries it
//! to another process, which restores an equal object. Results are immutable, so
//! `copy.copy` and `copy.deepcopy` give the object itself. A state that cannot be written or
//! read raises `InvalidRecordError` (an `EdgecoreError`) naming the class.

use crate::errors::OrRaise;
use pyo3::IntoPyObjectExt;
use pyo3::prelude::*;
use pyo3::types::PyTuple;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// The pickled state of a core value of class `class`.
pub fn to_state<T: Serialize>(class: &'static str, value: &T) -> PyResult<String> {
    serde_json::to_string(value)
        .map_err(|e| edgecore::Error::invalid_record(class, format!("cannot be pickled: {e}")))
        .or_raise()
}

/// The core value of class `class` from its pickled state.
pub fn from_state<T: DeserializeOwned>(class: &'static str, state: &str) -> PyResult<T> {
    serde_json::from_str(state)
        .map_err(|e| edgecore::Error::invalid_record(class, format!("cannot be unpickled: {e}")))
        .or_raise()
}

/// `__reduce__`'s value: `(type(object)._from_state, args)`.
pub fn reduce<'py>(
    object: &Bound<'py, PyAny>,
    args: impl IntoPyObject<'py>,
) -> PyResult<Bound<'py, PyTuple>> {
    let restore = object.get_type().getattr("_from_state")?;
    let args = args.into_bound_py_any(object.py())?;
    PyTuple::new(object.py(), [restore, args])
}

/// The `#[pymethods]` block of a frozen class wrapping a serde core value as its field `.0`:
/// the methods given, plus `_from_state`, `__reduce__`, `__copy__` and `__deepcopy__`.
macro_rules! pickled_pymethods {
    ($name:expr, $core:ty, impl $py:ident { $($item:tt)* }) => {
        #[pymethods]
        impl $py {
            $($item)*

            /// Restores an object from its pickled state (see `__reduce__`).
            #[classmethod]
            fn _from_state(
                _cls: &Bound<'_, pyo3::types::PyType>,
                state: $crate::convert::Text,
            ) -> PyResult<Self> {
                $crate::pickle::from_state::<$core>($name, &state).map(Self)
            }

            fn __reduce__<'py>(
                slf: &Bound<'py, Self>,
            ) -> PyResult<Bound<'py, pyo3::types::PyTuple>> {
                let state = $crate::pickle::to_state($name, &slf.get().0)?;
                $crate::pickle::reduce(slf.as_any(), (state,))
            }

            fn __copy__(slf: &Bound<'_, Self>) -> Py<Self> {
                slf.clone().unbind()
            }

            fn __deepcopy__(slf: &Bound<'_, Self>, _memo: &Bound<'_, PyAny>) -> Py<Self> {
                slf.clone().unbind()
            }
        }
    };
}
pub(crate) use pickled_pymethods;

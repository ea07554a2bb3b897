//! edgecore errors as Python exceptions: `edgecore.EdgecoreError` (a `ValueError`) and one
//! subclass per core error kind, named `<Kind>Error`, with the core's message.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyTuple, PyType};

pyo3::create_exception!(
    edgecore,
    EdgecoreError,
    PyValueError,
    "Base class of every edgecore error; `kind` names the core error kind."
);

/// The subclasses, in the order of `edgecore::Error::KINDS`.
static KIND_CLASSES: PyOnceLock<Vec<Py<PyType>>> = PyOnceLock::new();

fn kind_classes(py: Python<'_>) -> PyResult<&Vec<Py<PyType>>> {
    KIND_CLASSES.get_or_try_init(py, || {
        let base = py.get_type::<EdgecoreError>();
        base.setattr("kind", "EdgecoreError")?;
        let type_ = py.import("builtins")?.getattr("type")?;
        edgecore::Error::KINDS
            .iter()
            .map(|kind| {
                let attrs = PyDict::new(py);
                attrs.set_item("__module__", "edgecore")?;
                attrs.set_item("kind", kind)?;
                attrs.set_item("__doc__", format!("edgecore error of kind {kind}."))?;
                let bases = PyTuple::new(py, [&base])?;
                let class = type_.call1((format!("{kind}Error"), bases, attrs))?;
                Ok(class.cast_into::<PyType>()?.unbind())
            })
            .collect()
    })
}

/// The Python exception for a core error: its kind's class with the core's message.
pub fn to_py_err(error: edgecore::Error) -> PyErr {
    Python::attach(|py| {
        let index = edgecore::Error::KINDS
            .iter()
            .position(|k| *k == error.kind());
        match (kind_classes(py), index) {
            (Ok(classes), Some(i)) => {
                PyErr::from_type(classes[i].bind(py).clone(), error.to_string())
            }
            (Err(e), _) => e,
            (Ok(_), None) => EdgecoreError::new_err(error.to_string()),
        }
    })
}

/// `.or_raise()` turns a core result into a Python one.
pub trait OrRaise<T> {
    /// Maps the core error to its Python exception.
    fn or_raise(self) -> PyResult<T>;
}

impl<T> OrRaise<T> for edgecore::Result<T> {
    fn or_raise(self) -> PyResult<T> {
        self.map_err(to_py_err)
    }
}

/// Adds `EdgecoreError` and every kind's class to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("EdgecoreError", py.get_type::<EdgecoreError>())?;
    for class in kind_classes(py)? {
        let class = class.bind(py);
        m.add(class.name()?, class)?;
    }
    Ok(())
}

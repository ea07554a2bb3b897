//! Argument types of the package's signatures whose reading may meet the caller's code, read
//! so that a daemon thread at interpreter exit is parked rather than aborting the process
//! (see [`crate::exit`]).
//!
//! PyO3 converts a signature's typed parameters in the function's generated wrapper, above
//! any guard of the package: when that conversion runs Python code (a sequence's
//! `__getitem__` for a `Vec<..>`, a `__float__` for an `f64`) and the interpreter's exit
//! ends the thread there, the unwind reaches PyO3's trampoline, which aborts the process.
//! So a typed parameter is one whose conversion runs no caller code (`str` as
//! [`crate::convert::Text`]; `NaiveDate`, read by `date`'s own descriptors after a type
//! check that reads the object's type only), a number read by `crate::convert` (`float`,
//! `int`), or one of the types here, which read the value through [`crate::raw`]: the
//! caller's code runs only through calls that carry the exit guard.

use crate::convert::Text;
use pyo3::prelude::*;
use pyo3::types::{PyList, PySequence, PyString, PyTuple};
use pyo3::{CastError, PyTypeInfo};

/// A list of str arguments: a `list` or `tuple` of `str`, or any other sequence (read once
/// with `list(...)`, through [`crate::raw::call`]), as PyO3 reads `Vec<String>`. A `str`
/// (a sequence of characters) and a value that is not a sequence raise `TypeError`; an item
/// that is not a `str` raises `TypeError`, one that is not valid text (a lone surrogate)
/// `InvalidParameterError`, as [`Text`] reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Texts(pub Vec<Text>);

impl<'a, 'py> FromPyObject<'a, 'py> for Texts {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let py = obj.py();
        if obj.is_instance_of::<PyString>() {
            return Err(pyo3::exceptions::PyTypeError::new_err(
                "Can't extract `str` to `Vec`",
            ));
        }
        let items = if obj.is_exact_instance_of::<PyList>() || obj.is_exact_instance_of::<PyTuple>()
        {
            obj.to_owned()
        } else if crate::raw::is_sequence(&obj) {
            let list = py.get_type::<PyList>().into_any();
            crate::raw::call(&list, &PyTuple::new(py, [obj])?, None)?
        } else {
            return Err(CastError::new(obj, PySequence::type_object(py).into_any()).into());
        };
        // An exact list or tuple: iterating it and reading its `str` items runs no Python code.
        items
            .try_iter()?
            .map(|item| item?.extract::<Text>())
            .collect::<PyResult<Vec<_>>>()
            .map(Texts)
    }
}

//! Array inputs and outputs: lists, numpy arrays, pandas and polars Series are read once as
//! contiguous float64 numpy arrays; results come back as numpy arrays of the broadcast shape,
//! or as a plain float when every input was a scalar. The work runs with the GIL released.

use crate::errors::OrRaise;
use numpy::{PyArray1, PyArrayDyn, PyArrayMethods, PyReadonlyArrayDyn, PyUntypedArrayMethods};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyFloat, PyInt, PyTuple};

static NUMPY: PyOnceLock<Py<PyModule>> = PyOnceLock::new();

fn numpy(py: Python<'_>) -> PyResult<&Bound<'_, PyModule>> {
    Ok(NUMPY
        .get_or_try_init(py, || py.import("numpy").map(Bound::unbind))?
        .bind(py))
}

/// Whether `value` is a plain Python number (not an array or a sequence).
pub fn is_scalar(value: &Bound<'_, PyAny>) -> bool {
    value.is_instance_of::<PyFloat>() || value.is_instance_of::<PyInt>()
}

/// Any array-like as a C-contiguous float64 numpy array (a copy only when needed).
pub fn f64_array<'py>(value: &Bound<'py, PyAny>) -> PyResult<PyReadonlyArrayDyn<'py, f64>> {
    let np = numpy(value.py())?;
    let array = np.call_method1("ascontiguousarray", (value, np.getattr("float64")?))?;
    Ok(array.cast_into::<PyArrayDyn<f64>>()?.readonly())
}

/// Applies an element-wise core function to broadcast array arguments.
///
/// With every argument a Python number, `scalar` runs once and a `float` comes back. Otherwise
/// the arguments are broadcast together (numpy rules), made contiguous, and `batch` runs on the
/// flat columns without the GIL; the result has the broadcast shape.
pub fn elementwise<'py, const N: usize>(
    py: Python<'py>,
    args: [&Bound<'py, PyAny>; N],
    scalar: impl FnOnce([f64; N]) -> edgecore::Result<f64>,
    batch: impl FnOnce([&[f64]; N]) -> edgecore::Result<Vec<f64>> + Send,
) -> PyResult<Bound<'py, PyAny>> {
    if args.iter().all(|a| is_scalar(a)) {
        let mut values = [0.0; N];
        for (v, a) in values.iter_mut().zip(args) {
            *v = a.extract()?;
        }
        return Ok(PyFloat::new(py, scalar(values).or_raise()?).into_any());
    }
    let np = numpy(py)?;
    let broadcast = np.call_method1("broadcast_arrays", PyTuple::new(py, args)?)?;
    let arrays = broadcast
        .try_iter()?
        .map(|a| f64_array(&a?))
        .collect::<PyResult<Vec<_>>>()?;
    let shape = arrays
        .first()
        .map(|a| a.shape().to_vec())
        .unwrap_or_default();
    let slices = arrays
        .iter()
        .map(|a| a.as_slice().map_err(PyErr::from))
        .collect::<PyResult<Vec<_>>>()?;
    let columns: [&[f64]; N] = std::array::from_fn(|i| slices[i]);
    let out = py.detach(|| batch(columns)).or_raise()?;
    Ok(PyArray1::from_vec(py, out).reshape(shape)?.into_any())
}

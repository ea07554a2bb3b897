//! Array inputs and outputs: lists, numpy arrays, pandas and polars Series are read once as
//! contiguous float64 numpy arrays; results come back as numpy arrays of the broadcast shape,
//! or as a plain float when every input was a scalar. The work runs with the GIL released.

use crate::errors::{OrRaise, to_py_err};
use crate::progress::{Report, detach_reporting};
use crate::raw::exact_floats;
use numpy::{PyArray1, PyArrayDyn, PyArrayMethods, PyReadonlyArrayDyn, PyUntypedArrayMethods};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyFloat, PyInt, PyList, PyTuple};

static NUMPY: PyOnceLock<Py<PyModule>> = PyOnceLock::new();

/// The `numpy` module, imported once (through [`crate::raw::import`]: a first import runs
/// numpy's Python code, on whatever thread asks first).
pub fn numpy(py: Python<'_>) -> PyResult<&Bound<'_, PyModule>> {
    Ok(NUMPY
        .get_or_try_init(py, || {
            crate::raw::import(py, "numpy")?
                .cast_into::<PyModule>()
                .map(Bound::unbind)
                .map_err(PyErr::from)
        })?
        .bind(py))
}

/// Whether `value` is a plain Python number (not an array or a sequence).
pub fn is_scalar(value: &Bound<'_, PyAny>) -> bool {
    value.is_instance_of::<PyFloat>() || value.is_instance_of::<PyInt>()
}

/// The error for an argument that cannot be read as numbers of the expected shape.
fn not_numbers(name: &'static str, what: impl std::fmt::Display) -> PyErr {
    to_py_err(edgecore::Error::InvalidParameter {
        name,
        value: what.to_string(),
        reason: "must be numbers of the expected shape",
    })
}

/// Any array-like as a C-contiguous float64 numpy array that this call alone can reach: a
/// new array, copied (with the GIL held) even when the input already is one. The core reads
/// it with the GIL released, when other Python threads run; memory they can write (the
/// caller's array, a view of it, a Series' values) must never be read then, or a value
/// could change between the core's check and its use. Values that are not numbers raise
/// `InvalidParameterError` naming the argument.
pub fn f64_array<'py>(
    name: &'static str,
    value: &Bound<'py, PyAny>,
) -> PyResult<PyReadonlyArrayDyn<'py, f64>> {
    let np = numpy(value.py())?;
    let kwargs = PyDict::new(value.py());
    kwargs.set_item("dtype", np.getattr("float64")?)?;
    kwargs.set_item("order", "C")?;
    kwargs.set_item("copy", true)?;
    kwargs.set_item("ndmin", 1)?;
    // numpy runs the caller's `__float__` and sequence methods: through `raw::call`.
    let args = PyTuple::new(value.py(), [value])?;
    let array = crate::raw::call(&np.getattr("array")?, &args, Some(&kwargs))
        .map_err(|e| not_numbers(name, e))?;
    Ok(array.cast_into::<PyArrayDyn<f64>>()?.readonly())
}

/// Any array-like as a C-contiguous float64 numpy array, without a copy when it already is
/// one: only for reading with the GIL held (then no other Python code runs meanwhile).
fn f64_array_in_place<'py>(
    name: &'static str,
    value: &Bound<'py, PyAny>,
) -> PyResult<PyReadonlyArrayDyn<'py, f64>> {
    let np = numpy(value.py())?;
    let args = PyTuple::new(value.py(), [value, &np.getattr("float64")?])?;
    let array = crate::raw::call(&np.getattr("ascontiguousarray")?, &args, None)
        .map_err(|e| not_numbers(name, e))?;
    Ok(array.cast_into::<PyArrayDyn<f64>>()?.readonly())
}

/// A one-dimensional array-like (list, tuple, numpy array, pandas or polars Series) as a
/// vector of floats; lists and tuples are read directly, without numpy (in one pass when
/// they hold only floats, see [`exact_floats`]).
///
/// The caller's code (an item's `__float__`, a sequence's `__getitem__`, an `__array__`)
/// runs only inside single guarded calls of [`crate::raw`] (`as_double`, numpy's conversion
/// through `call`), so nothing here is guarded as a whole (see [`crate::exit`]).
pub fn f64_vec(name: &'static str, value: &Bound<'_, PyAny>) -> PyResult<Vec<f64>> {
    if let Some(values) = exact_floats(value) {
        return Ok(values);
    }
    // A list or tuple of numbers: each item read as `float()` reads it (the caller's
    // `__float__` runs through `raw::as_double`, safe at interpreter exit).
    let items = if let Ok(list) = value.cast::<PyList>() {
        Some(
            list.iter()
                .map(|item| crate::raw::as_double(&item))
                .collect(),
        )
    } else if let Ok(tuple) = value.cast::<PyTuple>() {
        Some(
            tuple
                .iter()
                .map(|item| crate::raw::as_double(&item))
                .collect(),
        )
    } else {
        None
    };
    if let Some(Ok(v)) = items {
        return Ok(v);
    }
    let array = f64_array_in_place(name, value)?;
    if array.ndim() != 1 {
        return Err(not_numbers(
            name,
            format_args!("an array of shape {:?}", array.shape()),
        ));
    }
    array.to_vec().map_err(PyErr::from)
}

/// A flat vector as a numpy array of the given shape.
pub fn to_numpy<'py>(
    py: Python<'py>,
    values: Vec<f64>,
    shape: &[usize],
) -> PyResult<Bound<'py, PyAny>> {
    Ok(PyArray1::from_vec(py, values).reshape(shape)?.into_any())
}

/// The `LengthMismatch` error for arrays that do not broadcast together: the first pair of
/// arguments whose sizes differ (neither being 1).
fn not_broadcastable(arrays: &[PyReadonlyArrayDyn<'_, f64>], names: &[&'static str]) -> PyErr {
    let sizes: Vec<usize> = arrays.iter().map(|a| a.len()).collect();
    let mut mismatch = None;
    for (i, (&left, &left_name)) in sizes.iter().zip(names).enumerate() {
        for (&right, &right_name) in sizes.iter().zip(names).skip(i + 1) {
            if mismatch.is_none() && left != right && left != 1 && right != 1 {
                mismatch = Some((left_name, left, right_name, right));
            }
        }
    }
    let (left, left_len, right, right_len) = mismatch.unwrap_or(("arguments", 0, "shapes", 0));
    to_py_err(edgecore::Error::LengthMismatch {
        left,
        left_len,
        right,
        right_len,
    })
}

/// Applies an element-wise core function to broadcast array arguments.
///
/// With every argument a Python number, `scalar` runs once and a `float` comes back. Otherwise
/// the arguments are broadcast together (numpy rules), made contiguous, and `batch` runs on the
/// flat columns, all of one length, without the GIL; the result has the broadcast shape.
pub fn elementwise<'py, const N: usize>(
    py: Python<'py>,
    args: [&Bound<'py, PyAny>; N],
    names: [&'static str; N],
    scalar: impl FnOnce([f64; N]) -> edgecore::Result<f64>,
    batch: impl FnOnce([&[f64]; N]) -> edgecore::Result<Vec<f64>> + Send,
) -> PyResult<Bound<'py, PyAny>> {
    apply(
        py,
        args,
        names,
        None,
        scalar,
        |c, _| batch(c),
        Single::Repeat,
    )
}

/// [`elementwise`] for the core's batch functions that take a column of one value as that
/// value on every row: arguments of one element are passed as they are, without being
/// repeated to the broadcast size. `batch` gets columns of the broadcast size or of one value
/// (see [`rows`] for the output length), and the core's progress callback when `progress=`
/// asks for reports, else `None` (see [`crate::progress::detach_reporting`]; the total is the
/// number of output values). Scalar calls make no report.
pub fn elementwise_rows<'py, const N: usize>(
    py: Python<'py>,
    args: [&Bound<'py, PyAny>; N],
    names: [&'static str; N],
    progress: Option<&Bound<'py, PyAny>>,
    scalar: impl FnOnce([f64; N]) -> edgecore::Result<f64>,
    batch: impl FnOnce([&[f64]; N], Option<Report<'_>>) -> edgecore::Result<Vec<f64>> + Send,
) -> PyResult<Bound<'py, PyAny>> {
    apply(py, args, names, progress, scalar, batch, Single::Keep)
}

/// The number of rows of columns passed by [`elementwise_rows`]: 0 if any column is empty,
/// else the longest column's length.
pub fn rows(columns: &[&[f64]]) -> usize {
    if columns.iter().any(|c| c.is_empty()) {
        0
    } else {
        columns.iter().map(|c| c.len()).max().unwrap_or(0)
    }
}

/// What [`apply`] does with an argument of one element when the broadcast shape is larger.
#[derive(Clone, Copy, PartialEq)]
enum Single {
    /// Repeat it to the broadcast shape (the batch function needs equal lengths).
    Repeat,
    /// Pass it as a column of one value (the batch function broadcasts it itself).
    Keep,
}

fn apply<'py, const N: usize>(
    py: Python<'py>,
    args: [&Bound<'py, PyAny>; N],
    names: [&'static str; N],
    progress: Option<&Bound<'py, PyAny>>,
    scalar: impl FnOnce([f64; N]) -> edgecore::Result<f64>,
    batch: impl FnOnce([&[f64]; N], Option<Report<'_>>) -> edgecore::Result<Vec<f64>> + Send,
    single: Single,
) -> PyResult<Bound<'py, PyAny>> {
    if args.iter().all(|a| is_scalar(a)) {
        let mut values = [0.0; N];
        for ((v, a), name) in values.iter_mut().zip(args).zip(names) {
            *v = crate::convert::float(name, a)?;
        }
        return Ok(PyFloat::new(py, scalar(values).or_raise()?).into_any());
    }
    let np = numpy(py)?;
    let inputs = args
        .iter()
        .zip(names)
        .map(|(a, name)| f64_array(name, a))
        .collect::<PyResult<Vec<_>>>()?;
    let shapes = inputs
        .iter()
        .map(|a| PyTuple::new(py, a.shape()))
        .collect::<PyResult<Vec<_>>>()?;
    // `broadcast_shapes` and `broadcast_to` are numpy's Python code: through `raw::call`.
    let shape: Vec<usize> = crate::raw::call(
        &np.getattr(intern!(py, "broadcast_shapes"))?,
        &PyTuple::new(py, shapes)?,
        None,
    )
    .and_then(|s| s.extract())
    .map_err(|_| not_broadcastable(&inputs, &names))?;
    // Arrays already of the broadcast shape (and, with `Single::Keep`, single values) are
    // used in place; the others are repeated to the broadcast shape by numpy.
    let arrays = inputs
        .into_iter()
        .zip(names)
        .map(|(a, name)| {
            if a.shape() == shape.as_slice() || (single == Single::Keep && a.len() == 1) {
                Ok(a)
            } else {
                // `a` is this call's own copy, so is every array made from it
                let args = (a.as_any(), shape.as_slice()).into_pyobject(py)?;
                let full =
                    crate::raw::call(&np.getattr(intern!(py, "broadcast_to"))?, &args, None)?;
                f64_array_in_place(name, &full)
            }
        })
        .collect::<PyResult<Vec<_>>>()?;
    let slices = arrays
        .iter()
        .map(|a| a.as_slice().map_err(PyErr::from))
        .collect::<PyResult<Vec<_>>>()?;
    let columns: [&[f64]; N] = std::array::from_fn(|i| slices[i]);
    let total = shape.iter().product();
    let out = detach_reporting(py, progress, total, |report| batch(columns, report))?.or_raise()?;
    to_numpy(py, out, &shape)
}

//! Lists and tuples of floats or dates read in one pass, without a Python call per item, and
//! a call into Python that survives interpreter exit on a daemon thread ([`call`]): the one
//! module of the package with `unsafe` code.
//!
//! Under the stable ABI (abi3) every step of the safe route is a call into the interpreter:
//! the list's length, the item, a reference taken and released, then the value (for a date,
//! a call of `toordinal()`). Over 1,000 cash flows that costs more than their XIRR (the
//! `xirr` benchmarks measure both routes). Here
//! items are borrowed from the list and only objects of an exact, known type are read
//! (`float`; `datetime.date` and `datetime.datetime`), so no Python code runs while the list
//! is read and it cannot change meanwhile. Anything else makes the readers return `None`,
//! and the caller takes the safe route, which also reports bad items.
//!
//! Dates: the stable ABI leaves out the datetime C API. CPython keeps a date's year, month
//! and day in the first 4 bytes of the `data` field of `PyDateTime_Date` (and of
//! `PyDateTime_DateTime`, which starts the same way), right after the object header, the
//! cached hash and the `hastzinfo` flag: the bytes that the `PyDateTime_GET_YEAR`,
//! `GET_MONTH` and `GET_DAY` macros of `datetime.h` read. That layout is not part of the
//! stable ABI, so it is checked once, at first use, against the types' sizes and against
//! dates and datetimes whose fields are known; if any check fails dates are never read this
//! way.

#![allow(unsafe_code)]

use chrono::NaiveDate;
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyInt, PyList, PyString, PyTuple, PyType};

/// Offset of a date's year (high byte first): the object header, the cached hash
/// (`Py_hash_t`) and the `hastzinfo` flag (one byte).
const OFFSET: usize = std::mem::size_of::<ffi::PyObject>() + std::mem::size_of::<isize>() + 1;

/// The items of a list or tuple, borrowed: each pointer is valid as long as the sequence is
/// not changed, that is while the caller runs no Python code. `None` for anything else.
fn borrowed_items<'a>(
    value: &'a Bound<'_, PyAny>,
) -> Option<impl Iterator<Item = *mut ffi::PyObject> + 'a> {
    let get: unsafe extern "C" fn(*mut ffi::PyObject, ffi::Py_ssize_t) -> *mut ffi::PyObject =
        if value.is_exact_instance_of::<PyList>() {
            ffi::PyList_GetItem
        } else if value.is_exact_instance_of::<PyTuple>() {
            ffi::PyTuple_GetItem
        } else {
            return None;
        };
    let len = value.len().ok()?;
    let sequence = value.as_ptr();
    // SAFETY: `sequence` is an exact list or tuple kept alive by `value`; every index is
    // below its length, which cannot change while no Python code runs, so the call returns
    // a borrowed, non-null item.
    Some((0..len).map(move |i| unsafe { get(sequence, i as ffi::Py_ssize_t) }))
}

/// The type of a live object.
///
/// # Safety
/// `item` points to a live Python object (an item from [`borrowed_items`], while no Python
/// code runs).
unsafe fn type_of(item: *mut ffi::PyObject) -> *mut ffi::PyTypeObject {
    // SAFETY: the caller passes a live object, whose header holds its type.
    unsafe { ffi::Py_TYPE(item) }
}

/// The values of a list or tuple whose items are all exactly `float`; `None` otherwise.
pub fn exact_floats(value: &Bound<'_, PyAny>) -> Option<Vec<f64>> {
    let float = value.py().get_type::<pyo3::types::PyFloat>().as_type_ptr();
    borrowed_items(value)?
        .map(|item| {
            // SAFETY: `item` is a live item of the sequence, and no Python code runs here.
            let exact = unsafe { type_of(item) } == float;
            // SAFETY: an exact float (checked first): reading it cannot fail or run code.
            exact.then(|| unsafe { ffi::PyFloat_AsDouble(item) })
        })
        .collect()
}

/// The year, month and day stored in `item`.
///
/// # Safety
/// `item` points to a live object whose type is exactly `date` or `datetime`, and that
/// type's `__basicsize__` is at least `OFFSET + 4` (checked by [`checked_layout`], which
/// also checks that known dates read back exactly before any other read is trusted).
unsafe fn fields(item: *mut ffi::PyObject) -> (i32, u32, u32) {
    let base = item.cast::<u8>().cast_const();
    // SAFETY: the object is alive, and its type (`date` or `datetime`) has
    // `__basicsize__ >= OFFSET + 4` (checked with the layout), so the 4 bytes lie inside
    // it and nothing writes them while the caller holds the GIL. `u8` has no alignment
    // requirement.
    let bytes: &[u8] = unsafe { std::slice::from_raw_parts(base.wrapping_add(OFFSET), 4) };
    (
        (i32::from(bytes[0]) << 8) | i32::from(bytes[1]),
        u32::from(bytes[2]),
        u32::from(bytes[3]),
    )
}

/// The exact `date` and `datetime` types, when their layout passed the checks.
struct Layout {
    date: Py<PyType>,
    datetime: Py<PyType>,
}

static LAYOUT: PyOnceLock<Option<Layout>> = PyOnceLock::new();

/// The `date` and `datetime` types if the layout described in the module docs holds on this
/// interpreter: both types large enough, and known values read back exactly.
fn checked_layout(py: Python<'_>) -> PyResult<Option<Layout>> {
    let module = py.import("datetime")?;
    let date = module.getattr("date")?.cast_into::<PyType>()?;
    let datetime = module.getattr("datetime")?.cast_into::<PyType>()?;
    for t in [&date, &datetime] {
        if t.getattr("__basicsize__")?.extract::<usize>()? < OFFSET + 4 {
            return Ok(None);
        }
    }
    let known = [
        (1, 1, 1),
        (2024, 2, 29),
        (1999, 12, 31),
        (9999, 12, 31),
        (1970, 7, 4),
    ];
    for (y, m, d) in known {
        let as_date = date.call1((y, m, d))?;
        let as_datetime = datetime.call1((y, m, d, 23, 59, 58, 999_999))?;
        for value in [as_date, as_datetime] {
            // SAFETY: `value` is alive (held here), an exact `date` or `datetime`, whose
            // type's basic size was checked above.
            let read = unsafe { fields(value.as_ptr()) };
            if read != (y, m as u32, d as u32) {
                return Ok(None);
            }
        }
    }
    Ok(Some(Layout {
        date: date.unbind(),
        datetime: datetime.unbind(),
    }))
}

/// The dates of a list or tuple whose items are all exactly `date` or `datetime` objects (a
/// datetime's time is ignored); `None` when the layout check failed, `value` is not a list
/// or tuple, or any item is something else.
pub fn exact_dates(value: &Bound<'_, PyAny>) -> PyResult<Option<Vec<NaiveDate>>> {
    let py = value.py();
    let Some(layout) = LAYOUT.get_or_try_init(py, || checked_layout(py))? else {
        return Ok(None);
    };
    let date = layout.date.bind(py).as_type_ptr();
    let datetime = layout.datetime.bind(py).as_type_ptr();
    let Some(items) = borrowed_items(value) else {
        return Ok(None);
    };
    Ok(items
        .map(|item| {
            // SAFETY: `item` is a live item of the sequence, and no Python code runs here.
            let t = unsafe { type_of(item) };
            if t == date || t == datetime {
                // SAFETY: a live `date` or `datetime` (checked above) of the checked layout.
                let (y, m, d) = unsafe { fields(item) };
                NaiveDate::from_ymd_opt(y, m, d)
            } else {
                None
            }
        })
        .collect())
}

/// Python functions called as able to unwind, for [`call`], [`release`] and the other calls
/// into Python below.
///
/// PyO3 declares them as C functions that cannot unwind, and one symbol has one declaration
/// for the compiler, whose no-unwind mark would drop the guard of [`call`] (and a frame
/// that has cleanups but reaches a call marked no-unwind makes the unwinder abort). So they
/// are called through pointers of the unwinding ABI that the optimiser cannot see through.
mod unwinding {
    use pyo3::ffi::{self, PyObject};

    /// `$name()`: the C function `$function` as a pointer of the unwinding ABI.
    macro_rules! unwinding {
        ($($name:ident = $function:ident: fn($($arg:ty),*) -> $ret:ty;)*) => {$(
            #[doc = concat!("`", stringify!($function), "`, through an unwinding pointer.")]
            pub fn $name() -> unsafe extern "C-unwind" fn($($arg),*) -> $ret {
                // SAFETY: the two ABIs differ only in whether unwinding out of the call is
                // allowed, which is what this pointer is for.
                std::hint::black_box(unsafe {
                    std::mem::transmute::<
                        unsafe extern "C" fn($($arg),*) -> $ret,
                        unsafe extern "C-unwind" fn($($arg),*) -> $ret,
                    >(ffi::$function)
                })
            }
        )*};
    }

    unwinding! {
        object_call = PyObject_Call: fn(*mut PyObject, *mut PyObject, *mut PyObject) -> *mut PyObject;
        dec_ref = Py_DecRef: fn(*mut PyObject) -> ();
        str = PyObject_Str: fn(*mut PyObject) -> *mut PyObject;
        repr = PyObject_Repr: fn(*mut PyObject) -> *mut PyObject;
        get_attr = PyObject_GetAttr: fn(*mut PyObject, *mut PyObject) -> *mut PyObject;
        get_iter = PyObject_GetIter: fn(*mut PyObject) -> *mut PyObject;
        iter_next = PyIter_Next: fn(*mut PyObject) -> *mut PyObject;
        is_instance = PyObject_IsInstance: fn(*mut PyObject, *mut PyObject) -> std::ffi::c_int;
        as_double = PyFloat_AsDouble: fn(*mut PyObject) -> std::ffi::c_double;
        index = PyNumber_Index: fn(*mut PyObject) -> *mut PyObject;
    }
}

/// `callable(*args, **kwargs)`, as `Bound::call`, for Python code run by the package's own
/// machinery (progress callbacks, the tqdm bar) or the caller's code met while arguments are
/// read, on threads that may be daemon threads.
///
/// Before Python 3.14, a thread other than the main one that runs Python code while the
/// interpreter finalizes is ended by `pthread_exit` when it next takes the GIL: an unwind
/// through the frames that called Python. Through the package's frames it aborts the
/// process. Here the call is declared as able to unwind, and runs under
/// [`crate::exit::guarded`], which parks the thread for good when that unwind reaches it.
/// The guard sits right at the call: no frame between them owns a Python object that the
/// unwind would drop (see the module docs of [`crate::exit`]).
pub fn call<'py>(
    callable: &Bound<'py, PyAny>,
    args: &Bound<'py, PyTuple>,
    kwargs: Option<&Bound<'py, pyo3::types::PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let kwargs = kwargs.map_or(std::ptr::null_mut(), |k| k.as_ptr());
    // SAFETY: the three objects are alive (borrowed for the call) and the GIL is held
    // (`'py`); `args` is a tuple and `kwargs` a dict or null, as `PyObject_Call` requires.
    let result = crate::exit::guarded(|| unsafe {
        unwinding::object_call()(callable.as_ptr(), args.as_ptr(), kwargs)
    });
    // SAFETY: `PyObject_Call` returns a new reference, or null with an exception set.
    unsafe { Bound::from_owned_ptr_or_err(callable.py(), result) }
}

/// The top-level module `name` (`__import__(name)`), imported through [`call`]: a first
/// import runs the module's Python code (numpy, pandas, polars), safe at interpreter exit as
/// [`call`] is; a module already imported is only looked up.
pub fn import<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    let import = py.import("builtins")?.getattr("__import__")?;
    call(&import, &PyTuple::new(py, [name])?, None)
}

/// Drops a reference to `object` as [`call`] calls: dropping the last one runs the object's
/// `__del__` (tqdm's closes the bar), which is Python code like any other.
pub fn release(_py: Python<'_>, object: Py<PyAny>) {
    let object = object.into_ptr();
    // SAFETY: `object` is the reference this function owns, handed over, and the GIL is held
    // (`_py`), as `Py_DecRef` requires.
    crate::exit::guarded(|| unsafe { unwinding::dec_ref()(object) });
}

/// `str(value)`, as `Bound::str`, safe at interpreter exit as [`call`] is (it runs the
/// caller's `__str__`: a `Decimal` subclass, an `int` subclass, a mapping key).
pub fn str<'py>(value: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyString>> {
    // SAFETY: `value` is alive and the GIL is held (`'py`).
    let result = crate::exit::guarded(|| unsafe { unwinding::str()(value.as_ptr()) });
    // SAFETY: `PyObject_Str` returns a new reference, or null with an exception set.
    let text = unsafe { Bound::from_owned_ptr_or_err(value.py(), result) }?;
    // `PyObject_Str` returns an exact `str` or raises.
    Ok(text.cast_into::<PyString>()?)
}

/// `repr(value)`, as `Bound::repr`, safe at interpreter exit as [`call`] is (the caller's
/// `__repr__`, shown in error messages).
pub fn repr<'py>(value: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyString>> {
    // SAFETY: as in `str`, for `PyObject_Repr`.
    let result = crate::exit::guarded(|| unsafe { unwinding::repr()(value.as_ptr()) });
    // SAFETY: as in `str`.
    let text = unsafe { Bound::from_owned_ptr_or_err(value.py(), result) }?;
    Ok(text.cast_into::<PyString>()?)
}

/// `getattr(value, name)`, as `Bound::getattr`, safe at interpreter exit as [`call`] is (a
/// caller's `__getattr__`, `__getattribute__` or property runs).
pub fn getattr<'py>(
    value: &Bound<'py, PyAny>,
    name: &Bound<'py, PyString>,
) -> PyResult<Bound<'py, PyAny>> {
    // SAFETY: both objects are alive and the GIL is held (`'py`).
    let result =
        crate::exit::guarded(|| unsafe { unwinding::get_attr()(value.as_ptr(), name.as_ptr()) });
    // SAFETY: `PyObject_GetAttr` returns a new reference, or null with an exception set.
    unsafe { Bound::from_owned_ptr_or_err(value.py(), result) }
}

/// [`getattr`], `None` when `value` has no such attribute (an `AttributeError`, as
/// `hasattr` reads it); any other error propagates.
pub fn getattr_opt<'py>(
    value: &Bound<'py, PyAny>,
    name: &Bound<'py, PyString>,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    match getattr(value, name) {
        Ok(attribute) => Ok(Some(attribute)),
        Err(e) if e.is_instance_of::<pyo3::exceptions::PyAttributeError>(value.py()) => Ok(None),
        Err(e) => Err(e),
    }
}

/// `value.name()`, as `Bound::call_method0`, safe at interpreter exit as [`call`] is (a
/// caller's `tzinfo.utcoffset` behind `datetime.utcoffset()`, an overridden `isoformat`).
pub fn call_method0<'py>(
    value: &Bound<'py, PyAny>,
    name: &Bound<'py, PyString>,
) -> PyResult<Bound<'py, PyAny>> {
    call(&getattr(value, name)?, &PyTuple::empty(value.py()), None)
}

/// `isinstance(value, class)`, as `Bound::is_instance`, safe at interpreter exit as [`call`]
/// is (an abstract class's `__instancecheck__` is Python code, and it reads the caller's
/// `__class__`).
pub fn is_instance(value: &Bound<'_, PyAny>, class: &Bound<'_, PyAny>) -> PyResult<bool> {
    // SAFETY: both objects are alive and the GIL is held (`Bound`).
    let result = crate::exit::guarded(|| unsafe {
        unwinding::is_instance()(value.as_ptr(), class.as_ptr())
    });
    match result {
        -1 => Err(PyErr::fetch(value.py())),
        r => Ok(r == 1),
    }
}

/// `value` as a float, as `float(value)` reads a number (its `__float__`, else its
/// `__index__`; a `str` is refused): PyO3's `f64` extraction, safe at interpreter exit as
/// [`call`] is.
pub fn as_double(value: &Bound<'_, PyAny>) -> PyResult<f64> {
    // SAFETY: `value` is alive and the GIL is held (`Bound`).
    let result = crate::exit::guarded(|| unsafe { unwinding::as_double()(value.as_ptr()) });
    // `PyFloat_AsDouble` returns -1.0 with an exception set when it fails.
    match PyErr::take(value.py()) {
        Some(e) if result == -1.0 => Err(e),
        _ => Ok(result),
    }
}

/// `operator.index(value)`: an `int` (the caller's `__index__` runs), safe at interpreter
/// exit as [`call`] is.
pub fn index<'py>(value: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyInt>> {
    // SAFETY: `value` is alive and the GIL is held (`Bound`).
    let result = crate::exit::guarded(|| unsafe { unwinding::index()(value.as_ptr()) });
    // SAFETY: `PyNumber_Index` returns a new reference, or null with an exception set.
    let int = unsafe { Bound::from_owned_ptr_or_err(value.py(), result) }?;
    Ok(int.cast_into::<PyInt>()?)
}

/// An iterator made by [`iter`], whose items [`next`] takes.
pub struct Iter<'py>(Bound<'py, PyAny>);

impl<'py> Iter<'py> {
    /// The iterator as a Python object.
    pub fn into_any(self) -> Bound<'py, PyAny> {
        self.0
    }
}

/// `iter(value)`, as `Bound::try_iter`, safe at interpreter exit as [`call`] is (a
/// caller's `__iter__`).
pub fn iter<'py>(value: &Bound<'py, PyAny>) -> PyResult<Iter<'py>> {
    // SAFETY: `value` is alive and the GIL is held (`'py`).
    let result = crate::exit::guarded(|| unsafe { unwinding::get_iter()(value.as_ptr()) });
    // SAFETY: `PyObject_GetIter` returns a new reference (an iterator), or null with an
    // exception set.
    unsafe { Bound::from_owned_ptr_or_err(value.py(), result) }.map(Iter)
}

/// The next item of `iterator`, `None` at its end, safe at interpreter exit as [`call`] is
/// (a caller's `__next__`, a generator's body).
pub fn next<'py>(iterator: &Iter<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
    let py = iterator.0.py();
    // SAFETY: the iterator is alive and the GIL is held (`'py`); it is one, as
    // `PyIter_Next` requires (`PyObject_GetIter` returned it).
    let item = crate::exit::guarded(|| unsafe { unwinding::iter_next()(iterator.0.as_ptr()) });
    if item.is_null() {
        // Null with an exception set, or without one at the end.
        return PyErr::take(py).map_or(Ok(None), Err);
    }
    // SAFETY: a new reference (not null).
    Ok(Some(unsafe { Bound::from_owned_ptr(py, item) }))
}

/// The items of any iterable, in order, read through [`iter`] and [`next`] (the caller's
/// `__iter__` and `__next__` each run as their own guarded call).
pub fn items<'py>(value: &Bound<'py, PyAny>) -> PyResult<Vec<Bound<'py, PyAny>>> {
    let iterator = iter(value)?;
    let mut items = Vec::new();
    while let Some(item) = next(&iterator)? {
        items.push(item);
    }
    Ok(items)
}

/// Whether `value` supports the sequence protocol (`PySequence_Check`: a list, a tuple, a
/// str, any class with `__getitem__` that is not a dict), read from its type: no Python
/// code runs, unlike an `isinstance` check against `collections.abc.Sequence`.
pub fn is_sequence(value: &Bound<'_, PyAny>) -> bool {
    // SAFETY: `value` is alive and the GIL is held; `PySequence_Check` only reads the type's
    // slots and cannot fail.
    unsafe { ffi::PySequence_Check(value.as_ptr()) != 0 }
}

//! The interpreter's exit, for every place where the package runs Python code or attaches a
//! thread to the interpreter: the one guard they all go through.
//!
//! A call may still run on a daemon thread while the main thread returns and the interpreter
//! shuts down. Two things then end the process with an abort unless the package prevents
//! them:
//!
//! - A thread that is not attached (one of the core's worker threads reporting progress)
//!   attaches to a finalizing interpreter: Python ends it, or aborts outright
//!   ("PyGILState_Release: thread state must be current"). [`attach`] is the one way such a
//!   thread attaches: once the package's `atexit` handler has marked the interpreter as
//!   finalizing, it does not attach and returns `None`. The handler waits until no attach
//!   is between its check and the attach itself, so none can slip past.
//! - Before Python 3.14, a thread other than the main one that runs Python code (a progress
//!   callback, tqdm, a caller's `__float__`, `__index__`, `to_dict()`, getter or iterator
//!   read by a record reader) or that takes the GIL back after a detached section, while the
//!   interpreter finalizes, is ended by `pthread_exit`: an unwind through the package's
//!   frames, which the call's panic guard stops by aborting the process. [`guarded`] runs
//!   such work: if that unwind reaches it, the thread is parked for good instead and waits,
//!   unseen, for the process to end, as Python 3.14 makes such threads do. A Rust panic is
//!   not stopped: it goes on to become a `PanicException`.
//!
//! Where the guard goes: right at each call into Python, as `crate::raw` places it (a call,
//! `str()`, `repr()`, `getattr`, `iter()`, `next()`, `float()`, `operator.index()`, an
//! import), never around a whole reader. Library code that reads the caller's objects is
//! one such call: numpy's conversion of an argument (`numpy.array`, which runs each item's
//! `__float__` and a sequence's `__getitem__`) goes through `crate::raw::call`, as does
//! the Python code of numpy, pandas, polars and tqdm that the package runs. The
//! unwind runs the cleanups of every frame it crosses before it reaches the guard: a
//! `Bound` dropped there releases its object (`Py_DecRef`) on a thread that no longer holds
//! the GIL, while the main thread tears the interpreter down, and the last reference to a
//! temporary (a bound method, a list of items, an iterator) frees it under the finalizer's
//! feet: a segmentation fault (seen once when a whole record reader ran under one guard,
//! and every time with `datetime.utcoffset()` called through PyO3 on a caller's `tzinfo`).
//! And a frame that has cleanups but reaches Python through a C function declared unable
//! to unwind (PyO3's declarations) makes the unwinder abort before any guard is reached.
//! So the caller's code runs only through `crate::raw`, whose calls are declared able to
//! unwind and own nothing between the call and the guard; the readers around them need no
//! guard. PyO3's own conversion of a signature's typed parameters runs above every guard of
//! the package: such parameters are only types whose conversion runs no Python code
//! (`crate::args`).

use pyo3::prelude::*;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::ThreadId;

/// Set by the `atexit` handler: the interpreter is shutting down, no thread attaches.
static FINALIZING: AtomicBool = AtomicBool::new(false);

/// Threads that checked [`FINALIZING`] and may be about to attach.
static ATTACHING: AtomicUsize = AtomicUsize::new(0);

/// The thread that runs the `atexit` handlers and then finalizes the interpreter.
static FINALIZER: OnceLock<ThreadId> = OnceLock::new();

/// Whether this thread must not attach to the interpreter any more: the interpreter is
/// shutting down (the `atexit` handler has run) and this is not the thread shutting it down.
pub fn must_not_attach() -> bool {
    FINALIZING.load(Ordering::SeqCst) && FINALIZER.get() != Some(&std::thread::current().id())
}

/// Runs `f` attached to the interpreter, from a thread that may not be (a worker thread of
/// the core): `None`, without attaching, once the interpreter is finalizing. `f` runs under
/// [`guarded`].
pub fn attach<R>(f: impl FnOnce(Python<'_>) -> R) -> Option<R> {
    // Announce the attach before checking, so that the exit handler, which sets the flag
    // before reading the count, either is seen here or waits for this attach.
    ATTACHING.fetch_add(1, Ordering::SeqCst);
    if must_not_attach() {
        ATTACHING.fetch_sub(1, Ordering::SeqCst);
        return None;
    }
    guarded(|| {
        Python::attach(|py| {
            ATTACHING.fetch_sub(1, Ordering::SeqCst);
            if must_not_attach() {
                return None;
            }
            Some(f(py))
        })
    })
}

/// Parks the thread for good when dropped during an unwind that is not a Rust panic: see
/// [`guarded`].
struct ParkOnExit;

impl Drop for ParkOnExit {
    fn drop(&mut self) {
        if std::thread::panicking() {
            return;
        }
        loop {
            std::thread::park();
        }
    }
}

/// Runs `f`, which may run Python code or take the GIL back (see the module docs), such that
/// the interpreter's exit ending this thread inside `f` parks the thread instead of aborting
/// the process. Costs nothing when `f` returns (the guard is forgotten).
pub fn guarded<R>(f: impl FnOnce() -> R) -> R {
    let guard = ParkOnExit;
    let out = std::hint::black_box(f)();
    std::mem::forget(guard);
    out
}

/// Runs at interpreter exit, before finalization (with the GIL): marks the interpreter as
/// finalizing, then lets the threads that already passed their check attach and return.
#[pyfunction]
fn _stop_threads_at_exit(py: Python<'_>) {
    let _ = FINALIZER.set(std::thread::current().id());
    FINALIZING.store(true, Ordering::SeqCst);
    py.detach(|| {
        while ATTACHING.load(Ordering::SeqCst) > 0 {
            std::thread::yield_now();
        }
    });
}

/// Registers the `atexit` handler.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let handler = wrap_pyfunction!(_stop_threads_at_exit, m)?;
    m.py()
        .import("atexit")?
        .getattr("register")?
        .call1((handler,))?;
    Ok(())
}

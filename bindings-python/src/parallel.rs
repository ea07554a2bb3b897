//! Fork safety of the parallel functions.
//!
//! The core runs large batches on rayon's global thread pool. `fork` copies a process with
//! only the forking thread, so in a child of a parent that had started the pool, the pool's
//! threads are gone while its state says they exist: a parallel call would wait forever.
//! This is how gunicorn `--preload`, Celery's prefork workers and `multiprocessing`'s
//! "fork" start method make their workers.
//!
//! So the package registers a handler that runs in every child right after `os.fork()`
//! (`os.register_at_fork`). From then on, parallel work in that process runs on a pool of
//! its own, made on first use (and made again in a grandchild); the original process keeps
//! the global pool, with no cost added to its calls. The results do not depend on the pool:
//! the core splits work and merges parts in input order.

use pyo3::prelude::*;
use rayon::{ThreadPool, ThreadPoolBuilder};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

/// Whether this process was made by `fork` after the package was imported.
static FORKED: AtomicBool = AtomicBool::new(false);

/// The thread pool of a forked process; only locked with the GIL held, so a fork (which
/// Python makes holding the GIL) never copies it locked.
static CHILD_POOL: Mutex<Option<Arc<ThreadPool>>> = Mutex::new(None);

fn child_pool_slot() -> MutexGuard<'static, Option<Arc<ThreadPool>>> {
    CHILD_POOL
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The pool parallel work must run on: `None` for the global pool (the original process),
/// else this forked process's own pool, built on first use. Call with the GIL held.
fn pool(_py: Python<'_>) -> PyResult<Option<Arc<ThreadPool>>> {
    if !FORKED.load(Ordering::Acquire) {
        return Ok(None);
    }
    let mut slot = child_pool_slot();
    if let Some(pool) = slot.as_ref() {
        return Ok(Some(Arc::clone(pool)));
    }
    let pool = ThreadPoolBuilder::new()
        .thread_name(|i| format!("edgecore-{i}"))
        .build()
        .map_err(|e| {
            pyo3::exceptions::PyRuntimeError::new_err(format!(
                "cannot start the thread pool of this forked process: {e}"
            ))
        })?;
    let pool = Arc::new(pool);
    *slot = Some(Arc::clone(&pool));
    Ok(Some(pool))
}

/// Runs `f` (which may use rayon) with the GIL released, on the pool this process can use.
/// Taking the GIL back runs under [`crate::exit::guarded`]: a daemon thread that the
/// interpreter's exit ends there waits for the process to end instead of aborting it.
/// Errors: `RuntimeError` when a forked process cannot start its threads.
pub fn detach<T: Send>(py: Python<'_>, f: impl FnOnce() -> T + Send) -> PyResult<T> {
    let pool = pool(py)?;
    Ok(crate::exit::guarded(|| {
        py.detach(move || match pool {
            Some(pool) => pool.install(f),
            None => f(),
        })
    }))
}

/// Runs `f` (which may use rayon and never calls Python) with the GIL held, on the pool
/// this process can use. Errors: as [`detach`].
pub fn run<T: Send>(py: Python<'_>, f: impl FnOnce() -> T + Send) -> PyResult<T> {
    Ok(match pool(py)? {
        Some(pool) => pool.install(f),
        None => f(),
    })
}

/// Runs in the child after `os.fork()`: the pools copied from the parent have no threads
/// here, so they are forgotten (never dropped: dropping would signal threads that do not
/// exist) and the next parallel call builds this process's own pool.
#[pyfunction]
fn _after_fork_in_child() {
    FORKED.store(true, Ordering::Release);
    if let Some(inherited) = child_pool_slot().take() {
        std::mem::forget(inherited);
    }
}

/// Registers the fork handler.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    let handler = wrap_pyfunction!(_after_fork_in_child, m)?;
    let kwargs = pyo3::types::PyDict::new(py);
    kwargs.set_item("after_in_child", handler)?;
    py.import("os")?
        .getattr("register_at_fork")?
        .call((), Some(&kwargs))?;
    Ok(())
}

//! `progress=` for long work: `True` shows a tqdm bar when tqdm is installed (nothing when it
//! is not), a callable receives `(done, total)`. The core reports progress from its worker
//! threads; each report attaches to the interpreter. The first exception raised by the
//! callable stops further reports and is raised once the work is done.
//!
//! At interpreter exit, a call still running on a daemon thread stops reporting quietly:
//! reports attach through [`crate::exit::attach`], which does not attach once the
//! interpreter is finalizing. The Python code that progress runs (the callable, tqdm) is
//! called through [`crate::raw::call`], which keeps a daemon thread that Python ends at exit
//! from aborting the process.

use crate::raw::call;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyTuple};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A tqdm bar of `total` steps; its import and its making run Python code, called through
/// [`call`] so that a daemon thread doing it as the interpreter exits waits instead of
/// aborting the process.
fn tqdm_bar(py: Python<'_>, total: usize) -> PyResult<Bound<'_, PyAny>> {
    let tqdm = crate::raw::import(py, "tqdm")?;
    let kwargs = PyDict::new(py);
    kwargs.set_item("total", total)?;
    call(&tqdm.getattr("tqdm")?, &PyTuple::empty(py), Some(&kwargs))
}

/// Where progress goes.
enum Sink {
    /// A Python callable taking `(done, total)`.
    Callback(Py<PyAny>),
    /// A tqdm bar, advanced by the difference since the last report.
    Bar(Py<PyAny>),
}

/// A progress reporter shared by the core's worker threads.
pub struct Progress {
    sink: Option<Sink>,
    shown: AtomicUsize,
    error: Mutex<Option<PyErr>>,
}

impl Progress {
    /// Reads the `progress=` argument: `None`/`False` for none, `True` for a tqdm bar of
    /// `total` steps (none when tqdm cannot be imported), a callable for a callback.
    pub fn new(
        py: Python<'_>,
        progress: Option<&Bound<'_, PyAny>>,
        total: usize,
    ) -> PyResult<Self> {
        let sink = match progress {
            None => None,
            Some(p) if p.is_none() => None,
            Some(p) if p.is_instance_of::<PyBool>() => match p.is_truthy()? {
                false => None,
                true => tqdm_bar(py, total).ok().map(|bar| Sink::Bar(bar.unbind())),
            },
            Some(p) if p.is_callable() => Some(Sink::Callback(p.clone().unbind())),
            Some(p) => {
                return Err(pyo3::exceptions::PyTypeError::new_err(format!(
                    "progress must be a bool or a callable taking (done, total), got {}",
                    p.get_type().name()?
                )));
            }
        };
        Ok(Progress {
            sink,
            shown: AtomicUsize::new(0),
            error: Mutex::new(None),
        })
    }

    /// Whether anything listens (when nothing does, the core runs without hooks).
    pub fn is_active(&self) -> bool {
        self.sink.is_some()
    }

    /// Reports `done` of `total` from any thread; after a failure, does nothing.
    pub fn report(&self, done: usize, total: usize) {
        let Some(sink) = &self.sink else { return };
        let mut error = self.error.lock().unwrap_or_else(|p| p.into_inner());
        if error.is_some() {
            return;
        }
        let result = crate::exit::attach(|py| match sink {
            Sink::Callback(f) => {
                let args = PyTuple::new(py, [done, total])?;
                call(f.bind(py), &args, None).map(drop)
            }
            Sink::Bar(bar) => {
                let before = self.shown.swap(done, Ordering::Relaxed);
                let args = PyTuple::new(py, [done.saturating_sub(before)])?;
                call(&bar.bind(py).getattr("update")?, &args, None).map(drop)
            }
        });
        if let Some(Err(e)) = result {
            *error = Some(e);
        }
    }

    /// Closes the bar and raises the callable's first exception, if any.
    pub fn finish(mut self, py: Python<'_>) -> PyResult<()> {
        if let Some(Sink::Bar(bar)) = &self.sink {
            call(&bar.bind(py).getattr("close")?, &PyTuple::empty(py), None)?;
        }
        match self
            .error
            .get_mut()
            .unwrap_or_else(|p| p.into_inner())
            .take()
        {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}

impl Drop for Progress {
    /// Lets go of the bar or the callable through [`crate::raw::release`]: the last
    /// reference to a tqdm bar runs its `__del__`.
    fn drop(&mut self) {
        if let Some(sink) = self.sink.take() {
            let object = match sink {
                Sink::Callback(f) => f,
                Sink::Bar(bar) => bar,
            };
            Python::attach(|py| crate::raw::release(py, object));
        }
    }
}

/// The core's progress callback, as its `..._with_progress` forms take it.
pub type Report<'a> = &'a (dyn Fn(usize, usize) + Sync);

/// Runs a batch of `total` items with the GIL released (see [`crate::parallel::detach`]),
/// reading `progress=` as [`Progress::new`] does: `work` gets `Some(report)` to call the
/// core's `..._with_progress` form with when something listens, `None` to call the plain
/// form otherwise. The callable's first exception is raised after the run, before the
/// batch's own error. The one place a batch function handles `progress=`.
pub fn detach_reporting<T: Send>(
    py: Python<'_>,
    progress: Option<&Bound<'_, PyAny>>,
    total: usize,
    work: impl FnOnce(Option<Report<'_>>) -> T + Send,
) -> PyResult<T> {
    let progress = Progress::new(py, progress, total)?;
    let out = crate::parallel::detach(py, || {
        if progress.is_active() {
            work(Some(&|done, total| progress.report(done, total)))
        } else {
            work(None)
        }
    })?;
    progress.finish(py)?;
    Ok(out)
}

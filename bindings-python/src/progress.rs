//! `progress=` for long work: `True` shows a tqdm bar when tqdm is installed (nothing when it
//! is not), a callable receives `(done, total)`. The core reports progress from its worker
//! threads; each report attaches to the interpreter. The first exception raised by the
//! callable stops further reports and is raised once the work is done.

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

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
                true => py
                    .import("tqdm")
                    .and_then(|tqdm| {
                        let kwargs = PyDict::new(py);
                        kwargs.set_item("total", total)?;
                        tqdm.getattr("tqdm")?.call((), Some(&kwargs))
                    })
                    .ok()
                    .map(|bar| Sink::Bar(bar.unbind())),
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
        let result = Python::attach(|py| match sink {
            Sink::Callback(f) => f.call1(py, (done, total)).map(drop),
            Sink::Bar(bar) => {
                let before = self.shown.swap(done, Ordering::Relaxed);
                bar.call_method1(py, "update", (done.saturating_sub(before),))
                    .map(drop)
            }
        });
        if let Err(e) = result {
            *error = Some(e);
        }
    }

    /// Closes the bar and raises the callable's first exception, if any.
    pub fn finish(self, py: Python<'_>) -> PyResult<()> {
        if let Some(Sink::Bar(bar)) = &self.sink {
            bar.call_method0(py, "close")?;
        }
        match self.error.into_inner().unwrap_or_else(|p| p.into_inner()) {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}

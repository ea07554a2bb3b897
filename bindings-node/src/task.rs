//! Long work off the main thread: a napi `AsyncTask` runs the core call on libuv's thread
//! pool and settles a `Promise`; the event loop stays free meanwhile. An optional progress
//! callback `(done, total) => void` is called through a thread-safe function in
//! non-blocking mode (calls queue on the event loop; the last ones may arrive just after
//! the promise settles). A core error rejects the promise with the same `Error` (and `code`)
//! the synchronous form throws.

use crate::errors::rejection;
use napi::bindgen_prelude::{AsyncTask, FnArgs, ToNapiValue, TypeName};
use napi::threadsafe_function::{ThreadsafeFunction, ThreadsafeFunctionCallMode};
use napi::{Env, Status, Task};

/// A JavaScript `(done: number, total: number) => void` callable from any thread.
pub type Progress = ThreadsafeFunction<FnArgs<(f64, f64)>, (), FnArgs<(f64, f64)>, Status, false>;

/// What a background job reports progress to: `(done, total)`, callable from any thread.
pub type Report<'a> = &'a (dyn Fn(usize, usize) + Sync);

type Work<J> = Box<dyn FnOnce(Report<'_>) -> edgecore::Result<J> + Send>;

/// A core call to run on the thread pool; `J` is the JavaScript-facing result (converted on
/// the worker thread too).
pub struct Background<J> {
    work: Option<Work<J>>,
    progress: Option<Progress>,
}

/// Runs `work` off the main thread, reporting to `progress` if given.
pub fn background<J>(
    progress: Option<Progress>,
    work: impl FnOnce(Report<'_>) -> edgecore::Result<J> + Send + 'static,
) -> AsyncTask<Background<J>>
where
    Background<J>: Task,
{
    AsyncTask::new(Background {
        work: Some(Box::new(work)),
        progress,
    })
}

impl<J: ToNapiValue + TypeName + Send + 'static> Task for Background<J> {
    type Output = edgecore::Result<J>;
    type JsValue = J;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        let work = self
            .work
            .take()
            .ok_or_else(|| napi::Error::from_reason("a background task runs once"))?;
        let progress = self.progress.as_ref();
        let report = move |done: usize, total: usize| {
            if let Some(p) = progress {
                // Non-blocking: a full queue drops the report rather than stall the work.
                p.call(
                    FnArgs::from((done as f64, total as f64)),
                    ThreadsafeFunctionCallMode::NonBlocking,
                );
            }
        };
        Ok(work(&report))
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> napi::Result<J> {
        output.map_err(|e| rejection(env, e))
    }
}

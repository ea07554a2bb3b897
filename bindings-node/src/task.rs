//! Long work off the main thread: a napi `AsyncTask` runs the core call on libuv's thread
//! pool and settles a `Promise`; the event loop stays free meanwhile. An optional progress
//! callback `(done, total) => void` is called through a thread-safe function in
//! non-blocking mode (calls queue on the event loop). A core error rejects the promise with
//! the same `Error` (and `code`) the synchronous form throws.
//!
//! Two guarantees hold whatever the input or the callback does:
//! - An exception thrown by `onProgress` rejects the promise with that exception, whatever
//!   the value thrown (an `Error`, `42`, a string, `null`: see `crate::js::Catching`); it never
//!   reaches `uncaughtException`; reports queued after it ran are not sent. Before settling, the worker
//!   waits for the reports already queued to run (at most `DRAIN_WAIT`, 10 s), so an exception
//!   thrown by the last one still rejects the promise, and every report arrives before the
//!   promise settles.
//! - A panic of the work (a bug: the core promises none) cannot unwind into libuv's thread,
//!   which would abort the process: it rejects the promise with `InvalidParameter`.

use crate::errors::rejection;
use crate::js::{Catching, Caught, Kept, Settled};
use napi::bindgen_prelude::{AsyncTask, FnArgs, ToNapiValue, TypeName};
use napi::threadsafe_function::{ThreadsafeFunction, ThreadsafeFunctionCallMode};
use napi::{Env, Status, Task};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

/// A JavaScript `(done: number, total: number) => void` callable from any thread (what it
/// returns is ignored), called through a wrapper that hands back what it throws, whatever
/// the value (see [`Catching`]).
pub type Progress =
    Catching<ThreadsafeFunction<FnArgs<(f64, f64)>, Caught, FnArgs<(f64, f64)>, Status, false>>;

/// What a background job reports progress to: `(done, total)`, callable from any thread.
pub type Report<'a> = &'a (dyn Fn(usize, usize) + Sync);

type Work<J> = Box<dyn FnOnce(Report<'_>) -> edgecore::Result<J> + Send>;

/// How long the worker waits, at the end, for the queued progress reports to run on the
/// event loop (a main thread busy longer than this only loses the check of the last
/// reports: the promise still settles).
const DRAIN_WAIT: Duration = Duration::from_secs(10);

/// A core call to run on the thread pool; `J` is the JavaScript-facing result (converted on
/// the worker thread too).
pub struct Background<J> {
    work: Option<Work<J>>,
    progress: Option<Progress>,
    /// The first exception thrown by `progress` (set on the main thread).
    thrown: Arc<Thrown>,
}

/// What the reports of one task share between the worker and the main thread.
#[derive(Default)]
struct Thrown {
    /// Whether the callback has thrown (read by the worker, to stop reporting).
    flag: AtomicBool,
    /// The first exception: the value the callback threw, or an error of napi's own call.
    error: Mutex<Option<Result<Kept, napi::Error>>>,
    /// Reports queued by the worker and reports run on the main thread.
    counts: Mutex<(u64, u64)>,
    /// Signalled each time a report has run.
    ran: Condvar,
}

impl Thrown {
    /// Counts a report queued; returns the handler of its outcome, run on the main thread.
    fn queued(
        self: &Arc<Self>,
    ) -> impl FnOnce(napi::Result<Caught>, Env) -> napi::Result<()> + 'static {
        let thrown = Arc::clone(self);
        move |outcome, _env| {
            // The value the callback threw, or an error of napi's own call.
            let error = match outcome {
                Ok(Caught(caught)) => caught.map(Ok),
                Err(error) => Some(Err(error)),
            };
            if let Some(error) = error {
                thrown.flag.store(true, Ordering::Release);
                lock(&thrown.error).get_or_insert(error);
            }
            lock(&thrown.counts).1 += 1;
            thrown.ran.notify_all();
            Ok(())
        }
    }

    /// Waits (at most [`DRAIN_WAIT`]) until every queued report has run.
    fn drain(&self) {
        let counts = lock(&self.counts);
        let _ = self
            .ran
            .wait_timeout_while(counts, DRAIN_WAIT, |(queued, ran)| ran < queued);
    }
}

/// A lock that survives a panic of another holder (the data stays consistent: counters
/// and an `Option` written in one step).
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
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
        thrown: Arc::default(),
    })
}

impl<J: ToNapiValue + TypeName + Send + 'static> Task for Background<J> {
    type Output = edgecore::Result<J>;
    type JsValue = Settled<J>;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        let work = self
            .work
            .take()
            .ok_or_else(|| napi::Error::from_reason("a background task runs once"))?;
        let (progress, thrown) = (self.progress.as_ref(), &self.thrown);
        let report = move |done: usize, total: usize| {
            if let Some(Catching(p)) = progress
                && !thrown.flag.load(Ordering::Acquire)
            {
                // Counted before the call: the handler may run before `call` returns.
                lock(&thrown.counts).0 += 1;
                // Non-blocking: a full queue drops the report rather than stall the work.
                let status = p.call_with_return_value(
                    FnArgs::from((done as f64, total as f64)),
                    ThreadsafeFunctionCallMode::NonBlocking,
                    thrown.queued(),
                );
                if status != Status::Ok {
                    lock(&thrown.counts).0 -= 1;
                }
            }
        };
        let output = catch_unwind(AssertUnwindSafe(|| work(&report))).unwrap_or_else(|panic| {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(edgecore::Error::InvalidParameter {
                name: "input",
                value: what,
                reason: "made the computation fail unexpectedly (a defect of edgecore)",
            })
        });
        if progress.is_some() {
            // An exception thrown by the last reports still rejects the promise.
            self.thrown.drain();
        }
        Ok(output)
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> napi::Result<Settled<J>> {
        let thrown = lock(&self.thrown.error).take();
        match (thrown, output) {
            (Some(Ok(value)), _) => Ok(Settled::Thrown(value)),
            (Some(Err(error)), _) => Err(error),
            (None, output) => output.map(Settled::Value).map_err(|e| rejection(env, e)),
        }
    }
}

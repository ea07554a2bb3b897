//! Which process runs the collector and the scheduler.
//!
//! On PostgreSQL any number of `serve` processes (replicas) share one database and all serve
//! the API; exactly one of them, the leader, runs the scheduled jobs. Leadership is a
//! session-level advisory lock (`pg_try_advisory_lock`) held on a dedicated connection:
//! when the leader dies or loses the database, PostgreSQL ends its session and frees the
//! lock, and the next follower that tries (every `schedule.leader_check_seconds`) takes the
//! lead, well within one collection interval. A leader checks its connection at the same
//! pace and steps down (its jobs are stopped) as soon as the check fails.
//!
//! A scheduled job runs only after its slot (job, due instant) is claimed in `job_slots`
//! (see [`crate::scheduler::run`]): a slot claimed by a leader that died is never run
//! again, so a collection never runs twice for one slot and the odds quota is never spent
//! twice on it. The new leader also runs a slot that fell due while nobody led.
//!
//! Followers watch the shared board version (the last collection run's identifier): when
//! another replica wrote a collection, they reload the recent prices from the database and
//! bump their own board version, so their next `/opportunities` follows.
//!
//! SQLite stays single-process: `serve` holds an exclusive lock on `<database>.lock`, and a
//! second server on the same file refuses to start with a message saying so.

use crate::scheduler;
use crate::state::AppState;
use crate::storage::replicas::LeaderRow;
use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::Connection;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;

/// The advisory lock key of the leader ("edgecore" in ASCII).
pub const LOCK_KEY: i64 = 0x6564_6765_636f_7265;

/// This replica's view of the leadership.
#[derive(Debug)]
pub struct Leadership {
    /// This replica's name: host name and process id.
    pub replica: String,
    elected: AtomicBool,
    leading: AtomicBool,
    leader: RwLock<Option<LeaderRow>>,
    seen_version: AtomicI64,
}

/// What `/health` shows about the replicas.
#[derive(Debug, Clone, Serialize)]
pub struct ReplicaView {
    /// This replica's name.
    pub name: String,
    /// "leader" or "follower".
    pub role: &'static str,
    /// The leader as last recorded (its name, since when, last heartbeat).
    pub leader: Option<LeaderRow>,
}

fn host_name() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "replica".into())
}

impl Default for Leadership {
    fn default() -> Self {
        Leadership {
            replica: format!("{}-{}", host_name(), std::process::id()),
            elected: AtomicBool::new(false),
            leading: AtomicBool::new(false),
            leader: RwLock::new(None),
            seen_version: AtomicI64::new(0),
        }
    }
}

impl Leadership {
    /// Whether this replica runs the jobs.
    pub fn is_leader(&self) -> bool {
        self.leading.load(Ordering::Relaxed)
    }

    /// Whether another replica may be running the jobs: this one takes part in an election
    /// ([`run`] on PostgreSQL) and does not lead. A process outside any election (a
    /// command, a test) may collect on request.
    pub fn follows(&self) -> bool {
        self.elected.load(Ordering::Relaxed) && !self.is_leader()
    }

    /// The view for `/health`.
    pub fn view(&self) -> ReplicaView {
        ReplicaView {
            name: self.replica.clone(),
            role: if self.is_leader() {
                "leader"
            } else {
                "follower"
            },
            leader: self
                .leader
                .read()
                .unwrap_or_else(|p| p.into_inner())
                .clone(),
        }
    }

    fn set(&self, state: &AppState, leading: bool) {
        self.leading.store(leading, Ordering::Relaxed);
        state.metrics.leader.set(if leading { 1.0 } else { 0.0 });
    }

    async fn record(&self, state: &AppState, since: DateTime<Utc>) {
        let now = Utc::now();
        if let Err(e) = state.store.set_leader(&self.replica, since, now).await {
            tracing::warn!("leader row not written: {e}");
        }
        *self.leader.write().unwrap_or_else(|p| p.into_inner()) = Some(LeaderRow {
            replica: self.replica.clone(),
            since,
            heartbeat: now,
        });
    }
}

/// Takes the exclusive lock of a SQLite database file (`<file>.lock`), kept as long as the
/// returned file is open; `None` for other databases. A second server on the same file
/// gets an error naming the file.
pub fn lock_sqlite(database_url: &str) -> Result<Option<std::fs::File>, String> {
    let Some(path) = crate::storage::sqlite::file_of(database_url) else {
        return Ok(None);
    };
    let lock = format!("{path}.lock");
    if let Some(parent) = std::path::Path::new(&lock).parent()
        && !parent.as_os_str().is_empty()
    {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock)
        .map_err(|e| format!("cannot open the lock file {lock}: {e}"))?;
    #[cfg(unix)]
    rustix::fs::flock(&file, rustix::fs::FlockOperation::NonBlockingLockExclusive).map_err(
        |_| {
            format!(
                "another edgecore-server already serves the SQLite database {path} (it holds \
                 {lock}). SQLite is single-process: stop the other server, or use PostgreSQL \
                 (database_url = \"postgres://...\") to run several replicas"
            )
        },
    )?;
    Ok(Some(file))
}

/// Reloads the recent prices when another replica wrote a collection.
async fn follow(state: &AppState) {
    let l = &state.leadership;
    match state.store.shared_version().await {
        Ok(v) if v != l.seen_version.load(Ordering::Relaxed) => {
            match state
                .collector
                .recent
                .load(state.store.as_ref(), Utc::now())
                .await
            {
                Ok(()) => {
                    l.seen_version.store(v, Ordering::Relaxed);
                    state
                        .collector
                        .board_version
                        .fetch_add(1, Ordering::Relaxed);
                }
                Err(e) => tracing::warn!("recent prices not reloaded: {e}"),
            }
        }
        Ok(_) => {}
        Err(e) => tracing::warn!("board version not read: {e}"),
    }
    match state.store.leader().await {
        Ok(row) => *l.leader.write().unwrap_or_else(|p| p.into_inner()) = row,
        Err(e) => tracing::warn!("leader not read: {e}"),
    }
}

/// Runs the jobs when this replica leads, for as long as the server runs: at once on SQLite
/// (single process), after winning the advisory lock on PostgreSQL.
pub async fn run(state: Arc<AppState>) {
    let l = &state.leadership;
    if let Ok(v) = state.store.shared_version().await {
        l.seen_version.store(v, Ordering::Relaxed);
    }
    if state.store.backend() != "postgres" {
        l.set(&state, true);
        l.record(&state, Utc::now()).await;
        scheduler::run(state.clone()).await;
        return;
    }
    l.elected.store(true, Ordering::Relaxed);
    let check = Duration::from_secs(u64::from(state.config.schedule.leader_check_seconds));
    loop {
        let mut conn = match sqlx::postgres::PgConnection::connect(&state.config.database_url).await
        {
            Ok(c) => c,
            Err(e) => {
                tracing::warn!("leader election: cannot connect: {e}");
                tokio::time::sleep(check).await;
                continue;
            }
        };
        // Follow until the lock is ours.
        let won = loop {
            follow(&state).await;
            match sqlx::query_scalar::<_, bool>("SELECT pg_try_advisory_lock($1)")
                .bind(LOCK_KEY)
                .fetch_one(&mut conn)
                .await
            {
                Ok(true) => break true,
                Ok(false) => tokio::time::sleep(check).await,
                Err(e) => {
                    tracing::warn!("leader election: {e}");
                    break false;
                }
            }
        };
        if !won {
            tokio::time::sleep(check).await;
            continue;
        }
        let since = Utc::now();
        follow(&state).await;
        l.set(&state, true);
        l.record(&state, since).await;
        tracing::info!(replica = l.replica, "this replica leads: it runs the jobs");
        let jobs = tokio::spawn(scheduler::run(state.clone()));
        loop {
            tokio::time::sleep(check).await;
            if let Err(e) = sqlx::query("SELECT 1").execute(&mut conn).await {
                tracing::error!("lost the lead (database connection failed: {e})");
                break;
            }
            l.record(&state, since).await;
        }
        jobs.abort();
        l.set(&state, false);
        drop(conn);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_on_the_same_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}/x.db", dir.path().display());
        let first = lock_sqlite(&url).unwrap();
        assert!(first.is_some());
        let err = lock_sqlite(&url).unwrap_err();
        assert!(
            err.contains("another edgecore-server already serves"),
            "{err}"
        );
        drop(first);
        assert!(lock_sqlite(&url).unwrap().is_some());
        assert!(lock_sqlite("postgres://x/y").unwrap().is_none());
    }
}

//! What replicas on one database share: the claimed job slots, the leader's name and the
//! board version.

use super::StorageResult;
use super::sql::{SqlStore, instant, ms};
use chrono::{DateTime, Utc};
use sqlx::Row;

/// The leader as recorded by itself.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LeaderRow {
    /// The leading replica's name.
    pub replica: String,
    /// When it took the lead.
    pub since: DateTime<Utc>,
    /// Its last heartbeat.
    pub heartbeat: DateTime<Utc>,
}

/// Shared state of the replicas.
#[async_trait::async_trait]
pub trait ReplicaStore {
    /// Claims the slot of `job` due at `slot` for `replica`; false when it was claimed
    /// already (by anyone), so the job must not run.
    async fn claim_slot(
        &self,
        job: &str,
        slot: DateTime<Utc>,
        replica: &str,
        now: DateTime<Utc>,
    ) -> StorageResult<bool>;
    /// Marks a claimed slot done.
    async fn finish_slot(
        &self,
        job: &str,
        slot: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> StorageResult<()>;
    /// Deletes the slots due before `before` (the retention); returns how many.
    async fn prune_slots(&self, before: DateTime<Utc>) -> StorageResult<u64>;
    /// Records `replica` as the leader since `since` (heartbeat `now`).
    async fn set_leader(
        &self,
        replica: &str,
        since: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> StorageResult<()>;
    /// The recorded leader.
    async fn leader(&self) -> StorageResult<Option<LeaderRow>>;
    /// The shared board version: the identifier of the last collection run recorded (0
    /// without any), which every replica sees grow when any of them writes a collection.
    async fn shared_version(&self) -> StorageResult<i64>;
}

#[async_trait::async_trait]
impl ReplicaStore for SqlStore {
    async fn claim_slot(
        &self,
        job: &str,
        slot: DateTime<Utc>,
        replica: &str,
        now: DateTime<Utc>,
    ) -> StorageResult<bool> {
        let done = sqlx::query(
            "INSERT INTO job_slots (job, slot_ms, replica, claimed_ms) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (job, slot_ms) DO NOTHING",
        )
        .bind(job)
        .bind(ms(slot))
        .bind(replica)
        .bind(ms(now))
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn finish_slot(
        &self,
        job: &str,
        slot: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> StorageResult<()> {
        sqlx::query("UPDATE job_slots SET done_ms = $1 WHERE job = $2 AND slot_ms = $3")
            .bind(ms(now))
            .bind(job)
            .bind(ms(slot))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn prune_slots(&self, before: DateTime<Utc>) -> StorageResult<u64> {
        let done = sqlx::query("DELETE FROM job_slots WHERE slot_ms < $1")
            .bind(ms(before))
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }

    async fn set_leader(
        &self,
        replica: &str,
        since: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> StorageResult<()> {
        sqlx::query(
            "INSERT INTO replica_leader (id, replica, since_ms, heartbeat_ms) VALUES (1, $1, $2, \
             $3) ON CONFLICT (id) DO UPDATE SET replica = excluded.replica, since_ms = \
             excluded.since_ms, heartbeat_ms = excluded.heartbeat_ms",
        )
        .bind(replica)
        .bind(ms(since))
        .bind(ms(now))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn leader(&self) -> StorageResult<Option<LeaderRow>> {
        let row =
            sqlx::query("SELECT replica, since_ms, heartbeat_ms FROM replica_leader WHERE id = 1")
                .fetch_optional(&self.pool)
                .await?;
        row.map(|r| {
            Ok(LeaderRow {
                replica: r.try_get(0)?,
                since: instant(r.try_get(1)?)?,
                heartbeat: instant(r.try_get(2)?)?,
            })
        })
        .transpose()
    }

    async fn shared_version(&self) -> StorageResult<i64> {
        let v: Option<i64> = sqlx::query("SELECT MAX(id) FROM collection_runs")
            .fetch_one(&self.pool)
            .await?
            .try_get(0)?;
        Ok(v.unwrap_or(0))
    }
}

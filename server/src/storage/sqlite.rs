//! The SQLite back end: an embedded file in WAL mode, the default.
//!
//! Connections set `journal_mode=WAL` (readers never block the writer), `synchronous=NORMAL`
//! (durable at each checkpoint, safe against a process crash) and a busy timeout so a
//! writer waits for another instead of failing. Backups use `VACUUM INTO`, which writes a
//! consistent, compacted copy while the server keeps running.

use super::sql::{Dialect, SqlStore};
use super::{StorageError, StorageResult};
use sqlx::any::AnyPoolOptions;
use sqlx::migrate::Migrator;
use sqlx::{AnyPool, Executor};
use std::path::Path;
use std::time::Duration;

/// The SQLite migrations of the repository (`server/migrations/sqlite`).
pub static MIGRATOR: Migrator = sqlx::migrate!("migrations/sqlite");

/// The file path of a `sqlite:` URL, if it names a file.
pub fn file_of(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or(rest);
    (!path.is_empty() && path != ":memory:").then_some(path)
}

/// Opens the database, creating the file and its directory when missing.
pub async fn connect(url: &str) -> StorageResult<SqlStore> {
    sqlx::any::install_default_drivers();
    if let Some(parent) = file_of(url).and_then(|f| Path::new(f).parent())
        && !parent.as_os_str().is_empty()
    {
        std::fs::create_dir_all(parent).map_err(|e| {
            StorageError::Database(format!("cannot create {}: {e}", parent.display()))
        })?;
    }
    let url = if url.contains("mode=") {
        url.to_string()
    } else if url.contains('?') {
        format!("{url}&mode=rwc")
    } else {
        format!("{url}?mode=rwc")
    };
    let pool: AnyPool = AnyPoolOptions::new()
        .max_connections(8)
        .acquire_timeout(Duration::from_secs(30))
        .after_connect(|conn, _| {
            Box::pin(async move {
                for pragma in [
                    "PRAGMA journal_mode = WAL",
                    "PRAGMA synchronous = NORMAL",
                    "PRAGMA busy_timeout = 10000",
                    "PRAGMA foreign_keys = ON",
                    "PRAGMA cache_size = -65536",
                    "PRAGMA temp_store = MEMORY",
                ] {
                    conn.execute(pragma).await?;
                }
                Ok(())
            })
        })
        .connect(&url)
        .await?;
    Ok(SqlStore {
        pool,
        dialect: Dialect::Sqlite,
    })
}

/// Writes a consistent copy with `VACUUM INTO`; refuses to overwrite an existing file.
pub async fn backup(pool: &AnyPool, path: &Path) -> StorageResult<()> {
    if path.exists() {
        return Err(StorageError::Unsupported(format!(
            "{} already exists; choose a new backup file",
            path.display()
        )));
    }
    if let Some(parent) = path.parent()
        && !parent.as_os_str().is_empty()
    {
        std::fs::create_dir_all(parent).map_err(|e| {
            StorageError::Database(format!("cannot create {}: {e}", parent.display()))
        })?;
    }
    let target = path.to_string_lossy().to_string();
    sqlx::query("VACUUM INTO $1")
        .bind(target.as_str())
        .execute(pool)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_paths() {
        assert_eq!(
            file_of("sqlite://data/edgecore.db"),
            Some("data/edgecore.db")
        );
        assert_eq!(file_of("sqlite:x.db?mode=rwc"), Some("x.db"));
        assert_eq!(file_of("sqlite::memory:"), None);
        assert_eq!(file_of("postgres://x"), None);
    }
}

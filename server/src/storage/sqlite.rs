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

/// Creates an empty file readable and writable by its owner only (mode 0600), unless it
/// exists. SQLite gives its journal files the mode of the database file.
fn create_private(path: &Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

/// Opens the database, creating the file (mode 0600) and its directory when missing. A file
/// that is not a database is reported at once, naming the file.
pub async fn connect(url: &str) -> StorageResult<SqlStore> {
    sqlx::any::install_default_drivers();
    if let Some(file) = file_of(url) {
        let file = Path::new(file);
        if let Some(parent) = file.parent()
            && !parent.as_os_str().is_empty()
        {
            std::fs::create_dir_all(parent).map_err(|e| {
                StorageError::Database(format!("cannot create {}: {e}", parent.display()))
            })?;
        }
        create_private(file).map_err(|e| {
            StorageError::Database(format!("cannot create {}: {e}", file.display()))
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
        .connect_lazy(&url)?;
    let what = match file_of(&url) {
        Some(f) => format!("the SQLite database {f}"),
        None => "the SQLite database".into(),
    };
    super::first_check(&url, "PRAGMA schema_version", &what).await?;
    Ok(SqlStore {
        pool,
        dialect: Dialect::Sqlite,
    })
}

/// Writes a consistent copy with `VACUUM INTO` into a new file of mode 0600; refuses to
/// overwrite an existing file.
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
    create_private(path)
        .map_err(|e| StorageError::Database(format!("cannot create {}: {e}", path.display())))?;
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

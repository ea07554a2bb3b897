//! The PostgreSQL back end, chosen by a `postgres://` database URL.
//!
//! Same schema as SQLite with NUMERIC money and prices. Backups of a PostgreSQL database are
//! made with the server's own tool, which is consistent while the server runs:
//! `pg_dump --format=custom --file=edgecore.dump "$EDGECORE_DATABASE_URL"` (restore with
//! `pg_restore --dbname=... edgecore.dump`).

use super::sql::{Dialect, SqlStore};
use super::{StorageError, StorageResult};
use sqlx::any::AnyPoolOptions;
use sqlx::migrate::Migrator;
use std::path::Path;
use std::time::Duration;

/// The PostgreSQL migrations of the repository (`server/migrations/postgres`).
pub static MIGRATOR: Migrator = sqlx::migrate!("migrations/postgres");

/// "host:port" of a PostgreSQL URL, for messages (never the user or the password).
fn address(url: &str) -> String {
    match reqwest::Url::parse(url) {
        Ok(u) => format!(
            "{}:{}",
            u.host_str().unwrap_or("localhost"),
            u.port().unwrap_or(5432)
        ),
        Err(_) => "the configured address".into(),
    }
}

/// Connects to the database named by the URL; a server that cannot be reached or refuses
/// the login is reported at once, naming its host and port.
pub async fn connect(url: &str) -> StorageResult<SqlStore> {
    sqlx::any::install_default_drivers();
    let pool = AnyPoolOptions::new()
        .max_connections(16)
        .acquire_timeout(Duration::from_secs(30))
        .connect_lazy(url)?;
    super::first_check(url, "SELECT 1", &format!("PostgreSQL at {}", address(url))).await?;
    Ok(SqlStore {
        pool,
        dialect: Dialect::Postgres,
    })
}

/// PostgreSQL backups are made with `pg_dump`; this explains how instead of copying files.
pub fn backup(path: &Path) -> StorageResult<()> {
    Err(StorageError::Unsupported(format!(
        "PostgreSQL backups are made with pg_dump: pg_dump --format=custom --file={} \
         \"$EDGECORE_DATABASE_URL\"",
        path.display()
    )))
}

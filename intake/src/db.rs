//! The metadata seam: one pool over SQLite (the default, `DATA/intake.sqlite3`)
//! or PostgreSQL (`--database postgres://…`), through sqlx's Any driver.
//!
//! ## Why the Any driver
//! Every query the intake runs is plain SQL both engines take alike (`$1`
//! placeholders, `INSERT … ON CONFLICT DO NOTHING`, text and 64-bit
//! integers only), so one code path serves both; the two differences (the
//! schema's DDL and the audit table's row order) live in the versioned
//! migrations (`intake/migrations/{sqlite,postgres}/`) and in
//! [`Db::audit_order`]. A trait over two typed pools would have doubled
//! every query or buried them under generic bounds for no gain. Queries
//! are runtime strings (no compile-time macros): building needs no
//! database.
//!
//! ## Architecture invariant: one receipt per key
//! `applications.idempotency_key` is `UNIQUE` in both schemas. Replicas
//! race on it, not on a lock: the loser of an insert sees a unique
//! violation ([`is_unique_violation`]) and answers the winner's receipt.

use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::{AnyPool, AssertSqlSafe, Row, SqlSafeStr};
use std::borrow::Cow;
use std::path::Path;
use std::time::Duration;

/// Which engine is behind the pool.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Sqlite,
    Postgres,
}

/// The pool and what it is.
#[derive(Clone, Debug)]
pub struct Db {
    pub pool: AnyPool,
    pub kind: Kind,
    /// Where it is, for messages (never with a password).
    pub shown: String,
}

const SQLITE: [(i64, &str, &str); 1] = [(1, "schema", include_str!("../migrations/sqlite/0001_schema.sql"))];
const POSTGRES: [(i64, &str, &str); 1] = [(1, "schema", include_str!("../migrations/postgres/0001_schema.sql"))];

/// Columns added to `applications` before the schema was versioned: an
/// older SQLite database gets them before migration 1 adopts it.
const LEGACY_ADDED: [(&str, &str); 5] = [
    ("result", "TEXT NOT NULL DEFAULT ''"),
    ("client_result", "TEXT NOT NULL DEFAULT ''"),
    ("result_differs", "TEXT NOT NULL DEFAULT ''"),
    ("decided_at", "TEXT"),
    ("purged_at", "TEXT"),
];

fn migrator(kind: Kind) -> Migrator {
    let list = if kind == Kind::Sqlite { &SQLITE[..] } else { &POSTGRES[..] };
    let migrations = list.iter().map(|(v, d, sql)| Migration::new(*v, Cow::Borrowed(*d), MigrationType::Simple, sql.into_sql_str(), false)).collect::<Vec<_>>();
    Migrator { migrations: Cow::Owned(migrations), ..Migrator::DEFAULT }
}

/// `postgres://user:secret@host/db` as `postgres://user@host/db`.
pub fn hide_password(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let userinfo = &url[s + 3..at];
            let user = userinfo.split(':').next().unwrap_or("");
            format!("{}{}@{}", &url[..s + 3], user, &url[at + 1..])
        }
        _ => url.to_string(),
    }
}

fn sqlite_url(path: &Path) -> String {
    let mut s = String::from("sqlite://");
    for c in path.to_string_lossy().chars() {
        match c {
            '%' | '?' | '#' | ' ' => s.push_str(&format!("%{:02X}", c as u32)),
            c => s.push(c),
        }
    }
    s.push_str("?mode=rwc");
    s
}

impl Db {
    /// Opens `database` (a `postgres://` URL) or, without one, the SQLite
    /// file `DATA/intake.sqlite3`, and brings its schema to the current
    /// version. `create`: whether a missing SQLite file may be created.
    pub async fn open(database: Option<&str>, data: &Path, create: bool) -> Result<Db, String> {
        sqlx::any::install_default_drivers();
        let (url, kind, shown) = match database {
            Some(u) if u.starts_with("postgres://") || u.starts_with("postgresql://") => (u.to_string(), Kind::Postgres, hide_password(u)),
            Some(u) => return Err(format!("--database: {:?} is not a postgres:// URL (without --database the intake keeps SQLite under --data)", hide_password(u))),
            None => {
                let file = data.join("intake.sqlite3");
                if !create && !file.exists() {
                    return Err(format!("no store in {}", data.display()));
                }
                (sqlite_url(&file), Kind::Sqlite, file.display().to_string())
            }
        };
        let mut options = AnyPoolOptions::new().acquire_timeout(Duration::from_secs(10));
        options = match kind {
            // Writers queue on SQLite's one lock (busy_timeout) instead of
            // failing; a few connections are enough for WAL readers.
            Kind::Sqlite => options.max_connections(4).after_connect(|conn, _| {
                Box::pin(async move {
                    sqlx::raw_sql("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;").execute(&mut *conn).await?;
                    Ok(())
                })
            }),
            Kind::Postgres => options.max_connections(16),
        };
        let pool = options.connect(&url).await.map_err(|e| format!("cannot open the database {shown}: {e}"))?;
        let db = Db { pool, kind, shown };
        if kind == Kind::Sqlite {
            db.adopt_legacy().await.map_err(|e| format!("database {}: {e}", db.shown))?;
        }
        migrator(kind).run(&db.pool).await.map_err(|e| format!("database {}: schema migration failed: {e}", db.shown))?;
        Ok(db)
    }

    /// An SQLite file from before the schema was versioned: add the
    /// columns added since, so migration 1 finds the tables it declares.
    async fn adopt_legacy(&self) -> Result<(), sqlx::Error> {
        let cols: Vec<String> = sqlx::query("SELECT name FROM pragma_table_info('applications')").fetch_all(&self.pool).await?.iter().map(|r| r.get::<String, _>(0)).collect();
        if cols.is_empty() {
            return Ok(());
        }
        for (name, ty) in LEGACY_ADDED {
            if !cols.iter().any(|c| c == name) {
                sqlx::query(AssertSqlSafe(format!("ALTER TABLE applications ADD COLUMN {name} {ty}"))).execute(&self.pool).await?;
            }
        }
        Ok(())
    }

    /// The column that orders audit rows as they were written.
    pub fn audit_order(&self) -> &'static str {
        match self.kind {
            Kind::Sqlite => "rowid",
            Kind::Postgres => "id",
        }
    }

    /// Readiness: one round trip.
    pub async fn ping(&self) -> Result<(), String> {
        sqlx::query("SELECT 1").fetch_one(&self.pool).await.map(|_| ()).map_err(|e| format!("database {}: {e}", self.shown))
    }

    /// The schema version applied (the highest migration).
    pub async fn version(&self) -> Result<i64, String> {
        let r: AnyRow = sqlx::query("SELECT MAX(version) FROM _sqlx_migrations").fetch_one(&self.pool).await.map_err(|e| e.to_string())?;
        Ok(r.try_get::<Option<i64>, _>(0).ok().flatten().unwrap_or(0))
    }
}

/// Whether an insert failed on a unique constraint (the key was taken).
pub fn is_unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(d) if d.is_unique_violation())
}

#[cfg(test)]
mod tests {
    #[test]
    fn passwords_are_never_shown() {
        assert_eq!(super::hide_password("postgres://mtt:s3cret@127.0.0.1:5432/intake"), "postgres://mtt@127.0.0.1:5432/intake");
        assert_eq!(super::hide_password("postgres://127.0.0.1/intake"), "postgres://127.0.0.1/intake");
    }
}

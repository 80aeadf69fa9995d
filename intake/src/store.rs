//! Durable storage: each package's bytes in `DATA/packages/<receipt>.zip`,
//! and one SQLite row per application in `DATA/intake.sqlite3`.
//!
//! ## Architecture invariant: no receipt without its package
//! [`Store::insert`] writes the ZIP to a temporary file, fsyncs it, renames
//! it into place and fsyncs the folder, and only then commits the row (WAL,
//! `synchronous=FULL`). A receipt is answered only after the commit. A crash
//! before the commit leaves at most a package file without a row; such
//! files are removed at the next start (the client never got a receipt for
//! them and retries with the same key). A crash after the commit loses
//! nothing.
//!
//! ## Data at rest
//! Folders are created `0700` and files `0600` (the server also sets its
//! umask to `077`); existing ones are tightened at start. A temporary
//! package file is removed on every error path. Retention
//! ([`Store::purge_decided`]): once an application has been decided
//! (`accepted` or `rejected`, recorded in `decided_at`) for longer than the
//! configured period, its package bytes are deleted; the row (receipt,
//! status, evaluation) stays and an `audit` row records the deletion.

use rusqlite::{params, Connection, OptionalExtension};
use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

/// One stored application.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    pub receipt: String,
    pub idempotency_key: String,
    /// SHA-256 of the whole request body (the package ZIP), lowercase hex.
    pub body_sha256: String,
    /// `received` for every new application; a back office moves it on.
    pub status: String,
    /// RFC 3339, UTC.
    pub received_at: String,
    pub pack_id: String,
    pub pack_version: String,
    /// The eligibility status the server's own evaluation gave.
    pub eligibility: String,
    pub files: u32,
    pub size: u64,
    /// The server's own evaluation (contract-v1 result JSON).
    pub result: String,
    /// The client's result as sent, kept for comparison.
    pub client_result: String,
    /// Where the two results differ (comma-separated JSON paths); empty
    /// when they agree.
    pub result_differs: String,
    /// When the application was decided (`accepted`/`rejected`), RFC 3339.
    pub decided_at: Option<String>,
    /// When retention deleted its package bytes.
    pub purged_at: Option<String>,
}

impl Record {
    /// A record with the evaluation fields empty (tests, tools).
    #[allow(clippy::too_many_arguments)]
    pub fn basic(receipt: &str, key: &str, body_sha256: &str, received_at: &str, pack_id: &str, pack_version: &str, eligibility: &str, files: u32, size: u64) -> Record {
        Record {
            receipt: receipt.into(),
            idempotency_key: key.into(),
            body_sha256: body_sha256.into(),
            status: "received".into(),
            received_at: received_at.into(),
            pack_id: pack_id.into(),
            pack_version: pack_version.into(),
            eligibility: eligibility.into(),
            files,
            size,
            result: String::new(),
            client_result: String::new(),
            result_differs: String::new(),
            decided_at: None,
            purged_at: None,
        }
    }
}

pub struct Store {
    conn: Mutex<Connection>,
    packages: PathBuf,
    /// Held for the server's lifetime: one server per data folder, so
    /// recovery never removes a file another server is about to commit.
    _lock: Option<File>,
}

/// The statuses an application can have. `received` is set on arrival; a
/// back office moves it on with `mantetong-intake --set-status`.
/// v1.1 adds `returned`, `approved`, `refused` (`accepted`/`rejected` are
/// v1's words for the last two).
pub const STATUSES: [&str; 7] = ["received", "in_review", "accepted", "rejected", "returned", "approved", "refused"];

#[derive(Debug)]
pub struct StoreError(pub String);

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for StoreError {}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> StoreError {
        StoreError(format!("database: {e}"))
    }
}

fn io(what: &str, path: &Path) -> impl FnOnce(std::io::Error) -> StoreError {
    let (what, path) = (what.to_string(), path.display().to_string());
    move |e| StoreError(format!("{what} {path}: {e}"))
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS applications (
    receipt         TEXT PRIMARY KEY,
    idempotency_key TEXT NOT NULL UNIQUE,
    body_sha256     TEXT NOT NULL,
    status          TEXT NOT NULL,
    received_at     TEXT NOT NULL,
    pack_id         TEXT NOT NULL,
    pack_version    TEXT NOT NULL,
    eligibility     TEXT NOT NULL,
    files           INTEGER NOT NULL,
    size            INTEGER NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS audit (
    at      TEXT NOT NULL,
    receipt TEXT NOT NULL,
    event   TEXT NOT NULL
) STRICT;
";

/// Columns added after the first schema, each `ALTER TABLE ... ADD COLUMN`
/// on an older database.
const ADDED: [(&str, &str); 5] = [
    ("result", "TEXT NOT NULL DEFAULT ''"),
    ("client_result", "TEXT NOT NULL DEFAULT ''"),
    ("result_differs", "TEXT NOT NULL DEFAULT ''"),
    ("decided_at", "TEXT"),
    ("purged_at", "TEXT"),
];

const COLUMNS: &str = "receipt, idempotency_key, body_sha256, status, received_at, pack_id, pack_version, eligibility, files, size, result, client_result, result_differs, decided_at, purged_at";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Record> {
    Ok(Record {
        receipt: r.get(0)?,
        idempotency_key: r.get(1)?,
        body_sha256: r.get(2)?,
        status: r.get(3)?,
        received_at: r.get(4)?,
        pack_id: r.get(5)?,
        pack_version: r.get(6)?,
        eligibility: r.get(7)?,
        files: r.get(8)?,
        size: r.get::<_, i64>(9)? as u64,
        result: r.get(10)?,
        client_result: r.get(11)?,
        result_differs: r.get(12)?,
        decided_at: r.get(13)?,
        purged_at: r.get(14)?,
    })
}

/// Creates `dir` (and parents) `0700`, and makes it `0700` if it exists.
pub fn private_dir(dir: &Path) -> Result<(), StoreError> {
    fs::DirBuilder::new().recursive(true).mode(0o700).create(dir).map_err(io("cannot create", dir))?;
    fs::set_permissions(dir, fs::Permissions::from_mode(0o700)).map_err(io("cannot make private", dir))
}

/// Makes an existing file `0600`.
fn private_file(path: &Path) {
    if path.exists() {
        if let Err(e) = fs::set_permissions(path, fs::Permissions::from_mode(0o600)) {
            tracing::warn!(file = %path.display(), error = %e, "cannot make the file private");
        }
    }
}

impl Store {
    /// Opens (creating) the store under `data` for a server: takes the
    /// folder's lock and removes what an interrupted insert left behind.
    pub fn open(data: &Path) -> Result<Store, StoreError> {
        private_dir(data)?;
        let lock_path = data.join("lock");
        let lock = OpenOptions::new().create(true).truncate(false).write(true).mode(0o600).open(&lock_path).map_err(io("cannot open", &lock_path))?;
        if lock.try_lock().is_err() {
            return Err(StoreError(format!("another mantetong-intake is using {}", data.display())));
        }
        let mut store = Store::connect(data)?;
        store._lock = Some(lock);
        // Tighten what an older version left readable.
        for f in ["lock", "intake.sqlite3", "intake.sqlite3-wal", "intake.sqlite3-shm"] {
            private_file(&data.join(f));
        }
        if let Ok(dir) = fs::read_dir(&store.packages) {
            for e in dir.flatten() {
                private_file(&e.path());
            }
        }
        store.recover()?;
        Ok(store)
    }

    /// Opens the store beside a running server, for the admin commands:
    /// no lock, no recovery.
    pub fn open_admin(data: &Path) -> Result<Store, StoreError> {
        if !data.join("intake.sqlite3").exists() {
            return Err(StoreError(format!("no store in {}", data.display())));
        }
        Store::connect(data)
    }

    fn connect(data: &Path) -> Result<Store, StoreError> {
        let packages = data.join("packages");
        private_dir(&packages)?;
        let db = data.join("intake.sqlite3");
        let conn = Connection::open(&db).map_err(|e| StoreError(format!("cannot open {}: {e}", db.display())))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.execute_batch(SCHEMA)?;
        let have: Vec<String> = conn.prepare("SELECT name FROM pragma_table_info('applications')")?.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
        for (name, ty) in ADDED {
            if !have.iter().any(|h| h == name) {
                conn.execute_batch(&format!("ALTER TABLE applications ADD COLUMN {name} {ty}"))?;
            }
        }
        Ok(Store { conn: Mutex::new(conn), packages, _lock: None })
    }

    /// Every application, oldest first.
    pub fn list(&self) -> Result<Vec<Record>, StoreError> {
        let conn = self.lock();
        let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM applications ORDER BY received_at, receipt"))?;
        let rows = stmt.query_map([], row)?.collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// Moves an application to `status` (one of [`STATUSES`]). False if
    /// no application has that receipt.
    pub fn set_status(&self, receipt: &str, status: &str) -> Result<bool, StoreError> {
        if !STATUSES.contains(&status) {
            return Err(StoreError(format!("unknown status \"{status}\"; known: {}", STATUSES.join(", "))));
        }
        let n = self.lock().execute("UPDATE applications SET status = ?1 WHERE receipt = ?2", params![status, receipt])?;
        if n == 1 && (status == "accepted" || status == "rejected") {
            self.mark_decided(receipt, &crate::now_rfc3339())?;
        }
        Ok(n == 1)
    }

    /// Records that `receipt` was decided at `at` (RFC 3339, UTC), once:
    /// retention counts from the first decision. A generic hook for any
    /// code that decides (the back office, a reviewer API).
    pub fn mark_decided(&self, receipt: &str, at: &str) -> Result<(), StoreError> {
        let conn = self.lock();
        let n = conn.execute("UPDATE applications SET decided_at = ?1 WHERE receipt = ?2 AND decided_at IS NULL", params![at, receipt])?;
        if n == 1 {
            conn.execute("INSERT INTO audit (at, receipt, event) VALUES (?1, ?2, 'decided')", params![at, receipt])?;
        }
        Ok(())
    }

    /// Retention: deletes the package bytes of every application decided
    /// more than `keep` ago, keeping its row, and records each deletion in
    /// `audit`. Returns how many were deleted.
    pub fn purge_decided(&self, keep: Duration) -> Result<usize, StoreError> {
        let cutoff = crate::rfc3339_at(std::time::SystemTime::now().checked_sub(keep).unwrap_or(std::time::UNIX_EPOCH));
        let due: Vec<String> = {
            let conn = self.lock();
            let mut stmt = conn.prepare("SELECT receipt FROM applications WHERE decided_at IS NOT NULL AND decided_at <= ?1 AND purged_at IS NULL")?;
            let rows = stmt.query_map([&cutoff], |r| r.get(0))?.collect::<Result<Vec<String>, _>>()?;
            rows
        };
        for receipt in &due {
            let path = self.package_path(receipt);
            match fs::remove_file(&path) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(StoreError(format!("cannot delete {}: {e}", path.display()))),
            }
            let now = crate::now_rfc3339();
            let conn = self.lock();
            conn.execute("UPDATE applications SET purged_at = ?1 WHERE receipt = ?2", params![now, receipt])?;
            conn.execute("INSERT INTO audit (at, receipt, event) VALUES (?1, ?2, 'package deleted (retention)')", params![now, receipt])?;
        }
        if !due.is_empty() {
            File::open(&self.packages).and_then(|d| d.sync_all()).map_err(io("cannot fsync folder", &self.packages))?;
        }
        Ok(due.len())
    }

    /// The audit entries of `receipt`, oldest first: `(at, event)`.
    pub fn audit(&self, receipt: &str) -> Result<Vec<(String, String)>, StoreError> {
        let conn = self.lock();
        let mut stmt = conn.prepare("SELECT at, event FROM audit WHERE receipt = ?1 ORDER BY rowid")?;
        let rows = stmt.query_map([receipt], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave a half-done SQLite
        // transaction committed; the connection is still usable.
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn recover(&self) -> Result<(), StoreError> {
        let dir = fs::read_dir(&self.packages).map_err(io("cannot read", &self.packages))?;
        for entry in dir.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = entry.path();
            if name.ends_with(".tmp") {
                tracing::warn!(file = %path.display(), "removing a package file an interrupted insert left");
                let _ = fs::remove_file(&path);
            } else if let Some(receipt) = name.strip_suffix(".zip") {
                if self.by_receipt(receipt)?.is_none() {
                    tracing::warn!(file = %path.display(), "removing a package that never got a receipt (crash before commit)");
                    let _ = fs::remove_file(&path);
                }
            }
        }
        let conn = self.lock();
        // Retention deleted the bytes of purged ones on purpose.
        let mut stmt = conn.prepare("SELECT receipt FROM applications WHERE purged_at IS NULL")?;
        let receipts: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
        for r in receipts {
            if !self.package_path(&r).exists() {
                tracing::error!(receipt = %r, "the package file of a stored application is missing");
            }
        }
        Ok(())
    }

    /// Where the package of `receipt` is kept.
    pub fn package_path(&self, receipt: &str) -> PathBuf {
        self.packages.join(format!("{receipt}.zip"))
    }

    pub fn by_key(&self, key: &str) -> Result<Option<Record>, StoreError> {
        self.one("idempotency_key", key)
    }

    pub fn by_receipt(&self, receipt: &str) -> Result<Option<Record>, StoreError> {
        self.one("receipt", receipt)
    }

    fn one(&self, column: &str, value: &str) -> Result<Option<Record>, StoreError> {
        let conn = self.lock();
        let sql = format!("SELECT {COLUMNS} FROM applications WHERE {column} = ?1");
        Ok(conn.query_row(&sql, [value], row).optional()?)
    }

    /// Stores the package bytes durably, then the row. Returns only once
    /// both are on disk.
    pub fn insert(&self, rec: &Record, body: &[u8]) -> Result<(), StoreError> {
        let path = self.package_path(&rec.receipt);
        let tmp = self.packages.join(format!("{}.tmp", rec.receipt));
        let written = (|| {
            let mut f: File = OpenOptions::new().write(true).create_new(true).mode(0o600).open(&tmp).map_err(io("cannot create", &tmp))?;
            f.write_all(body).map_err(io("cannot write", &tmp))?;
            f.sync_all().map_err(io("cannot fsync", &tmp))?;
            drop(f);
            fs::rename(&tmp, &path).map_err(io("cannot rename into", &path))
        })();
        if let Err(e) = written {
            // A full disk or any other failure leaves no temporary file.
            let _ = fs::remove_file(&tmp);
            return Err(e);
        }
        if let Err(e) = File::open(&self.packages).and_then(|d| d.sync_all()) {
            let _ = fs::remove_file(&path);
            return Err(StoreError(format!("cannot fsync folder {}: {e}", self.packages.display())));
        }
        let conn = self.lock();
        let done = conn.execute(
            "INSERT INTO applications (receipt, idempotency_key, body_sha256, status, received_at, pack_id, pack_version, eligibility, files, size,
                                       result, client_result, result_differs)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            params![
                rec.receipt,
                rec.idempotency_key,
                rec.body_sha256,
                rec.status,
                rec.received_at,
                rec.pack_id,
                rec.pack_version,
                rec.eligibility,
                rec.files,
                rec.size as i64,
                rec.result,
                rec.client_result,
                rec.result_differs
            ],
        );
        if let Err(e) = done {
            drop(conn);
            let _ = fs::remove_file(&path);
            return Err(e.into());
        }
        Ok(())
    }
}

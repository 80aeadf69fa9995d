//! Durable storage through two seams: each package's bytes in
//! [`Blobs`] (`DATA/packages/<receipt>.zip` by default, or an S3 bucket),
//! and one row per application in [`Db`] (`DATA/intake.sqlite3` by
//! default, or PostgreSQL).
//!
//! ## Architecture invariant: no receipt without its package
//! [`Store::insert`] writes the package and verifies it ([`Blobs::put`]),
//! and only then commits the row (SQLite: WAL, `synchronous=FULL`). A
//! receipt is answered only after the commit. A crash before the commit
//! leaves at most a package without a row: an orphan, removed by
//! [`Store::sweep_orphans`] (at start on SQLite, whose lock guarantees no
//! other writer; and, for replicas sharing PostgreSQL, only once older than
//! a grace period, so another replica's upload in progress is never
//! taken). The client never got a receipt for it and retries with the same
//! key. A crash after the commit loses nothing.
//!
//! ## One receipt per key, on every replica
//! The key is `UNIQUE` in the database. Two replicas receiving the same
//! key at once both upload; one insert wins, the other sees the unique
//! violation, deletes its own upload and answers the winner's receipt
//! ([`Inserted::Existing`]). On SQLite a lock file also keeps a second
//! process off the folder; with PostgreSQL there is no lock.
//!
//! ## Data at rest
//! Folders are created `0700` and files `0600` (the server also sets its
//! umask to `077`); existing ones are tightened at start. A temporary
//! package file is removed on every error path. Retention
//! ([`Store::purge_decided`]): once an application has been decided
//! (`accepted` or `rejected`, recorded in `decided_at`) for longer than the
//! configured period, its package bytes are deleted; the row (receipt,
//! status, evaluation) stays and an `audit` row records the deletion.

use crate::blobs::Blobs;
use crate::db::{is_unique_violation, Db, Kind};
use sqlx::any::AnyRow;
use sqlx::{AssertSqlSafe, Row};
use std::fs::{self, File, OpenOptions};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

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
    pub db: Db,
    pub blobs: Blobs,
    /// Held for the server's lifetime on SQLite: one server per data
    /// folder, so recovery never removes a file another server is about
    /// to commit. None with PostgreSQL (replicas share it).
    _lock: Option<File>,
}

/// Where a store lives: `--data`, `--database`, `--store`.
#[derive(Clone, Debug, Default)]
pub struct Location {
    pub data: PathBuf,
    /// `postgres://…`; `None`: SQLite in `data`.
    pub database: Option<String>,
    /// `s3://bucket/prefix`; `None`: the folder `data`.
    pub store: Option<String>,
}

impl Location {
    pub fn local(data: &Path) -> Location {
        Location { data: data.to_path_buf(), database: None, store: None }
    }
}

/// What [`Store::insert`] did.
#[derive(Debug)]
pub enum Inserted {
    /// Stored: this request's receipt.
    New,
    /// Another request (on this or another replica) stored the key first.
    Existing(Box<Record>),
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

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> StoreError {
        crate::metrics::db_error();
        StoreError(format!("database: {e}"))
    }
}

impl From<String> for StoreError {
    fn from(e: String) -> StoreError {
        StoreError(e)
    }
}

fn io(what: &str, path: &Path) -> impl FnOnce(std::io::Error) -> StoreError {
    let (what, path) = (what.to_string(), path.display().to_string());
    move |e| StoreError(format!("{what} {path}: {e}"))
}

fn blob_err(e: String) -> StoreError {
    crate::metrics::store_error();
    StoreError(e)
}

const COLUMNS: &str = "receipt, idempotency_key, body_sha256, status, received_at, pack_id, pack_version, eligibility, files, size, result, client_result, result_differs, decided_at, purged_at";

fn row(r: &AnyRow) -> Result<Record, sqlx::Error> {
    Ok(Record {
        receipt: r.try_get(0)?,
        idempotency_key: r.try_get(1)?,
        body_sha256: r.try_get(2)?,
        status: r.try_get(3)?,
        received_at: r.try_get(4)?,
        pack_id: r.try_get(5)?,
        pack_version: r.try_get(6)?,
        eligibility: r.try_get(7)?,
        files: r.try_get::<i64, _>(8)?.clamp(0, u32::MAX as i64) as u32,
        size: r.try_get::<i64, _>(9)?.max(0) as u64,
        result: r.try_get(10)?,
        client_result: r.try_get(11)?,
        result_differs: r.try_get(12)?,
        decided_at: r.try_get(13)?,
        purged_at: r.try_get(14)?,
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

/// The key of a receipt's package.
pub fn package_key(receipt: &str) -> String {
    format!("packages/{receipt}.zip")
}

impl Store {
    /// Opens (creating) the store for a server: on SQLite takes the
    /// folder's lock and removes what an interrupted insert left behind.
    pub async fn open(at: &Location) -> Result<Store, StoreError> {
        let data = &at.data;
        private_dir(data)?;
        let mut lock = None;
        if at.database.is_none() {
            let lock_path = data.join("lock");
            let f = OpenOptions::new().create(true).truncate(false).write(true).mode(0o600).open(&lock_path).map_err(io("cannot open", &lock_path))?;
            if f.try_lock().is_err() {
                return Err(StoreError(format!("another mantetong-intake is using {}", data.display())));
            }
            lock = Some(f);
        }
        let mut store = Store::connect(at, true).await?;
        store._lock = lock;
        // Tighten what an older version left readable.
        for f in ["lock", "intake.sqlite3", "intake.sqlite3-wal", "intake.sqlite3-shm"] {
            private_file(&data.join(f));
        }
        if let Blobs::Local(d) = &store.blobs {
            if let Ok(dir) = fs::read_dir(d.join("packages")) {
                for e in dir.flatten() {
                    private_file(&e.path());
                }
            }
        }
        if store._lock.is_some() {
            // Alone on this database: everything without a row is an orphan.
            store.sweep_orphans(Duration::ZERO).await?;
            store.check_packages().await?;
        }
        Ok(store)
    }

    /// Opens the store beside a running server, for the admin commands:
    /// no lock, no recovery.
    pub async fn open_admin(at: &Location) -> Result<Store, StoreError> {
        Store::connect(at, false).await
    }

    async fn connect(at: &Location, create: bool) -> Result<Store, StoreError> {
        let blobs = Blobs::open(at.store.as_deref(), &at.data)?;
        if let Blobs::Local(d) = &blobs {
            if create {
                private_dir(&d.join("packages"))?;
            }
        }
        let db = Db::open(at.database.as_deref(), &at.data, create).await?;
        Ok(Store { db, blobs, _lock: None })
    }

    /// Every application, oldest first.
    pub async fn list(&self) -> Result<Vec<Record>, StoreError> {
        let rows = sqlx::query(AssertSqlSafe(format!("SELECT {COLUMNS} FROM applications ORDER BY received_at, receipt"))).fetch_all(&self.db.pool).await?;
        Ok(rows.iter().map(row).collect::<Result<Vec<_>, _>>()?)
    }

    /// Moves an application to `status` (one of [`STATUSES`]). False if
    /// no application has that receipt.
    pub async fn set_status(&self, receipt: &str, status: &str) -> Result<bool, StoreError> {
        if !STATUSES.contains(&status) {
            return Err(StoreError(format!("unknown status \"{status}\"; known: {}", STATUSES.join(", "))));
        }
        let n = sqlx::query("UPDATE applications SET status = $1 WHERE receipt = $2").bind(status).bind(receipt).execute(&self.db.pool).await?.rows_affected();
        if n == 1 && (status == "accepted" || status == "rejected") {
            self.mark_decided(receipt, &crate::now_rfc3339()).await?;
        }
        Ok(n == 1)
    }

    /// Records that `receipt` was decided at `at` (RFC 3339, UTC), once:
    /// retention counts from the first decision. A generic hook for any
    /// code that decides (the back office, a reviewer API).
    pub async fn mark_decided(&self, receipt: &str, at: &str) -> Result<(), StoreError> {
        let mut tx = self.db.pool.begin().await?;
        let n = sqlx::query("UPDATE applications SET decided_at = $1 WHERE receipt = $2 AND decided_at IS NULL").bind(at).bind(receipt).execute(&mut *tx).await?.rows_affected();
        if n == 1 {
            sqlx::query("INSERT INTO audit (at, receipt, event) VALUES ($1, $2, 'decided')").bind(at).bind(receipt).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Retention: deletes the package bytes of every application decided
    /// more than `keep` ago, keeping its row, and records each deletion in
    /// `audit`. Returns how many were deleted.
    pub async fn purge_decided(&self, keep: Duration) -> Result<usize, StoreError> {
        let cutoff = crate::rfc3339_at(SystemTime::now().checked_sub(keep).unwrap_or(std::time::UNIX_EPOCH));
        let due: Vec<String> = sqlx::query("SELECT receipt FROM applications WHERE decided_at IS NOT NULL AND decided_at <= $1 AND purged_at IS NULL")
            .bind(&cutoff)
            .fetch_all(&self.db.pool)
            .await?
            .iter()
            .map(|r| r.try_get(0))
            .collect::<Result<_, _>>()?;
        for receipt in &due {
            self.blobs.delete(&package_key(receipt)).await.map_err(blob_err)?;
            let now = crate::now_rfc3339();
            let mut tx = self.db.pool.begin().await?;
            // Another replica may have purged it meanwhile: record it once.
            let n = sqlx::query("UPDATE applications SET purged_at = $1 WHERE receipt = $2 AND purged_at IS NULL").bind(&now).bind(receipt).execute(&mut *tx).await?.rows_affected();
            if n == 1 {
                sqlx::query("INSERT INTO audit (at, receipt, event) VALUES ($1, $2, 'package deleted (retention)')").bind(&now).bind(receipt).execute(&mut *tx).await?;
            }
            tx.commit().await?;
        }
        Ok(due.len())
    }

    /// The audit entries of `receipt`, oldest first: `(at, event)`.
    pub async fn audit(&self, receipt: &str) -> Result<Vec<(String, String)>, StoreError> {
        let sql = format!("SELECT at, event FROM audit WHERE receipt = $1 ORDER BY {}", self.db.audit_order());
        let rows = sqlx::query(AssertSqlSafe(sql)).bind(receipt).fetch_all(&self.db.pool).await?;
        Ok(rows.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).collect::<Result<Vec<_>, sqlx::Error>>()?)
    }

    /// Removes what a crash between upload and commit left: package
    /// objects without a row, older than `grace` (zero only when this
    /// process is alone on the database), and temporary files. Returns how
    /// many were removed.
    pub async fn sweep_orphans(&self, grace: Duration) -> Result<usize, StoreError> {
        let now = SystemTime::now();
        let mut removed = 0;
        for obj in self.blobs.list("packages").await.map_err(blob_err)? {
            let old = now.duration_since(obj.modified).unwrap_or_default() >= grace;
            if !old {
                continue;
            }
            let name = obj.key.strip_prefix("packages/").unwrap_or(&obj.key);
            let orphan = if name.ends_with(".tmp") {
                true
            } else if let Some(receipt) = name.strip_suffix(".zip") {
                self.by_receipt(receipt).await?.is_none()
            } else {
                false
            };
            if orphan {
                tracing::warn!(object = %self.blobs.location(&obj.key), "removing a package that never got a receipt (interrupted before its commit)");
                self.blobs.delete(&obj.key).await.map_err(blob_err)?;
                removed += 1;
            }
        }
        Ok(removed)
    }

    /// Logs every stored application whose package is missing (retention
    /// deleted the bytes of purged ones on purpose).
    async fn check_packages(&self) -> Result<(), StoreError> {
        if !matches!(self.blobs, Blobs::Local(_)) {
            return Ok(());
        }
        let receipts: Vec<String> = sqlx::query("SELECT receipt FROM applications WHERE purged_at IS NULL").fetch_all(&self.db.pool).await?.iter().map(|r| r.try_get(0)).collect::<Result<_, _>>()?;
        for r in receipts {
            if !self.package_path(&r).exists() {
                tracing::error!(receipt = %r, "the package file of a stored application is missing");
            }
        }
        Ok(())
    }

    /// Where the package of `receipt` is kept in the local folder.
    pub fn package_path(&self, receipt: &str) -> PathBuf {
        match &self.blobs {
            Blobs::Local(d) => d.join(package_key(receipt)),
            Blobs::S3 { .. } => PathBuf::from(self.blobs.location(&package_key(receipt))),
        }
    }

    /// Where the package of `receipt` is kept, for people.
    pub fn package_location(&self, receipt: &str) -> String {
        self.blobs.location(&package_key(receipt))
    }

    /// The package bytes of `receipt`, `None` if they are not kept.
    pub async fn package(&self, receipt: &str) -> Result<Option<Vec<u8>>, StoreError> {
        self.blobs.get(&package_key(receipt)).await.map_err(blob_err)
    }

    pub async fn by_key(&self, key: &str) -> Result<Option<Record>, StoreError> {
        self.one("idempotency_key", key).await
    }

    pub async fn by_receipt(&self, receipt: &str) -> Result<Option<Record>, StoreError> {
        self.one("receipt", receipt).await
    }

    async fn one(&self, column: &str, value: &str) -> Result<Option<Record>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM applications WHERE {column} = $1");
        let r = sqlx::query(AssertSqlSafe(sql)).bind(value).fetch_optional(&self.db.pool).await?;
        Ok(r.as_ref().map(row).transpose()?)
    }

    /// Readiness: the database and the package store both answer.
    pub async fn ready(&self) -> Result<(), String> {
        let db = self.db.ping().await;
        let blobs = self.blobs.ping().await;
        match (db, blobs) {
            (Ok(()), Ok(())) => Ok(()),
            (Err(a), Ok(())) => Err(a),
            (Ok(()), Err(b)) => Err(b),
            (Err(a), Err(b)) => Err(format!("{a}; {b}")),
        }
    }

    /// Stores the package bytes durably and verified, then the row.
    /// Returns only once both are kept, or when the key turned out to be
    /// taken (then this request's upload is deleted again).
    pub async fn insert(&self, rec: &Record, body: bytes::Bytes) -> Result<Inserted, StoreError> {
        let key = package_key(&rec.receipt);
        self.blobs.put(&key, body).await.map_err(blob_err)?;
        let done = sqlx::query(
            "INSERT INTO applications (receipt, idempotency_key, body_sha256, status, received_at, pack_id, pack_version, eligibility, files, size,
                                       result, client_result, result_differs)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        )
        .bind(&rec.receipt)
        .bind(&rec.idempotency_key)
        .bind(&rec.body_sha256)
        .bind(&rec.status)
        .bind(&rec.received_at)
        .bind(&rec.pack_id)
        .bind(&rec.pack_version)
        .bind(&rec.eligibility)
        .bind(i64::from(rec.files))
        .bind(rec.size as i64)
        .bind(&rec.result)
        .bind(&rec.client_result)
        .bind(&rec.result_differs)
        .execute(&self.db.pool)
        .await;
        match done {
            Ok(_) => Ok(Inserted::New),
            Err(e) => {
                // Ours never got a row: take it back (a crash here leaves an
                // orphan for the sweep).
                if let Err(d) = self.blobs.delete(&key).await {
                    tracing::warn!(error = %d, "could not delete the package of a failed insert; the orphan sweep will");
                }
                if is_unique_violation(&e) {
                    if let Some(winner) = self.by_key(&rec.idempotency_key).await? {
                        return Ok(Inserted::Existing(Box::new(winner)));
                    }
                }
                Err(e.into())
            }
        }
    }

    /// An online backup of SQLite and the folder into `dest` (a new
    /// folder): first the database (`VACUUM INTO`, a consistent snapshot
    /// while the server writes), then the packages and readings. Every row
    /// in the copy has its package (written before its row, so before the
    /// snapshot); a package newer than the snapshot is an orphan in the
    /// copy, swept when a server starts on it. Returns the applications in
    /// the copy.
    pub async fn backup(&self, dest: &Path) -> Result<usize, StoreError> {
        if self.db.kind != Kind::Sqlite {
            return Err(StoreError("the database is PostgreSQL: back it up with pg_dump, then the bucket (docs/deployment.md)".into()));
        }
        if dest.exists() && fs::read_dir(dest).map(|mut d| d.next().is_some()).unwrap_or(true) {
            return Err(StoreError(format!("{} exists and is not empty; give a new folder", dest.display())));
        }
        private_dir(dest)?;
        let file = dest.join("intake.sqlite3");
        let quoted = file.to_string_lossy().replace('\'', "''");
        sqlx::query(AssertSqlSafe(format!("VACUUM INTO '{quoted}'"))).execute(&self.db.pool).await?;
        private_file(&file);
        let n: i64 = {
            let copy = Db::open(None, dest, false).await?;
            let r = sqlx::query("SELECT COUNT(*) FROM applications").fetch_one(&copy.pool).await?;
            copy.pool.close().await;
            r.try_get(0)?
        };
        if let Blobs::Local(src) = &self.blobs {
            for dir in ["packages", "readings"] {
                private_dir(&dest.join(dir))?;
                for obj in self.blobs.list(dir).await.map_err(blob_err)? {
                    if obj.key.ends_with(".tmp") {
                        continue;
                    }
                    let to = dest.join(&obj.key);
                    match fs::copy(src.join(&obj.key), &to) {
                        Ok(_) => private_file(&to),
                        // Deleted by retention meanwhile: its row says so.
                        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                        Err(e) => return Err(StoreError(format!("cannot copy {}: {e}", obj.key))),
                    }
                }
            }
        }
        Ok(n.max(0) as usize)
    }

    /// Whether this store is PostgreSQL (shared by replicas).
    pub fn shared(&self) -> bool {
        self.db.kind == Kind::Postgres
    }
}

//! The intake reads every photo it receives (issue 13) with the engine of
//! `mantetong read` (reader/), so the reviewer sees the seal, the paper's
//! own date and the photo's quality next to each file. The reading runs
//! after the receipt is answered (it never delays or fails a submission),
//! one package at a time, and is kept beside the package, through the same
//! bytes seam ([`crate::blobs`]): `readings/<receipt>.json` in the folder
//! (`DATA/readings/`) or in the bucket:
//!
//! ```json
//! {"receipt": "MTT-...", "files": [
//!   {"path": "files/zhenduan.jpg", "kind": "diagnosis_certificate",
//!    "reading": {"seal": "found", ... as `mantetong read` prints}},
//!   {"path": "files/x.pdf", "kind": "...", "error": "a PDF, not a photo: ..."}]}
//! ```

use mantetong_core::package::{read_and_verify, Limits};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::store::Store;

/// One package is read at a time (the reading is CPU-bound), by one engine
/// kept for the process: starting Tesseract (loading its language data)
/// cost more than reading a small package.
static ENGINE: Mutex<Option<mantetong_read::Tesseract>> = Mutex::new(None);

/// Where the reading of `receipt` is kept in the local folder.
pub fn path(data_dir: &Path, receipt: &str) -> PathBuf {
    data_dir.join(key(receipt))
}

/// The key of the reading of `receipt` in the bytes seam.
pub fn key(receipt: &str) -> String {
    format!("readings/{receipt}.json")
}

/// The reading queue: receipts only. One worker reads one package at a
/// time, taking its bytes from the store when its turn comes. Each queued
/// reading used to be a task holding its whole package in memory and a
/// blocking thread waiting for the engine: thirty 20-MB packages behind a
/// slow one took ~1 GB, and 512 of them took every blocking thread, so a
/// new submission got no answer at all (hostile tests, 2026-12-05).
#[derive(Clone)]
pub struct Queue {
    tx: tokio::sync::mpsc::UnboundedSender<(String, crate::metrics::Gauge)>,
}

impl Queue {
    /// Starts the worker, and queues every stored package that has no
    /// reading yet: one whose reading was queued or under way when the
    /// server last stopped (SIGTERM) is read now, not lost for good.
    pub fn start(store: Arc<Store>, limits: Limits) -> Queue {
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<(String, crate::metrics::Gauge)>();
        let worker = store.clone();
        tokio::spawn(async move {
            while let Some((receipt, queued)) = rx.recv().await {
                read_stored(&worker, &receipt, limits).await;
                drop(queued);
            }
        });
        let queue = Queue { tx };
        let q = queue.clone();
        tokio::spawn(async move {
            match unread(&store).await {
                Ok(receipts) => {
                    if !receipts.is_empty() {
                        tracing::info!(count = receipts.len(), "reading the stored packages that have no reading yet");
                    }
                    for r in receipts {
                        q.push(r);
                    }
                }
                Err(e) => tracing::warn!(error = %e, "could not look for packages without a reading"),
            }
        });
        queue
    }

    /// Queues the reading of the stored package `receipt`.
    pub fn push(&self, receipt: String) {
        let _ = self.tx.send((receipt, crate::metrics::reading_queued()));
    }
}

/// The receipts of applications without a reading, oldest first (only
/// applications: a package that never got a receipt is an orphan the
/// sweep removes, not something to read and keep a reading of).
async fn unread(store: &Store) -> Result<Vec<String>, String> {
    let read: std::collections::HashSet<String> = store
        .blobs
        .list("readings")
        .await?
        .into_iter()
        .filter_map(|o| o.key.strip_prefix("readings/")?.strip_suffix(".json").map(String::from))
        .collect();
    let applications = store.list().await.map_err(|e| e.0)?;
    Ok(applications.into_iter().map(|r| r.receipt).filter(|r| !read.contains(r)).collect())
}

/// Reads the stored package `receipt` and keeps its reading.
async fn read_stored(store: &Store, receipt: &str, limits: Limits) {
    let package = match store.package(receipt).await {
        Ok(Some(b)) => b,
        // Not kept (deleted by retention): nothing to read.
        Ok(None) => return,
        Err(e) => {
            tracing::warn!(receipt = %receipt, error = %e, "could not fetch the package to read it");
            return;
        }
    };
    let r = receipt.to_string();
    let read = tokio::task::spawn_blocking(move || {
        let mut engine = ENGINE.lock().unwrap_or_else(|p| p.into_inner());
        if engine.is_none() {
            *engine = Some(mantetong_read::Tesseract::new()?);
        }
        let ocr = engine.as_mut().ok_or_else(|| "no reading engine".to_string())?;
        read_with(&package, &r, &limits, ocr)
    })
    .await;
    match read {
        Ok(Ok(v)) => {
            let body = bytes::Bytes::from(serde_json::to_vec_pretty(&v).unwrap_or_default());
            if let Err(e) = store.blobs.put(&key(receipt), body).await {
                crate::metrics::store_error();
                tracing::warn!(receipt = %receipt, error = %e, "could not keep the reading");
            }
        }
        Ok(Err(e)) => tracing::warn!(receipt = %receipt, error = %e, "could not read the photos"),
        Err(e) => tracing::warn!(receipt = %receipt, error = %e, "the reading failed"),
    }
}

/// The readings of every file of a package, as JSON.
pub fn read_package(package: &[u8], receipt: &str, limits: &Limits) -> Result<Value, String> {
    let mut ocr = mantetong_read::Tesseract::new()?;
    read_with(package, receipt, limits, &mut ocr)
}

fn read_with(package: &[u8], receipt: &str, limits: &Limits, ocr: &mut mantetong_read::Tesseract) -> Result<Value, String> {
    let pkg = read_and_verify(package, limits).map_err(|p| format!("{} problems in the package", p.len()))?;
    let today = today();
    let files: Vec<Value> = pkg
        .manifest
        .files
        .iter()
        .zip(&pkg.files)
        .map(|(entry, bytes)| match mantetong_read::read(bytes, today, ocr) {
            Ok(r) => json!({"path": entry.path, "kind": entry.kind, "reading": r}),
            Err(e) => json!({"path": entry.path, "kind": entry.kind, "error": e.to_string()}),
        })
        .collect();
    Ok(json!({"receipt": receipt, "files": files}))
}

/// Today in China (UTC+8), as the CLI reads it.
fn today() -> (i32, u32, u32) {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
    match mantetong_core::Date::from_days((secs + 8 * 3600).div_euclid(86400)) {
        Some(d) => (d.year(), d.month() as u32, d.day() as u32),
        None => (2100, 1, 1),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn today_is_a_real_date() {
        let (y, m, d) = super::today();
        assert!(y >= 2025 && (1..=12).contains(&m) && (1..=31).contains(&d));
    }
}

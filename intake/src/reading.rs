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

/// Reads the package's photos in the background and keeps the readings.
pub fn spawn(store: Arc<Store>, receipt: String, package: bytes::Bytes, limits: Limits) {
    let queued = crate::metrics::reading_queued();
    tokio::spawn(async move {
        let r = receipt.clone();
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
                if let Err(e) = store.blobs.put(&key(&receipt), body).await {
                    crate::metrics::store_error();
                    tracing::warn!(receipt = %receipt, error = %e, "could not keep the reading");
                }
            }
            Ok(Err(e)) => tracing::warn!(receipt = %receipt, error = %e, "could not read the photos"),
            Err(e) => tracing::warn!(receipt = %receipt, error = %e, "the reading failed"),
        }
        drop(queued);
    });
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

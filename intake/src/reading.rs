//! The intake reads every photo it receives (issue 13) with the engine of
//! `mantetong read` (reader/), so the reviewer sees the seal, the paper's
//! own date and the photo's quality next to each file. The reading runs
//! after the receipt is answered (it never delays or fails a submission),
//! one package at a time, and is kept as `DATA/readings/<receipt>.json`:
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

/// One package is read at a time (the reading is CPU-bound).
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

pub fn path(data_dir: &Path, receipt: &str) -> PathBuf {
    data_dir.join("readings").join(format!("{receipt}.json"))
}

/// Reads the package's photos in the background and writes the readings.
pub fn spawn(data_dir: PathBuf, receipt: String, package: Arc<Vec<u8>>, limits: Limits) {
    tokio::task::spawn_blocking(move || {
        let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
        match read_package(&package, &receipt, &limits) {
            Ok(v) => {
                if let Err(e) = write(&data_dir, &receipt, &v) {
                    tracing::warn!(receipt = %receipt, error = %e, "could not keep the reading");
                }
            }
            Err(e) => tracing::warn!(receipt = %receipt, error = %e, "could not read the photos"),
        }
    });
}

/// The readings of every file of a package, as JSON.
pub fn read_package(package: &[u8], receipt: &str, limits: &Limits) -> Result<Value, String> {
    let pkg = read_and_verify(package, limits).map_err(|p| format!("{} problems in the package", p.len()))?;
    let mut ocr = mantetong_read::Tesseract::new()?;
    let today = today();
    let files: Vec<Value> = pkg
        .manifest
        .files
        .iter()
        .zip(&pkg.files)
        .map(|(entry, bytes)| match mantetong_read::read(bytes, today, &mut ocr) {
            Ok(r) => json!({"path": entry.path, "kind": entry.kind, "reading": r}),
            Err(e) => json!({"path": entry.path, "kind": entry.kind, "error": e.to_string()}),
        })
        .collect();
    Ok(json!({"receipt": receipt, "files": files}))
}

fn write(data_dir: &Path, receipt: &str, v: &Value) -> std::io::Result<()> {
    let p = path(data_dir, receipt);
    if let Some(dir) = p.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = p.with_extension("json.tmp");
    std::fs::write(&tmp, serde_json::to_vec_pretty(v).unwrap_or_default())?;
    std::fs::rename(&tmp, &p)
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

//! The bytes seam: package ZIPs (`packages/<receipt>.zip`) and photo
//! readings (`readings/<receipt>.json`) in the local folder `--data DIR`
//! (the default) or in S3-compatible object storage with
//! `--store s3://bucket/prefix`, through the `object_store` crate.
//!
//! The endpoint, region and credentials come from the standard `AWS_*`
//! environment variables (`AWS_ENDPOINT_URL`, `AWS_REGION`,
//! `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`);
//! plain `http://` is allowed for a loopback endpoint only (or with
//! `AWS_ALLOW_HTTP=true`).
//!
//! ## Architecture invariant: written and verified before the row
//! [`Blobs::put`] returns only once the bytes are durable and checked: in
//! the folder, written to a temporary file, fsynced, renamed into place
//! and the folder fsynced (the folder's own writer, not object_store's
//! `LocalFileSystem`, which does not fsync); in a bucket, uploaded and then
//! read back and compared by SHA-256. Only then does the store commit the
//! row ([`crate::store::Store::insert`]).

use bytes::Bytes;
use futures_util::StreamExt;
use object_store::aws::{AmazonS3, AmazonS3Builder};
use object_store::path::Path as ObjPath;
use object_store::{ClientOptions, ObjectStore, PutPayload, RetryConfig};
use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// Where bytes are kept.
#[derive(Clone, Debug)]
pub enum Blobs {
    /// `DATA/`: `DATA/packages/…`, `DATA/readings/…`, files `0600`.
    Local(PathBuf),
    /// A bucket and a key prefix (no leading or trailing `/`).
    S3 { store: Arc<AmazonS3>, bucket: String, prefix: String },
}

/// One kept object: its key (`packages/<receipt>.zip`) and age.
#[derive(Clone, Debug)]
pub struct Listed {
    pub key: String,
    pub modified: SystemTime,
}

fn loopback(endpoint: &str) -> bool {
    let rest = endpoint.strip_prefix("http://").unwrap_or("");
    let host = rest.split('/').next().unwrap_or("");
    let host = if host.starts_with('[') { host.split(']').next().map(|h| &h[1..]).unwrap_or("") } else { host.rsplit_once(':').map(|(h, _)| h).unwrap_or(host) };
    host == "localhost" || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

impl Blobs {
    /// Parses `--store`: none for the folder under `data`, or
    /// `s3://bucket[/prefix]`.
    pub fn open(store: Option<&str>, data: &Path) -> Result<Blobs, String> {
        let Some(url) = store else { return Ok(Blobs::Local(data.to_path_buf())) };
        let Some(rest) = url.strip_prefix("s3://") else {
            return Err(format!("--store: {url:?} is not s3://bucket/prefix (without --store the packages stay under --data)"));
        };
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        let prefix = prefix.trim_matches('/').to_string();
        if bucket.is_empty() || !bucket.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.') {
            return Err(format!("--store: {bucket:?} is not a bucket name (lowercase letters, digits, - and .)"));
        }
        let endpoint = std::env::var("AWS_ENDPOINT_URL").or_else(|_| std::env::var("AWS_ENDPOINT")).unwrap_or_default();
        // Fail fast enough for readiness and for a client's retry to land
        // on another replica; the client retries with the same key anyway.
        let retry = RetryConfig { max_retries: 3, retry_timeout: Duration::from_secs(20), ..RetryConfig::default() };
        let mut client = ClientOptions::new().with_connect_timeout(Duration::from_secs(5)).with_timeout(Duration::from_secs(60));
        if endpoint.starts_with("http://") {
            if !loopback(&endpoint) && std::env::var("AWS_ALLOW_HTTP").map(|v| v != "true").unwrap_or(true) {
                return Err(format!("--store: the endpoint {endpoint} is plain http and not on this machine; use https (or set AWS_ALLOW_HTTP=true on a private network)"));
            }
            client = client.with_allow_http(true);
        }
        let b = AmazonS3Builder::from_env().with_bucket_name(bucket).with_retry(retry).with_client_options(client);
        let s3 = b.build().map_err(|e| format!("--store {url}: {e}"))?;
        Ok(Blobs::S3 { store: Arc::new(s3), bucket: bucket.to_string(), prefix })
    }

    /// Where `key` is kept, for people (`--list`).
    pub fn location(&self, key: &str) -> String {
        match self {
            Blobs::Local(d) => d.join(key).display().to_string(),
            Blobs::S3 { bucket, prefix, .. } => format!("s3://{bucket}/{}", self.full(prefix, key)),
        }
    }

    fn full(&self, prefix: &str, key: &str) -> String {
        if prefix.is_empty() {
            key.to_string()
        } else {
            format!("{prefix}/{key}")
        }
    }

    fn obj(&self, key: &str) -> ObjPath {
        match self {
            Blobs::S3 { prefix, .. } => ObjPath::from(self.full(prefix, key)),
            Blobs::Local(_) => ObjPath::from(key),
        }
    }

    /// Writes `key` durably and verifies it (see the module's invariant).
    pub async fn put(&self, key: &str, body: Bytes) -> Result<(), String> {
        match self {
            Blobs::Local(d) => {
                let (d, key) = (d.clone(), key.to_string());
                tokio::task::spawn_blocking(move || local_put(&d, &key, &body)).await.map_err(|e| e.to_string())?
            }
            Blobs::S3 { store, .. } => {
                let path = self.obj(key);
                let want = mantetong_core::package::sha256_hex(&body);
                let len = body.len();
                store.put(&path, PutPayload::from_bytes(body)).await.map_err(|e| format!("cannot upload {}: {e}", self.location(key)))?;
                let back = store.get(&path).await.map_err(|e| format!("cannot read back {}: {e}", self.location(key)))?.bytes().await.map_err(|e| format!("cannot read back {}: {e}", self.location(key)))?;
                if back.len() != len || mantetong_core::package::sha256_hex(&back) != want {
                    let _ = store.delete(&path).await;
                    return Err(format!("{} did not read back as written ({} of {len} bytes)", self.location(key), back.len()));
                }
                Ok(())
            }
        }
    }

    /// The bytes of `key`; `Ok(None)` when there is no such object.
    pub async fn get(&self, key: &str) -> Result<Option<Vec<u8>>, String> {
        match self {
            Blobs::Local(d) => {
                let p = d.join(key);
                match tokio::fs::read(&p).await {
                    Ok(b) => Ok(Some(b)),
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                    Err(e) => Err(format!("cannot read {}: {e}", p.display())),
                }
            }
            Blobs::S3 { store, .. } => match store.get(&self.obj(key)).await {
                Ok(r) => r.bytes().await.map(|b| Some(b.to_vec())).map_err(|e| format!("cannot read {}: {e}", self.location(key))),
                Err(object_store::Error::NotFound { .. }) => Ok(None),
                Err(e) => Err(format!("cannot read {}: {e}", self.location(key))),
            },
        }
    }

    /// Deletes `key` (already gone is fine).
    pub async fn delete(&self, key: &str) -> Result<(), String> {
        match self {
            Blobs::Local(d) => {
                let p = d.join(key);
                match tokio::fs::remove_file(&p).await {
                    Ok(()) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
                    Err(e) => return Err(format!("cannot delete {}: {e}", p.display())),
                }
                if let Some(dir) = p.parent() {
                    File::open(dir).and_then(|f| f.sync_all()).map_err(|e| format!("cannot fsync folder {}: {e}", dir.display()))?;
                }
                Ok(())
            }
            Blobs::S3 { store, .. } => match store.delete(&self.obj(key)).await {
                Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
                Err(e) => Err(format!("cannot delete {}: {e}", self.location(key))),
            },
        }
    }

    /// Every object under `dir/` (`packages`, `readings`), with its age.
    /// In the folder, also the temporary files an interrupted write left.
    pub async fn list(&self, dir: &str) -> Result<Vec<Listed>, String> {
        match self {
            Blobs::Local(d) => {
                let p = d.join(dir);
                let rd = match fs::read_dir(&p) {
                    Ok(rd) => rd,
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
                    Err(e) => return Err(format!("cannot read {}: {e}", p.display())),
                };
                Ok(rd
                    .flatten()
                    .map(|e| Listed {
                        key: format!("{dir}/{}", e.file_name().to_string_lossy()),
                        modified: e.metadata().and_then(|m| m.modified()).unwrap_or_else(|_| SystemTime::now()),
                    })
                    .collect())
            }
            Blobs::S3 { store, prefix, .. } => {
                let base = self.full(prefix, dir);
                let mut stream = store.list(Some(&ObjPath::from(base.as_str())));
                let mut out = Vec::new();
                while let Some(m) = stream.next().await {
                    let m = m.map_err(|e| format!("cannot list {}: {e}", self.location(dir)))?;
                    let loc = m.location.to_string();
                    let key = if prefix.is_empty() { loc } else { loc.strip_prefix(&format!("{prefix}/")).unwrap_or(&loc).to_string() };
                    let secs = m.last_modified.timestamp().max(0) as u64;
                    out.push(Listed { key, modified: SystemTime::UNIX_EPOCH + Duration::from_secs(secs) });
                }
                Ok(out)
            }
        }
    }

    /// Readiness: the folder is writable, or the bucket answers a listing.
    pub async fn ping(&self) -> Result<(), String> {
        match self {
            Blobs::Local(d) => {
                let p = d.join("packages");
                let m = fs::metadata(&p).map_err(|e| format!("package folder {}: {e}", p.display()))?;
                if m.is_dir() {
                    Ok(())
                } else {
                    Err(format!("package folder {}: not a folder", p.display()))
                }
            }
            Blobs::S3 { store, prefix, .. } => {
                let base = ObjPath::from(self.full(prefix, "packages"));
                store.list_with_delimiter(Some(&base)).await.map(|_| ()).map_err(|e| format!("object store {}: {e}", self.location("")))
            }
        }
    }
}

/// Write to `DIR/key.tmp`, fsync, rename to `DIR/key`, fsync the folder;
/// on any failure no temporary file is left.
fn local_put(data: &Path, key: &str, body: &[u8]) -> Result<(), String> {
    let path = data.join(key);
    let dir = path.parent().unwrap_or(data).to_path_buf();
    if !dir.exists() {
        crate::store::private_dir(&dir).map_err(|e| e.0)?;
    }
    let tmp = path.with_file_name(format!("{}.tmp", path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()));
    let written = (|| {
        let mut f: File = OpenOptions::new().write(true).create_new(true).mode(0o600).open(&tmp).map_err(|e| format!("cannot create {}: {e}", tmp.display()))?;
        f.write_all(body).map_err(|e| format!("cannot write {}: {e}", tmp.display()))?;
        f.sync_all().map_err(|e| format!("cannot fsync {}: {e}", tmp.display()))?;
        let len = f.metadata().map(|m| m.len()).map_err(|e| format!("cannot check {}: {e}", tmp.display()))?;
        if len != body.len() as u64 {
            return Err(format!("{} holds {len} of {} bytes", tmp.display(), body.len()));
        }
        drop(f);
        fs::rename(&tmp, &path).map_err(|e| format!("cannot rename into {}: {e}", path.display()))
    })();
    if let Err(e) = written {
        // A full disk or any other failure leaves no temporary file.
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    if let Err(e) = File::open(&dir).and_then(|d| d.sync_all()) {
        let _ = fs::remove_file(&path);
        return Err(format!("cannot fsync folder {}: {e}", dir.display()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn plain_http_only_on_this_machine() {
        assert!(super::loopback("http://127.0.0.1:9241"));
        assert!(super::loopback("http://localhost:9000/"));
        assert!(super::loopback("http://[::1]:9000"));
        assert!(!super::loopback("http://10.0.0.5:9000"));
        assert!(!super::loopback("https://127.0.0.1"));
    }
}

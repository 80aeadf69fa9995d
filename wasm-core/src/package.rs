//! Application package v1 (feature `package`): what the app sends to a
//! region and what the intake server stores.
//!
//! A package is a ZIP archive with **stored** (uncompressed) entries — the
//! files are JPEG, PNG and PDF, already compressed — holding:
//!
//! - `manifest.json`: a [`Manifest`]: format `mantetong-application/1`, the
//!   idempotency key, when and by which client it was made, the rule pack,
//!   the contract facts and the contract result as evaluated, and for every
//!   file its path, material kind, media type, size and SHA-256;
//! - `files/<name>`: one entry per file the manifest lists, in its order.
//!
//! [`build`] writes a package from a [`Draft`] (the manifest without the
//! files) and the files' bytes, computing sizes and hashes. [`read_and_verify`]
//! reads one back and checks everything that needs no rule pack: the ZIP
//! structure and CRC-32s, the manifest's shape, each file's size, hash and
//! content against its type, and the [`Limits`]. Whether the pack is known
//! and the facts and result agree with it is the caller's part (the intake
//! server re-evaluates with the core).
//!
//! Every problem names where it is: `$` for the archive as a whole, the
//! entry name (`files/zhenduan.pdf`) for an entry, and a JSON path under
//! `manifest.` for the manifest (`manifest.files[1].sha256`).
//!
//! ```
//! use mantetong_core::package::{build, read_and_verify, Client, Draft, Limits, NewFile, PackId};
//! let draft = Draft {
//!     idempotency_key: "5f0c2a8e-7b1d-4c3e-9a6f-0d2b8e4c1a77".into(), // one per application
//!     created_at: "2025-09-30T10:15:00+08:00".into(),                 // the caller's clock
//!     client: Client { name: "mantetong-app".into(), version: "0.1.0".into() },
//!     pack: PackId { id: "shanxi-linfen".into(), version: "2025.1".into() },
//!     facts: serde_json::json!({ "region": "shanxi-linfen", "as_of": "2025-09-30" }),
//!     result: serde_json::json!({ "eligibility": { "status": "undetermined" } }),
//! };
//! let scan = NewFile {
//!     name: "zhenduan.pdf".into(), kind: "diagnosis_certificate".into(),
//!     media_type: "application/pdf".into(), bytes: b"%PDF-1.4 ...".to_vec(),
//! };
//! let zip: Vec<u8> = build(&draft, &[scan]).unwrap();
//!
//! let pkg = read_and_verify(&zip, &Limits::default()).unwrap();
//! assert_eq!(pkg.manifest.files[0].path, "files/zhenduan.pdf");
//! assert_eq!(pkg.manifest.files[0].size, 12);
//!
//! // One byte changed in transit: named, not panicked on.
//! let mut bad = zip.clone();
//! let at = bad.windows(8).position(|w| w == b"%PDF-1.4").unwrap() + 6;
//! bad[at] = b'7';
//! let problems = read_and_verify(&bad, &Limits::default()).unwrap_err();
//! assert_eq!(problems[0].to_string(), "files/zhenduan.pdf: CRC-32 does not match the entry's data (damaged in transit?)");
//! ```
//!
//! ## Architecture invariant
//! Pure: no IO and no clock (`created_at` is an input), so the browser
//! builds packages with exactly the code the server reads them with. The
//! ZIP writer and reader are a few hundred lines of our own instead of a
//! ZIP crate, to keep the wasm bundle small; they speak only what v1 needs
//! (stored entries, no ZIP64, no encryption, UTF-8 names).

use crate::problem::Problem;
use crate::MATERIAL_IDS;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

/// The value of `format` in every v1 manifest.
pub const FORMAT: &str = "mantetong-application/1";
/// The manifest's entry name.
pub const MANIFEST_PATH: &str = "manifest.json";
/// The folder (entry name prefix) of the files.
pub const FILES_PREFIX: &str = "files/";
/// Media types a package may carry, each checked against the file's first bytes.
pub const MEDIA_TYPES: [&str; 4] = ["image/jpeg", "image/png", "image/webp", "application/pdf"];
/// Longest idempotency key accepted (printable ASCII).
pub const MAX_KEY_LEN: usize = 200;
/// Longest file name accepted, in bytes of UTF-8.
pub const MAX_NAME_BYTES: usize = 200;

/// The manifest of a package (`manifest.json`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// Always [`FORMAT`].
    pub format: String,
    /// One key per application, the same for every retry of it.
    pub idempotency_key: String,
    /// RFC 3339 time the package was made, e.g. `2025-09-30T10:15:00+08:00`.
    pub created_at: String,
    pub client: Client,
    pub pack: PackId,
    /// Contract-v1 facts, as the person gave them.
    pub facts: Value,
    /// Contract-v1 result, as the client evaluated it.
    pub result: Value,
    pub files: Vec<FileEntry>,
}

/// Which program made the package.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Client {
    pub name: String,
    pub version: String,
}

/// The rule pack the result was evaluated with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackId {
    pub id: String,
    pub version: String,
}

/// One file of the package, as the manifest lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    /// Entry name in the ZIP: `files/<name>`.
    pub path: String,
    /// The material id this file is (`diagnosis_certificate`, ...).
    pub kind: String,
    /// Media type, one of [`MEDIA_TYPES`].
    #[serde(rename = "type")]
    pub media_type: String,
    /// Length in bytes.
    pub size: u64,
    /// SHA-256 of the content, lowercase hex.
    pub sha256: String,
}

/// Everything of a manifest but the files, which [`build`] fills in.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    pub idempotency_key: String,
    pub created_at: String,
    pub client: Client,
    pub pack: PackId,
    pub facts: Value,
    pub result: Value,
}

/// One file to put in a package.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewFile {
    /// File name without folder (`zhenduan.pdf`); stored as `files/<name>`.
    pub name: String,
    /// Material id.
    pub kind: String,
    /// Media type, one of [`MEDIA_TYPES`].
    pub media_type: String,
    pub bytes: Vec<u8>,
}

/// Bounds a reader enforces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Whole package, in bytes.
    pub max_bytes: u64,
    /// Files listed in the manifest.
    pub max_files: usize,
    /// One file, in bytes.
    pub max_file_bytes: u64,
}

impl Default for Limits {
    /// 20 MiB in all, 20 files, 10 MiB a file.
    fn default() -> Limits {
        Limits { max_bytes: 20 * 1024 * 1024, max_files: 20, max_file_bytes: 10 * 1024 * 1024 }
    }
}

/// A package that passed [`read_and_verify`].
#[derive(Clone, Debug, PartialEq)]
pub struct Package {
    pub manifest: Manifest,
    /// The bytes of each file, in the order of `manifest.files`.
    pub files: Vec<Vec<u8>>,
}

// ------------------------------------------------------------------ build

/// Writes a package: the manifest (with each file's path, size and hash
/// computed here) and the files, as a stored ZIP. The same inputs always
/// give the same bytes. Fails, naming each input, when a file name, kind
/// or type is not allowed or the draft is malformed.
pub fn build(draft: &Draft, files: &[NewFile]) -> Result<Vec<u8>, Vec<Problem>> {
    let mut manifest = Manifest {
        format: FORMAT.to_string(),
        idempotency_key: draft.idempotency_key.clone(),
        created_at: draft.created_at.clone(),
        client: draft.client.clone(),
        pack: draft.pack.clone(),
        facts: draft.facts.clone(),
        result: draft.result.clone(),
        files: Vec::with_capacity(files.len()),
    };
    let mut problems = Vec::new();
    for (i, f) in files.iter().enumerate() {
        if let Err(m) = check_name(&f.name) {
            problems.push(Problem::new(format!("files[{i}].name"), m));
        }
        if files[..i].iter().any(|g| g.name == f.name) {
            problems.push(Problem::new(format!("files[{i}].name"), format!("\"{}\" is used by an earlier file", f.name)));
        }
        manifest.files.push(FileEntry {
            path: format!("{FILES_PREFIX}{}", f.name),
            kind: f.kind.clone(),
            media_type: f.media_type.clone(),
            size: f.bytes.len() as u64,
            sha256: sha256_hex(&f.bytes),
        });
    }
    // Check what was built with the reader's own rules (no limits here:
    // the server says what it accepts).
    let value = serde_json::to_value(&manifest).unwrap_or(Value::Null);
    let mut shape = Vec::new();
    check_manifest(&value, &mut shape);
    for p in shape {
        // Report against the inputs: `manifest.files[1].kind` is `files[1].kind`.
        let path = p.path.strip_prefix("manifest.").unwrap_or(&p.path).to_string();
        let path = path.replace("].type", "].media_type");
        if !problems.iter().any(|q: &Problem| q.path == path) {
            problems.push(Problem::new(path, p.message));
        }
    }
    for (i, f) in files.iter().enumerate() {
        if let Err(m) = check_content(&f.media_type, &f.bytes) {
            problems.push(Problem::new(format!("files[{i}].bytes"), m));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let json = serde_json::to_vec_pretty(&manifest).map_err(|e| vec![Problem::new("$", e.to_string())])?;
    let time = dos_time(&draft.created_at);
    let mut w = ZipWriter::default();
    w.add(MANIFEST_PATH, &json, time);
    for (e, f) in manifest.files.iter().zip(files) {
        w.add(&e.path, &f.bytes, time);
    }
    w.finish().map_err(|m| vec![Problem::new("$", m)])
}

// ------------------------------------------------------------------- read

/// Reads a package and checks it: the strict ZIP reading ([`read_archive`]),
/// the manifest's bounds ([`bounded`]), shape and format, that the entries
/// are exactly the manifest and the files it lists, each file's size,
/// SHA-256 and content against its type, and the limits. Returns the
/// problems found, each with its path, at most [`MAX_PROBLEMS`] of them
/// (then one "and N more"). Work and memory are linear in `bytes.len()`,
/// and the file-count limit is checked before any per-file work.
pub fn read_and_verify(bytes: &[u8], limits: &Limits) -> Result<Package, Vec<Problem>> {
    verify(bytes, limits).map_err(cap)
}

/// At most this many problems are reported; the rest are counted.
pub const MAX_PROBLEMS: usize = 20;

/// Keeps the first [`MAX_PROBLEMS`] problems, each path and message at most
/// 200 and 500 characters, and says how many more there were.
pub fn cap(mut problems: Vec<Problem>) -> Vec<Problem> {
    let more = problems.len().saturating_sub(MAX_PROBLEMS);
    problems.truncate(MAX_PROBLEMS);
    for p in &mut problems {
        for (s, max) in [(&mut p.path, 200), (&mut p.message, 500)] {
            if let Some((i, _)) = s.char_indices().nth(max) {
                s.truncate(i);
                s.push_str("...");
            }
        }
    }
    if more > 0 {
        problems.push(Problem::new("$", format!("and {more} more problem{}", if more == 1 { "" } else { "s" })));
    }
    problems
}

fn verify(bytes: &[u8], limits: &Limits) -> Result<Package, Vec<Problem>> {
    if bytes.len() as u64 > limits.max_bytes {
        return Err(vec![Problem::new("$", format!("the package is {} bytes; at most {} are accepted", bytes.len(), limits.max_bytes))]);
    }
    // One entry for the manifest, one per file, and the folder `files/`.
    let max_entries = limits.max_files.saturating_add(2);
    let entries = read_archive(bytes, max_entries)?;
    let mut problems = Vec::new();
    // Every entry is manifest.json, the folder files/ or a file files/<name>.
    for e in &entries {
        if e.name == MANIFEST_PATH || e.name == FILES_PREFIX {
            continue;
        }
        match e.name.strip_prefix(FILES_PREFIX) {
            Some(name) if !e.name.ends_with('/') => {
                if let Err(m) = check_name(name) {
                    problems.push(Problem::new(shown(&e.name), m));
                }
            }
            _ => problems.push(Problem::new(shown(&e.name), "a package holds only manifest.json, the folder files/ and files/<name>")),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }

    let Some(me) = entries.iter().find(|e| e.name == MANIFEST_PATH) else {
        return Err(vec![Problem::new("$", format!("no {MANIFEST_PATH} in the package"))]);
    };
    bounded::scan(me.data, limits.max_files).map_err(|p| vec![p])?;
    let value: Value = match serde_json::from_slice(me.data) {
        Ok(v) => v,
        Err(e) => return Err(vec![Problem::new("manifest", format!("not valid JSON: {e}"))]),
    };
    check_manifest(&value, &mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    let manifest: Manifest = match serde_json::from_value(value) {
        Ok(m) => m,
        Err(e) => return Err(vec![Problem::new("manifest", e.to_string())]),
    };

    if manifest.files.len() > limits.max_files {
        return Err(vec![Problem::new("manifest.files", format!("{} files; at most {} are accepted", manifest.files.len(), limits.max_files))]);
    }
    let mut files = Vec::with_capacity(manifest.files.len());
    for (i, f) in manifest.files.iter().enumerate() {
        let at = |field: &str| format!("manifest.files[{i}].{field}");
        if f.size > limits.max_file_bytes {
            problems.push(Problem::new(at("size"), format!("{} bytes; at most {} are accepted for one file", f.size, limits.max_file_bytes)));
        }
        let Some(entry) = entries.iter().find(|e| e.name == f.path) else {
            problems.push(Problem::new(at("path"), format!("\"{}\" is not in the package", shown(&f.path))));
            files.push(Vec::new());
            continue;
        };
        let data = entry.data;
        if data.len() as u64 != f.size {
            problems.push(Problem::new(at("size"), format!("says {} bytes but the file has {}", f.size, data.len())));
        }
        if sha256_hex(data) != f.sha256 {
            problems.push(Problem::new(at("sha256"), "does not match the file's content"));
        }
        if let Err(m) = check_content(&f.media_type, data) {
            problems.push(Problem::new(at("type"), m));
        }
        files.push(data.to_vec());
    }
    for e in &entries {
        let listed = e.name == MANIFEST_PATH || e.name == FILES_PREFIX || manifest.files.iter().any(|f| f.path == e.name);
        if !listed {
            problems.push(Problem::new(shown(&e.name), "this entry is not listed in manifest.files"));
        }
    }
    if problems.is_empty() {
        Ok(Package { manifest, files })
    } else {
        Err(problems)
    }
}

/// Lowercase hex SHA-256.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let d = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in d.iter() {
        s.push(HEX[(b >> 4) as usize] as char);
        s.push(HEX[(b & 15) as usize] as char);
    }
    s
}

const HEX: &[u8; 16] = b"0123456789abcdef";

// --------------------------------------------------------- manifest shape

fn check_manifest(v: &Value, out: &mut Vec<Problem>) {
    let Some(obj) = v.as_object() else {
        out.push(Problem::new("manifest", format!("expected an object, got {}", crate::problem::type_name(v))));
        return;
    };
    let field = |k: &str| format!("manifest.{k}");
    match obj.get("format") {
        Some(Value::String(s)) if s == FORMAT => {}
        Some(Value::String(s)) => {
            out.push(Problem::new(field("format"), format!("\"{s}\" is not supported; this reader knows \"{FORMAT}\"")));
            // Another format: its other fields mean other things.
            return;
        }
        other => out.push(expected(&field("format"), other, "the string \"mantetong-application/1\"")),
    }
    match obj.get("idempotency_key") {
        Some(Value::String(s)) => {
            if s.is_empty() || s.len() > MAX_KEY_LEN || !s.bytes().all(|b| (0x21..=0x7e).contains(&b)) {
                out.push(Problem::new(field("idempotency_key"), format!("must be 1 to {MAX_KEY_LEN} printable ASCII characters without spaces")));
            }
        }
        other => out.push(expected(&field("idempotency_key"), other, "a string")),
    }
    match obj.get("created_at") {
        Some(Value::String(s)) => {
            if !is_rfc3339(s) {
                out.push(Problem::new(field("created_at"), format!("\"{s}\" is not an RFC 3339 date-time like 2025-09-30T10:15:00+08:00")));
            }
        }
        other => out.push(expected(&field("created_at"), other, "an RFC 3339 date-time string")),
    }
    for (k, subs) in [("client", ["name", "version"]), ("pack", ["id", "version"])] {
        match obj.get(k) {
            Some(Value::Object(o)) => {
                for s in subs {
                    match o.get(s) {
                        Some(Value::String(x)) if !x.is_empty() => {}
                        other => out.push(expected(&format!("manifest.{k}.{s}"), other, "a non-empty string")),
                    }
                }
            }
            other => out.push(expected(&field(k), other, "an object")),
        }
    }
    for k in ["facts", "result"] {
        match obj.get(k) {
            Some(Value::Object(_)) => {}
            other => out.push(expected(&field(k), other, "an object")),
        }
    }
    match obj.get("files") {
        Some(Value::Array(a)) => {
            for (i, f) in a.iter().enumerate() {
                check_file_entry(i, f, &a[..i], out);
            }
        }
        other => out.push(expected(&field("files"), other, "an array")),
    }
}

fn check_file_entry(i: usize, f: &Value, earlier: &[Value], out: &mut Vec<Problem>) {
    let at = |k: &str| format!("manifest.files[{i}].{k}");
    let Some(o) = f.as_object() else {
        out.push(expected(&format!("manifest.files[{i}]"), Some(f), "an object"));
        return;
    };
    match o.get("path") {
        Some(Value::String(p)) => match p.strip_prefix(FILES_PREFIX) {
            Some(name) => {
                if let Err(m) = check_name(name) {
                    out.push(Problem::new(at("path"), m));
                } else if earlier.iter().any(|e| e.get("path").and_then(Value::as_str).is_some_and(|q| fold_case(q) == fold_case(p))) {
                    out.push(Problem::new(at("path"), format!("\"{}\" is listed twice (names may not differ only in case)", short(p))));
                }
            }
            None => out.push(Problem::new(at("path"), format!("\"{}\" must start with \"{FILES_PREFIX}\"", short(p)))),
        },
        other => out.push(expected(&at("path"), other, "a string \"files/<name>\"")),
    }
    match o.get("kind") {
        Some(Value::String(k)) if MATERIAL_IDS.contains(&k.as_str()) => {}
        Some(Value::String(k)) => out.push(Problem::new(at("kind"), format!("\"{k}\" is not a material id; known: {}", MATERIAL_IDS.join(", ")))),
        other => out.push(expected(&at("kind"), other, "a material id")),
    }
    match o.get("type") {
        Some(Value::String(t)) if MEDIA_TYPES.contains(&t.as_str()) => {}
        Some(Value::String(t)) => out.push(Problem::new(at("type"), format!("\"{t}\" is not accepted; accepted: {}", MEDIA_TYPES.join(", ")))),
        other => out.push(expected(&at("type"), other, "a media type string")),
    }
    match o.get("size") {
        Some(Value::Number(n)) if n.as_u64().is_some() => {}
        other => out.push(expected(&at("size"), other, "a whole number of bytes")),
    }
    match o.get("sha256") {
        Some(Value::String(h)) if h.len() == 64 && h.bytes().all(|b| HEX.contains(&b)) => {}
        Some(Value::String(h)) => out.push(Problem::new(at("sha256"), format!("\"{}\" is not 64 lowercase hex digits", short(h)))),
        other => out.push(expected(&at("sha256"), other, "64 lowercase hex digits")),
    }
}

fn expected(path: &str, got: Option<&Value>, what: &str) -> Problem {
    match got {
        None => Problem::new(path, format!("missing: expected {what}")),
        Some(v) => Problem::new(path, format!("expected {what}, got {} {}", crate::problem::type_name(v), crate::problem::quote(v))),
    }
}

fn short(s: &str) -> String {
    if s.chars().count() > 40 {
        let mut t: String = s.chars().take(37).collect();
        t.push_str("...");
        t
    } else {
        s.to_string()
    }
}

/// File extensions of programs and scripts: a name ending in one is
/// refused whatever comes before it (`zhenduan.pdf.exe`).
pub const EXECUTABLE_EXTENSIONS: [&str; 40] = [
    "exe", "com", "bat", "cmd", "scr", "pif", "msi", "msp", "mst", "cpl", "dll", "sys", "drv", "ocx", "vbs", "vbe", "js", "jse", "mjs", "wsf",
    "wsh", "hta", "ps1", "psm1", "psd1", "jar", "sh", "bash", "zsh", "app", "apk", "lnk", "reg", "inf", "scf", "url", "html", "htm", "svg", "xhtml",
];

/// A file name inside `files/`: not empty, no folders, nothing that some
/// system cannot store or shows differently (control, bidi and invisible
/// characters; not NFC; a trailing dot or space), and no program type.
fn check_name(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("the file name is empty".into());
    }
    if name.len() > MAX_NAME_BYTES {
        return Err(format!("the file name is {} bytes long; at most {MAX_NAME_BYTES}", name.len()));
    }
    if name == "." || name == ".." || name.starts_with('.') {
        return Err(format!("\"{}\": a file name may not start with a dot", short(&shown(name))));
    }
    if let Some(c) = name.chars().find(|c| c.is_control() || "/\\:*?\"<>|".contains(*c)) {
        return Err(format!("\"{}\": a file name may not contain {:?}", short(&shown(name)), c));
    }
    if let Some(c) = name.chars().find(|&c| is_invisible(c)) {
        return Err(format!("\"{}\": a file name may not contain the invisible or bidi character {}", short(&shown(name)), c.escape_unicode()));
    }
    if name.ends_with('.') || name.ends_with(' ') || name.starts_with(' ') {
        return Err(format!("\"{}\": a file name may not start with a space or end with a dot or space", short(name)));
    }
    if !is_nfc(name) {
        return Err(format!("\"{}\": the file name is not in Unicode NFC form", short(name)));
    }
    let ext = name.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    if name.contains('.') && EXECUTABLE_EXTENSIONS.contains(&ext.as_str()) {
        return Err(format!("\"{}\": a file name may not end in the program type .{ext}", short(name)));
    }
    Ok(())
}

/// The file's first bytes must be those of its media type.
fn check_content(media_type: &str, data: &[u8]) -> Result<(), String> {
    let ok = match media_type {
        "image/jpeg" => data.starts_with(&[0xFF, 0xD8, 0xFF]),
        "image/png" => data.starts_with(b"\x89PNG\r\n\x1a\n"),
        "image/webp" => data.len() >= 12 && &data[..4] == b"RIFF" && &data[8..12] == b"WEBP",
        "application/pdf" => data.starts_with(b"%PDF-"),
        // An unknown type is reported by the manifest check.
        _ => true,
    };
    if ok {
        Ok(())
    } else {
        Err(format!("says {media_type} but the content is not one"))
    }
}

/// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`.
fn is_rfc3339(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: core::ops::Range<usize>| b.get(r.clone()).is_some_and(|x| x.iter().all(u8::is_ascii_digit));
    let num = |r: core::ops::Range<usize>| -> u32 { b[r].iter().fold(0, |n, d| n * 10 + (d - b'0') as u32) };
    if b.len() < 20 || !digits(0..4) || b[4] != b'-' || !digits(5..7) || b[7] != b'-' || !digits(8..10) {
        return false;
    }
    if !matches!(b[10], b'T' | b't') || !digits(11..13) || b[13] != b':' || !digits(14..16) || b[16] != b':' || !digits(17..19) {
        return false;
    }
    let (y, mo, d, h, mi, sec) = (num(0..4) as i32, num(5..7) as u8, num(8..10) as u8, num(11..13), num(14..16), num(17..19));
    if crate::date::Date::new(y, mo, d).is_none() || h > 23 || mi > 59 || sec > 60 {
        return false;
    }
    let mut i = 19;
    if b[i] == b'.' {
        i += 1;
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    match &b[i..] {
        [b'Z' | b'z'] => true,
        [b'+' | b'-', ..] => b.len() == i + 6 && digits(i + 1..i + 3) && b[i + 3] == b':' && digits(i + 4..i + 6) && num(i + 1..i + 3) <= 23 && num(i + 4..i + 6) <= 59,
        _ => false,
    }
}

/// MS-DOS date and time for ZIP entries, from the local time written in
/// `created_at` (1980-01-01 00:00 when it cannot be read), so a package's
/// bytes depend only on its inputs.
fn dos_time(created_at: &str) -> (u16, u16) {
    if !is_rfc3339(created_at) {
        return (0, (1 << 5) | 1);
    }
    let b = created_at.as_bytes();
    let num = |r: core::ops::Range<usize>| -> u16 { b[r].iter().fold(0u16, |n, d| n * 10 + (d - b'0') as u16) };
    let y = num(0..4);
    if !(1980..=2107).contains(&y) {
        return (0, (1 << 5) | 1);
    }
    let time = (num(11..13) << 11) | (num(14..16) << 5) | (num(17..19).min(59) / 2);
    let date = ((y - 1980) << 9) | (num(5..7) << 5) | num(8..10);
    (time, date)
}

// -------------------------------------------------------------------- zip

const LOCAL_SIG: u32 = 0x0403_4b50;
const CENTRAL_SIG: u32 = 0x0201_4b50;
const END_SIG: u32 = 0x0605_4b50;
/// General purpose flag bit 11: names are UTF-8.
const FLAG_UTF8: u16 = 1 << 11;

const fn crc_table() -> [u32; 256] {
    let mut t = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
            k += 1;
        }
        t[i] = c;
        i += 1;
    }
    t
}
static CRC_TABLE: [u32; 256] = crc_table();

/// CRC-32 (ISO-HDLC), as ZIP uses.
pub fn crc32(data: &[u8]) -> u32 {
    let mut c = 0xFFFF_FFFFu32;
    for &b in data {
        c = CRC_TABLE[((c ^ b as u32) & 0xFF) as usize] ^ (c >> 8);
    }
    !c
}

/// The stored-ZIP writer, by hand on purpose: the `zip` crate's writer
/// measured +25 KiB brotli in the app's flow module (docs/size.md, "the
/// `zip` crate for the package writer"); the intake's tests read what this
/// writes with the `zip` crate.
#[derive(Default)]
struct ZipWriter {
    out: Vec<u8>,
    central: Vec<u8>,
    count: usize,
    too_big: bool,
}

impl ZipWriter {
    fn add(&mut self, name: &str, data: &[u8], (time, date): (u16, u16)) {
        let offset = self.out.len();
        let (Ok(offset), Ok(size)) = (u32::try_from(offset), u32::try_from(data.len())) else {
            self.too_big = true;
            return;
        };
        let crc = crc32(data);
        let name = name.as_bytes();
        // Local file header.
        let o = &mut self.out;
        put32(o, LOCAL_SIG);
        put16(o, 20); // version needed: 2.0
        put16(o, FLAG_UTF8);
        put16(o, 0); // stored
        put16(o, time);
        put16(o, date);
        put32(o, crc);
        put32(o, size);
        put32(o, size);
        put16(o, name.len() as u16);
        put16(o, 0); // extra
        o.extend_from_slice(name);
        o.extend_from_slice(data);
        // Central directory header.
        let c = &mut self.central;
        put32(c, CENTRAL_SIG);
        put16(c, 20); // made by: MS-DOS, 2.0
        put16(c, 20);
        put16(c, FLAG_UTF8);
        put16(c, 0);
        put16(c, time);
        put16(c, date);
        put32(c, crc);
        put32(c, size);
        put32(c, size);
        put16(c, name.len() as u16);
        put16(c, 0); // extra
        put16(c, 0); // comment
        put16(c, 0); // disk
        put16(c, 0); // internal attributes
        put32(c, 0); // external attributes
        put32(c, offset);
        c.extend_from_slice(name);
        self.count += 1;
    }

    fn finish(mut self) -> Result<Vec<u8>, String> {
        let cd_offset = self.out.len();
        let cd_size = self.central.len();
        if self.too_big || self.count > 0xFFFF || u32::try_from(cd_offset + cd_size).is_err() {
            return Err("the package would be larger than 4 GiB, which v1 does not support".into());
        }
        self.out.extend_from_slice(&self.central);
        let o = &mut self.out;
        put32(o, END_SIG);
        put16(o, 0);
        put16(o, 0);
        put16(o, self.count as u16);
        put16(o, self.count as u16);
        put32(o, cd_size as u32);
        put32(o, cd_offset as u32);
        put16(o, 0); // comment
        Ok(self.out)
    }
}

fn put16(v: &mut Vec<u8>, x: u16) {
    v.extend_from_slice(&x.to_le_bytes());
}
fn put32(v: &mut Vec<u8>, x: u32) {
    v.extend_from_slice(&x.to_le_bytes());
}
fn get16(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at.checked_add(2)?)?.try_into().ok()?))
}
fn get32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at.checked_add(4)?)?.try_into().ok()?))
}

/// One entry of an archive, as the strict reading sees it.
pub struct Entry<'a> {
    pub name: String,
    pub data: &'a [u8],
}

fn not_zip(why: impl Into<String>) -> Vec<Problem> {
    vec![Problem::new("$", format!("not a valid package ZIP: {}", why.into()))]
}

/// Extra fields a package may carry: extended timestamp (`UT`), Info-ZIP
/// Unix uid/gid (`ux`) and NTFS times, which `zip` writes and no reader uses
/// for names, sizes or offsets. Any other (ZIP64 `0x0001`, Unicode path
/// `0x7075`, which some readers use instead of the name) is refused.
const EXTRA_ALLOWED: [u16; 3] = [0x5455, 0x7875, 0x000A];

fn check_extra(x: &[u8]) -> Result<(), String> {
    let mut i = 0;
    while i < x.len() {
        let (Some(id), Some(len)) = (get16(x, i), get16(x, i + 2)) else {
            return Err("its extra field is cut short".into());
        };
        if !EXTRA_ALLOWED.contains(&id) {
            return Err(format!("it has an extra field of type 0x{id:04x}, which packages may not carry"));
        }
        i += 4 + len as usize;
    }
    if i != x.len() {
        return Err("its extra field is cut short".into());
    }
    Ok(())
}

/// The strict reading of a package ZIP (protocol §1, "One reading"):
/// - the end record is the last 22 bytes (no archive comment, nothing
///   after it); one disk; its two entry counts equal each other, the
///   number of entries in the central directory and at most `max_entries`;
/// - the central directory ends exactly where the end record begins;
/// - the entries' local headers and data tile the bytes from offset 0 to
///   the central directory exactly: nothing before the first entry, no
///   bytes between entries (no local-only entry), no overlaps;
/// - each local header agrees with its central record (flags, method,
///   CRC-32, sizes, name), only flag bit 11 (UTF-8) is set and it is set
///   for any non-ASCII name, stored, CRC-32 correct, no entry comment, only
///   harmless extra fields, a regular file or a folder;
/// - names are unique ignoring case, NFC, and without control, bidi or
///   other invisible format characters.
///
/// So Python's `zipfile`, `bsdtar` (seeking or streaming) and this reader
/// list the same entries with the same bytes for every archive it accepts.
pub fn read_archive(b: &[u8], max_entries: usize) -> Result<Vec<Entry<'_>>, Vec<Problem>> {
    if b.len() < 22 {
        return Err(not_zip("too short to be a ZIP archive"));
    }
    let end = b.len() - 22;
    if get32(b, end) != Some(END_SIG) || get16(b, end + 20) != Some(0) {
        let lowest = b.len().saturating_sub(22 + 0xFFFF);
        let found = (lowest..end).rev().any(|i| get32(b, i) == Some(END_SIG));
        return Err(not_zip(if found {
            "bytes after the end record (or an archive comment); a package ends with its end record"
        } else {
            "no end of central directory record"
        }));
    }
    let field = |at: usize| get16(b, end + at).unwrap_or(0);
    let (disk, cd_disk, on_disk, total) = (field(4), field(6), field(8), field(10));
    let cd_size = get32(b, end + 12).unwrap_or(0) as usize;
    let cd_offset = get32(b, end + 16).unwrap_or(0) as usize;
    if disk != 0 || cd_disk != 0 {
        return Err(not_zip("split archives are not supported"));
    }
    if total == 0xFFFF || cd_offset == 0xFFFF_FFFF || cd_size == 0xFFFF_FFFF {
        return Err(not_zip("ZIP64 archives are not supported"));
    }
    if on_disk != total {
        return Err(not_zip(format!("the end record's two entry counts differ ({on_disk} and {total})")));
    }
    if total as usize > max_entries {
        return Err(vec![Problem::new("$", format!("the package has {total} entries; at most {max_entries} are accepted"))]);
    }
    if cd_offset.checked_add(cd_size) != Some(end) {
        return Err(not_zip("the central directory does not end where the end record begins (bytes between them, or a directory outside the archive)"));
    }
    // Central directory, read to its end: its entry count must be the end record's.
    let mut spans: Vec<(usize, usize, usize)> = Vec::new(); // (local header, data end, entry index)
    let mut entries: Vec<Entry<'_>> = Vec::new();
    let mut lower: Vec<String> = Vec::new();
    let mut at = cd_offset;
    let mut n = 0usize;
    while at < end {
        if n >= total as usize {
            return Err(not_zip(format!("the end record says {total} entries but the central directory holds more")));
        }
        if get32(b, at) != Some(CENTRAL_SIG) || at + 46 > end {
            return Err(not_zip(format!("central directory entry {n} is damaged")));
        }
        let h = |o: usize| get16(b, at + o).unwrap_or(0);
        let (made_by, needed, flags, method) = (h(4), h(6), h(8), h(10));
        let crc = get32(b, at + 16).unwrap_or(0);
        let csize = get32(b, at + 20).unwrap_or(0) as usize;
        let usize_ = get32(b, at + 24).unwrap_or(0) as usize;
        let (name_len, extra_len, comment_len, disk_start) = (h(28) as usize, h(30) as usize, h(32) as usize, h(34));
        let external = get32(b, at + 38).unwrap_or(0);
        let local = get32(b, at + 42).unwrap_or(0) as usize;
        let next = at + 46 + name_len + extra_len + comment_len;
        if next > end {
            return Err(not_zip(format!("central directory entry {n} runs past the directory")));
        }
        let raw_name = &b[at + 46..at + 46 + name_len];
        let extra = &b[at + 46 + name_len..at + 46 + name_len + extra_len];
        at = next;
        n += 1;
        let label = String::from_utf8_lossy(raw_name);
        let label = shown(&label);
        let Ok(name) = core::str::from_utf8(raw_name) else {
            return Err(vec![Problem::new(label, "the entry name is not UTF-8")]);
        };
        let refuse = |m: String| Err(vec![Problem::new(shown(name), m)]);
        if flags & 1 != 0 {
            return refuse("the entry is encrypted; packages are not".into());
        }
        if method != 0 {
            let what = if method == 8 { " (deflate)" } else { "" };
            return refuse(format!("compressed with method {method}{what}; v1 packages store entries uncompressed (method 0)"));
        }
        if flags & !FLAG_UTF8 != 0 {
            return refuse(format!("general purpose flags 0x{flags:04x}; a package entry may set only bit 11 (UTF-8 name)"));
        }
        if !name.is_ascii() && flags & FLAG_UTF8 == 0 {
            return refuse("a non-ASCII name without the UTF-8 flag (bit 11), which readers decode differently".into());
        }
        if needed > 20 || disk_start != 0 || comment_len != 0 {
            return refuse("the entry needs a newer ZIP version, another disk, or has a comment; packages have none".into());
        }
        if csize != usize_ || csize == 0xFFFF_FFFF {
            return refuse("stored entry with differing or ZIP64 sizes".into());
        }
        if let Err(m) = check_extra(extra) {
            return refuse(m);
        }
        // Unix file type (made by Unix): only regular files and folders.
        if made_by >> 8 == 3 {
            let kind = (external >> 16) & 0o170000;
            let folder = name.ends_with('/');
            if !(kind == 0 || (kind == 0o100000 && !folder) || (kind == 0o040000 && folder)) {
                return refuse(format!("a Unix file of type 0o{kind:o} (a link or device?); only files and folders"));
            }
        }
        if let Err(m) = check_entry_name(name) {
            return refuse(m);
        }
        let folded = fold_case(name);
        if lower.contains(&folded) {
            return refuse("the archive holds another entry of this name (ignoring case); names must differ in more than case".into());
        }
        lower.push(folded);
        // The local header must say the same as the central record.
        if local >= cd_offset {
            return refuse("the entry's local header lies outside the entries' area".into());
        }
        let Some(local_name_len) = get16(b, local + 26).map(usize::from) else {
            return refuse("the entry's local header is missing".into());
        };
        let local_extra_len = get16(b, local + 28).unwrap_or(0) as usize;
        let start = local + 30 + local_name_len + local_extra_len;
        let same = get32(b, local) == Some(LOCAL_SIG)
            && get16(b, local + 6) == Some(flags)
            && get16(b, local + 8) == Some(method)
            && get32(b, local + 14) == Some(crc)
            && get32(b, local + 18) == Some(csize as u32)
            && get32(b, local + 22) == Some(usize_ as u32)
            && b.get(local + 30..local + 30 + local_name_len) == Some(raw_name);
        if !same {
            return refuse("the entry's local header does not match the central directory".into());
        }
        if let Err(m) = check_extra(b.get(local + 30 + local_name_len..start).unwrap_or(&[1])) {
            return refuse(format!("local header: {m}"));
        }
        let Some(data) = start.checked_add(csize).filter(|&stop| stop <= cd_offset).and_then(|stop| b.get(start..stop)) else {
            return refuse("the entry's data lies outside the archive".into());
        };
        if name.ends_with('/') && !data.is_empty() {
            return refuse("a folder entry with content".into());
        }
        if crc32(data) != crc {
            return refuse("CRC-32 does not match the entry's data (damaged in transit?)".into());
        }
        spans.push((local, start + csize, entries.len()));
        entries.push(Entry { name: name.to_string(), data });
    }
    if n != total as usize {
        return Err(not_zip(format!("the end record says {total} entries but the central directory holds {n}")));
    }
    // Local headers and data tile [0, cd_offset) exactly.
    spans.sort_unstable();
    let mut covered = 0usize;
    for &(start, stop, i) in &spans {
        let name = shown(&entries[i].name);
        if start > covered {
            let what = if covered == 0 { "bytes before the first entry" } else { "bytes between entries that the central directory does not list (a hidden entry?)" };
            return Err(vec![Problem::new(name, format!("{what}: {} bytes at offset {covered}", start - covered))]);
        }
        if start < covered {
            return Err(vec![Problem::new(name, "this entry overlaps another one's bytes")]);
        }
        covered = stop;
    }
    if covered != cd_offset {
        return Err(not_zip(format!("{} bytes between the last entry and the central directory that no entry covers", cd_offset.saturating_sub(covered))));
    }
    Ok(entries)
}

/// A name shown in a message: invisible, control and bidi characters
/// escaped (`\u{202e}`), at most 120 characters.
pub fn shown(s: &str) -> String {
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i == 120 {
            out.push_str("...");
            break;
        }
        if c.is_control() || is_invisible(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

/// Bidi controls and invisible format characters (Unicode Cf and friends):
/// they make a name read differently than it is (`report\u{202e}fdp.exe`).
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}' | '\u{180B}'..='\u{180F}'
        | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}'
        | '\u{FEFF}' | '\u{FFA0}' | '\u{FFF0}'..='\u{FFFB}' | '\u{E0000}'..='\u{E0FFF}' | '\u{1D173}'..='\u{1D17A}')
}

/// Whether `s` is in Unicode Normalization Form C. With the `nfc` feature
/// (the intake server) exactly; without it (the app, to keep the wasm small)
/// a name with a combining mark or a conjoining jamo counts as not NFC.
fn is_nfc(s: &str) -> bool {
    #[cfg(feature = "nfc")]
    {
        unicode_normalization::is_nfc(s)
    }
    #[cfg(not(feature = "nfc"))]
    {
        s.chars().all(|c| {
            !matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}'
                | '\u{FE20}'..='\u{FE2F}' | '\u{3099}' | '\u{309A}' | '\u{1100}'..='\u{11FF}')
        })
    }
}

/// A name as compared ignoring case. With the `nfc` feature (the intake
/// server) Unicode's lowercase, exactly. Without it (the app, which names
/// its files `<material id>.<ext>`, ASCII) the same for ASCII names and
/// conservative for the others, with no Unicode case tables (~25 KB raw of
/// the app's wasm): ASCII letters lowercased, the Kelvin sign as `k`, `İ`
/// as `i` and a mark, every other non-ASCII char as one U+FFFD. Two names
/// whose lowercases are equal fold equal here too (tested over every char),
/// so the app never accepts a pair the server would refuse.
fn fold_case(s: &str) -> String {
    #[cfg(feature = "nfc")]
    {
        s.to_lowercase()
    }
    #[cfg(not(feature = "nfc"))]
    {
        fold_case_conservative(s)
    }
}

#[cfg(any(test, not(feature = "nfc")))]
fn fold_case_conservative(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            _ if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            '\u{212A}' => out.push('k'),
            '\u{0130}' => out.push_str("i\u{FFFD}"),
            _ => out.push('\u{FFFD}'),
        }
    }
    out
}

/// Rules for every entry name in an archive (files or not).
fn check_entry_name(name: &str) -> Result<(), String> {
    if name.is_empty() || name.len() > MAX_NAME_BYTES + FILES_PREFIX.len() {
        return Err(format!("an entry name must be 1 to {} bytes", MAX_NAME_BYTES + FILES_PREFIX.len()));
    }
    if let Some(c) = name.chars().find(|&c| c.is_control() || is_invisible(c)) {
        return Err(format!("the name holds the invisible or control character {}", c.escape_unicode()));
    }
    if !is_nfc(name) {
        return Err("the name is not in Unicode NFC form (composed characters); readers would see another name".into());
    }
    if name.starts_with('/') || name.contains('\\') || name.split('/').any(|p| p == ".." || p == ".") {
        return Err("the name leaves its folder (absolute, backslash, \".\" or \"..\")".into());
    }
    Ok(())
}

// ------------------------------------------------------- bounded manifest

/// Bounds on `manifest.json`, checked by a linear pre-scan of its bytes
/// that stops at the first one exceeded, before anything is built from it:
/// a hostile manifest costs at most its own size to refuse.
pub mod bounded {
    use crate::problem::Problem;
    use std::collections::BTreeSet;

    /// `manifest.json` itself, in bytes (a real one is about 20 KB).
    pub const MAX_MANIFEST_BYTES: usize = 256 * 1024;
    /// Items of any one array (`facts.documents`, `result.eligibility.checks`, ...);
    /// `manifest.files` is bounded by `Limits::max_files` instead.
    pub const MAX_ITEMS: usize = 100;
    /// Keys of any one object.
    pub const MAX_KEYS: usize = 100;
    /// Bytes of any one string or key, as written in the JSON.
    pub const MAX_STRING_BYTES: usize = 8 * 1024;
    /// Nesting of arrays and objects.
    pub const MAX_DEPTH: usize = 32;
    /// Values in the whole document.
    pub const MAX_VALUES: usize = 20_000;

    enum Frame {
        Arr(usize),
        Obj { keys: BTreeSet<String>, key: String },
    }

    fn path(frames: &[Frame]) -> String {
        let mut p = String::from("manifest");
        for f in frames {
            match f {
                Frame::Arr(n) => p.push_str(&format!("[{n}]")),
                Frame::Obj { key, .. } => {
                    p.push('.');
                    p.push_str(&super::shown(key));
                }
            }
        }
        p
    }

    fn ws(b: &[u8], mut i: usize) -> usize {
        while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r') {
            i += 1;
        }
        i
    }

    /// A string starting at `b[i] == '"'`: the index after it and, with
    /// `decode`, its text (escapes decoded, for comparing keys). `None` on
    /// a syntax error (the JSON parser reports it); `Err` when too long.
    #[allow(clippy::type_complexity)]
    fn string(b: &[u8], mut i: usize, decode: bool) -> Result<Option<(usize, String)>, usize> {
        let start = i;
        i += 1;
        let mut out: Vec<u8> = Vec::new();
        let mut units: Vec<u16> = Vec::new();
        let flush = |units: &mut Vec<u16>, out: &mut Vec<u8>| {
            for c in char::decode_utf16(units.drain(..)) {
                let mut buf = [0u8; 4];
                out.extend_from_slice(c.unwrap_or('\u{FFFD}').encode_utf8(&mut buf).as_bytes());
            }
        };
        loop {
            if i - start > MAX_STRING_BYTES {
                return Err(i - start);
            }
            let Some(&c) = b.get(i) else { return Ok(None) };
            match c {
                b'"' => {
                    flush(&mut units, &mut out);
                    return Ok(Some((i + 1, if decode { String::from_utf8_lossy(&out).into_owned() } else { String::new() })));
                }
                b'\\' => match b.get(i + 1) {
                    Some(b'u') => {
                        let Some(hex) = b.get(i + 2..i + 6).and_then(|h| core::str::from_utf8(h).ok()).and_then(|h| u16::from_str_radix(h, 16).ok()) else {
                            return Ok(None);
                        };
                        if decode {
                            units.push(hex);
                        }
                        i += 6;
                    }
                    Some(&e) if b"\"\\/bfnrt".contains(&e) => {
                        if decode {
                            flush(&mut units, &mut out);
                            out.push(match e {
                                b'b' => 8,
                                b'f' => 12,
                                b'n' => b'\n',
                                b'r' => b'\r',
                                b't' => b'\t',
                                other => other,
                            });
                        }
                        i += 2;
                    }
                    _ => return Ok(None),
                },
                0..=0x1F => return Ok(None),
                _ => {
                    if decode {
                        flush(&mut units, &mut out);
                        out.push(c);
                    }
                    i += 1;
                }
            }
        }
    }

    /// Checks the bounds above (and `max_files` on the top-level `files`)
    /// and that no object repeats a key, in one pass that stops at the first
    /// problem. Syntax errors are left to the JSON parser, which then reads
    /// at most what this scan already bounded.
    pub fn scan(b: &[u8], max_files: usize) -> Result<(), Problem> {
        if b.len() > MAX_MANIFEST_BYTES {
            return Err(Problem::new("manifest", format!("manifest.json is {} bytes; at most {MAX_MANIFEST_BYTES} are accepted", b.len())));
        }
        let mut stack: Vec<Frame> = Vec::new();
        let mut values = 0usize;
        let mut i = ws(b, 0);
        let long = |stack: &[Frame], n: usize| Problem::new(path(stack), format!("a string of more than {MAX_STRING_BYTES} bytes ({n} so far); shorten it"));
        'value: loop {
            // A value starts at b[i].
            values += 1;
            if values > MAX_VALUES {
                return Err(Problem::new(path(&stack), format!("more than {MAX_VALUES} values in manifest.json")));
            }
            let Some(&c) = b.get(i) else { return Ok(()) };
            match c {
                b'{' | b'[' => {
                    if stack.len() >= MAX_DEPTH {
                        return Err(Problem::new(path(&stack), format!("nested more than {MAX_DEPTH} levels deep")));
                    }
                    i = ws(b, i + 1);
                    if c == b'[' {
                        if b.get(i) == Some(&b']') {
                            i += 1;
                        } else {
                            stack.push(Frame::Arr(0));
                            check_items(&stack, 1, max_files)?;
                            continue 'value;
                        }
                    } else if b.get(i) == Some(&b'}') {
                        i += 1;
                    } else {
                        stack.push(Frame::Obj { keys: BTreeSet::new(), key: String::new() });
                        match key(b, i, &mut stack) {
                            Ok(Some(next)) => {
                                i = next;
                                continue 'value;
                            }
                            Ok(None) => return Ok(()),
                            Err(p) => return Err(p),
                        }
                    }
                }
                b'"' => match string(b, i, false) {
                    Ok(Some((next, _))) => i = next,
                    Ok(None) => return Ok(()),
                    Err(n) => return Err(long(&stack, n)),
                },
                b't' | b'f' | b'n' | b'-' | b'0'..=b'9' => {
                    let start = i;
                    while i < b.len() && (b[i].is_ascii_alphanumeric() || matches!(b[i], b'-' | b'+' | b'.')) {
                        i += 1;
                        if i - start > 64 {
                            return Ok(()); // not a JSON literal or a sane number: the parser says so
                        }
                    }
                }
                _ => return Ok(()),
            }
            // After a value: close containers or go on to the next item.
            loop {
                i = ws(b, i);
                let Some(top) = stack.last_mut() else { return Ok(()) };
                let Some(&c) = b.get(i) else { return Ok(()) };
                match (top, c) {
                    (Frame::Arr(n), b',') => {
                        *n += 1;
                        let items = *n + 1;
                        check_items(&stack, items, max_files)?;
                        i = ws(b, i + 1);
                        continue 'value;
                    }
                    (Frame::Arr(_), b']') | (Frame::Obj { .. }, b'}') => {
                        stack.pop();
                        i += 1;
                    }
                    (Frame::Obj { .. }, b',') => match key(b, ws(b, i + 1), &mut stack) {
                        Ok(Some(next)) => {
                            i = next;
                            continue 'value;
                        }
                        Ok(None) => return Ok(()),
                        Err(p) => return Err(p),
                    },
                    _ => return Ok(()),
                }
            }
        }
    }

    /// An array in `stack` (the last frame) reached `items` items.
    fn check_items(stack: &[Frame], items: usize, max_files: usize) -> Result<(), Problem> {
        let parent = &stack[..stack.len() - 1];
        let files = matches!(parent, [Frame::Obj { key, .. }] if key == "files");
        if files && items > max_files {
            return Err(Problem::new("manifest.files", format!("more than {max_files} files; at most {max_files} are accepted")));
        }
        if !files && items > MAX_ITEMS {
            return Err(Problem::new(path(parent), format!("more than {MAX_ITEMS} items; at most {MAX_ITEMS} are accepted in one list")));
        }
        Ok(())
    }

    /// A key and its colon at `b[i]`, recorded in the object on top of
    /// `stack`: the index of its value.
    fn key(b: &[u8], i: usize, stack: &mut [Frame]) -> Result<Option<usize>, Problem> {
        if b.get(i) != Some(&b'"') {
            return Ok(None);
        }
        let at = stack.len() - 1;
        let (next, k) = match string(b, i, true) {
            Ok(Some(x)) => x,
            Ok(None) => return Ok(None),
            Err(n) => return Err(Problem::new(path(&stack[..at]), format!("a key of more than {MAX_STRING_BYTES} bytes ({n} so far)"))),
        };
        let next = ws(b, next);
        if b.get(next) != Some(&b':') {
            return Ok(None);
        }
        let parent = path(&stack[..at]);
        let Frame::Obj { keys, key } = &mut stack[at] else { return Ok(None) };
        if keys.contains(&k) {
            return Err(Problem::new(
                format!("{parent}.{}", super::shown(&k)),
                "this key appears twice in one object; readers disagree on which one counts, so send it once",
            ));
        }
        if keys.len() >= MAX_KEYS {
            return Err(Problem::new(parent, format!("more than {MAX_KEYS} keys in one object")));
        }
        keys.insert(k.clone());
        *key = k;
        Ok(Some(ws(b, next + 1)))
    }
}

// ------------------------------------------------------------------ tests

#[cfg(test)]
mod tests {

    /// The app's case folding (no Unicode tables) is Unicode's lowercase
    /// for ASCII names, and folds equal any two names whose lowercases are
    /// equal: it folds each char as it folds the char's lowercase (every
    /// char checked; `to_lowercase` works char by char but for a final
    /// sigma, whose forms all fold to U+FFFD).
    #[test]
    fn the_conservative_case_fold_never_misses_a_unicode_case_pair() {
        use super::fold_case_conservative as fold;
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let one = c.to_string();
            assert_eq!(fold(&one), fold(&c.to_lowercase().collect::<String>()), "{c:?}");
            if c.is_ascii() {
                assert_eq!(fold(&one), one.to_lowercase());
            }
        }
        for (a, b) in [("files/Scan.JPG", "files/scan.jpg"), ("Ä.jpg", "ä.jpg"), ("ΣΑΣ", "σας"), ("\u{212A}.png", "k.png"), ("İ.png", "i\u{307}.png")] {
            assert_eq!(a.to_lowercase(), b.to_lowercase(), "{a} {b}");
            assert_eq!(fold(a), fold(b), "{a} {b}");
        }
        assert_ne!(fold("files/a.jpg"), fold("files/b.jpg"));
    }
    use super::*;
    use serde_json::json;

    const JPEG: &[u8] = b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00fake jpeg\xFF\xD9";
    const PDF: &[u8] = b"%PDF-1.4\n% fake\n%%EOF\n";

    fn draft() -> Draft {
        Draft {
            idempotency_key: "0b7f6c1e-3a9d-4c55-9e0e-2f1c8a7d6b43".into(),
            created_at: "2025-09-30T10:15:00+08:00".into(),
            client: Client { name: "mantetong-app".into(), version: "0.1.0".into() },
            pack: PackId { id: "shanxi-linfen".into(), version: "2025.1".into() },
            facts: json!({ "region": "shanxi-linfen" }),
            result: json!({ "eligibility": { "status": "undetermined" } }),
        }
    }

    fn files() -> Vec<NewFile> {
        vec![
            NewFile { name: "身份证.jpg".into(), kind: "id_card".into(), media_type: "image/jpeg".into(), bytes: JPEG.to_vec() },
            NewFile { name: "zhenduan.pdf".into(), kind: "diagnosis_certificate".into(), media_type: "application/pdf".into(), bytes: PDF.to_vec() },
        ]
    }

    fn good() -> Vec<u8> {
        build(&draft(), &files()).unwrap()
    }

    /// A package built from a manifest edited after building (the hashes
    /// stay as first computed), with `edit` applied to the entries too.
    fn tampered(edit_manifest: impl Fn(&mut Value), entries: impl Fn(&mut Vec<(String, Vec<u8>)>)) -> Vec<u8> {
        let pkg = read_and_verify(&good(), &Limits::default()).unwrap();
        let mut m = serde_json::to_value(&pkg.manifest).unwrap();
        edit_manifest(&mut m);
        let mut list: Vec<(String, Vec<u8>)> = vec![(MANIFEST_PATH.into(), serde_json::to_vec(&m).unwrap())];
        for (f, data) in pkg.manifest.files.iter().zip(pkg.files) {
            list.push((f.path.clone(), data));
        }
        entries(&mut list);
        let mut w = ZipWriter::default();
        for (n, d) in &list {
            w.add(n, d, (0, 33));
        }
        w.finish().unwrap()
    }

    fn problems(bytes: &[u8], limits: &Limits) -> Vec<String> {
        match read_and_verify(bytes, limits) {
            Ok(_) => vec![],
            Err(p) => p.iter().map(|p| p.to_string()).collect(),
        }
    }

    #[test]
    fn crc32_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn round_trip_and_determinism() {
        let bytes = good();
        assert_eq!(bytes, good(), "same inputs, same bytes");
        let pkg = read_and_verify(&bytes, &Limits::default()).unwrap();
        assert_eq!(pkg.manifest.format, FORMAT);
        assert_eq!(pkg.manifest.files[0].path, "files/身份证.jpg");
        assert_eq!(pkg.manifest.files[1].size, PDF.len() as u64);
        assert_eq!(pkg.manifest.files[1].sha256, sha256_hex(PDF));
        assert_eq!(pkg.files, vec![JPEG.to_vec(), PDF.to_vec()]);
        assert_eq!(pkg.manifest.facts, draft().facts);
        let empty = build(&draft(), &[]).unwrap();
        assert!(read_and_verify(&empty, &Limits::default()).unwrap().files.is_empty());
    }

    #[test]
    fn sha256_known_value() {
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    #[test]
    fn rfc3339_cases() {
        for (s, ok) in [
            ("2025-09-30T10:15:00+08:00", true),
            ("2025-09-30T02:15:00Z", true),
            ("2025-09-30T02:15:00.123Z", true),
            ("2025-09-30 02:15:00Z", false),
            ("2025-02-30T02:15:00Z", false),
            ("2025-09-30T24:15:00Z", false),
            ("2025-09-30T02:15:00", false),
            ("2025-09-30T02:15:00+0800", false),
            ("2025-09-30T02:15:00.Z", false),
            ("", false),
        ] {
            assert_eq!(is_rfc3339(s), ok, "{s}");
        }
    }

    #[test]
    fn build_rejects_bad_inputs() {
        let cases: Vec<(&str, Box<dyn Fn(&mut Draft, &mut Vec<NewFile>)>, &str)> = vec![
            ("folder in name", Box::new(|_, f| f[0].name = "a/b.jpg".into()), "files[0].name: \"a/b.jpg\": a file name may not contain '/'"),
            ("empty name", Box::new(|_, f| f[0].name = String::new()), "files[0].name: the file name is empty"),
            ("dot name", Box::new(|_, f| f[1].name = "..".into()), "files[1].name: \"..\": a file name may not start with a dot"),
            ("duplicate", Box::new(|_, f| f[1].name = f[0].name.clone()), "files[1].name: \"身份证.jpg\" is used by an earlier file"),
            ("unknown kind", Box::new(|_, f| f[1].kind = "selfie".into()), "files[1].kind: \"selfie\" is not a material id"),
            ("unknown type", Box::new(|_, f| f[1].media_type = "text/html".into()), "files[1].media_type: \"text/html\" is not accepted"),
            ("content not of its type", Box::new(|_, f| f[0].bytes = PDF.to_vec()), "files[0].bytes: says image/jpeg but the content is not one"),
            ("bad time", Box::new(|d, _| d.created_at = "yesterday".into()), "created_at: \"yesterday\" is not an RFC 3339"),
            ("key with space", Box::new(|d, _| d.idempotency_key = "a b".into()), "idempotency_key: must be 1 to 200 printable ASCII"),
            ("empty pack id", Box::new(|d, _| d.pack.id = String::new()), "pack.id: expected a non-empty string"),
            ("facts not an object", Box::new(|d, _| d.facts = json!([])), "facts: expected an object, got an array []"),
        ];
        for (name, edit, want) in cases {
            let (mut d, mut f) = (draft(), files());
            edit(&mut d, &mut f);
            let got: Vec<String> = build(&d, &f).unwrap_err().iter().map(|p| p.to_string()).collect();
            assert!(got.iter().any(|g| g.starts_with(want)), "{name}: want {want:?}, got {got:?}");
        }
    }

    #[test]
    fn reader_reports_each_problem_by_path() {
        let small = Limits { max_bytes: 1 << 20, max_files: 1, max_file_bytes: 10 };
        let cases: Vec<(&str, Vec<u8>, Limits, &str)> = vec![
            ("not a zip", b"hello, this is not a zip archive at all".to_vec(), Limits::default(), "$: not a valid package ZIP: no end of central directory record"),
            ("too short", b"PK".to_vec(), Limits::default(), "$: not a valid package ZIP: too short"),
            ("too big", good(), Limits { max_bytes: 100, ..Limits::default() }, "$: the package is"),
            ("too many files", good(), small, "manifest.files: more than 1 files; at most 1 are accepted"),
            ("file too big", good(), Limits { max_files: 20, ..small }, "manifest.files[0].size:"),
            (
                "hash of other content",
                tampered(|m| m["files"][1]["sha256"] = json!(sha256_hex(b"x")), |_| {}),
                Limits::default(),
                "manifest.files[1].sha256: does not match the file's content",
            ),
            (
                "file replaced",
                tampered(|_| {}, |l| l[2].1 = b"%PDF-1.4 forged, same claims\n".to_vec()),
                Limits::default(),
                "manifest.files[1].sha256: does not match the file's content",
            ),
            ("size lies", tampered(|m| m["files"][0]["size"] = json!(3), |_| {}), Limits::default(), "manifest.files[0].size: says 3 bytes but the file has"),
            ("file missing", tampered(|_| {}, |l| { l.pop(); }), Limits::default(), "manifest.files[1].path: \"files/zhenduan.pdf\" is not in the package"),
            ("extra entry", tampered(|_| {}, |l| l.push(("files/extra.jpg".into(), JPEG.to_vec()))), Limits::default(), "files/extra.jpg: this entry is not listed in manifest.files"),
            ("no manifest", tampered(|_| {}, |l| { l.remove(0); }), Limits::default(), "$: no manifest.json in the package"),
            ("manifest not json", tampered(|_| {}, |l| l[0].1 = b"{".to_vec()), Limits::default(), "manifest: not valid JSON"),
            ("wrong format", tampered(|m| m["format"] = json!("mantetong-application/2"), |_| {}), Limits::default(), "manifest.format: \"mantetong-application/2\" is not supported"),
            ("missing key", tampered(|m| { m.as_object_mut().unwrap().remove("idempotency_key"); }, |_| {}), Limits::default(), "manifest.idempotency_key: missing: expected a string"),
            ("pack id a number", tampered(|m| m["pack"]["id"] = json!(7), |_| {}), Limits::default(), "manifest.pack.id: expected a non-empty string, got a number 7"),
            ("path outside files/", tampered(|m| m["files"][0]["path"] = json!("manifest.json"), |_| {}), Limits::default(), "manifest.files[0].path: \"manifest.json\" must start with \"files/\""),
            ("traversal", tampered(|m| m["files"][0]["path"] = json!("files/../x"), |_| {}), Limits::default(), "manifest.files[0].path: \"../x\": a file name may not start with a dot"),
            ("bad hash text", tampered(|m| m["files"][0]["sha256"] = json!("ABC"), |_| {}), Limits::default(), "manifest.files[0].sha256: \"ABC\" is not 64 lowercase hex digits"),
            ("type lies", tampered(|m| m["files"][1]["type"] = json!("image/png"), |_| {}), Limits::default(), "manifest.files[1].type: says image/png but the content is not one"),
            ("negative size", tampered(|m| m["files"][1]["size"] = json!(-1), |_| {}), Limits::default(), "manifest.files[1].size: expected a whole number of bytes, got a number -1"),
            ("listed twice", tampered(|m| m["files"][1] = m["files"][0].clone(), |_| {}), Limits::default(), "manifest.files[1].path: \"files/身份证.jpg\" is listed twice"),
        ];
        for (name, bytes, limits, want) in cases {
            let got = problems(&bytes, &limits);
            assert!(got.iter().any(|g| g.starts_with(want)), "{name}: want {want:?}, got {got:?}");
        }
    }

    #[test]
    fn damaged_archives_never_panic() {
        let bytes = good();
        // A flipped byte inside a file's data fails its CRC.
        let mut flipped = bytes.clone();
        let at = bytes.windows(PDF.len()).position(|w| w == PDF).unwrap() + 3;
        flipped[at] ^= 0x20;
        let got = problems(&flipped, &Limits::default());
        assert!(got.iter().any(|g| g == "files/zhenduan.pdf: CRC-32 does not match the entry's data (damaged in transit?)"), "{got:?}");
        // Every truncation and every single-byte corruption is an error or a
        // verified package, never a panic.
        for n in 0..bytes.len() {
            assert!(read_and_verify(&bytes[..n], &Limits::default()).is_err());
        }
        for i in (0..bytes.len()).step_by(3) {
            let mut b = bytes.clone();
            b[i] = b[i].wrapping_add(0x5B);
            let _ = read_and_verify(&b, &Limits::default());
        }
    }

    #[test]
    fn deflated_entries_are_named() {
        let mut bytes = good();
        // Mark the first entry (manifest.json) as deflated in the central directory.
        let cd = bytes.windows(4).position(|w| w == CENTRAL_SIG.to_le_bytes()).unwrap();
        bytes[cd + 10] = 8;
        let got = problems(&bytes, &Limits::default());
        assert_eq!(got, vec!["manifest.json: compressed with method 8 (deflate); v1 packages store entries uncompressed (method 0)"]);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
        /// Any damage to a package is an error with a path or a package
        /// that still verifies; never a panic.
        #[test]
        fn damage_never_panics(flips in proptest::collection::vec((0usize..4096, 1u8..=255), 1..6), cut in 0usize..4096) {
            let mut b = good();
            for (at, x) in flips {
                let i = at % b.len();
                b[i] ^= x;
            }
            let cut = b.len() - cut % b.len();
            for bytes in [&b[..], &b[..cut]] {
                if let Err(p) = read_and_verify(bytes, &Limits::default()) {
                    proptest::prop_assert!(!p.is_empty() && p.iter().all(|p| !p.path.is_empty() && !p.message.is_empty()));
                }
            }
        }

        #[test]
        fn arbitrary_bytes_never_panic(b in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..512)) {
            let mut with_end = b.clone();
            // Give some of them an end record, to reach the directory parser.
            with_end.extend_from_slice(&[0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0, 2, 0, 2, 0, 60, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
            let _ = read_and_verify(&b, &Limits::default());
            let _ = read_and_verify(&with_end, &Limits::default());
        }
    }

    /// A stored archive from parts: (name, data, local-header name) and
    /// the end record's count; offsets as written.
    fn raw(entries: &[(&str, &[u8])], count: Option<u16>, prefix: &[u8], suffix: &[u8]) -> Vec<u8> {
        let mut w = ZipWriter { out: prefix.to_vec(), ..ZipWriter::default() };
        for (n, d) in entries {
            w.add(n, d, (0, 33));
        }
        let mut z = w.finish().unwrap();
        if let Some(c) = count {
            let end = z.len() - 22;
            z[end + 8..end + 10].copy_from_slice(&c.to_le_bytes());
            z[end + 10..end + 12].copy_from_slice(&c.to_le_bytes());
        }
        z.extend_from_slice(suffix);
        z
    }

    fn good_entries() -> Vec<(String, Vec<u8>)> {
        let pkg = read_and_verify(&good(), &Limits::default()).unwrap();
        let mut list = vec![(MANIFEST_PATH.to_string(), serde_json::to_vec(&pkg.manifest).unwrap())];
        for (f, d) in pkg.manifest.files.iter().zip(pkg.files) {
            list.push((f.path.clone(), d));
        }
        list
    }

    #[test]
    fn strict_reading_refuses_what_readers_see_differently() {
        let list = good_entries();
        let refs: Vec<(&str, &[u8])> = list.iter().map(|(n, d)| (n.as_str(), d.as_slice())).collect();
        let mut hidden = refs.clone();
        hidden.push(("files/hidden.exe", b"MZ"));
        let cases: Vec<(&str, Vec<u8>, &str)> = vec![
            ("hidden 4th entry", raw(&hidden, Some(3), b"", b""), "$: not a valid package ZIP: the end record says 3 entries but the central directory holds more"),
            ("count too high", raw(&refs, Some(4), b"", b""), "$: not a valid package ZIP: the end record says 4 entries but the central directory holds 3"),
            ("junk prefix", raw(&refs, None, b"JUNKJUNK", b""), "manifest.json: bytes before the first entry: 8 bytes at offset 0"),
            ("suffix", raw(&refs, None, b"", b"tail"), "$: not a valid package ZIP: bytes after the end record"),
            ("folder outside", raw(&[refs[0], ("../../etc/evil/", b""), refs[1], refs[2]], None, b"", b""), "../../etc/evil/: the name leaves its folder"),
            ("other folder", raw(&[refs[0], ("files/sub/", b""), refs[1], refs[2]], None, b"", b""), "files/sub/: a package holds only manifest.json"),
            ("case twins", raw(&[refs[0], refs[1], refs[2], ("FILES/ZHENDUAN.PDF", refs[2].1)], None, b"", b""), "FILES/ZHENDUAN.PDF: the archive holds another entry of this name (ignoring case)"),
            ("bidi", raw(&[refs[0], refs[1], refs[2], ("files/report\u{202e}fdp.exe", PDF)], None, b"", b""), "files/report\\u{202e}fdp.exe: the name holds the invisible or control character"),
            ("nfd", raw(&[refs[0], refs[1], refs[2], ("files/cafe\u{301}.pdf", PDF)], None, b"", b""), "files/cafe\u{301}.pdf: the name is not in Unicode NFC form"),
        ];
        for (name, bytes, want) in cases {
            let got = problems(&bytes, &Limits::default());
            assert!(got.iter().any(|g| g.starts_with(want)), "{name}: want {want:?}, got {got:?}");
        }
        // A local-only entry: a header and data no directory record lists.
        let mut z = good();
        let mut w = ZipWriter::default();
        w.add("files/hidden.exe", b"MZ", (0, 33));
        let extra = w.out.clone();
        let cd = u32::from_le_bytes(z[z.len() - 6..z.len() - 2].try_into().unwrap()) as usize;
        z.splice(cd..cd, extra.iter().copied());
        let end = z.len() - 22;
        let new_cd = (cd + extra.len()) as u32;
        z[end + 16..end + 20].copy_from_slice(&new_cd.to_le_bytes());
        let got = problems(&z, &Limits::default());
        assert!(got.iter().any(|g| g.starts_with("$: not a valid package ZIP: ") && g.contains("no entry covers")), "{got:?}");
        // Overlap: a second directory record pointing at the first entry's header.
        let one = raw(&refs, None, b"", b"");
        let cd = u32::from_le_bytes(one[one.len() - 6..one.len() - 2].try_into().unwrap()) as usize;
        let first_len = 46 + MANIFEST_PATH.len();
        let mut rec = one[cd..cd + first_len].to_vec();
        rec[28..30].copy_from_slice(&(MANIFEST_PATH.len() as u16).to_le_bytes());
        let mut z = one[..one.len() - 22].to_vec();
        z.extend_from_slice(&rec);
        let mut endr = one[one.len() - 22..].to_vec();
        endr[8..10].copy_from_slice(&4u16.to_le_bytes());
        endr[10..12].copy_from_slice(&4u16.to_le_bytes());
        let size = u32::from_le_bytes(endr[12..16].try_into().unwrap()) + rec.len() as u32;
        endr[12..16].copy_from_slice(&size.to_le_bytes());
        z.extend_from_slice(&endr);
        let got = problems(&z, &Limits::default());
        assert!(got.iter().any(|g| g.contains("another entry of this name") || g.contains("overlaps")), "{got:?}");
    }

    #[test]
    fn names_that_read_differently_are_refused() {
        for (name, want) in [
            ("zhenduan.pdf.exe", "may not end in the program type .exe"),
            ("photo.JPG.Scr", "may not end in the program type .scr"),
            ("report\u{202e}fdp.exe", "may not contain the invisible or bidi character \\u{202e}"),
            ("a\u{200b}b.pdf", "may not contain the invisible or bidi character"),
            ("zhenduan.exe.", "may not start with a space or end with a dot or space"),
            ("cafe\u{301}.pdf", "not in Unicode NFC form"),
        ] {
            let err = check_name(name).unwrap_err();
            assert!(err.contains(want), "{name:?}: {err}");
        }
        for ok in ["zhenduan.pdf", "身份证.jpg", "café.pdf", "exe.pdf", "a.b.c.pdf"] {
            assert_eq!(check_name(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn bounded_manifest_scan_stops_early() {
        let scan = |s: &str| bounded::scan(s.as_bytes(), 20).map_err(|p| p.to_string());
        assert_eq!(scan(r#"{"a": [1, 2, {"b": "c"}], "d": null, "e": -1.5e3, "f": true}"#), Ok(()));
        let many = format!(r#"{{"facts": {{"documents": [{}]}}}}"#, vec!["0"; 101].join(","));
        assert_eq!(scan(&many), Err("manifest.facts.documents: more than 100 items; at most 100 are accepted in one list".into()));
        let files = format!(r#"{{"files": [{}]}}"#, vec!["{}"; 21].join(","));
        assert_eq!(scan(&files), Err("manifest.files: more than 20 files; at most 20 are accepted".into()));
        assert_eq!(scan(r#"{"result": {}, "result": {}}"#).unwrap_err().split(':').next(), Some("manifest.result"));
        assert!(scan(r#"{"facts": {"region": 1, "region": 2}}"#).unwrap_err().starts_with("manifest.facts.region: this key appears twice"));
        assert!(scan(&format!(r#"{{"x": "{}"}}"#, "a".repeat(9000))).unwrap_err().starts_with("manifest.x: a string of more than 8192 bytes"));
        assert!(scan(&format!("{}{}", "[".repeat(40), "]".repeat(40))).unwrap_err().contains("nested more than 32 levels deep"));
        assert!(scan(&format!("{{{}}}", (0..101).map(|i| format!(r#""k{i}": 0"#)).collect::<Vec<_>>().join(","))).unwrap_err().contains("more than 100 keys"));
        // Syntax errors are left to the JSON parser.
        assert_eq!(scan(r#"{"a": [1, 2"#), Ok(()));
        assert_eq!(scan("not json"), Ok(()));
        // Linear: a 256 KB array of zeros is refused at item 101.
        let big = format!("[{}]", vec!["0"; 140_000].join(","));
        assert!(bounded::scan(&big.as_bytes()[..bounded::MAX_MANIFEST_BYTES], 20).is_err());
    }

    #[test]
    fn problems_are_capped() {
        let many: Vec<Problem> = (0..50).map(|i| Problem::new(format!("p{i}"), "x".repeat(2000))).collect();
        let capped = cap(many);
        assert_eq!(capped.len(), MAX_PROBLEMS + 1);
        assert_eq!(capped[MAX_PROBLEMS].to_string(), "$: and 30 more problems");
        assert!(capped[0].message.chars().count() <= 503);
    }

    #[test]
    fn dos_time_from_created_at() {
        assert_eq!(dos_time("2025-09-30T10:15:20+08:00"), ((10 << 11) | (15 << 5) | 10, (45 << 9) | (9 << 5) | 30));
        assert_eq!(dos_time("1970-01-01T00:00:00Z"), (0, 33));
        assert_eq!(dos_time("nonsense"), (0, 33));
    }
}

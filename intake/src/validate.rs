//! Every call into the rules core lives here: the server re-validates each
//! package with the same core that built it.
//!
//! What is checked, in order (each problem named by its path):
//! 1. the package itself ([`read_package`], the core's
//!    [`package::read_and_verify`]): ZIP, manifest shape, each file's
//!    size, SHA-256 and type, limits;
//! 2. `manifest.idempotency_key` equals the `Idempotency-Key` header;
//! 3. `manifest.pack` is a pack this server has, in the same version;
//! 4. `manifest.facts` parse as contract-v1 facts with no problem, and name
//!    the same region as the pack;
//! 5. the facts' claims about papers agree with the files attached: a
//!    document whose kind has no attached file (or whose claimed file type
//!    differs) keeps only its kind and dates for the server's evaluation —
//!    its `sealed`, `seal`, `signed` and `states_stage` claims become
//!    unknown (a paper nobody can look at is not "sealed");
//! 6. the server evaluates those facts itself; its eligibility status and
//!    track must equal `manifest.result`'s (422 otherwise), and its whole
//!    result is what is stored. The client's result is kept beside it, and
//!    any other difference (estimate, timeline, ...) is flagged
//!    (`result_differs`), never trusted.

use mantetong_core::package::{self, Limits, Package};
use mantetong_core::{bundled, Calendar, Date, Facts, Pack, Problem};
use serde_json::Value;
use std::sync::OnceLock;

/// What the server keeps about a valid package.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Accepted {
    pub pack_id: String,
    pub pack_version: String,
    /// The eligibility status of the server's evaluation.
    pub eligibility: String,
    pub files: u32,
    /// The server's whole result (contract v1).
    pub result: Value,
    /// The client's result, kept for comparison.
    pub client_result: Value,
    /// JSON paths where the two results differ (empty: they agree).
    pub differs: Vec<String>,
}

/// Paper claims that need the paper: unknown when its file is not attached.
const PAPER_CLAIMS: [&str; 4] = ["sealed", "seal", "signed", "states_stage"];

/// The facts with every claim about a paper that is not attached made
/// unknown; and the paths of the claims so dropped.
pub fn rederive_documents(facts: &Value, files: &[package::FileEntry]) -> (Value, Vec<String>) {
    let mut facts = facts.clone();
    let mut dropped = Vec::new();
    if let Some(docs) = facts.get_mut("documents").and_then(Value::as_array_mut) {
        for (i, d) in docs.iter_mut().enumerate() {
            let Some(obj) = d.as_object_mut() else { continue };
            let kind = obj.get("kind").and_then(Value::as_str).unwrap_or("").to_string();
            let claimed_type = obj.get("file").and_then(|f| f.get("type")).and_then(Value::as_str).map(str::to_ascii_lowercase);
            let attached = files.iter().any(|f| f.kind == kind && claimed_type.as_deref().is_none_or(|t| t == f.media_type));
            if attached {
                continue;
            }
            for k in PAPER_CLAIMS {
                if obj.remove(k).is_some() {
                    dropped.push(format!("manifest.facts.documents[{i}].{k}"));
                }
            }
        }
    }
    (facts, dropped)
}

/// JSON paths (under `manifest.result`) where `a` and `b` differ; at most 20.
fn differences(a: &Value, b: &Value, path: &str, out: &mut Vec<String>) {
    if out.len() >= 20 || a == b {
        return;
    }
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for k in x.keys().chain(y.keys().filter(|k| !x.contains_key(*k))) {
                differences(x.get(k).unwrap_or(&Value::Null), y.get(k).unwrap_or(&Value::Null), &format!("{path}.{k}"), out);
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (p, q)) in x.iter().zip(y).enumerate() {
                differences(p, q, &format!("{path}[{i}]"), out);
            }
        }
        _ => out.push(path.to_string()),
    }
}

fn calendar() -> Result<&'static Calendar, Problem> {
    static CAL: OnceLock<Result<Calendar, String>> = OnceLock::new();
    CAL.get_or_init(|| bundled::calendar().map_err(|p| p.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("; ")))
        .as_ref()
        .map_err(|e| Problem::new("$", format!("the server's working-day calendar does not load: {e}")))
}

/// Packs read from a directory at start (`--regions DIR`), replacing the
/// bundled ones: a region dropped in as a data file is evaluated by a
/// running server after a restart, with no rebuild.
static DIR_PACKS: OnceLock<Vec<Pack>> = OnceLock::new();

/// Uses these packs (validated by [`bundled::packs_from_files`]) instead of
/// the bundled ones; once, at start. False if packs were already set.
pub fn use_packs(packs: Vec<Pack>) -> bool {
    DIR_PACKS.set(packs).is_ok()
}

/// The pack of a region this server evaluates with: the newest version
/// (see [`bundled::pack`]), from the directory given at start, else bundled.
pub fn pack(id: &str) -> Option<Result<Pack, Vec<Problem>>> {
    match DIR_PACKS.get() {
        None => bundled::pack(id),
        Some(list) => list.iter().filter(|p| p.id == id).max_by_key(|p| mantetong_core::Date::parse(&p.effective.from)).cloned().map(Ok),
    }
}

/// The region ids this server has packs for.
pub fn known_packs() -> Vec<String> {
    match DIR_PACKS.get() {
        None => bundled::region_ids().into_iter().map(String::from).collect(),
        Some(list) => {
            let mut ids: Vec<String> = list.iter().map(|p| p.id.to_string()).collect();
            ids.sort();
            ids.dedup();
            ids
        }
    }
}

/// The entry count an archive's end record declares (the ZIP64 record's
/// when the 16-bit count is `0xFFFF` and a ZIP64 locator is there), or
/// `None` if the last 22 bytes are no end record.
fn declared_entries(b: &[u8]) -> Option<u64> {
    // Offsets come from the archive: checked, never trusted to fit.
    let at = |i: usize, n: usize| i.checked_add(n).and_then(|e| b.get(i..e));
    let u16_at = |i: usize| at(i, 2).map(|x| u16::from_le_bytes([x[0], x[1]]));
    let u32_at = |i: usize| at(i, 4).map(|x| u32::from_le_bytes([x[0], x[1], x[2], x[3]]));
    let u64_at = |i: usize| at(i, 8).and_then(|x| x.try_into().ok()).map(u64::from_le_bytes);
    let end = b.len().checked_sub(22)?;
    if u32_at(end)? != 0x0605_4b50 {
        return None;
    }
    let total = u16_at(end + 10)?;
    if total != 0xFFFF {
        return Some(u64::from(total));
    }
    // ZIP64: a locator just before the end record points at the ZIP64
    // end record, whose 64-bit count is at +32.
    let zip64 = end.checked_sub(20).filter(|&l| u32_at(l) == Some(0x0706_4b50)).and_then(|l| u64_at(l + 8)).and_then(|o| usize::try_from(o).ok());
    match zip64 {
        Some(o) if u32_at(o) == Some(0x0606_4b50) => u64_at(o + 32).or(Some(0xFFFF)),
        _ => Some(0xFFFF),
    }
}

/// Reads and verifies a package with the core ([`package::read_and_verify`]),
/// naming two problems the core's own messages would describe poorly:
/// more entries than accepted (65,535 of them look like ZIP64 to it), and a
/// `manifest.json` that starts with a UTF-8 byte-order mark (to the JSON
/// parser, "expected value at line 1 column 1").
pub fn read_package(body: &[u8], limits: &Limits) -> Result<Package, Vec<Problem>> {
    let max_entries = limits.max_files.saturating_add(2);
    if let Some(n) = declared_entries(body).filter(|&n| n > max_entries as u64) {
        return Err(vec![Problem::new(
            "$",
            format!("the package has {n} entries; at most {max_entries} are accepted (manifest.json, the folder files/ and up to {} files)", limits.max_files),
        )]);
    }
    package::read_and_verify(body, limits).map_err(|mut problems| {
        let bom = package::read_archive(body, max_entries)
            .ok()
            .and_then(|entries| entries.into_iter().find(|e| e.name == package::MANIFEST_PATH))
            .is_some_and(|m| m.data.starts_with(b"\xEF\xBB\xBF"));
        if bom {
            problems.retain(|p| !(p.path == "manifest" && p.message.starts_with("not valid JSON")));
            problems.insert(
                0,
                Problem::new("manifest", "manifest.json starts with a byte-order mark (EF BB BF); write it as UTF-8 without a BOM (JSON sent over a network has none, RFC 8259 §8.1)"),
            );
        }
        problems
    })
}

/// Checks a package body sent with `header_key`.
pub fn check(body: &[u8], limits: &Limits, header_key: &str) -> Result<Accepted, Vec<Problem>> {
    let pkg: Package = read_package(body, limits)?;
    let m = &pkg.manifest;
    let mut problems = Vec::new();
    if m.idempotency_key != header_key {
        problems.push(Problem::new("manifest.idempotency_key", "does not match the Idempotency-Key header; send the package's own key"));
    }
    let pack = match pack(&m.pack.id) {
        None => {
            problems.push(Problem::new("manifest.pack.id", format!("unknown pack \"{}\"; known: {}", m.pack.id, known_packs().join(", "))));
            None
        }
        Some(Err(p)) => {
            let why: Vec<String> = p.iter().map(|p| p.to_string()).collect();
            problems.push(Problem::new("manifest.pack.id", format!("the server's copy of pack \"{}\" does not load: {}", m.pack.id, why.join("; "))));
            None
        }
        Some(Ok(pack)) => {
            if pack.version != m.pack.version {
                problems.push(Problem::new(
                    "manifest.pack.version",
                    format!("\"{}\" is not the version this server evaluates with (\"{}\"): evaluate again with the current pack", m.pack.version, pack.version),
                ));
            }
            Some(pack)
        }
    };
    // A document that says it has a file must have it attached.
    if let Some(docs) = m.facts.get("documents").and_then(Value::as_array) {
        for (i, d) in docs.iter().enumerate() {
            let Some(file) = d.get("file").filter(|f| f.is_object()) else { continue };
            let kind = d.get("kind").and_then(Value::as_str).unwrap_or("");
            let claimed = file.get("type").and_then(Value::as_str).map(str::to_ascii_lowercase);
            let attached = m.files.iter().any(|f| f.kind == kind && claimed.as_deref().is_none_or(|t| t == f.media_type));
            if !attached {
                problems.push(Problem::new(
                    format!("manifest.facts.documents[{i}].file"),
                    format!("claims a file of this paper but no {} file of kind \"{}\" is attached; attach it or remove the claim", claimed.as_deref().unwrap_or("matching"), package::shown(kind)),
                ));
            }
        }
    }
    let (derived, dropped) = rederive_documents(&m.facts, &m.files);
    let facts = match Facts::from_value(&derived) {
        Ok(f) => Some(f),
        Err(ps) => {
            for p in ps {
                let path = if p.path == "$" { "manifest.facts".to_string() } else { format!("manifest.facts.{}", p.path) };
                problems.push(Problem::new(path, p.message));
            }
            None
        }
    };
    if let (Some(f), Some(pk)) = (&facts, &pack) {
        if let Some(r) = &f.region {
            if *r != pk.id {
                problems.push(Problem::new("manifest.facts.region", format!("\"{r}\" is not the package's pack \"{}\"", pk.id)));
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let (Some(facts), Some(pack)) = (facts, pack) else {
        return Err(vec![Problem::new("$", "internal: facts or pack missing after checks")]);
    };

    // The day of evaluation: the facts' own, else the one the client's
    // result says it used, else the day the package was made.
    let result_day = m.result.get("as_of").and_then(Value::as_str).and_then(Date::parse);
    let created_day = m.created_at.get(..10).and_then(Date::parse);
    let Some(as_of) = facts.as_of.or(result_day).or(created_day) else {
        return Err(vec![Problem::new("manifest.created_at", "no day to evaluate on")]);
    };
    // A birth after the day of evaluation is a typing error (the facts
    // check this against their own as_of; here against the day used).
    let ids = [("manifest.facts.applicant.id_number", facts.applicant.id_number.as_ref()), ("manifest.facts.proxy.id_number", facts.proxy.as_ref().and_then(|p| p.id_number.as_ref()))];
    for (path, id) in ids {
        if let Some(id) = id.filter(|id| id.birth > as_of) {
            problems.push(Problem::new(path, format!("birth date {} is after the day of evaluation {as_of}", id.birth)));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let cal = calendar().map_err(|p| vec![p])?;
    let ours = mantetong_core::evaluate(&pack, cal, &facts, as_of).to_json();

    let theirs = &m.result;
    for (path, what) in [(&["pack", "id"][..], "pack"), (&["pack", "version"][..], "pack version")] {
        let t = dig(theirs, path);
        if !t.is_null() && *t != Value::String(if path[1] == "id" { m.pack.id.clone() } else { m.pack.version.clone() }) {
            problems.push(Problem::new(format!("manifest.result.{}", path.join(".")), format!("{} is not the {what} in manifest.pack", t)));
        }
    }
    for path in [&["eligibility", "status"][..], &["track"][..]] {
        let (t, o) = (dig(theirs, path), dig(&ours, path));
        let at = format!("manifest.result.{}", path.join("."));
        if path.len() == 2 && t.is_null() {
            problems.push(Problem::new(at, format!("missing: the server's evaluation gives {o}")));
        } else if t != o && !(path.len() == 1 && theirs.get("track").is_none()) {
            let why = if dropped.is_empty() {
                String::new()
            } else {
                format!(" (claims about papers that are not attached do not count: {}; attach their files)", dropped.join(", "))
            };
            problems.push(Problem::new(at, format!("{t} but the server's evaluation on {as_of} gives {o}{why}")));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut differs = Vec::new();
    differences(&ours, theirs, "manifest.result", &mut differs);
    Ok(Accepted {
        pack_id: pack.id.to_string(),
        pack_version: pack.version.to_string(),
        eligibility: dig(&ours, &["eligibility", "status"]).as_str().unwrap_or("undetermined").to_string(),
        files: pkg.files.len() as u32,
        client_result: theirs.clone(),
        result: ours,
        differs,
    })
}

fn dig<'a>(v: &'a Value, path: &[&str]) -> &'a Value {
    path.iter().fold(v, |v, k| v.get(k).unwrap_or(&Value::Null))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An end record: `count` entries, no comment.
    fn end_record(count: u16) -> Vec<u8> {
        let mut e = vec![0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0];
        e.extend_from_slice(&count.to_le_bytes());
        e.extend_from_slice(&count.to_le_bytes());
        e.extend_from_slice(&[0; 10]);
        e
    }

    #[test]
    fn declared_entries_reads_the_16_bit_count_and_the_zip64_one() {
        assert_eq!(declared_entries(&end_record(3)), Some(3));
        assert_eq!(declared_entries(&end_record(0xFFFF)), Some(0xFFFF), "no ZIP64 locator: 65,535 as it says");
        // A ZIP64 end record (at 0, 70,000 entries), its locator, the end record.
        let mut z = vec![0x50, 0x4b, 0x06, 0x06];
        z.extend_from_slice(&44u64.to_le_bytes());
        z.extend_from_slice(&[45, 0, 45, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        z.extend_from_slice(&70_000u64.to_le_bytes());
        z.extend_from_slice(&70_000u64.to_le_bytes());
        z.extend_from_slice(&[0; 16]);
        z.extend_from_slice(&[0x50, 0x4b, 0x06, 0x07, 0, 0, 0, 0]);
        z.extend_from_slice(&0u64.to_le_bytes());
        z.extend_from_slice(&1u32.to_le_bytes());
        z.extend_from_slice(&end_record(0xFFFF));
        assert_eq!(declared_entries(&z), Some(70_000));
        // A locator pointing outside the archive: the 16-bit count.
        let n = z.len();
        z[n - 22 - 12..n - 22 - 4].copy_from_slice(&u64::MAX.to_le_bytes());
        assert_eq!(declared_entries(&z), Some(0xFFFF));
        assert_eq!(declared_entries(b"PK\x05\x06"), None);
        assert_eq!(declared_entries(&[0; 40]), None);
    }

    #[test]
    fn too_many_entries_are_named_before_the_core_reads_them() {
        let limits = Limits::default();
        let p = read_package(&end_record(0xFFFF), &limits).unwrap_err();
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].path, "$");
        assert!(p[0].message.starts_with(&format!("the package has 65535 entries; at most {} are accepted", limits.max_files + 2)), "{}", p[0].message);
    }
}

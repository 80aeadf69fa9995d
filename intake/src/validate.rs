//! Every call into the rules core lives here: the server re-validates each
//! package with the same core that built it.
//!
//! What is checked, in order (each problem named by its path):
//! 1. the package itself ([`package::read_and_verify`]): ZIP, manifest
//!    shape, each file's size, SHA-256 and type, limits;
//! 2. `manifest.idempotency_key` equals the `Idempotency-Key` header;
//! 3. `manifest.pack` is a pack this server has, in the same version;
//! 4. `manifest.facts` parse as contract-v1 facts with no problem, and name
//!    the same region as the pack;
//! 5. the server's own evaluation agrees with `manifest.result`: the
//!    eligibility status and the track (and the pack the result names).

use mantetong_core::package::{self, Limits, Package};
use mantetong_core::{bundled, Calendar, Date, Facts, Problem};
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
    /// The server's own evaluation (contract result), for the pre-review.
    pub result: Value,
}

fn calendar() -> Result<&'static Calendar, Problem> {
    static CAL: OnceLock<Result<Calendar, String>> = OnceLock::new();
    CAL.get_or_init(|| bundled::calendar().map_err(|p| p.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("; ")))
        .as_ref()
        .map_err(|e| Problem::new("$", format!("the server's working-day calendar does not load: {e}")))
}

/// The region ids this server has packs for.
pub fn known_packs() -> Vec<&'static str> {
    bundled::region_ids()
}

/// Checks a package body sent with `header_key`.
pub fn check(body: &[u8], limits: &Limits, header_key: &str) -> Result<Accepted, Vec<Problem>> {
    let pkg: Package = package::read_and_verify(body, limits)?;
    let m = &pkg.manifest;
    let mut problems = Vec::new();
    if m.idempotency_key != header_key {
        problems.push(Problem::new("manifest.idempotency_key", "does not match the Idempotency-Key header; send the package's own key"));
    }
    let pack = match bundled::pack(&m.pack.id) {
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
    let facts = match Facts::from_value(&m.facts) {
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
            problems.push(Problem::new(at, format!("{t} but the server's evaluation on {as_of} gives {o}")));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Accepted {
        pack_id: pack.id.clone(),
        pack_version: pack.version.clone(),
        eligibility: dig(&ours, &["eligibility", "status"]).as_str().unwrap_or("undetermined").to_string(),
        files: pkg.files.len() as u32,
        result: ours,
    })
}

fn dig<'a>(v: &'a Value, path: &[&str]) -> &'a Value {
    path.iter().fold(v, |v, k| v.get(k).unwrap_or(&Value::Null))
}

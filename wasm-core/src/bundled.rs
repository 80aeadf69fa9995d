//! Packs and calendar embedded at build time (feature `bundled`).
//!
//! The pack list is not written here: `build.rs` finds every
//! `public/regions/*.json` when the crate is built, so adding a region (or
//! a second policy year of one, `<id>.<year>.json`) needs no Rust edit.

use crate::calendar::Calendar;
use crate::date::Date;
use crate::pack::Pack;
use crate::problem::Problem;

include!(concat!(env!("OUT_DIR"), "/packs.rs"));

/// The bundled working-day calendar's JSON.
pub const CALENDAR: &str = include_str!("../../public/calendar/cn-workdays.json");

/// The region id of a pack file stem: `shanxi-linfen.2026` → `shanxi-linfen`.
pub fn id_of_stem(stem: &str) -> &str {
    stem.split('.').next().unwrap_or(stem)
}

/// Ids of the bundled regions, each once, in file-name order.
pub fn region_ids() -> Vec<&'static str> {
    let mut ids: Vec<&'static str> = Vec::new();
    for (stem, _) in PACKS.iter() {
        let id = id_of_stem(stem);
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids
}

/// The JSON of every bundled version of a region.
pub fn json_of(id: &str) -> impl Iterator<Item = &'static str> + '_ {
    PACKS.iter().filter(move |(s, _)| id_of_stem(s) == id).map(|(_, j)| *j)
}

/// Every bundled pack, every version.
pub fn packs() -> Result<Vec<Pack>, Vec<Problem>> {
    let mut out = Vec::new();
    for (stem, text) in PACKS.iter() {
        out.push(Pack::from_json(text).map_err(|ps| ps.into_iter().map(|p| Problem::new(format!("{stem}.json: {}", p.path), p.message)).collect::<Vec<_>>())?);
    }
    Ok(out)
}

/// The bundled pack for a region id: its newest version (the latest
/// `effective.from`). Use [`pack_on`] for the one in force on a day.
pub fn pack(id: &str) -> Option<Result<Pack, Vec<Problem>>> {
    let mut all: Vec<Result<Pack, Vec<Problem>>> = json_of(id).map(Pack::from_json).collect();
    if all.iter().any(Result::is_err) {
        return all.into_iter().find(Result::is_err);
    }
    all.sort_by_key(|p| p.as_ref().ok().and_then(|p| Date::parse(&p.effective.from)));
    all.pop()
}

/// The bundled pack of a region in force on `on` (see [`crate::pack::select`]).
pub fn pack_on(id: &str, on: Date) -> Option<Result<Pack, Vec<Problem>>> {
    let all: Result<Vec<Pack>, Vec<Problem>> = json_of(id).map(Pack::from_json).collect();
    match all {
        Err(e) => Some(Err(e)),
        Ok(v) => crate::pack::select(&v, id, on).cloned().map(Ok),
    }
}

/// Packs read at start from a directory (the CLI's `--regions DIR`, the
/// intake's `--regions DIR`, `MANTETONG_REGIONS`): `(file name, JSON)` of
/// every `*.json` but `index.json`, as the caller read them (the core does
/// no IO). Each is validated as a bundled one is, its id must match its
/// file name (`<id>.json` or `<id>.<year>.json`), and the versions of one
/// region must not overlap ([`crate::pack::validate_packs`]). Every
/// problem is returned, named by file and JSON path.
pub fn packs_from_files(files: &[(String, String)]) -> Result<Vec<Pack>, Vec<Problem>> {
    let mut packs = Vec::new();
    let mut problems = Vec::new();
    for (name, text) in files {
        let stem = name.strip_suffix(".json").unwrap_or(name);
        match Pack::from_json(text) {
            Ok(p) if p.id != id_of_stem(stem) => problems.push(Problem::new(
                format!("{name}: id"),
                format!("\"{}\" does not match the file name: call the file {}.json (or {}.<year>.json)", p.id, p.id, p.id),
            )),
            Ok(p) => packs.push((name.clone(), p)),
            Err(ps) => problems.extend(ps.into_iter().map(|p| Problem::new(format!("{name}: {}", p.path), p.message))),
        }
    }
    problems.extend(crate::pack::validate_packs(&packs));
    if problems.is_empty() {
        Ok(packs.into_iter().map(|(_, p)| p).collect())
    } else {
        Err(problems)
    }
}

/// The bundled calendar.
pub fn calendar() -> Result<Calendar, Vec<Problem>> {
    Calendar::from_json(CALENDAR)
}

/// An unknown region problem, listing the known ones.
pub fn unknown_region(id: &str) -> Problem {
    Problem::new("region", format!("unknown region \"{id}\"; known: {}", region_ids().join(", ")))
}

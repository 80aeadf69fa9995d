//! `mantetong`: the command-line door to the rules core (contract v1).
//!
//! ```text
//! mantetong eval FACTS.json|- [--region ID] [--pack FILE] [--lang en|zh]
//! mantetong question FACTS.json|- [--region ID] [--pack FILE]
//! mantetong validate PACK.json...
//! mantetong test DIR_OR_FILE... [--pack FILE]
//! mantetong regions
//! mantetong id NUMBER
//! mantetong read PHOTO
//! ```
//! Exit codes: 0 ok; 1 problems found (validate) or cases failed (test);
//! 2 bad input or usage. Only this binary reads files and the clock.

use mantetong_core::golden::{cases_in, check, eval_value};
use mantetong_core::{bundled, next_question, parse_id, validate_packs, Calendar, Date, Facts, Lang, Pack, Problem};
use serde_json::Value;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage:
  mantetong eval FACTS.json|- [--region ID] [--pack FILE] [--lang en|zh]
  mantetong question FACTS.json|- [--region ID] [--pack FILE]
  mantetong validate PACK.json...
  mantetong test DIR_OR_FILE... [--pack FILE]
  mantetong regions [--regions DIR]
  mantetong id NUMBER
  mantetong read PHOTO
  (--regions DIR, or MANTETONG_REGIONS=DIR: read the packs from DIR at start
   instead of the bundled ones)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = match args.first().map(String::as_str) {
        Some("eval") => cmd_eval(&args[1..], false),
        Some("question") => cmd_eval(&args[1..], true),
        Some("validate") => cmd_validate(&args[1..]),
        Some("test") => cmd_test(&args[1..]),
        Some("regions") => cmd_regions(&args[1..]),
        Some("id") => cmd_id(&args[1..]),
        Some("read") => cmd_read(&args[1..]),
        Some("-h") | Some("--help") | Some("help") => {
            println!("{USAGE}");
            0
        }
        _ => {
            eprintln!("{USAGE}");
            2
        }
    };
    let _ = std::io::stdout().flush();
    ExitCode::from(code)
}

/// Today in China (UTC+8): the only place the clock is read.
fn today() -> Date {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
    Date::today_cst(secs)
}

fn read_input(path: &str) -> Result<String, String> {
    if path == "-" {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s).map_err(|e| format!("-: cannot read stdin: {e}"))?;
        Ok(s)
    } else {
        std::fs::read(path)
            .map_err(|e| format!("{path}: cannot read: {e}"))
            .and_then(|b| String::from_utf8(b).map_err(|_| format!("{path}: not UTF-8 text")))
    }
}

struct Common {
    files: Vec<String>,
    region: Option<String>,
    pack: Option<String>,
    regions: Option<String>,
    lang: Lang,
}

fn parse_common(args: &[String]) -> Result<Common, String> {
    let mut c = Common { files: vec![], region: None, pack: None, regions: None, lang: Lang::Zh };
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        let mut val = |name: &str| -> Result<String, String> {
            i += 1;
            args.get(i).cloned().ok_or_else(|| format!("{name} needs a value"))
        };
        match a.as_str() {
            "--region" => c.region = Some(val("--region")?),
            "--pack" => c.pack = Some(val("--pack")?),
            "--regions" => c.regions = Some(val("--regions")?),
            "--lang" => {
                c.lang = match val("--lang")?.as_str() {
                    "en" => Lang::En,
                    "zh" | "zh-CN" => Lang::Zh,
                    other => return Err(format!("--lang: \"{other}\" is not en or zh")),
                }
            }
            s if s.starts_with("--region=") => c.region = Some(s["--region=".len()..].into()),
            s if s.starts_with("--pack=") => c.pack = Some(s["--pack=".len()..].into()),
            s if s.starts_with("--lang=") => c.lang = if &s[7..] == "en" { Lang::En } else { Lang::Zh },
            s if s.starts_with("--") => return Err(format!("unknown option {s}")),
            s => c.files.push(s.to_string()),
        }
        i += 1;
    }
    Ok(c)
}

fn print_problems(prefix: &str, ps: &[Problem]) {
    for p in ps {
        eprintln!("{prefix}{p}");
    }
}

/// The packs: every bundled version of every region (found at build time
/// in public/regions/), or, with `--regions DIR` (or `MANTETONG_REGIONS`),
/// every `*.json` in DIR read at start; plus (or replaced by) one from
/// `--pack FILE`.
fn load_packs(extra: Option<&str>, dir: Option<&str>) -> Result<Vec<Pack>, u8> {
    let env_dir = std::env::var("MANTETONG_REGIONS").ok().filter(|d| !d.is_empty());
    let mut packs = match dir.or(env_dir.as_deref()) {
        None => bundled::packs().map_err(|ps| {
            print_problems("bundled pack ", &ps);
            2u8
        })?,
        Some(d) => {
            let mut files = Vec::new();
            collect(Path::new(d), &mut files);
            let mut packs = Vec::new();
            for f in files.iter().filter(|f| f.file_name().is_some_and(|n| n != "index.json")) {
                let shown = f.display().to_string();
                let parsed = read_input(&shown).map_err(|e| {
                    eprintln!("{e}");
                    2u8
                })?;
                match Pack::from_json(&parsed) {
                    Ok(p) => packs.push(p),
                    Err(ps) => {
                        print_problems(&format!("{shown}: "), &ps);
                        return Err(2);
                    }
                }
            }
            packs
        }
    };
    if let Some(f) = extra {
        let text = read_input(f).map_err(|e| {
            eprintln!("{e}");
            2u8
        })?;
        match Pack::from_json(&text) {
            Ok(p) => {
                packs.retain(|q| q.id != p.id);
                packs.insert(0, p);
            }
            Err(ps) => {
                print_problems(&format!("{f}: "), &ps);
                return Err(2);
            }
        }
    }
    Ok(packs)
}

fn load_calendar() -> Result<Calendar, u8> {
    bundled::calendar().map_err(|ps| {
        print_problems("calendar: ", &ps);
        2
    })
}

fn cmd_eval(args: &[String], question: bool) -> u8 {
    let c = match parse_common(args) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}\n{USAGE}");
            return 2;
        }
    };
    if c.files.len() != 1 {
        eprintln!("eval takes one FACTS.json (or - for stdin)\n{USAGE}");
        return 2;
    }
    let text = match read_input(&c.files[0]) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{e}");
            return 2;
        }
    };
    let v: Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("$: not valid JSON: {e}");
            return 2;
        }
    };
    let (mut packs, cal) = match (load_packs(c.pack.as_deref(), c.regions.as_deref()), load_calendar()) {
        (Ok(p), Ok(c)) => (p, c),
        (Err(e), _) | (_, Err(e)) => return e,
    };
    // --pack FILE: that pack and no other; a region naming another is refused.
    let mut region = c.region.clone();
    if c.pack.is_some() {
        packs.truncate(1);
        let id = packs[0].id.to_string();
        let named = region.clone().or_else(|| v.get("region").and_then(Value::as_str).map(str::to_string));
        if let Some(r) = named.filter(|r| *r != id) {
            eprintln!("region: \"{r}\" does not match the pack given with --pack (\"{id}\")");
            return 2;
        }
        region = Some(id);
    }
    if question {
        let facts = match Facts::from_value(&v) {
            Ok(f) => f,
            Err(ps) => {
                print_problems("", &ps);
                return 2;
            }
        };
        let rid = region.or_else(|| facts.region.clone());
        let on = facts.as_of.unwrap_or_else(today);
        let Some(pack) = rid.as_deref().and_then(|r| mantetong_core::pack::select(&packs, r, on)) else {
            eprintln!("{}", bundled::unknown_region(rid.as_deref().unwrap_or("")));
            return 2;
        };
        let q = next_question(pack, &facts);
        println!("{}", serde_json::to_string_pretty(&q).unwrap_or_else(|_| "null".into()));
        return 0;
    }
    match eval_value(&v, region.as_deref(), &packs, &cal, today(), c.lang) {
        Ok(o) => {
            println!("{}", serde_json::to_string_pretty(&o).unwrap_or_else(|_| "null".into()));
            0
        }
        Err(ps) => {
            print_problems("", &ps);
            2
        }
    }
}

fn cmd_validate(args: &[String]) -> u8 {
    if args.is_empty() {
        eprintln!("validate takes one or more PACK.json files\n{USAGE}");
        return 2;
    }
    let mut bad = false;
    let mut good: Vec<(String, Pack)> = Vec::new();
    for f in args {
        let text = match read_input(f) {
            Ok(t) => t,
            Err(e) => {
                println!("{e}");
                bad = true;
                continue;
            }
        };
        match Pack::from_json(&text) {
            Ok(p) => good.push((f.clone(), p)),
            Err(ps) => {
                bad = true;
                for p in ps {
                    println!("{f}: {p}");
                }
            }
        }
    }
    for p in validate_packs(&good) {
        bad = true;
        println!("{p}");
    }
    if bad {
        1
    } else {
        println!("{} pack(s) valid", good.len());
        0
    }
}

fn collect(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path).map(|r| r.filter_map(|e| e.ok().map(|e| e.path())).collect()).unwrap_or_default();
        entries.sort();
        for e in entries {
            if e.is_dir() || e.extension().is_some_and(|x| x == "json") {
                collect(&e, out);
            }
        }
    } else {
        out.push(path.to_path_buf());
    }
}

fn cmd_test(args: &[String]) -> u8 {
    let c = match parse_common(args) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}\n{USAGE}");
            return 2;
        }
    };
    if c.files.is_empty() {
        eprintln!("test takes one or more case files or directories\n{USAGE}");
        return 2;
    }
    let (packs, cal) = match (load_packs(c.pack.as_deref(), c.regions.as_deref()), load_calendar()) {
        (Ok(p), Ok(c)) => (p, c),
        (Err(e), _) | (_, Err(e)) => return e,
    };
    let mut files = Vec::new();
    for f in &c.files {
        collect(Path::new(f), &mut files);
    }
    let (mut passed, mut failed) = (0u32, 0u32);
    for f in files {
        let shown = f.display().to_string();
        let v: Value = match read_input(&shown).and_then(|t| serde_json::from_str(&t).map_err(|e| format!("{shown}: not valid JSON: {e}"))) {
            Ok(v) => v,
            Err(e) => {
                println!("FAIL {e}");
                failed += 1;
                continue;
            }
        };
        for (i, case) in cases_in(&v).iter().enumerate() {
            let name = case.get("name").and_then(Value::as_str).map(str::to_string).unwrap_or_else(|| format!("case {i}"));
            let miss = check(case, &packs, &cal);
            if miss.is_empty() {
                passed += 1;
            } else {
                failed += 1;
                println!("FAIL {shown} :: {name}");
                for m in miss {
                    println!("  {m}");
                }
            }
        }
    }
    println!("{passed} passed, {failed} failed");
    if failed > 0 {
        1
    } else {
        0
    }
}

fn cmd_regions(args: &[String]) -> u8 {
    let c = match parse_common(args) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}\n{USAGE}");
            return 2;
        }
    };
    let packs = match load_packs(None, c.regions.as_deref()) {
        Ok(p) => p,
        Err(e) => return e,
    };
    for p in packs {
        let cov = match p.coverage.level {
            mantetong_core::pack::CoverageLevel::Full => "full",
            mantetong_core::pack::CoverageLevel::Partial => "partial",
        };
        println!("{}\t{} ({})\t{}\t{}", p.id, p.name.zh, p.name.en, p.policy_year, cov);
    }
    0
}

fn cmd_id(args: &[String]) -> u8 {
    let Some(n) = args.first() else {
        eprintln!("id takes a resident identity number\n{USAGE}");
        return 2;
    };
    match parse_id(n) {
        Ok(id) => {
            println!(
                "{}",
                serde_json::json!({ "number": id.number, "birth": id.birth.to_string(), "sex": id.sex, "address_code": id.address_code,
                    "note": "the address code is where the number was first issued; it does not say where the person is insured or lives" })
            );
            0
        }
        Err(e) => {
            eprintln!("id_number: {e}");
            2
        }
    }
}

/// `mantetong read PHOTO`: the seal, the paper's own date and the photo's
/// quality as JSON (contract v1.1, "Reading a photo"). Not an image: exit 2.
#[cfg(all(feature = "read", not(target_arch = "wasm32")))]
fn cmd_read(args: &[String]) -> u8 {
    let [path] = args else {
        eprintln!("usage: mantetong read PHOTO");
        return 2;
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: cannot read: {e}");
            return 2;
        }
    };
    let mut ocr = match mantetong_read::Tesseract::new() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{path}: {e}");
            return 2;
        }
    };
    let t = today();
    match mantetong_read::read(&bytes, (t.year(), t.month() as u32, t.day() as u32), &mut ocr) {
        Ok(r) => {
            println!("{}", mantetong_read::to_json(&r));
            0
        }
        Err(e) => {
            eprintln!("{path}: {e}");
            2
        }
    }
}

#[cfg(not(all(feature = "read", not(target_arch = "wasm32"))))]
fn cmd_read(_: &[String]) -> u8 {
    eprintln!("read: this build has no photo reader (feature \"read\")");
    2
}

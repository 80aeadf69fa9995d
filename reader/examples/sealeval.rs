//! Seal and quality accuracy on a generated photo set, without OCR (the
//! seal is pure image processing): `cargo run --release -p mantetong-read
//! --example sealeval -- DIR [--long PX] [--detail] [--only 001,046]
//! [--quality]`
//! reads DIR/manifest.json (tests/photos/gen.py) and prints one line per
//! photo and the totals: seal right / wrong / unsure, on all photos and on
//! the ok-quality ones, quality right, and the ms per photo of the look
//! (decode excluded; balance, quality, skew and seal).

mod common;
use mantetong_read::look;
use serde_json::Value;
use std::time::{Duration, Instant};

/// This thread's CPU time (user + system) in ms, from /proc (clock ticks
/// of 10 ms: summed over many photos it is the CPU the look costs, which
/// the wall time on a loaded machine is not).
fn thread_cpu_ms() -> Option<u64> {
    let st = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let f: Vec<&str> = st.rsplit(')').next()?.split_whitespace().collect();
    Some((f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?) * 10)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = args.first().expect("usage: sealeval DIR [--long PX] [--detail] [--only 001,002]").clone();
    let opt = |k: &str| args.iter().position(|a| a == k).and_then(|i| args.get(i + 1)).cloned();
    let long: Option<u32> = opt("--long").map(|s| s.parse().expect("--long PX"));
    let only: Option<Vec<String>> = opt("--only").map(|s| s.split(',').map(|x| format!("{x}.jpg")).collect());
    let detail_all = args.iter().any(|a| a == "--detail");
    // Only the photo's quality and its measures (no seal step).
    let quality_only = args.iter().any(|a| a == "--quality");
    let manifest: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(format!("{dir}/manifest.json")).expect("manifest.json")).expect("json");
    let (mut n, mut right, mut wrong, mut unsure, mut q_right) = (0u32, 0u32, 0u32, 0u32, 0u32);
    let (mut ok_n, mut ok_right, mut ok_wrong) = (0u32, 0u32, 0u32);
    let mut total = Duration::ZERO;
    let mut seal_total = Duration::ZERO;
    let mut look_cpu = 0u64;
    for e in &manifest {
        let file = e["file"].as_str().unwrap_or("");
        if only.as_ref().is_some_and(|o| !o.iter().any(|f| f == file)) {
            continue;
        }
        let bytes = std::fs::read(format!("{dir}/{file}")).expect("photo");
        let photo = common::photo_at(&bytes, long);
        if quality_only {
            let (q, d) = mantetong_read::look_quality(&photo);
            let q_got = serde_json::to_value(q).ok();
            let q_got = q_got.as_ref().and_then(|v| v.as_str()).unwrap_or("").to_string();
            let q_exp = e["quality"].as_str().unwrap_or("");
            n += 1;
            q_right += (q_got == q_exp) as u32;
            let mark = if q_got == q_exp { "ok" } else { "QWRONG" };
            println!("{file} quality {mark} {q_got}/{q_exp} {d}");
            continue;
        }
        let (t, c0) = (Instant::now(), thread_cpu_ms());
        let l = look(&photo);
        let took = t.elapsed();
        if let (Some(a), Some(b)) = (c0, thread_cpu_ms()) {
            look_cpu += b - a;
        }
        total += took;
        seal_total += l.seal_time;
        n += 1;
        let exp = e["seal"].as_str().unwrap_or("");
        let got = serde_json::to_value(l.reading.seal).ok();
        let got = got.as_ref().and_then(|v| v.as_str()).unwrap_or("");
        let (ok, bad) = (got == exp, got != exp && got != "unsure");
        right += ok as u32;
        wrong += bad as u32;
        unsure += (got == "unsure") as u32;
        let q_exp = e["quality"].as_str().unwrap_or("");
        let q_got = serde_json::to_value(l.reading.quality).ok();
        let q_got = q_got.as_ref().and_then(|v| v.as_str()).unwrap_or("");
        q_right += (q_got == q_exp) as u32;
        if q_exp == "ok" {
            ok_n += 1;
            ok_right += ok as u32;
            ok_wrong += bad as u32;
        }
        let mark = if ok { "ok" } else if bad { "WRONG" } else { "miss" };
        println!("{file} seal {mark} ({got}/{exp}) q {q_got}/{q_exp} {}ms", took.as_millis());
        if detail_all || !ok || q_got != q_exp {
            println!("    box {:?} {} | {}", l.reading.seal_box, l.detail, e["tags"]);
            if detail_all {
                for c in &l.seal.candidates {
                    println!("    cand {c}");
                }
            }
        }
    }
    // CPU time of the process (decoding included): /proc/self/stat's utime
    // and stime, in clock ticks (100 a second), where there is a /proc.
    let cpu_ms = std::fs::read_to_string("/proc/self/stat").ok().and_then(|st| {
        let f: Vec<&str> = st.rsplit(')').next()?.split_whitespace().collect();
        Some((f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?) * 10)
    });
    if let Some(c) = cpu_ms {
        println!(
            "cpu {} ms/photo (decode + look), the look alone {} ms/photo; seal step {} ms/photo wall, {:.0}% of the look's wall time",
            c / n.max(1) as u64,
            look_cpu / n.max(1) as u64,
            seal_total.as_millis() / n.max(1) as u128,
            100.0 * seal_total.as_secs_f64() / total.as_secs_f64().max(1e-9)
        );
    }
    let pct = |v: u32, of: u32| 100.0 * v as f64 / of.max(1) as f64;
    println!(
        "photos {n}: seal right {:.1}% wrong {:.1}% unsure {:.1}% (ok-quality {ok_n}: right {:.1}% wrong {:.1}%); quality right {:.1}%; look {} ms/photo",
        pct(right, n),
        pct(wrong, n),
        pct(unsure, n),
        pct(ok_right, ok_n),
        pct(ok_wrong, ok_n),
        pct(q_right, n),
        total.as_millis() / n.max(1) as u128
    );
}

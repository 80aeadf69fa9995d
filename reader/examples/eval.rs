//! Accuracy on a generated photo set: `cargo run --release -p mantetong-read
//! --example eval -- DIR [today YYYY-MM-DD]` reads DIR/manifest.json (from
//! tests/photos/gen.py) and prints one line per photo and the totals.

use mantetong_read::{decode, read_with_detail, Tesseract};
use serde_json::Value;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = args.first().expect("usage: eval DIR [YYYY-MM-DD]");
    let today = args.get(1).map(|s| {
        let p: Vec<i64> = s.split('-').map(|x| x.parse().unwrap()).collect();
        (p[0] as i32, p[1] as u32, p[2] as u32)
    });
    let today = today.unwrap_or((2026, 11, 30));
    let manifest: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(format!("{dir}/manifest.json")).unwrap()).unwrap();
    let verbose = std::env::var("VERBOSE").is_ok();
    let mut ocr = Tesseract::new().unwrap();
    let (mut n, mut seal_right, mut seal_wrong, mut date_right, mut date_wrong, mut q_right) = (0, 0, 0, 0, 0, 0);
    let mut total_ms = 0u128;
    for e in &manifest {
        let file = e["file"].as_str().unwrap();
        let bytes = std::fs::read(format!("{dir}/{file}")).unwrap();
        let t = Instant::now();
        let photo = decode(&bytes).unwrap();
        let (r, detail) = read_with_detail(&photo, today, &mut ocr);
        let ms = t.elapsed().as_millis();
        total_ms += ms;
        n += 1;
        let seal_exp = e["seal"].as_str().unwrap();
        let seal_got = serde_json::to_value(r.seal).unwrap();
        let seal_got = seal_got.as_str().unwrap();
        let s_ok = seal_got == seal_exp;
        let s_bad = !s_ok && seal_got != "unsure";
        seal_right += s_ok as u32;
        seal_wrong += s_bad as u32;
        let d_exp = e["date"].as_str();
        let d_ok = r.date.as_deref() == d_exp;
        let d_bad = r.date.is_some() && !d_ok;
        date_right += d_ok as u32;
        date_wrong += d_bad as u32;
        let q_exp = e["quality"].as_str().unwrap();
        let q_got = serde_json::to_value(r.quality).unwrap();
        q_right += (q_got.as_str() == Some(q_exp)) as u32;
        let mark = |ok: bool, bad: bool| if ok { "ok" } else if bad { "WRONG" } else { "miss" };
        println!(
            "{file} seal {} ({seal_got}/{seal_exp}) date {} ({:?}/{:?}) q {}/{} {ms}ms",
            mark(s_ok, s_bad),
            mark(d_ok, d_bad),
            r.date,
            d_exp,
            q_got.as_str().unwrap_or(""),
            q_exp
        );
        if verbose || !s_ok || !d_ok {
            println!("    {} | {}", detail, e["tags"]);
            if let Some(t) = &r.date_text {
                println!("    date_text {t}");
            }
        }
    }
    let pct = |v: u32| 100.0 * v as f64 / n as f64;
    println!(
        "photos {n}: seal right {:.1}% wrong {:.1}%; date right {:.1}% wrong {:.1}%; quality right {:.1}%; {} ms/photo",
        pct(seal_right),
        pct(seal_wrong),
        pct(date_right),
        pct(date_wrong),
        pct(q_right),
        total_ms / n.max(1) as u128
    );
}

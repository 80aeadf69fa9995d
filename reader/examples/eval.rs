//! Accuracy and cost on a generated photo set: `cargo run --release -p
//! mantetong-read --example eval -- DIR [--today YYYY-MM-DD] [--long PX]
//! [--detail]` reads DIR/manifest.json (from tests/photos/gen.py) and
//! prints one line per photo and the totals: seal and date right / wrong,
//! ms per photo (all of it, and the OCR's share), and the OCR calls per
//! photo with their pixels (what the browser's tesseract-wasm pays).
//! `--long PX` first brings each photo down to PX on its long side (the
//! browser reads 1024-px photos); `--detail` prints every measurement and
//! every OCR answer behind each reading; `--dump DIR` saves every image
//! handed to the OCR.

use image::imageops::FilterType;
use mantetong_read::{decode, read_with_detail, Decoded, Gray, Ocr, Tesseract};
use serde_json::Value;
use std::time::{Duration, Instant};

/// The engine with a meter: calls, pixels and time.
struct Metered {
    inner: Tesseract,
    calls: u32,
    pixels: u64,
    time: Duration,
    /// `--dump DIR`: every image handed to the OCR is saved there.
    dump: Option<String>,
}

impl Metered {
    fn keep(&self, img: &Gray) {
        if let Some(d) = &self.dump {
            let _ = img.save(format!("{d}/ocr-{:03}.png", self.calls));
        }
    }
}

impl Ocr for Metered {
    fn line(&mut self, img: &Gray) -> Result<String, String> {
        self.keep(img);
        let t = Instant::now();
        let r = self.inner.line(img);
        self.calls += 1;
        self.pixels += img.width() as u64 * img.height() as u64;
        self.time += t.elapsed();
        r
    }
    fn line_with(&mut self, img: &Gray, whitelist: &str) -> Result<String, String> {
        self.keep(img);
        let t = Instant::now();
        let r = self.inner.line_with(img, whitelist);
        self.calls += 1;
        self.pixels += img.width() as u64 * img.height() as u64;
        self.time += t.elapsed();
        r
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = args.first().expect("usage: eval DIR [--today YYYY-MM-DD] [--long PX] [--detail] [--dump DIR]").clone();
    let opt = |k: &str| args.iter().position(|a| a == k).and_then(|i| args.get(i + 1)).cloned();
    let today = opt("--today").map(|s| {
        let p: Vec<i64> = s.split('-').map(|x| x.parse().unwrap()).collect();
        (p[0] as i32, p[1] as u32, p[2] as u32)
    });
    let today = today.unwrap_or((2026, 11, 30));
    let long: Option<u32> = opt("--long").map(|s| s.parse().unwrap());
    let detail_all = args.iter().any(|a| a == "--detail");
    let manifest: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(format!("{dir}/manifest.json")).unwrap()).unwrap();
    let mut ocr = Metered { inner: Tesseract::new().unwrap(), calls: 0, pixels: 0, time: Duration::ZERO, dump: opt("--dump") };
    let (mut n, mut seal_right, mut seal_wrong, mut date_right, mut date_wrong, mut q_right) = (0, 0, 0, 0, 0, 0);
    let (mut ok_n, mut ok_seal_right) = (0, 0);
    let mut total = Duration::ZERO;
    let mut max_calls = 0;
    for e in &manifest {
        let file = e["file"].as_str().unwrap();
        let bytes = std::fs::read(format!("{dir}/{file}")).unwrap();
        let mut photo = decode(&bytes).unwrap();
        if let Some(px) = long {
            let (w, h) = photo.work.dimensions();
            if w.max(h) > px {
                let k = px as f32 / w.max(h) as f32;
                let small = image::imageops::resize(&photo.work, (w as f32 * k) as u32, (h as f32 * k) as u32, FilterType::Triangle);
                photo = Decoded::from_rgb(small);
            }
        }
        let (calls0, px0, ocr0) = (ocr.calls, ocr.pixels, ocr.time);
        let t = Instant::now();
        let (r, detail) = read_with_detail(&photo, today, &mut ocr);
        let took = t.elapsed();
        total += took;
        let (calls, kpx, ocr_ms) = (ocr.calls - calls0, (ocr.pixels - px0) / 1000, (ocr.time - ocr0).as_millis());
        max_calls = max_calls.max(calls);
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
        if q_exp == "ok" {
            ok_n += 1;
            ok_seal_right += s_ok as u32;
        }
        let q_got = serde_json::to_value(r.quality).unwrap();
        q_right += (q_got.as_str() == Some(q_exp)) as u32;
        let mark = |ok: bool, bad: bool| if ok { "ok" } else if bad { "WRONG" } else { "miss" };
        println!(
            "{file} seal {} ({seal_got}/{seal_exp}) date {} ({:?}/{:?}) q {}/{} {}ms ocr {calls} calls {kpx} kpx {ocr_ms}ms",
            mark(s_ok, s_bad),
            mark(d_ok, d_bad),
            r.date,
            d_exp,
            q_got.as_str().unwrap_or(""),
            q_exp,
            took.as_millis()
        );
        if detail_all || !s_ok || !d_ok {
            println!("    {} | {}", detail.lines().next().unwrap_or(""), e["tags"]);
            if let Some(t) = &r.date_text {
                println!("    date_text {t}");
            }
            if detail_all {
                for l in detail.lines().skip(1) {
                    println!("    {l}");
                }
            }
        }
    }
    let pct = |v: u32, of: u32| 100.0 * v as f64 / of.max(1) as f64;
    println!(
        "photos {n}: seal right {:.1}% (ok-quality photos {:.1}%) wrong {:.1}%; date right {:.1}% wrong {:.1}%; quality right {:.1}%; {} ms/photo (OCR {} ms); OCR {:.1} calls/photo (max {max_calls}), {} kpx/photo",
        pct(seal_right, n),
        pct(ok_seal_right, ok_n),
        pct(seal_wrong, n),
        pct(date_right, n),
        pct(date_wrong, n),
        pct(q_right, n),
        total.as_millis() / n.max(1) as u128,
        ocr.time.as_millis() / n.max(1) as u128,
        ocr.calls as f64 / n.max(1) as f64,
        ocr.pixels / 1000 / n.max(1) as u64
    );
}

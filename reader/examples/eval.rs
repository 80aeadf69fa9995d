//! Accuracy and cost on a generated photo set: `cargo run --release -p
//! mantetong-read --example eval -- DIR [--today YYYY-MM-DD] [--long PX]
//! [--detail]` reads DIR/manifest.json (from tests/photos/gen.py) and
//! prints one line per photo and the totals: seal and date right / wrong,
//! ms per photo (all of it, and the OCR's share), and the OCR calls per
//! photo with their pixels (what the browser's tesseract-wasm pays).
//! `--long PX` first brings each photo down to PX on its long side (the
//! browser reads 1024-px photos); `--detail` prints every measurement and
//! every OCR answer behind each reading; `--dump DIR` saves every image
//! handed to the OCR; `--choices` reads every line with the LSTM's
//! alternatives (hOCR, `lstm_choice_mode` 2) and prints, for each photo
//! whose date was not right, whether any read's alternatives spell the
//! true date (the first 2 or 3 choices of each symbol) and what the most
//! confident date they spell is.

mod common;
use mantetong_read::{dates_spelled, parse_hocr, read_with_detail, Gray, Ocr, Symbol, Tesseract};
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
    /// `--choices`: each line read's symbols with their alternatives.
    choices: Option<Vec<(String, Vec<Symbol>)>>,
}

impl Metered {
    fn keep(&self, img: &Gray) {
        if let Some(d) = &self.dump {
            let _ = img.save(format!("{d}/ocr-{:03}.png", self.calls));
        }
    }
}

impl Ocr for Metered {
    fn second(&mut self, img: &Gray) -> Option<String> {
        let t = Instant::now();
        let r = self.inner.second(img);
        self.time += t.elapsed();
        r
    }

    fn line(&mut self, img: &Gray) -> Result<String, String> {
        self.keep(img);
        let t = Instant::now();
        let r = match &mut self.choices {
            Some(reads) => self.inner.line_hocr(img).map(|(text, hocr)| {
                let mut syms = parse_hocr(&hocr);
                // In 5.3 a symbol's first choice is not always the read's own
                // character: where the text and the symbols align, it leads.
                let own: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
                syms.retain(|s| !s.choices.first().is_some_and(|c| c.0.is_whitespace()));
                if own.len() == syms.len() {
                    for (s, c) in syms.iter_mut().zip(own) {
                        let top = s.choices.first().map_or(1.0, |f| f.1);
                        s.choices.retain(|x| x.0 != c);
                        s.choices.insert(0, (c, top));
                    }
                }
                reads.push((text.clone(), syms));
                text
            }),
            None => self.inner.line(img),
        };
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

/// The margins a date could be held to (see `--choices`).
const MARGINS: [f32; 4] = [1.5, 2.0, 3.0, 5.0];

fn ymd(iso: &str) -> (i32, u32, u32) {
    let p: Vec<u32> = iso.split('-').map(|x| x.parse().unwrap()).collect();
    (p[0] as i32, p[1], p[2])
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
    let mut ocr = Metered { inner: Tesseract::new().unwrap(), calls: 0, pixels: 0, time: Duration::ZERO, dump: opt("--dump"), choices: None };
    let with_choices = args.iter().any(|a| a == "--choices");
    let (mut missed, mut reach1, mut reach2, mut reach3, mut reach_all, mut first3) = (0, 0, 0, 0, 0, 0);
    let (mut n, mut seal_right, mut seal_wrong, mut date_right, mut date_wrong, mut q_right) = (0, 0, 0, 0, 0, 0);
    let mut dropped = [[0u32; 2]; MARGINS.len()];
    let (mut ok_n, mut ok_seal_right) = (0, 0);
    let mut total = Duration::ZERO;
    let mut max_calls = 0;
    for e in &manifest {
        let file = e["file"].as_str().unwrap();
        let bytes = std::fs::read(format!("{dir}/{file}")).unwrap();
        let photo = common::photo_at(&bytes, long);
        if with_choices {
            ocr.choices = Some(Vec::new());
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
        if let (Some(reads), Some(got)) = (&ocr.choices, &r.date) {
            // The engine's own doubt on the date given: in each read that
            // spells it, its confidence over the next date spelled (k = 3).
            let ans = ymd(got);
            let margin = reads
                .iter()
                .filter_map(|(_, syms)| {
                    let sp = dates_spelled(syms, 3, today);
                    let mine = sp.iter().find(|s| s.date == ans)?;
                    let other = sp.iter().find(|s| s.date != ans).map_or(0.0, |s| s.p);
                    Some(mine.p / other.max(1e-9))
                })
                .fold(f32::INFINITY, f32::min);
            println!("    margin {} {margin:.2}", if d_ok { "right" } else { "wrong" });
            for (i, t) in MARGINS.iter().enumerate() {
                if margin < *t {
                    dropped[i][d_ok as usize] += 1;
                }
            }
        }
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
            if let (Some(reads), Some(exp), false) = (&ocr.choices, d_exp, d_ok) {
                let truth = ymd(exp);
                let mut reach = [false; 100];
                let mut first = false;
                for (text, syms) in reads {
                    for k in [1, 2, 3, 99] {
                        let sp = dates_spelled(syms, k, today);
                        if sp.iter().any(|s| s.date == truth) {
                            reach[k] = true;
                            first |= k == 3 && sp[0].date == truth;
                            let second = sp.iter().find(|s| s.date != sp[0].date).map(|s| (s.date, s.p));
                            println!("    choices k{k} {text:?}: first {:?} {:.3} {:?}, second {second:?}", sp[0].date, sp[0].p, sp[0].text);
                        }
                    }
                }
                missed += 1;
                reach1 += reach[1] as u32;
                reach2 += reach[2] as u32;
                reach3 += reach[3] as u32;
                reach_all += reach[99] as u32;
                first3 += first as u32;
                println!("    choices: truth reachable k1 {} k2 {} k3 {} any choice {} first at k3 {first}", reach[1], reach[2], reach[3], reach[99]);
            }
            if detail_all {
                for l in detail.lines().skip(1) {
                    println!("    {l}");
                }
            }
        }
    }
    if with_choices {
        println!("choices: {missed} photos without the right date; its date spelled by a read's first choices (the read itself) on {reach1}, first 2 choices on {reach2}, first 3 on {reach3}, any listed choice on {reach_all}, the read's most confident spelled date at k3 on {first3}");
    }
    if with_choices {
        for (t, [wrong, right]) in MARGINS.iter().zip(dropped) {
            println!("choices: a date held to a margin of {t} over the next date its reads spell: {right} right and {wrong} wrong dates dropped");
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

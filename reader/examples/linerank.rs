//! Diagnostic: which of a photo's text lines holds its date, and how the
//! lines look without OCR. `linerank DIR [--long PX]` reads every line
//! found on every photo of a generated set (tests/photos/gen.py) once, at
//! the reader's first-read size, and prints one row per line: the photo,
//! the line's box, the typical print height, whether the read shows the
//! photo's date (its year and 期, or the date in one of its forms), and the
//! text read. Slow (every line is read): for studying the reading order,
//! not for figures.
use image::imageops::FilterType;
use mantetong_read::{debug_lines, decode, Decoded, Ocr, Tesseract};
use serde_json::Value;

fn main() {
    let a: Vec<String> = std::env::args().collect();
    let dir = &a[1];
    let long: Option<u32> = a.iter().position(|x| x == "--long").and_then(|i| a.get(i + 1)).map(|s| s.parse().unwrap());
    let manifest: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(format!("{dir}/manifest.json")).unwrap()).unwrap();
    let mut ocr = Tesseract::new().unwrap();
    for e in &manifest {
        let file = e["file"].as_str().unwrap();
        let (Some(date), "ok") = (e["date"].as_str(), e["quality"].as_str().unwrap_or("")) else { continue };
        let mut photo = decode(&std::fs::read(format!("{dir}/{file}")).unwrap()).unwrap();
        if let Some(px) = long {
            let (w, h) = photo.work.dimensions();
            if w.max(h) > px {
                let k = px as f32 / w.max(h) as f32;
                photo = Decoded::from_rgb(image::imageops::resize(&photo.work, (w as f32 * k) as u32, (h as f32 * k) as u32, FilterType::Triangle));
            }
        }
        let (g, lines, hmed, _) = debug_lines(&photo);
        let forms = date_forms(date);
        for b in lines {
            let m = (b[3] as f32 * 0.35) as u32 + 2;
            let (w, h) = g.dimensions();
            let (x0, y0) = (b[0].saturating_sub(m), b[1].saturating_sub(m));
            let (x1, y1) = ((b[0] + b[2] + m).min(w), (b[1] + b[3] + m).min(h));
            let crop = image::imageops::crop_imm(&g, x0, y0, x1 - x0, y1 - y0).to_image();
            let k = (32.0 / b[3].max(1) as f32).clamp(0.4, 4.0);
            let crop = image::imageops::resize(&crop, ((crop.width() as f32 * k) as u32).max(1), ((crop.height() as f32 * k) as u32).max(1), FilterType::Triangle);
            let text = ocr.line(&crop).unwrap_or_default();
            let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            let is_date = forms.iter().any(|f| t.contains(f.as_str())) || (t.contains(&date[..4]) && t.contains('期') && !["打印", "出生", "入院", "送检", "采样", "接收"].iter().any(|o| t.contains(o)));
            let (run, digits) = digit_run(&g, b);
            println!("{file}\t{}\t{}\t{}\t{}\t{hmed}\t{}\t{run}\t{digits}\t{text}", b[0], b[1], b[2], b[3], is_date as u8);
        }
    }
}

fn date_forms(iso: &str) -> Vec<String> {
    let (y, m, d) = (&iso[..4], &iso[5..7], &iso[8..10]);
    let (mi, di): (u32, u32) = (m.parse().unwrap(), d.parse().unwrap());
    vec![format!("{y}年{mi}月{di}日"), format!("{y}年{m}月{d}日"), format!("{y}-{m}-{d}"), format!("{y}.{m}.{d}"), format!("{y}/{mi}/{di}")]
}

/// (prototype) The longest run of digit-shaped pieces of ink on a line
/// box, and how many there are.
fn digit_run(g: &mantetong_read::Gray, b: [u32; 4]) -> (usize, usize) {
    let (x0, y0, w, h) = (b[0] as usize, b[1] as usize, b[2] as usize, b[3] as usize);
    let ink: Vec<bool> = (0..h).flat_map(|y| (0..w).map(move |x| (x, y))).map(|(x, y)| g.get_pixel((x0 + x) as u32, (y0 + y) as u32).0[0] < 140).collect();
    // 8-connected pieces by flood fill.
    let mut seen = vec![false; w * h];
    let mut pieces: Vec<[usize; 4]> = Vec::new();
    for i in 0..w * h {
        if !ink[i] || seen[i] {
            continue;
        }
        let mut st = vec![i];
        seen[i] = true;
        let mut bb = [usize::MAX, usize::MAX, 0, 0];
        while let Some(j) = st.pop() {
            let (x, y) = (j % w, j / w);
            bb = [bb[0].min(x), bb[1].min(y), bb[2].max(x), bb[3].max(y)];
            for dy in -1i64..=1 {
                for dx in -1i64..=1 {
                    let (nx, ny) = (x as i64 + dx, y as i64 + dy);
                    if nx >= 0 && ny >= 0 && (nx as usize) < w && (ny as usize) < h {
                        let k = ny as usize * w + nx as usize;
                        if ink[k] && !seen[k] {
                            seen[k] = true;
                            st.push(k);
                        }
                    }
                }
            }
        }
        pieces.push(bb);
    }
    pieces.sort_by_key(|p| p[0]);
    let hf = h as f32;
    let digit = |p: &[usize; 4]| {
        let (pw, ph) = ((p[2] - p[0] + 1) as f32, (p[3] - p[1] + 1) as f32);
        ph >= 0.5 * hf && ph <= 0.92 * hf && pw <= 0.75 * ph
    };
    let small = |p: &[usize; 4]| ((p[3] - p[1] + 1) as f32) < 0.35 * hf;
    let (mut best, mut run, mut n) = (0, 0, 0);
    let mut last: Option<[usize; 4]> = None;
    for p in &pieces {
        if small(p) {
            continue;
        }
        if digit(p) {
            n += 1;
            let joined = last.is_some_and(|l| {
                let gap = p[0] as f32 - l[2] as f32;
                let (lh, ph) = ((l[3] - l[1] + 1) as f32, (p[3] - p[1] + 1) as f32);
                gap <= 0.6 * hf && (lh - ph).abs() <= 0.2 * hf && (l[3] as f32 - p[3] as f32).abs() <= 0.15 * hf
            });
            run = if joined { run + 1 } else { 1 };
            last = Some(*p);
            best = best.max(run);
        } else {
            run = 0;
            last = None;
        }
    }
    (best, n)
}

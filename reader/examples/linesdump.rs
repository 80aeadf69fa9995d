//! Diagnostic: the levelled grey page of a photo with the text lines the
//! reader finds drawn on it (`linesdump PHOTO OUT.png`), or for every
//! photo of a generated set its angle, lines and their typical height
//! (`linesdump --dir DIR [--long PX]`, no OCR: quick).
mod common;
use image::Rgb;
use mantetong_read::debug_lines;

fn main() {
    let a: Vec<String> = std::env::args().collect();
    let long: Option<u32> = a.iter().position(|x| x == "--long").and_then(|i| a.get(i + 1)).map(|s| s.parse().unwrap());
    if a[1] == "--dir" {
        let mut files: Vec<String> = std::fs::read_dir(&a[2]).unwrap().filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).filter(|f| f.ends_with(".jpg")).collect();
        files.sort();
        for f in files {
            let photo = common::photo_at(&std::fs::read(format!("{}/{f}", a[2])).unwrap(), long);
            let t = std::time::Instant::now();
            let (_, lines, hmed, angle, text_box) = debug_lines(&photo);
            let grown = if text_box[0] != text_box[1] { format!(" grown {:?} -> {:?}", text_box[0], text_box[1]) } else { String::new() };
            println!("{f} angle {angle:.1} lines {} hmed {hmed} {}ms{grown}", lines.len(), t.elapsed().as_millis());
        }
        return;
    }
    let photo = common::photo_at(&std::fs::read(&a[1]).unwrap(), long);
    let (g, lines, hmed, angle, text_box) = debug_lines(&photo);
    let mut rgb = image::RgbImage::from_fn(g.width(), g.height(), |x, y| {
        let v = g.get_pixel(x, y).0[0];
        Rgb([v, v, v])
    });
    let bare = std::env::var_os("LINESDUMP_BARE").is_some();
    for (i, b) in lines.iter().enumerate().filter(|_| !bare) {
        let c = if i % 2 == 0 { Rgb([255, 0, 0]) } else { Rgb([0, 0, 255]) };
        for x in b[0]..(b[0] + b[2]).min(g.width()) {
            rgb.put_pixel(x, b[1], c);
            rgb.put_pixel(x, (b[1] + b[3]).min(g.height() - 1), c);
        }
        for y in b[1]..(b[1] + b[3]).min(g.height()) {
            rgb.put_pixel(b[0], y, c);
            rgb.put_pixel((b[0] + b[2]).min(g.width() - 1), y, c);
        }
    }
    println!("angle {angle:.1}, box {text_box:?}, {} lines, hmed {hmed}: {lines:?}", lines.len());
    rgb.save(&a[2]).unwrap();
}

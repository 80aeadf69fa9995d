//! Diagnostic: the levelled grey page of a photo with the text lines the
//! reader finds drawn on it (`linesdump PHOTO OUT.png`).
use image::Rgb;
use mantetong_read::{debug_lines, decode};
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let photo = decode(&std::fs::read(&a[1]).unwrap()).unwrap();
    let (g, lines, hmed) = debug_lines(&photo);
    let mut rgb = image::RgbImage::from_fn(g.width(), g.height(), |x, y| {
        let v = g.get_pixel(x, y).0[0];
        Rgb([v, v, v])
    });
    for (i, b) in lines.iter().enumerate() {
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
    println!("{} lines, hmed {hmed}: {lines:?}", lines.len());
    rgb.save(&a[2]).unwrap();
}

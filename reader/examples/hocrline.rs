//! Diagnostic: the hOCR (`lstm_choice_mode` 2) of one line crop saved by
//! `eval --dump`, to set beside tesseract-wasm's `getHOCR()` on the same crop.
use mantetong_read::Tesseract;

fn main() {
    let path = std::env::args().nth(1).expect("usage: hocrline CROP.png");
    let img = image::open(&path).unwrap().to_luma8();
    let (text, hocr) = Tesseract::new().unwrap().line_hocr(&img).unwrap();
    println!("TEXT {text:?}\n{hocr}");
}

//! Diagnostic: every OCR call `mantetong read` makes on one photo, its input
//! image written as PGM (DIR/NNN-page|line.pgm) and its answer printed, so
//! the browser's engine can be given the very same bytes.
use mantetong_read::{decode, read_with_detail, Gray, Ocr, Tesseract};
use std::io::Write;

struct Dump { t: Tesseract, dir: String, n: usize }
impl Dump {
    fn save(&mut self, img: &Gray, kind: &str) -> String {
        self.n += 1;
        let p = format!("{}/{:03}-{kind}.pgm", self.dir, self.n);
        let mut f = std::fs::File::create(&p).unwrap();
        write!(f, "P5\n{} {}\n255\n", img.width(), img.height()).unwrap();
        f.write_all(img.as_raw()).unwrap();
        p
    }
}
impl Ocr for Dump {
    fn line(&mut self, img: &Gray) -> Result<String, String> {
        let p = self.save(img, "line");
        let r = self.t.line(img)?;
        println!("{p}\t{r:?}");
        Ok(r)
    }
}
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let photo = decode(&std::fs::read(&a[1]).unwrap()).unwrap();
    let mut d = Dump { t: Tesseract::new().unwrap(), dir: a[2].clone(), n: 0 };
    let (r, detail) = read_with_detail(&photo, (2026, 11, 30), &mut d);
    println!("{}\n{detail}", mantetong_read::to_json(&r));
}

//! Diagnostic: where the reader finds the paper in each photo
//! (`framedump PHOTO...`): `Part([x, y, w, h])` in working pixels, `Whole`,
//! `Blank` or `None` (`frame::Paper`). Quick (decode and frame, no OCR).
fn main() {
    for f in std::env::args().skip(1) {
        match std::fs::read(&f).map_err(|e| e.to_string()).and_then(|b| mantetong_read::decode(&b).map_err(|e| e.to_string())) {
            Ok(d) => println!("{f} {:?}", d.paper),
            Err(e) => println!("{f} error: {e}"),
        }
    }
}

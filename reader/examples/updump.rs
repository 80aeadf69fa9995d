//! Diagnostic: the text lines of every photo of a generated set, as found
//! upright and turned half round (`updump DIR [--turns 0,2]`, no OCR), one
//! JSON object a line: file, turn, the lines' boxes, their typical height
//! and the boxes of the paper and of the text (for the way-up cue).
use mantetong_read::{debug_lines, decode};

fn main() {
    let a: Vec<String> = std::env::args().collect();
    let turns: Vec<u8> = a.iter().position(|x| x == "--turns").and_then(|i| a.get(i + 1)).map_or(vec![0, 2], |s| s.split(',').map(|t| t.parse().unwrap()).collect());
    let mut files: Vec<String> = std::fs::read_dir(&a[1]).unwrap().filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).filter(|f| f.ends_with(".jpg")).collect();
    files.sort();
    for f in files {
        let photo = decode(&std::fs::read(format!("{}/{f}", a[1])).unwrap()).unwrap();
        for &t in &turns {
            let p = photo.turned(t);
            let (g, lines, hmed, angle, boxes) = debug_lines(&p);
            println!(
                "{{\"file\":\"{f}\",\"turn\":{t},\"w\":{},\"h\":{},\"angle\":{angle},\"hmed\":{hmed},\"paper\":{:?},\"box\":{:?},\"lines\":{:?}}}",
                g.width(),
                g.height(),
                boxes[0],
                boxes[1],
                lines
            );
        }
    }
}

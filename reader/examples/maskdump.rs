//! Diagnostic: the red masks of a photo (`maskdump PHOTO OUT.png`): red
//! the strict level, green the faint, blue the trace, at working size.
fn main() {
    let a: Vec<String> = std::env::args().skip(1).collect();
    let bytes = std::fs::read(&a[0]).expect("read photo");
    let d = mantetong_read::decode(&bytes).expect("decode");
    mantetong_read::red_mask_picture(&d).save(&a[1]).expect("save");
}

//! Reads line crops with the second-opinion recogniser: `recread MODEL.bin CROP.png...`
//! prints each crop's text and the time it took.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let model = std::fs::read(&args[1]).expect("model");
    let rec = mantetong_read::rec::Rec::load(&model).unwrap_or_else(|e| panic!("{e}"));
    for p in &args[2..] {
        let img = image::open(p).expect("image").to_luma8();
        let t = std::time::Instant::now();
        let s = rec.read(&img).unwrap_or_else(|e| e.to_string());
        println!("{p}\t{:.0}ms\t{s}", t.elapsed().as_secs_f64() * 1e3);
    }
}

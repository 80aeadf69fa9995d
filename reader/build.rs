// The native doors build the second-opinion recogniser (src/rec.rs,
// `embedded`) and Tesseract's data (src/tess.rs) in: say plainly how to get
// them when they are missing.
fn main() {
    println!("cargo:rerun-if-changed=model/rec.bin");
    println!("cargo:rerun-if-changed=model/chi_sim.traineddata");
    if std::env::var_os("CARGO_FEATURE_TESSERACT").is_some() && !std::path::Path::new("model/rec.bin").exists() {
        panic!(
            "reader/model/rec.bin is missing: run `bash scripts/setup.sh` (or `make setup`), which writes it with \
             scripts/rec-model.py from the PyPI wheel rapidocr-onnxruntime 1.4.4"
        );
    }
    if std::env::var_os("CARGO_FEATURE_TESSERACT").is_some() && !std::path::Path::new("model/chi_sim.traineddata").exists() {
        panic!(
            "reader/model/chi_sim.traineddata is missing: run `bash scripts/setup.sh` (or `make setup`), which writes it \
             with scripts/tessdata-strip.py from Debian's tesseract-ocr-chi-sim"
        );
    }
}

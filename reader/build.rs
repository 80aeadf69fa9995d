// The native doors build the second-opinion recogniser in (src/rec.rs,
// `embedded`): say plainly how to get it when it is missing.
fn main() {
    println!("cargo:rerun-if-changed=model/rec.bin");
    if std::env::var_os("CARGO_FEATURE_TESSERACT").is_some() && !std::path::Path::new("model/rec.bin").exists() {
        panic!(
            "reader/model/rec.bin is missing: run `bash scripts/setup.sh` (or `make setup`), which writes it with \
             scripts/rec-model.py from the PyPI wheel rapidocr-onnxruntime 1.4.4"
        );
    }
}

//! Build-time discovery of the region packs: every `public/regions/*.json`
//! is embedded (feature `bundled`), so a new city, or a new policy year of
//! one, is a data file and no Rust edit. A file is `<id>.json` or
//! `<id>.<anything>.json` (a second version of the region, e.g.
//! `shanxi-linfen.2026.json`); `index.json` (the app's generated list) is
//! skipped. The id inside the pack must match the file name (a test checks).

use std::path::Path;

fn main() {
    // Read at run time, not baked in with env!: a build script compiled in
    // one checkout (a shared, seeded target/) and run for another must look
    // in the checkout it is run for, or it finds no packs.
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR");
    let dir = Path::new(&manifest).join("../public/regions");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|r| r.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|x| x == "json") && p.file_name().is_some_and(|n| n != "index.json"));
    files.sort();
    let mut out = String::from("/// `(file stem, pack JSON)` for every pack in `public/regions/`, found at build time, sorted by file name.\n");
    out.push_str(&format!("pub const PACKS: [(&str, &str); {}] = [\n", files.len()));
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let stem = f.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        let abs = f.canonicalize().unwrap_or_else(|_| f.clone());
        out.push_str(&format!("    ({stem:?}, include_str!({:?})),\n", abs.display().to_string()));
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("packs.rs");
    std::fs::write(dest, out).expect("write packs.rs");
}

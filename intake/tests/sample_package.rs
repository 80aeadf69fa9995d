//! The sample package in `tests/packages/` is what the app builds today.
//! This test rewrites it when the format or the core's result changes, and
//! fails under `CI=true` if the committed copy was stale.

mod common;

use common::*;
use mantetong_core::package::{read_and_verify, Limits};
use std::path::PathBuf;

/// The key of the sample: a UUID, as the app makes them.
pub const SAMPLE_KEY: &str = "5f0c2a8e-7b1d-4c3e-9a6f-0d2b8e4c1a77";

fn sample_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/packages/linfen-hypertension.zip")
}

/// The sample has the current format, files and facts, and the server
/// accepts it. The result inside may lag the core's wording: that is not a
/// reason to fail CI for whoever changed a message.
fn same_but_result(old: &[u8], fresh: &[u8]) -> Result<(), String> {
    let limits = Limits::default();
    let old = read_and_verify(old, &limits).map_err(|p| format!("it no longer reads: {}", p[0]))?;
    let fresh = read_and_verify(fresh, &limits).map_err(|p| format!("the fresh one does not read: {}", p[0]))?;
    let (mut a, mut b) = (old.manifest.clone(), fresh.manifest.clone());
    a.result = serde_json::Value::Null;
    b.result = serde_json::Value::Null;
    if a != b || old.files != fresh.files {
        return Err("its manifest or files differ from what the app builds now".into());
    }
    Ok(())
}

#[test]
fn sample_package_is_current_and_valid() {
    let fresh = package(SAMPLE_KEY);
    let path = sample_path();
    let on_disk = std::fs::read(&path).ok();
    if on_disk.as_deref() != Some(fresh.as_slice()) {
        if std::env::var("CI").as_deref() == Ok("true") {
            let why = match &on_disk {
                None => Err("it is missing".to_string()),
                Some(old) => same_but_result(old, &fresh).and_then(|()| {
                    mantetong_intake::validate::check(old, &Limits::default(), SAMPLE_KEY).map(|_| ()).map_err(|p| format!("the server refuses it: {}", p[0]))
                }),
            };
            if let Err(why) = why {
                panic!("{} is stale ({why}): run `cargo test -p mantetong-intake --test sample_package` locally and commit the file", path.display());
            }
        } else {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &fresh).unwrap();
            eprintln!("wrote {}", path.display());
        }
    }
    // The server's own check accepts it.
    let accepted = mantetong_intake::validate::check(&fresh, &Limits::default(), SAMPLE_KEY).expect("the sample is valid");
    assert_eq!(accepted.pack_id, "shanxi-linfen");
    assert_eq!(accepted.eligibility, "eligible");
}

#[test]
fn other_zip_tools_read_the_package_and_we_read_theirs() {
    use std::io::Read;
    let bytes = package(SAMPLE_KEY);
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone())).expect("the zip crate opens our package");
    let names: Vec<String> = z.file_names().map(str::to_string).collect();
    assert_eq!(names.len(), 3);
    let mut pdf = Vec::new();
    z.by_name("files/zhenduan.pdf").unwrap().read_to_end(&mut pdf).unwrap();
    assert_eq!(pdf, PDF);

    // The same entries written by the zip crate (stored) read and verify.
    let pkg = read_and_verify(&bytes, &Limits::default()).unwrap();
    let manifest = serde_json::to_vec_pretty(&pkg.manifest).unwrap();
    let theirs = raw_zip(&[("manifest.json", &manifest), ("files/id_card.jpg", JPEG), ("files/zhenduan.pdf", PDF)]);
    let again = read_and_verify(&theirs, &Limits::default()).expect("a stored ZIP from another writer verifies");
    assert_eq!(again.manifest, pkg.manifest);
}

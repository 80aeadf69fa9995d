//! The npm package `@mantetong/core`: everything is in the core's `js`
//! module (wasm-core/src/js.rs); this cdylib only links it so wasm-pack can
//! build it (`scripts/npm-package.sh`).
pub use mantetong_core::js::*;

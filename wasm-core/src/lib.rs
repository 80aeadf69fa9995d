//! mantetong-core: the pure rules core (placeholder, being built).

#[cfg(feature = "package")]
pub mod package;

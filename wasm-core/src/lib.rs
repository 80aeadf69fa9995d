//! mantetong-core: the pure rules core (placeholder, being built).

//! A small deterministic generator for the unit tests' random cases
//! (xorshift64, fixed seed: every run sees the same inputs, no seed crate).

/// The next 64 random bits on each call, from the same seed every time.
pub fn xorshift() -> impl FnMut() -> u64 {
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    }
}

//! [`Str`]: the text of a pack and of a result, shared instead of copied.
//!
//! An evaluation's result repeats the pack's words (every check's message,
//! every source, every material's name): Linfen's is ~25 KB of JSON with
//! ~440 strings, nearly all of them the pack's. As `String`s each was an
//! allocation and a copy, and dropping the result freed them all again: a
//! third of an evaluation's time. A pack's strings are `Str`s built once when
//! it is loaded; a result holds the same `Str`s (a reference count, not a
//! copy), the core's own fixed words are `&'static str` (no allocation at
//! all), and only text made for this one result (a date in a message) owns
//! its bytes.
//!
//! A `Str` reads as a `str` (it derefs to one, compares with `&str` and
//! `String`, displays and serializes as the text) so code that reads results
//! and packs treats it as it treated a `String`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Borrow;
use std::fmt;
use std::sync::Arc;

/// An immutable string: the core's own words (`&'static str`), a pack's
/// (shared by reference count), or one made for this result.
#[derive(Clone)]
pub struct Str(Repr);

#[derive(Clone)]
enum Repr {
    Static(&'static str),
    Shared(Arc<str>),
    Owned(Box<str>),
}

impl Str {
    /// Fixed text, never allocated.
    pub const fn lit(s: &'static str) -> Str {
        Str(Repr::Static(s))
    }

    /// The same text, shared from now on (a pack's string, cloned into many
    /// results): one allocation here, none per clone.
    pub fn shared(s: &str) -> Str {
        Str(Repr::Shared(Arc::from(s)))
    }

    /// Where the text lives, for a text that cannot change or move while
    /// this `Str` (or a clone) is held: the core's own words and a pack's
    /// shared text. Two such `Str`s with the same identity have the same
    /// text, so a cache keyed by it (holding a clone, so the address is not
    /// reused) finds a pack's text without hashing or comparing its bytes.
    /// `None` for text made for one result.
    pub(crate) fn identity(&self) -> Option<(usize, usize)> {
        match &self.0 {
            Repr::Static(s) => Some((s.as_ptr() as usize, s.len())),
            Repr::Shared(s) => Some((s.as_ptr() as usize, s.len())),
            Repr::Owned(_) => None,
        }
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Static(s) => s,
            Repr::Shared(s) => s,
            Repr::Owned(s) => s,
        }
    }
}

impl std::ops::Deref for Str {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl Default for Str {
    fn default() -> Str {
        Str::lit("")
    }
}

impl From<&'static str> for Str {
    /// A literal: the core's own words.
    fn from(s: &'static str) -> Str {
        Str::lit(s)
    }
}

impl From<String> for Str {
    /// Text made for one result: its bytes, moved (not copied).
    fn from(s: String) -> Str {
        Str(Repr::Owned(s.into_boxed_str()))
    }
}

impl From<&Str> for Str {
    fn from(s: &Str) -> Str {
        s.clone()
    }
}

impl From<Str> for String {
    fn from(s: Str) -> String {
        s.as_str().to_owned()
    }
}

impl AsRef<str> for Str {
    fn as_ref(&self) -> &str {
        self
    }
}

impl Borrow<str> for Str {
    fn borrow(&self) -> &str {
        self
    }
}

impl PartialEq for Str {
    fn eq(&self, o: &Str) -> bool {
        self.as_str() == o.as_str()
    }
}
impl Eq for Str {}
impl PartialEq<str> for Str {
    fn eq(&self, o: &str) -> bool {
        self.as_str() == o
    }
}
impl PartialEq<&str> for Str {
    fn eq(&self, o: &&str) -> bool {
        self.as_str() == *o
    }
}
impl PartialEq<String> for Str {
    fn eq(&self, o: &String) -> bool {
        self.as_str() == o
    }
}
impl PartialEq<Str> for str {
    fn eq(&self, o: &Str) -> bool {
        self == o.as_str()
    }
}
impl PartialEq<Str> for &str {
    fn eq(&self, o: &Str) -> bool {
        *self == o.as_str()
    }
}
impl PartialEq<Str> for String {
    fn eq(&self, o: &Str) -> bool {
        self == o.as_str()
    }
}
impl PartialOrd for Str {
    fn partial_cmp(&self, o: &Str) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Str {
    fn cmp(&self, o: &Str) -> std::cmp::Ordering {
        self.as_str().cmp(o.as_str())
    }
}
impl std::hash::Hash for Str {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.as_str().hash(h)
    }
}

impl fmt::Display for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self)
    }
}
impl fmt::Debug for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl Serialize for Str {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self)
    }
}

impl<'de> Deserialize<'de> for Str {
    /// A pack's text: read once, shared by every result that repeats it.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Str, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Str;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Str, E> {
                Ok(Str::shared(v))
            }
        }
        d.deserialize_str(V)
    }
}

/// Text made for one result from its pieces, in one allocation of its
/// final size. `format!` grows its string as it writes (a reallocation at
/// each doubling) and runs the formatting machinery for every piece: for
/// the few messages an evaluation makes that was a fifth of its time. Dates
/// and numbers go in as [`Ascii`] (`Date::text`, [`digits`]).
pub fn cat(pieces: &[&str]) -> Str {
    let mut s = String::with_capacity(pieces.iter().map(|p| p.len()).sum());
    for p in pieces {
        s.push_str(p);
    }
    s.into()
}

/// A short ASCII text on the stack (a number's digits, a date), read as a
/// `str`: a piece for [`cat`] with no allocation.
#[derive(Clone, Copy)]
pub struct Ascii<const N: usize> {
    bytes: [u8; N],
    start: usize,
}

impl<const N: usize> Ascii<N> {
    /// `bytes[start..]`, which must be ASCII.
    pub(crate) fn new(bytes: [u8; N], start: usize) -> Ascii<N> {
        Ascii { bytes, start: start.min(N) }
    }
}

impl<const N: usize> std::ops::Deref for Ascii<N> {
    type Target = str;
    fn deref(&self) -> &str {
        // ASCII by construction: never the empty fallback.
        std::str::from_utf8(&self.bytes[self.start..]).unwrap_or_default()
    }
}

/// The decimal digits of `n`, as `n.to_string()` writes them.
pub fn digits(n: u64) -> Ascii<20> {
    let (mut b, mut i, mut n) = ([0u8; 20], 20, n);
    loop {
        i -= 1;
        b[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            return Ascii::new(b, i);
        }
    }
}

/// The decimal digits of `n` with its sign, as `n.to_string()` writes them.
pub fn signed_digits(n: i64) -> Ascii<20> {
    let d = digits(n.unsigned_abs());
    if n >= 0 || d.start == 0 {
        return d;
    }
    // At most 19 digits: room for the sign.
    let mut b = d.bytes;
    b[d.start - 1] = b'-';
    Ascii::new(b, d.start - 1)
}

#[cfg(test)]
mod tests {
    use super::{cat, digits, signed_digits, Str};

    #[test]
    fn digits_and_pieces_read_as_format_writes_them() {
        let mut next = crate::testrand::xorshift();
        let mut ns: Vec<u64> = vec![0, 1, 9, 10, 99, 100, 12, 2025, 20 * 1024 * 1024, u64::MAX, u64::MAX - 1, 1 << 63];
        ns.extend((0..10_000).map(|_| {
            let r = next();
            r >> (r % 64)
        }));
        for n in ns {
            assert_eq!(&*digits(n), n.to_string());
            assert_eq!(cat(&["a", &digits(n), "个月", ""]), format!("a{n}个月"));
        }
        assert_eq!(cat(&[]), "");
        for n in [0i64, 1, -1, 9, -10, 2025, i64::MIN, i64::MIN + 1, i64::MAX, -2_147_483_648] {
            assert_eq!(&*signed_digits(n), n.to_string());
        }
        for _ in 0..10_000 {
            let n = next() as i64 >> (next() % 64);
            assert_eq!(&*signed_digits(n), n.to_string());
        }
    }

    #[test]
    fn every_kind_reads_compares_and_serializes_as_its_text() {
        let cases = [Str::lit("医院公章"), Str::shared("医院公章"), Str::from("医院公章".to_string())];
        for s in &cases {
            assert_eq!(s, "医院公章");
            assert_eq!(*s, "医院公章".to_string());
            assert_eq!(s.len(), "医院公章".len());
            assert_eq!(s.to_string(), "医院公章");
            assert_eq!(format!("{s:?}"), "\"医院公章\"");
            assert_eq!(serde_json::to_string(s).unwrap(), "\"医院公章\"");
            assert!(cases.iter().all(|o| o == s));
        }
        let back: Str = serde_json::from_str("\"a\\\"b\"").unwrap();
        assert_eq!(back, "a\"b");
        assert!(Str::default().is_empty());
    }
}

//! Reading a number the person typed, without `core::num::dec2flt`.
//!
//! [`parse_f64`] gives exactly what `s.parse::<f64>().ok()` gives, for
//! every string: the same grammar (an optional sign, then `inf`,
//! `infinity` or `nan` in any case, or digits with an optional point and
//! an optional exponent) and the same value, the f64 nearest to the
//! decimal, ties to even. It exists because the standard parser brings
//! ~10 KB of 128-bit power-of-five tables into the app's wasm (random
//! bits that brotli cannot shrink: ~10 KB of the module past home,
//! docs/size.md) for the two fields where a person types an amount.
//! The value is computed exactly with small big integers (no tables);
//! it is slower than the standard parser, which does not matter for one
//! field read per keystroke, and bounded: at most 800 significant digits
//! are kept (with a sticky digit for the rest, which cannot change the
//! rounding: a point halfway between two f64s has at most 767), and
//! exponents far outside the f64 range give 0 or infinity at once.
//! `tests` compare it with `str::parse` on edge cases, halfway points and
//! random strings.

/// Significant digits kept; the rest only tell whether they are all zero.
const KEPT: usize = 800;

/// `s.parse::<f64>().ok()`, without the standard parser's tables.
pub fn parse_f64(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let (neg, rest) = match b.first() {
        Some(b'-') => (true, &b[1..]),
        Some(b'+') => (false, &b[1..]),
        _ => (false, b),
    };
    let v = if rest.eq_ignore_ascii_case(b"inf") || rest.eq_ignore_ascii_case(b"infinity") {
        f64::INFINITY
    } else if rest.eq_ignore_ascii_case(b"nan") {
        f64::NAN
    } else {
        decimal(rest)?
    };
    Some(if neg { -v } else { v })
}

/// An unsigned decimal, `1`, `1.5`, `.5`, `5.`, `1e-3`: its nearest f64.
fn decimal(b: &[u8]) -> Option<f64> {
    let mut digits: Vec<u8> = Vec::new();
    // The value is `digits` (an integer) times 10^exp10.
    let mut exp10: i64 = 0;
    let mut sticky = false;
    let mut seen = false;
    let mut i = 0;
    let mut point = false;
    while i < b.len() {
        let c = b[i];
        if c == b'.' && !point {
            point = true;
        } else if c.is_ascii_digit() {
            seen = true;
            let d = c - b'0';
            if digits.is_empty() && d == 0 {
                // A leading zero: only its place counts.
                exp10 -= i64::from(point);
            } else if digits.len() < KEPT {
                digits.push(d);
                exp10 -= i64::from(point);
            } else {
                sticky |= d != 0;
                exp10 += i64::from(!point);
            }
        } else {
            break;
        }
        i += 1;
    }
    if !seen {
        return None;
    }
    if i < b.len() {
        if b[i] != b'e' && b[i] != b'E' {
            return None;
        }
        i += 1;
        let neg = match b.get(i) {
            Some(b'-') => {
                i += 1;
                true
            }
            Some(b'+') => {
                i += 1;
                false
            }
            _ => false,
        };
        if i == b.len() {
            return None;
        }
        let mut e: i64 = 0;
        for &c in &b[i..] {
            if !c.is_ascii_digit() {
                return None;
            }
            // Far past any f64: the value is 0 or infinite either way.
            e = (e * 10 + i64::from(c - b'0')).min(1 << 40);
        }
        exp10 = exp10.saturating_add(if neg { -e } else { e });
    }
    if digits.is_empty() {
        return Some(0.0);
    }
    if sticky {
        digits.push(1);
        exp10 -= 1;
    }
    // 10^(n+exp10-1) <= value < 10^(n+exp10).
    let top = digits.len() as i64 + exp10;
    if top >= 310 {
        return Some(f64::INFINITY);
    }
    if top <= -324 {
        return Some(0.0);
    }
    let mut num = vec![0u32];
    for &d in &digits {
        mul_add(&mut num, 10, u32::from(d));
    }
    let mut den = vec![1u32];
    for _ in 0..exp10.unsigned_abs() {
        mul_add(if exp10 > 0 { &mut num } else { &mut den }, 10, 0);
    }
    Some(nearest(&num, &den))
}

/// The f64 nearest to `num / den` (both > 0), ties to even.
fn nearest(num: &[u32], den: &[u32]) -> f64 {
    // value = q * 2^e + rest, with q in [2^52, 2^53) unless subnormal.
    let mut e = (bits(num) as i64 - bits(den) as i64 - 53).max(-1074);
    let (q, half) = loop {
        let a = shl(num, (-e).max(0) as usize);
        let b = shl(den, e.max(0) as usize);
        let (q, rest) = divide(a, &b);
        if q >= 1 << 53 {
            e += 1;
            continue;
        }
        break (q, cmp(&shl(&rest, 1), &b));
    };
    let mut q = q;
    if half == std::cmp::Ordering::Greater || (half == std::cmp::Ordering::Equal && q & 1 == 1) {
        q += 1;
        if q == 1 << 53 {
            q = 1 << 52;
            e += 1;
        }
    }
    if q < 1 << 52 {
        // Subnormal (e is -1074), or zero.
        return f64::from_bits(q);
    }
    let biased = e + 1075;
    if biased >= 2047 {
        return f64::INFINITY;
    }
    f64::from_bits(((biased as u64) << 52) | (q & ((1 << 52) - 1)))
}

/// `x = x * m + a`.
fn mul_add(x: &mut Vec<u32>, m: u32, a: u32) {
    let mut carry = u64::from(a);
    for limb in x.iter_mut() {
        let v = u64::from(*limb) * u64::from(m) + carry;
        *limb = v as u32;
        carry = v >> 32;
    }
    if carry > 0 {
        x.push(carry as u32);
    }
}

/// The number of bits of `x` (without leading zero bits).
fn bits(x: &[u32]) -> usize {
    let top = x.iter().rposition(|&l| l != 0).map_or(0, |i| i + 1);
    if top == 0 {
        0
    } else {
        top * 32 - x[top - 1].leading_zeros() as usize
    }
}

fn shl(x: &[u32], n: usize) -> Vec<u32> {
    let (limbs, rem) = (n / 32, n % 32);
    let mut out = vec![0u32; limbs];
    let mut carry = 0u32;
    for &l in x {
        out.push(if rem == 0 { l } else { (l << rem) | carry });
        carry = if rem == 0 { 0 } else { l >> (32 - rem) };
    }
    out.push(carry);
    out
}

fn cmp(a: &[u32], b: &[u32]) -> std::cmp::Ordering {
    let (la, lb) = (bits(a), bits(b));
    if la != lb {
        return la.cmp(&lb);
    }
    for i in (0..la.div_ceil(32)).rev() {
        let (x, y) = (a.get(i).copied().unwrap_or(0), b.get(i).copied().unwrap_or(0));
        if x != y {
            return x.cmp(&y);
        }
    }
    std::cmp::Ordering::Equal
}

/// `a -= b`, for `a >= b`.
fn sub(a: &mut [u32], b: &[u32]) {
    let mut borrow = 0i64;
    for (i, limb) in a.iter_mut().enumerate() {
        let v = i64::from(*limb) - i64::from(b.get(i).copied().unwrap_or(0)) - borrow;
        *limb = v as u32;
        borrow = i64::from(v < 0);
    }
}

/// `(a / b, a % b)` for a quotient below 2^55, bit by bit.
fn divide(mut a: Vec<u32>, b: &[u32]) -> (u64, Vec<u32>) {
    let mut q = 0u64;
    for i in (0..55).rev() {
        let s = shl(b, i);
        if cmp(&a, &s) != std::cmp::Ordering::Less {
            sub(&mut a, &s);
            q |= 1 << i;
        }
    }
    (q, a)
}

#[cfg(test)]
mod tests {
    use super::parse_f64;

    fn same(s: &str) {
        let want = s.parse::<f64>().ok();
        let got = parse_f64(s);
        match (want, got) {
            (Some(w), Some(g)) if w.is_nan() => assert!(g.is_nan() && g.is_sign_negative() == w.is_sign_negative(), "{s:?}"),
            (Some(w), Some(g)) => assert_eq!(w.to_bits(), g.to_bits(), "{s:?}: {w:e} vs {g:e}"),
            (w, g) => assert_eq!(w, g, "{s:?}"),
        }
    }

    #[test]
    fn the_grammar_and_edge_values_match_the_standard_parser() {
        for s in [
            "", "+", "-", ".", "+.", "-.", "e", "e5", ".e5", "1e", "1e+", "1e-", "1E5", "1e+5", "1e-5", "1.5e3", ".5", "5.", "+5",
            "-5", "-0", "+0", "0", "00", "000.000", "0e999999999999999999999", "1e999999999999999999999",
            "1e-999999999999999999999", "inf", "INF", "Infinity", "-infinity", "+inF", "infin", "nan", "NaN", "-nan", "+NAN",
            "nana", " 1", "1 ", "1_000", "0x10", "1.2.3", "1..2", "١", "12.34", "12.345", "0.1", "0.2", "0.3", "100000000.00",
            "1000000000", "999999999.99", "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308",
            "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791.9",
            "2.2250738585072011e-308", "2.2250738585072014e-308", "4.9406564584124654e-324", "2.4703282292062327e-324",
            "2.4703282292062328e-324", "2.47032822920623272e-324", "1e-324", "3e-324", "5e-324", "1e-400", "1e308", "1e309",
            "9007199254740993", "9007199254740992.5", "9007199254740993.0000000000000000000000000000000001",
            "123456789012345678901234567890", "0.000000000000000000000000000000000000001",
        ] {
            same(s);
        }
    }

    #[test]
    fn exact_expansions_and_halfway_points_match() {
        let mut next = crate::testrand::xorshift();
        for _ in 0..300 {
            let x = f64::from_bits(next() & 0x7fef_ffff_ffff_ffff);
            let y = f64::from_bits(x.to_bits() + 1);
            // The exact decimals of x and its successor, then of the point
            // halfway between them, and just above and below it.
            let (dx, ex) = exact(x);
            let (dy, ey) = exact(y);
            same(&format!("{x}"));
            same(&format!("{x:e}"));
            same(&format!("{dx}e{ex}"));
            if ex != ey {
                continue;
            }
            let mid = halve(&add(&dx, &dy));
            let e = ex - 1;
            same(&format!("{mid}e{e}"));
            same(&format!("{mid}1e{}", e - 1));
            same(&format!("{}e{e}", below(&mid)));
        }
        // Subnormal halfway points.
        for m in [0u64, 1, 2, 3, 1000, (1 << 52) - 2, (1 << 52) - 1] {
            let x = f64::from_bits(m);
            let y = f64::from_bits(m + 1);
            let (dx, ex) = exact(x);
            let (dy, ey) = exact(y);
            if ex == ey {
                let mid = halve(&add(&dx, &dy));
                let e = ex - 1;
                same(&format!("{mid}e{e}"));
                same(&format!("{mid}1e{}", e - 1));
                same(&format!("{}e{e}", below(&mid)));
            }
        }
    }

    #[test]
    fn random_strings_match() {
        let mut r = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            r ^= r << 13;
            r ^= r >> 7;
            r ^= r << 17;
            r
        };
        let alphabet = b"0123456789012345678900000.eE+-";
        for _ in 0..200_000 {
            let len = (next() % 24) as usize;
            let s: String = (0..len).map(|_| alphabet[(next() % alphabet.len() as u64) as usize] as char).collect();
            same(&s);
            // Amounts as typed: digits, maybe a point and decimals.
            let int = next() % 10_000_000_000;
            let dec = next() % 1000;
            same(&format!("{int}.{dec:0>3}"));
            same(&format!("{}.{}", int, dec % 100));
            let e = (next() % 700) as i64 - 350;
            same(&format!("{}{}e{e}", next() % 100_000_000_000_000_000, if next() % 2 == 0 { ".5" } else { "" }));
        }
        // Many digits: the kept digits and the sticky rest.
        for n in [790usize, 799, 800, 801, 802, 1200] {
            let mut s = "1".repeat(n);
            same(&s);
            same(&format!("0.{s}"));
            s.push_str("e-700");
            same(&s);
        }
        let mut long = String::from("2.4703282292062327208828439643411068618252990130716238221279284125033775363510437593264991818081799618989828234772285886546332835517796989819938739800539093906315035659515570226392290858392449105184435931802849936536152500319370457678249219365623669863658480757001585769269903706311928279558551332927834338409351978015531246597263579574622766465272827220056374006485499977096599470454020828166226237857393450736339007967761930577506740176324673600968951340535537458516661134223766678604162159680461914467291840300530057530849048765391711386591646239524912623653881879636239373280423891018672348497668235089863388587925628302755995657524455507255189313690836254779186948667994968324049705821028513185451396213837722826145437693412532098591327667236328125");
        same(&long);
        long.push('1');
        same(&long);
        long.insert_str(0, "0.0000");
        same(&long);
    }

    /// The exact decimal of a finite `x >= 0` as (digits, exponent): x = digits × 10^exponent.
    fn exact(x: f64) -> (String, i64) {
        let s = format!("{x:.1100e}");
        let (m, e) = s.split_once('e').unwrap();
        let m = m.replace('.', "");
        let m = m.trim_end_matches('0');
        let m = if m.is_empty() { "0" } else { m };
        let e: i64 = e.parse::<i64>().unwrap() - (m.len() as i64 - 1);
        // Pad to a common scale: at least 1101 digits after the first.
        let pad = 1101 - m.len() as i64;
        (format!("{m}{}", "0".repeat(pad.max(0) as usize)), e - pad.max(0))
    }

    fn add(a: &str, b: &str) -> String {
        let w = a.len().max(b.len());
        let (a, b) = (format!("{a:0>w$}"), format!("{b:0>w$}"));
        let mut out = Vec::new();
        let mut carry = 0;
        for (x, y) in a.bytes().rev().zip(b.bytes().rev()) {
            let s = (x - b'0') + (y - b'0') + carry;
            out.push(b'0' + s % 10);
            carry = s / 10;
        }
        if carry > 0 {
            out.push(b'0' + carry);
        }
        out.reverse();
        String::from_utf8(out).unwrap()
    }

    /// Half of an even-scaled decimal, one more digit (a trailing 5 or 0).
    fn halve(a: &str) -> String {
        let mut out = String::new();
        let mut rem = 0;
        for c in a.bytes().chain(std::iter::once(b'0')) {
            let v = rem * 10 + (c - b'0');
            out.push((b'0' + v / 2) as char);
            rem = v % 2;
        }
        // One more digit than `a`: read it with an exponent one lower.
        out
    }

    /// The decimal one unit lower in its last digit (for a nonzero value).
    fn below(a: &str) -> String {
        let mut v: Vec<u8> = a.bytes().collect();
        for c in v.iter_mut().rev() {
            if *c == b'0' {
                *c = b'9';
            } else {
                *c -= 1;
                break;
            }
        }
        String::from_utf8(v).unwrap()
    }
}

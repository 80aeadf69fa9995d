//! Times for people: every time the app shows is China Standard Time
//! (UTC+8, no daylight saving), in words: "2026年11月30日 22:52", never a
//! raw UTC stamp. Pure functions, so they are tested without a browser.

use mantetong_core::Date;

/// Seconds since the epoch of an RFC 3339 time (`2026-11-30T14:52:00Z`,
/// `2025-09-30T10:15:00+08:00`, fractions ignored); `None` if it is not one.
pub fn parse_rfc3339(s: &str) -> Option<i64> {
    let s = s.trim();
    let date = Date::parse(s.get(..10)?)?;
    let rest = s.get(10..)?;
    let rest = rest.strip_prefix('T').or_else(|| rest.strip_prefix('t')).or_else(|| rest.strip_prefix(' '))?;
    let num = |a: usize, b: usize| rest.get(a..b)?.parse::<i64>().ok();
    let (h, m, sec) = (num(0, 2)?, num(3, 5)?, num(6, 8)?);
    if rest.get(2..3)? != ":" || rest.get(5..6)? != ":" || h > 23 || m > 59 || sec > 60 {
        return None;
    }
    let mut tail = &rest[8..];
    if let Some(f) = tail.strip_prefix('.') {
        tail = f.trim_start_matches(|c: char| c.is_ascii_digit());
    }
    let offset = match tail {
        "Z" | "z" => 0,
        t if t.len() == 6 && (t.starts_with('+') || t.starts_with('-')) && &t[3..4] == ":" => {
            let v = t[1..3].parse::<i64>().ok()? * 3600 + t[4..6].parse::<i64>().ok()? * 60;
            if t.starts_with('-') { -v } else { v }
        }
        _ => return None,
    };
    Some(date.to_days() * 86_400 + h * 3600 + m * 60 + sec - offset)
}

/// A date in words: "2026年12月3日" / "3 December 2026".
pub fn day_words(d: Date, en: bool) -> String {
    const MONTHS: [&str; 12] =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    if en {
        format!("{} {} {}", d.day(), MONTHS[(d.month() as usize).clamp(1, 12) - 1], d.year())
    } else {
        format!("{}年{}月{}日", d.year(), d.month(), d.day())
    }
}

/// A `YYYY-MM-DD` string in words, or the string as it is if it is not a date.
pub fn day_text(s: &str, en: bool) -> String {
    Date::parse(s).map(|d| day_words(d, en)).unwrap_or_else(|| s.to_string())
}

/// An RFC 3339 time in China Standard Time, in words:
/// "2026年11月30日 22:52" / "30 November 2026, 22:52 China time".
/// Anything that is not such a time is returned unchanged.
pub fn cst_words(s: &str, en: bool) -> String {
    let Some(secs) = parse_rfc3339(s) else { return s.to_string() };
    let local = secs + 8 * 3600;
    let Some(day) = Date::from_days(local.div_euclid(86_400)) else { return s.to_string() };
    let rem = local.rem_euclid(86_400);
    let (h, m) = (rem / 3600, rem % 3600 / 60);
    if en {
        format!("{}, {h:02}:{m:02} China time", day_words(day, true))
    } else {
        format!("{} {h:02}:{m:02}", day_words(day, false))
    }
}

//! A tiny proleptic-Gregorian civil date: all the core needs (parse, print,
//! add days / months / years, weekday). No clock: today is always an input.

use std::fmt;

/// A calendar date (no time, no zone). Ordered chronologically.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    y: i32,
    m: u8,
    d: u8,
}

/// Days in month `m` of year `y`.
pub fn days_in_month(y: i32, m: u8) -> u8 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

impl Date {
    /// A date, or `None` when the day does not exist. Years 1000..=9999.
    pub fn new(y: i32, m: u8, d: u8) -> Option<Date> {
        if !(1000..=9999).contains(&y) || !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
            return None;
        }
        Some(Date { y, m, d })
    }

    /// Parses exactly `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let mut v = 0u32;
            for &c in &b[r] {
                if !c.is_ascii_digit() {
                    return None;
                }
                v = v * 10 + (c - b'0') as u32;
            }
            Some(v)
        };
        Date::new(num(0..4)? as i32, num(5..7)? as u8, num(8..10)? as u8)
    }

    pub fn year(self) -> i32 {
        self.y
    }
    pub fn month(self) -> u8 {
        self.m
    }
    pub fn day(self) -> u8 {
        self.d
    }

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    pub fn to_days(self) -> i64 {
        let y = self.y as i64 - if self.m <= 2 { 1 } else { 0 };
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = self.m as i64;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + self.d as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146097 + doe - 719468
    }

    /// The inverse of [`Date::to_days`]; `None` outside years 1000..=9999.
    pub fn from_days(z: i64) -> Option<Date> {
        let z = z + 719468;
        let era = if z >= 0 { z } else { z - 146096 } / 146097;
        let doe = z - era * 146097;
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let y = if m <= 2 { y + 1 } else { y };
        if !(1000..=9999).contains(&y) {
            return None;
        }
        Date::new(y as i32, m, d)
    }

    /// `self + n` calendar days (saturating at the supported range).
    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.to_days().saturating_add(n)).unwrap_or(self)
    }

    /// `self + n` months; the day is clamped to the month's length
    /// (2024-02-29 + 12 months = 2025-02-28).
    pub fn add_months(self, n: i32) -> Date {
        let total = self.y as i64 * 12 + (self.m as i64 - 1) + n as i64;
        let y = total.div_euclid(12);
        let m = (total.rem_euclid(12) + 1) as u8;
        if !(1000..=9999).contains(&y) {
            return self;
        }
        let y = y as i32;
        let d = self.d.min(days_in_month(y, m));
        Date { y, m, d }
    }

    /// Whole years from `self` (a birth date) to `on`: the age on `on`
    /// (0 when `on` is before `self`).
    pub fn years_until(self, on: Date) -> u32 {
        let mut y = on.y - self.y;
        if (on.m, on.d) < (self.m, self.d) {
            y -= 1;
        }
        y.max(0) as u32
    }

    /// The day in China Standard Time (UTC+8, no daylight saving) at
    /// `unix_secs` seconds since 1970-01-01T00:00Z. The one definition of
    /// "today" every door uses (the CLI, the npm package, the app): the
    /// core reads no clock, the caller passes the seconds.
    pub fn today_cst(unix_secs: i64) -> Date {
        Date::from_days((unix_secs.saturating_add(8 * 3600)).div_euclid(86400)).unwrap_or(Date { y: 2025, m: 1, d: 1 })
    }

    /// 0 = Monday .. 6 = Sunday.
    pub fn weekday(self) -> u8 {
        // 1970-01-01 was a Thursday (3).
        ((self.to_days() + 3).rem_euclid(7)) as u8
    }

    pub fn is_weekend(self) -> bool {
        self.weekday() >= 5
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn roundtrip_and_weekday() {
        let d = Date::parse("2025-09-30").unwrap();
        assert_eq!(d.weekday(), 1);
        assert_eq!(Date::from_days(d.to_days()), Some(d));
        assert_eq!(d.add_days(1).to_string(), "2025-10-01");
        assert_eq!(Date::parse("2024-02-29").unwrap().add_months(12).to_string(), "2025-02-28");
        assert!(Date::parse("2025-02-29").is_none());
        assert!(Date::parse("2025-13-01").is_none());
        assert!(Date::parse("2025-1-01").is_none());
    }
}

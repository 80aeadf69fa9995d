//! The core's civil date on `chrono::NaiveDate` (parse, print, add days /
//! months / years, weekday). No clock: today is always an input.

use crate::text::Ascii;
use std::fmt;

/// A calendar date (no time, no zone), on `chrono::NaiveDate`. Ordered
/// chronologically. Years 1000..=9999.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(NaiveDate);

use chrono::{Datelike, Months, NaiveDate};

/// Days in month `m` of year `y`.
pub fn days_in_month(y: i32, m: u8) -> u8 {
    let first = NaiveDate::from_ymd_opt(y, m as u32, 1);
    let next = first.and_then(|f| f.checked_add_months(Months::new(1)));
    match (first, next) {
        (Some(f), Some(n)) => (n - f).num_days() as u8,
        _ => 0,
    }
}

fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default()
}

impl Date {
    /// A date, or `None` when the day does not exist. Years 1000..=9999.
    pub fn new(y: i32, m: u8, d: u8) -> Option<Date> {
        if !(1000..=9999).contains(&y) {
            return None;
        }
        NaiveDate::from_ymd_opt(y, m as u32, d as u32).map(Date)
    }

    /// Parses exactly `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' || !b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit()) {
            return None;
        }
        // Digits by hand: chrono's format parser (strftime) is most of its size in wasm.
        let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().ok();
        Date::new(num(0..4)? as i32, num(5..7)? as u8, num(8..10)? as u8)
    }

    pub fn year(self) -> i32 {
        self.0.year()
    }
    pub fn month(self) -> u8 {
        self.0.month() as u8
    }
    pub fn day(self) -> u8 {
        self.0.day() as u8
    }

    /// Days since 1970-01-01.
    pub fn to_days(self) -> i64 {
        (self.0 - epoch()).num_days()
    }

    /// The inverse of [`Date::to_days`]; `None` outside years 1000..=9999.
    pub fn from_days(z: i64) -> Option<Date> {
        epoch().checked_add_signed(chrono::TimeDelta::try_days(z)?).filter(|d| (1000..=9999).contains(&d.year())).map(Date)
    }

    /// `self + n` calendar days (saturating at the supported range).
    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.to_days().saturating_add(n)).unwrap_or(self)
    }

    /// The next day (saturating at 9999-12-31, as `add_days(1)`), without
    /// the round trip through a day count.
    pub fn next_day(self) -> Date {
        self.0.succ_opt().filter(|d| d.year() <= 9999).map_or(self, Date)
    }

    /// Day of the year, 0 for 1 January.
    pub fn ordinal0(self) -> u32 {
        self.0.ordinal0()
    }

    /// `self + n` months; the day is clamped to the month's length
    /// (2024-02-29 + 12 months = 2025-02-28).
    pub fn add_months(self, n: i32) -> Date {
        let r = if n >= 0 { self.0.checked_add_months(Months::new(n as u32)) } else { self.0.checked_sub_months(Months::new(n.unsigned_abs())) };
        r.filter(|d| (1000..=9999).contains(&d.year())).map_or(self, Date)
    }

    /// Whole years from `self` (a birth date) to `on`: the age on `on`
    /// (0 when `on` is before `self`).
    pub fn years_until(self, on: Date) -> u32 {
        on.0.years_since(self.0).unwrap_or(0)
    }

    /// The day in China Standard Time (UTC+8, no daylight saving) at
    /// `unix_secs` seconds since 1970-01-01T00:00Z. The one definition of
    /// "today" every door uses (the CLI, the npm package, the app): the
    /// core reads no clock, the caller passes the seconds.
    pub fn today_cst(unix_secs: i64) -> Date {
        Date::from_days((unix_secs.saturating_add(8 * 3600)).div_euclid(86400)).or_else(|| Date::new(2025, 1, 1)).unwrap_or(Date(epoch()))
    }

    /// 0 = Monday .. 6 = Sunday.
    pub fn weekday(self) -> u8 {
        self.0.weekday().num_days_from_monday() as u8
    }

    pub fn is_weekend(self) -> bool {
        self.weekday() >= 5
    }
}

impl Date {
    /// `YYYY-MM-DD` as ASCII digits, without the formatting machinery: a
    /// result prints its dates in its trace and in many messages, and
    /// `write!` with padded integers was a sixth of an evaluation.
    fn ymd(self) -> [u8; 10] {
        let (y, m, d) = (self.year() as u32, self.month() as u32, self.day() as u32);
        let digit = |n: u32| b'0' + (n % 10) as u8;
        [digit(y / 1000), digit(y / 100), digit(y / 10), digit(y), b'-', digit(m / 10), digit(m), b'-', digit(d / 10), digit(d)]
    }

    /// The date as `YYYY-MM-DD` on the stack (the same text as its
    /// `Display`): a piece for [`crate::text::cat`].
    pub fn text(self) -> Ascii<10> {
        Ascii::new(self.ymd(), 0)
    }

    /// The date as `YYYY-MM-DD` (the same text as its `Display`), in one
    /// allocation of its exact size.
    pub fn iso(self) -> String {
        String::from(&*self.text())
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text())
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

    /// `next_day` is `add_days(1)`, and `ordinal0` counts from 1 January,
    /// over years' ends, leap days and the range's last day.
    #[test]
    fn next_day_and_ordinal() {
        let first = Date::new(1000, 1, 1).unwrap().to_days();
        let last = Date::new(9999, 12, 31).unwrap().to_days();
        for n in (first..first + 800).chain(first + 300_000..first + 420_000).chain(last - 800..=last) {
            let d = Date::from_days(n).unwrap();
            assert_eq!(d.next_day(), d.add_days(1), "{d}");
            let jan1 = Date::new(d.year(), 1, 1).unwrap();
            assert_eq!(d.ordinal0() as i64, n - jan1.to_days(), "{d}");
        }
    }

    /// `iso`, `Display` and the JSON string are `{:04}-{:02}-{:02}` of the
    /// year, month and day, for every day of the supported range's edges
    /// and of a few hundred years between.
    #[test]
    fn printed_as_zero_padded_ymd() {
        let first = Date::new(1000, 1, 1).unwrap().to_days();
        let last = Date::new(9999, 12, 31).unwrap().to_days();
        let days = (first..first + 800).chain(first + 300_000..first + 420_000).chain(last - 800..=last);
        for n in days {
            let d = Date::from_days(n).unwrap();
            let want = format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day());
            assert_eq!(d.iso(), want);
            assert_eq!(&*d.text(), want);
            assert_eq!(d.to_string(), want);
            assert_eq!(format!("{d}"), want);
            assert_eq!(serde_json::to_string(&d).unwrap(), format!("\"{want}\""));
            assert_eq!(Date::parse(&want), Some(d));
        }
    }
}

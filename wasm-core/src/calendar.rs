//! The official working-day calendar (holidays and 调休 make-up days), as
//! data. A date outside the years the data covers is reported, never
//! guessed as "weekends only".

use crate::date::Date;
use crate::problem::{index, join, json_syntax, quote, Problem};
use serde_json::Value;

/// Working days per the State Council's yearly holiday notices.
#[derive(Clone, Debug)]
pub struct Calendar {
    years: Vec<CalendarYear>,
    /// Sorted holiday dates (days off that fall on weekdays or weekends).
    off: Vec<Date>,
    /// Sorted make-up working days (weekend days worked).
    makeup: Vec<Date>,
    /// The same answer per covered year, looked up instead of searched: bit
    /// `i` of a year's table is whether its day `i` (0 = 1 January) is a
    /// working day. A timeline counts some sixty days an evaluation, and
    /// two binary searches and a day count per day were a tenth of it.
    working: Vec<(i32, [u64; 6])>,
}

/// One covered year and the notice it comes from.
#[derive(Clone, Debug, serde::Serialize)]
pub struct CalendarYear {
    pub year: i32,
    pub source: String,
}

/// A date the calendar does not cover.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Uncovered(pub Date);

impl Calendar {
    /// Parses the calendar file (`public/calendar/cn-workdays.json`):
    ///
    /// ```json
    /// { "schema": 1, "years": [ { "year": 2025, "source": "...",
    ///     "holidays": [ { "name": "国庆节、中秋节", "off": ["2025-10-01", "2025-10-08"],
    ///                     "makeup": ["2025-09-28", "2025-10-11"] } ] } ] }
    /// ```
    /// `off` is an inclusive range `[first, last]`; `makeup` lists single days.
    /// Every problem is returned, each with its JSON path.
    pub fn from_json(s: &str) -> Result<Calendar, Vec<Problem>> {
        let v: Value = serde_json::from_str(s).map_err(|e| vec![json_syntax(&e)])?;
        Calendar::from_value(&v)
    }

    pub fn from_value(v: &Value) -> Result<Calendar, Vec<Problem>> {
        let mut p = Vec::new();
        let mut cal = Calendar { years: Vec::new(), off: Vec::new(), makeup: Vec::new(), working: Vec::new() };
        let Some(obj) = v.as_object() else {
            return Err(vec![Problem::new("$", "expected an object with \"years\"")]);
        };
        let Some(years) = obj.get("years").and_then(Value::as_array) else {
            return Err(vec![Problem::new("years", "required: an array of covered years")]);
        };
        for (i, y) in years.iter().enumerate() {
            let yp = index("years", i);
            let year = match y.get("year").and_then(Value::as_i64) {
                Some(n) if (1000..=9999).contains(&n) => n as i32,
                other => {
                    p.push(Problem::new(join(&yp, "year"), format!("expected a year number, got {}", other.map(|n| n.to_string()).unwrap_or_else(|| quote(y.get("year").unwrap_or(&Value::Null))))));
                    continue;
                }
            };
            if cal.years.iter().any(|c| c.year == year) {
                p.push(Problem::new(join(&yp, "year"), format!("{year} is listed twice")));
            }
            let source = match y.get("source").and_then(Value::as_str) {
                Some(s) if !s.trim().is_empty() => s.to_string(),
                _ => {
                    p.push(Problem::new(join(&yp, "source"), "required: the notice this year comes from"));
                    String::new()
                }
            };
            cal.years.push(CalendarYear { year, source });
            let hol = match y.get("holidays").and_then(Value::as_array) {
                Some(h) => h,
                None => {
                    p.push(Problem::new(join(&yp, "holidays"), "required: an array"));
                    continue;
                }
            };
            for (j, h) in hol.iter().enumerate() {
                let hp = index(&join(&yp, "holidays"), j);
                let date_at = |v: Option<&Value>, path: String, p: &mut Vec<Problem>| -> Option<Date> {
                    match v.and_then(Value::as_str).and_then(Date::parse) {
                        Some(d) if d.year() == year => Some(d),
                        Some(d) => {
                            p.push(Problem::new(path, format!("{d} is not in {year}")));
                            None
                        }
                        None => {
                            p.push(Problem::new(path, format!("{} is not a date (YYYY-MM-DD)", quote(v.unwrap_or(&Value::Null)))));
                            None
                        }
                    }
                };
                let off = h.get("off").and_then(Value::as_array);
                match off {
                    Some(r) if r.len() == 2 => {
                        let a = date_at(r.first(), index(&join(&hp, "off"), 0), &mut p);
                        let b = date_at(r.get(1), index(&join(&hp, "off"), 1), &mut p);
                        if let (Some(a), Some(b)) = (a, b) {
                            if b < a {
                                p.push(Problem::new(join(&hp, "off"), format!("inverted range: {a} is after {b}")));
                            } else {
                                let mut d = a;
                                while d <= b {
                                    cal.off.push(d);
                                    d = d.add_days(1);
                                }
                            }
                        }
                    }
                    _ => p.push(Problem::new(join(&hp, "off"), "required: [first, last] day off")),
                }
                if let Some(m) = h.get("makeup") {
                    match m.as_array() {
                        Some(list) => {
                            for (k, d) in list.iter().enumerate() {
                                if let Some(d) = date_at(Some(d), index(&join(&hp, "makeup"), k), &mut p) {
                                    if !d.is_weekend() {
                                        p.push(Problem::new(index(&join(&hp, "makeup"), k), format!("{d} is a weekday; a make-up day is a weekend day worked")));
                                    }
                                    cal.makeup.push(d);
                                }
                            }
                        }
                        None => p.push(Problem::new(join(&hp, "makeup"), "expected an array of dates")),
                    }
                }
            }
        }
        // Equal dates are the same date, so any sort gives the same order.
        heapsort(&mut cal.off);
        heapsort(&mut cal.makeup);
        for d in &cal.makeup {
            if cal.off.binary_search(d).is_ok() {
                p.push(Problem::new("years", format!("{d} is both a day off and a make-up day")));
            }
        }
        if p.is_empty() {
            Ok(cal.tabled())
        } else {
            Err(p)
        }
    }

    /// Reads a calendar that was checked before it shipped (the app's
    /// path): the same `Calendar` as [`Calendar::from_value`] for every
    /// calendar that passes it (`tests/shipped.rs` compares them on the
    /// shipped file), from the shape alone: numbers, strings, dates and
    /// arrays where they belong, or `None`. The meaning checks (a year listed
    /// twice, a range inverted or outside its year, a make-up day on a
    /// weekday or also a day off) and their messages with JSON paths are
    /// `from_value`'s, which `cargo test` runs on `public/calendar/` and the
    /// CLI, intake and npm package use; in the browser they were most of the
    /// calendar load's ~3.5 KB of wasm (docs/size.md, 2026-12-01 evening).
    pub fn read_shipped_value(v: &Value) -> Option<Calendar> {
        let mut cal = Calendar { years: Vec::new(), off: Vec::new(), makeup: Vec::new(), working: Vec::new() };
        let day = |v: &Value| v.as_str().and_then(Date::parse);
        for y in v.get("years")?.as_array()? {
            let year = i32::try_from(y.get("year")?.as_i64()?).ok()?;
            cal.years.push(CalendarYear { year, source: y.get("source")?.as_str()?.to_string() });
            for h in y.get("holidays")?.as_array()? {
                let off = h.get("off")?.as_array()?;
                let (mut d, last) = match off.as_slice() {
                    [a, b] => (day(a)?, day(b)?),
                    _ => return None,
                };
                while d <= last {
                    cal.off.push(d);
                    d = d.add_days(1);
                }
                if let Some(m) = h.get("makeup") {
                    for d in m.as_array()? {
                        cal.makeup.push(day(d)?);
                    }
                }
            }
        }
        heapsort(&mut cal.off);
        heapsort(&mut cal.makeup);
        Some(cal.tabled())
    }

    /// The calendar with its per-year tables of working days, from the
    /// lists (`years`, `off`, `makeup` as read).
    fn tabled(mut self) -> Calendar {
        for y in &self.years {
            if self.working.iter().any(|(year, _)| *year == y.year) {
                continue;
            }
            let mut bits = [0u64; 6];
            let (mut d, mut i) = (Date::new(y.year, 1, 1), 0usize);
            while let Some(day) = d.filter(|x| x.year() == y.year) {
                if self.by_lists(day) {
                    bits[i / 64] |= 1 << (i % 64);
                }
                i += 1;
                d = Some(day.next_day()).filter(|n| *n != day);
            }
            self.working.push((y.year, bits));
        }
        self
    }

    /// Whether a day of a covered year is a working day, from the lists:
    /// a make-up day is worked, a day off is not, else Monday to Friday.
    fn by_lists(&self, d: Date) -> bool {
        if self.makeup.binary_search(&d).is_ok() {
            return true;
        }
        if self.off.binary_search(&d).is_ok() {
            return false;
        }
        !d.is_weekend()
    }

    /// The covered years, each with its source notice.
    pub fn years(&self) -> &[CalendarYear] {
        &self.years
    }

    /// Whether the calendar has data for `d`'s year.
    pub fn covers(&self, d: Date) -> bool {
        self.years.iter().any(|y| y.year == d.year())
    }

    /// Whether `d` is a working day, or [`Uncovered`] when the calendar has
    /// no data for its year.
    pub fn is_working_day(&self, d: Date) -> Result<bool, Uncovered> {
        let year = d.year();
        let Some((_, bits)) = self.working.iter().find(|(y, _)| *y == year) else {
            return Err(Uncovered(d));
        };
        let i = d.ordinal0() as usize;
        Ok(bits[i / 64] >> (i % 64) & 1 == 1)
    }

    /// The `n`-th working day strictly after `d` ("within n working days",
    /// counted from the first working day after `d`). `n = 0` gives `d`.
    pub fn nth_working_day_after(&self, d: Date, n: u32) -> Result<Date, Uncovered> {
        let mut cur = d;
        let mut left = n;
        while left > 0 {
            cur = cur.next_day();
            if self.is_working_day(cur)? {
                left -= 1;
            }
        }
        Ok(cur)
    }

    /// Working days in `(a, b]`, or `Uncovered` if any day in between is.
    pub fn working_days_between(&self, a: Date, b: Date) -> Result<u32, Uncovered> {
        let mut n = 0;
        let mut cur = a;
        while cur < b {
            cur = cur.next_day();
            if self.is_working_day(cur)? {
                n += 1;
            }
        }
        Ok(n)
    }
}

/// Sorts `v` ascending: heapsort, O(n log n) and in place, in a few hundred
/// bytes of the app's wasm where the standard library's unstable sort's
/// instantiation for `Date` was ~3 KB (docs/size.md, 2026-12-01 afternoon).
/// The calendar's lists are at most a few hundred days a covered year.
fn heapsort(v: &mut [Date]) {
    fn sift(v: &mut [Date], mut root: usize) {
        loop {
            let mut child = 2 * root + 1;
            if child >= v.len() {
                return;
            }
            if child + 1 < v.len() && v[child] < v[child + 1] {
                child += 1;
            }
            if v[root] >= v[child] {
                return;
            }
            v.swap(root, child);
            root = child;
        }
    }
    for i in (0..v.len() / 2).rev() {
        sift(v, i);
    }
    for end in (1..v.len()).rev() {
        v.swap(0, end);
        sift(&mut v[..end], 0);
    }
}

#[cfg(test)]
mod tests {
    use super::{heapsort, Calendar, Date, Uncovered};

    /// The per-year tables answer as the lists do, for every day from a
    /// year before the first covered one to a year after the last; on the
    /// shipped calendar (both readers) and on shapes only the shipped reader
    /// lets through (a year listed twice, a make-up day filed under another
    /// year, a year outside the dates' range).
    #[test]
    fn tables_answer_as_the_lists() {
        let shipped: serde_json::Value = serde_json::from_str(include_str!("../../public/calendar/cn-workdays.json")).unwrap();
        let odd: serde_json::Value = serde_json::json!({ "years": [
            { "year": 2025, "source": "a", "holidays": [ { "off": ["2025-12-31", "2026-01-02"], "makeup": ["2026-01-04"] } ] },
            { "year": 2025, "source": "b", "holidays": [ { "off": ["2025-02-28", "2025-03-01"] } ] },
            { "year": 2028, "source": "c", "holidays": [ { "off": ["2028-02-28", "2028-03-01"], "makeup": ["2028-02-26"] } ] },
            { "year": 0, "source": "d", "holidays": [] },
        ] });
        let cals = [Calendar::from_value(&shipped).unwrap(), Calendar::read_shipped_value(&shipped).unwrap(), Calendar::read_shipped_value(&odd).unwrap()];
        for cal in &cals {
            let mut d = Date::new(2023, 12, 25).unwrap();
            while d.year() < 2030 {
                let want = if cal.covers(d) { Ok(cal.by_lists(d)) } else { Err(Uncovered(d)) };
                assert_eq!(cal.is_working_day(d), want, "{d}");
                d = d.next_day();
            }
        }
        // 2026-01-04 is a make-up day (filed under 2025) and 2026 is not covered.
        assert_eq!(cals[2].is_working_day(Date::new(2026, 1, 4).unwrap()), Err(Uncovered(Date::new(2026, 1, 4).unwrap())));
        assert_eq!(cals[2].is_working_day(Date::new(2025, 12, 31).unwrap()), Ok(false));
        assert_eq!(cals[2].is_working_day(Date::new(2028, 2, 26).unwrap()), Ok(true));
        assert_eq!(cals[2].is_working_day(Date::new(2028, 2, 29).unwrap()), Ok(false));
        assert_eq!(cals[2].is_working_day(Date::new(2028, 12, 29).unwrap()), Ok(true));
    }

    /// The same order as the standard sort, on lists of every length to 40
    /// and on long ones, with repeats, sorted and reversed inputs.
    #[test]
    fn heapsort_sorts_as_the_standard_sort() {
        let mut next = crate::testrand::xorshift();
        let base = Date::parse("2025-01-01").unwrap();
        for len in (0..40).chain([100, 365, 1000, 5000]) {
            for spread in [3, 400, 4000] {
                let mut v: Vec<Date> = (0..len).map(|_| base.add_days((next() % spread) as i64)).collect();
                for shape in 0..3 {
                    match shape {
                        1 => v.sort(),
                        2 => v.sort_by(|a, b| b.cmp(a)),
                        _ => {}
                    }
                    let mut want = v.clone();
                    want.sort();
                    let mut got = v.clone();
                    heapsort(&mut got);
                    assert_eq!(got, want, "len {len}, spread {spread}, shape {shape}");
                }
            }
        }
    }
}

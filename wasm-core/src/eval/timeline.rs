//! The timeline on the working-day calendar: pre-review, decision (with a
//! monthly batch's later reading), start, renewal.

use super::*;
use crate::text::{cat, digits};


/// The calendar notices for the years from `a` to `b`, joined by "; ",
/// after `rule` when there is one (`rule` alone when there are none):
/// built in one string of its final size.
pub(super) fn calendar_source(rule: Option<&str>, cal: &Calendar, a: Date, b: Date) -> String {
    let years = || cal.years().iter().filter(|y| y.year >= a.year() && y.year <= b.year());
    let mut s = String::with_capacity(rule.map_or(0, |r| r.len() + 2) + years().map(|y| y.source.len() + 2).sum::<usize>());
    if let Some(r) = rule {
        s.push_str(r);
        s.push_str("; ");
    }
    let start = s.len();
    for (i, y) in years().enumerate() {
        if i > 0 {
            s.push_str("; ");
        }
        s.push_str(&y.source);
    }
    if s.len() == start {
        s.truncate(start.saturating_sub(2));
    }
    s
}

/// The decision bound of a track: (the bound, what it counts from, the
/// earlier reading where there are two). Without a batch: N working days
/// after submission. With a monthly batch whose day is not published
/// (Rizhao "每月集中审核一次，20个工作日内完成"), the text allows counting
/// from submission or from the batch; the later is given: N working days
/// after the latest day the batch can fall on, the last day of the month
/// `every_months` after submission's.
fn decision_bound(cal: &Calendar, tt: &crate::pack::TrackTiming, as_of: Date) -> Option<Result<(Date, &'static str, Option<Date>), crate::calendar::Uncovered>> {
    let n = tt.decision_working_days?;
    let from_submission = match cal.nth_working_day_after(as_of, n) {
        Ok(d) => d,
        Err(u) => return Some(Err(u)),
    };
    let Some(b) = &tt.batch else { return Some(Ok((from_submission, "submission", None))) };
    let m = as_of.add_months(b.every_months as i32);
    let batch_by = Date::new(m.year(), m.month(), crate::date::days_in_month(m.year(), m.month())).unwrap_or(m);
    Some(cal.nth_working_day_after(batch_by, n).map(|d| (d, "monthly_batch", Some(from_submission))))
}

/// Says which two readings a batched decision bound has, and which is given.
fn batch_note(t: &mut Timeline, tt: &crate::pack::TrackTiming, from_submission: Date, from_batch: Date, lang: Lang) {
    let (Some(b), Some(n)) = (&tt.batch, tt.decision_working_days) else { return };
    let (n, sub, batch) = (digits(n.into()), from_submission.text(), from_batch.text());
    t.notes.push(Message::new(
        lang,
        cat(&["每月集中审核一次，具体日期未公布：若从提交之日算起，", &n, "个工作日内即 ", &sub, " 前；若从当月集中审核之日算起（最迟为下月底），最迟 ", &batch, " 前。此处按较晚的日期估计"]),
        cat(&["Reviews run once a month on a day that is not published: counted from submission, ", &n, " working days is ", &sub, "; counted from the monthly review (at the latest the end of next month), as late as ", &batch, ". The later date is shown"]),
        Some(&b.source),
    ));
}

pub(super) fn timeline(pack: &Pack, cal: &Calendar, track: Option<Track>, disease: Option<&DiseaseDef>, as_of: Date, lang: Lang) -> Timeline {
    let mut t = Timeline { submitted: Some(as_of), ..Timeline::default() };
    // A date outside the calendar is said, never guessed (weekends only).
    let uncovered = |d: Date, t: &mut Timeline| {
        let years: Vec<String> = cal.years().iter().map(|y| y.year.to_string()).collect();
        let zh = format!("工作日历只覆盖 {} 年，未覆盖 {} 年：无法推算工作日日期，不作猜测", years.join("、"), d.year());
        let en = format!("the working-day calendar covers {} only, not {}: dates that count working days cannot be computed and are not guessed", years.join(", "), d.year());
        if !t.notes.iter().any(|n| n.message_en == en) {
            t.notes.push(Message::new(lang, zh, en, Some(&Str::lit("reference/FACTS.md §Official working-day calendar (a date outside the years it covers must not be treated as weekends only)"))));
        }
    };
    let dated = |figure: &'static str, d: Date, rule: &str, t: &mut Timeline| {
        let source = calendar_source(Some(rule), cal, as_of, d);
        t.trace.push(TraceStep { figure: figure.into(), value: Value::String(d.iso()), source: source.into(), cite: None });
    };
    let Some(track) = track else {
        // No track: no date is promised; cite the section that says why
        // (Rizhao: 分类管理 does not say which track a disease is on). The
        // decision bound over the tracks cites its own rule in the trace.
        t.source = pack.timeline.notes.first().map(|n| n.source.clone());
        for n in &pack.timeline.notes {
            t.notes.push(Message::note(lang, n));
        }
        let mut latest: Option<(Date, &str)> = None;
        for tt in &pack.timeline.tracks {
            if let Some(bound) = decision_bound(cal, tt, as_of) {
                match bound.map(|b| b.0) {
                    Ok(d) => {
                        if latest.is_none_or(|(l, _)| d > l) {
                            latest = Some((d, tt.source.as_str()));
                        }
                    }
                    Err(u) => {
                        uncovered(u.0, &mut t);
                        latest = None;
                        break;
                    }
                }
            }
        }
        if let Some((d, src)) = latest {
            dated("timeline.decision_by_latest", d, src, &mut t);
            // The latest bound comes from a batched track: say which reading.
            if let Some(tt) = pack.timeline.tracks.iter().find(|tt| tt.source == src && tt.batch.is_some()) {
                if let Some(Ok((_, _, Some(e)))) = decision_bound(cal, tt, as_of) {
                    batch_note(&mut t, tt, e, d, lang);
                }
            }
        }
        t.decision_by_latest = latest.map(|(d, _)| d);
        return t;
    };
    if track == Track::Offline {
        // Cited: the pack's note that papers go in on working days (the
        // text's rule), then the calendar that says this day is not one.
        // It cited the calendar alone, the rule's passage missing.
        let rule = pack.timeline.notes.iter().find(|n| n.zh.contains("工作日")).map(|n| &*n.source);
        match cal.is_working_day(as_of) {
            Ok(false) => t.notes.push(Message::new(
                lang,
                cat(&[&as_of.text(), " 不是工作日：材料须在工作日报送"]),
                cat(&[&as_of.text(), " is not a working day: papers are accepted on working days"]),
                Some(&calendar_source(rule, cal, as_of, as_of).into()),
            )),
            Ok(true) => {}
            Err(u) => uncovered(u.0, &mut t),
        }
    }
    let Some(tt) = pack.timeline.tracks.iter().find(|x| x.track == track) else {
        // The text gives no dates for this track: cite where it says so.
        t.source = pack.timeline.notes.first().map(|n| n.source.clone());
        for n in &pack.timeline.notes {
            t.notes.push(Message::note(lang, n));
        }
        return t;
    };
    t.source = Some(tt.source.clone());
    for n in &tt.notes {
        t.notes.push(Message::note(lang, n));
    }
    t.resubmit_within_working_days = tt.resubmit_working_days;
    if let Some(n) = tt.resubmit_working_days {
        t.trace.push(TraceStep { figure: "timeline.resubmit_within_working_days".into(), value: serde_json::json!(n), source: tt.source.clone(), cite: None });
    }
    if let Some(n) = tt.pre_review_working_days {
        match cal.nth_working_day_after(as_of, n) {
            Ok(d) => {
                t.pre_review_by = Some(d);
                dated("timeline.pre_review_by", d, &tt.source, &mut t);
            }
            Err(u) => uncovered(u.0, &mut t),
        }
    }
    if let (Some(n), Some(bound)) = (tt.decision_working_days, decision_bound(cal, tt, as_of)) {
        match bound {
            Ok((d, from, earlier)) => {
                t.decision_by = Some(d);
                t.decision_counts_from = Some(from);
                t.decision_by_earliest_reading = earlier;
                if let Some(e) = earlier {
                    batch_note(&mut t, tt, e, d, lang);
                }
                // Same day (0 working days) needs no calendar.
                if n == 0 {
                    t.trace.push(TraceStep { figure: "timeline.decision_by".into(), value: Value::String(d.iso()), source: tt.source.clone(), cite: None });
                } else {
                    dated("timeline.decision_by", d, &tt.source, &mut t);
                }
            }
            Err(u) => uncovered(u.0, &mut t),
        }
    }
    if tt.effective_next_day {
        t.effective_from = t.decision_by.map(|d| d.add_days(1));
        if let Some(d) = t.effective_from {
            t.trace.push(TraceStep { figure: "timeline.effective_from".into(), value: Value::String(d.iso()), source: tt.source.clone(), cite: None });
        }
    }
    if let (Some(eff), Some(d)) = (t.effective_from, disease) {
        if let Some(r) = pack.timeline.renewal.iter().find(|r| r.diseases.iter().any(|x| x == "*" || *x == d.id)) {
            let due = eff.add_months(12 * r.years as i32);
            t.renewal_due = Some(due);
            t.renewal_kind = Some(r.kind);
            t.trace.push(TraceStep { figure: "timeline.renewal_due".into(), value: Value::String(due.iso()), source: r.source.clone(), cite: None });
            t.notes.push(Message::text(lang, &r.note, &r.source));
        }
    }
    t
}

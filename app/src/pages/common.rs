//! Helpers shared by pages: one module, so no page imports from another
//! (a page module holds its page; what two pages need lives here).

use leptos::prelude::*;
use crate::fresh::IntoFresh;
use mantetong_core::Date;

use crate::draft::{Relationship, Who};
use crate::i18n::Text;
use crate::session::use_session;
use crate::use_ui;

/// The page of a question: its fact path with `/` for `.`, so the URL has no
/// dot that a static server could take for a file extension.
pub fn question_path(id: &str) -> String {
    format!("/apply/q/{}", id.replace('.', "/"))
}

pub fn relationship_label(t: &Text, r: Relationship) -> &'static str {
    match r {
        Relationship::Parent => t.rel_parent,
        Relationship::Spouse => t.rel_spouse,
        Relationship::Child => t.rel_child,
        Relationship::Other => t.rel_other,
    }
}

pub fn relationship_short(t: &Text, r: Relationship) -> &'static str {
    match r {
        Relationship::Parent => t.rel_parent_short,
        Relationship::Spouse => t.rel_spouse_short,
        Relationship::Child => t.rel_child_short,
        Relationship::Other => t.rel_other_short,
    }
}

/// "You are applying for your mother": shown above every question when
/// filing for someone else, so each "您" reads as the person applied for.
#[component]
pub fn ProxyBanner() -> impl IntoView {
    let ui = use_ui();
    let session = use_session();
    move || match session.draft.with(|d| d.who) {
        Some(Who::Family(r)) => {
            let t = ui.t();
            Some(view! { <p class="mtt-banner">{t.proxy_banner.replace("{rel}", relationship_short(t, r))}</p> }.fresh())
        }
        _ => None,
    }
}

/// [`ProxyBanner`] at the top of a [`crate::fresh::dom`] region.
pub fn proxy_banner(b: &mut crate::fresh::dom::B) {
    let ui = use_ui();
    let session = use_session();
    if let Some(Who::Family(r)) = session.draft.with(|d| d.who) {
        let t = ui.t();
        b.root_leaf("p", "mtt-banner", &t.proxy_banner.replace("{rel}", relationship_short(t, r)));
    }
}

/// How to fix a pre-review problem, by the contract's problem code.
pub fn fix_for(t: &Text, code: &str) -> &'static str {
    match code {
        "expired" => t.fix_expired,
        "unsealed" => t.fix_unsealed,
        "unsigned" => t.fix_unsigned,
        "stage_missing" => t.fix_stage_missing,
        "hospital_level" => t.fix_hospital_level,
        "file_type" => t.fix_file_type,
        "file_too_large" => t.fix_file_too_large,
        "future_date" => t.fix_future_date,
        _ => t.fix_missing,
    }
}

pub fn status_label(t: &Text, status: &str) -> &'static str {
    match status {
        "ok" => t.mat_ok,
        "problem" => t.mat_problem,
        "unchecked" => t.mat_unchecked,
        _ => t.mat_missing,
    }
}

/// A one-event iCalendar file: an all-day reminder on `day`.
pub fn ics(day: Date, summary: &str, uid: &str) -> String {
    let d = format!("{:04}{:02}{:02}", day.year(), day.month(), day.day());
    let next = day.add_days(1);
    let n = format!("{:04}{:02}{:02}", next.year(), next.month(), next.day());
    [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//mantetong//renewal//ZH",
        "BEGIN:VEVENT",
        &format!("UID:{uid}@mantetong"),
        &format!("DTSTAMP:{d}T000000Z"),
        &format!("DTSTART;VALUE=DATE:{d}"),
        &format!("DTEND;VALUE=DATE:{n}"),
        &format!("SUMMARY:{summary}"),
        "BEGIN:VALARM",
        "TRIGGER:-P30D",
        "ACTION:DISPLAY",
        &format!("DESCRIPTION:{summary}"),
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
    ]
    .join("\r\n")
}

/// Remembered on the device once read, so it is shown before the first
/// sensitive question and not at every application.
pub const SEEN_KEY: &str = "mtt:privacy-seen";

pub fn privacy_seen() -> bool {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(SEEN_KEY).ok().flatten())
        .is_some()
}

/// Where "I have submitted in the official app" is remembered, per draft.
fn handoff_key(draft: &str) -> String {
    format!("mtt:handoff:{draft}")
}

/// The day the person said they submitted in the official app, if they did.
pub fn handed_off(draft: &str) -> Option<Date> {
    let s = web_sys::window()?.local_storage().ok()??.get_item(&handoff_key(draft)).ok()??;
    Date::parse(&s)
}

pub fn set_handed_off(draft: &str, day: Option<Date>) {
    if let Some(s) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = match day {
            Some(d) => s.set_item(&handoff_key(draft), &d.to_string()),
            None => s.remove_item(&handoff_key(draft)),
        };
    }
}

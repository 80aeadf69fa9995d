use leptos::prelude::*;
use crate::widgets::{on_click, no_error, tr};
use crate::fresh::IntoFresh;
use mantetong_core::Date;

use crate::prefs::Lang;
use crate::session::use_session;
use crate::use_ui;
use crate::widgets::page_title;

use super::common::ics;



/// Step 7: the dated deadlines if submitted today, on the working-day calendar.
#[component]
pub fn TimelinePage() -> impl IntoView {
    let ui = use_ui();
    let session = use_session();
    page_title(move || ui.t().timeline_doc_title.to_string(), no_error());
    let outcome = move || session.outcome().map(|o| o.timeline.clone());
    view! {
        <h1 class="mtt-h1">{tr(|t| t.timeline_title)}</h1>
        {move || outcome().map(|tl| {
            let t = ui.t();
            let en = ui.prefs.get().lang == Lang::En;
            let row = |label: &'static str, key: &'static str, d: Option<Date>| view! {
                <div><dt>{label}</dt><dd data-date=key>{d.map(|d| d.to_string()).unwrap_or_else(|| t.tl_unknown.into())}</dd></div>
            };
            let renewal = tl.renewal_due;
            // 每3年自动续期: a reminder to check, not to act.
            let automatic = tl.renewal_kind == Some(mantetong_core::pack::RenewalKind::Automatic);
            view! {
                <dl class="mtt-summary mtt-timeline">
                    {row(t.tl_submitted, "submitted", tl.submitted)}
                    {row(t.tl_pre_review, "pre_review_by", tl.pre_review_by)}
                    {row(t.tl_decision, "decision_by", tl.decision_by)}
                    {row(t.tl_effective, "effective_from", tl.effective_from)}
                    {row(if automatic { t.tl_renewal_auto } else { t.tl_renewal }, "renewal_due", tl.renewal_due)}
                </dl>
                <p class="mtt-hint">{t.tl_working_days}</p>
                <ul class="mtt-notes">{tl.notes.iter().map(|n| view! {
                    <li>{if en { n.message_en.clone() } else { n.message_zh.clone() }}
                        {n.cite.as_ref().map(|c| view! { <span class="mtt-source">{crate::widgets::cite_text(t, en, Some(c))}</span> })}</li>
                }).collect_view()}</ul>
                {renewal.map(|day| view! {
                    <p><button type="button" class="mtt-button mtt-button-secondary" on:click=on_click(move |_| {
                        let t = ui.t();
                        let summary = if automatic { t.tl_ics_check_summary } else { t.tl_ics_summary };
                        crate::files::download("mantetong-renewal.ics", "text/calendar", ics(day, summary, &format!("renewal-{day}")).as_bytes());
                    })>{if automatic { t.tl_ics_check } else { t.tl_ics }}</button></p>
                })}
            }.fresh()
        })}
        <p><a class="mtt-button" href="/apply/check">{tr(|t| t.next_check)}</a></p>
    }
}

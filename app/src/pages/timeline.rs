use leptos::prelude::*;
use crate::widgets::no_error;
use crate::fresh::dom::{attr, dom, B};
use crate::i18n::Text;
use mantetong_core::eval::Timeline;
use mantetong_core::pack::RenewalKind;
use mantetong_core::Date;

use crate::prefs::Lang;
use crate::session::use_session;
use crate::use_ui;
use crate::widgets::page_title;

use super::common::ics;



/// The timeline's dated rows as a `<dl>`, each `<dd>` with its key in
/// `data-date`, for this page and the hand-off page alike (so both name an
/// automatic renewal as automatic). `submitted`: with the submission day's
/// row (the hand-off page says that day in its own sentence); `show`
/// writes a day.
pub(super) fn date_rows(b: &mut B, t: &Text, tl: &Timeline, submitted: bool, show: impl Fn(Date) -> String) {
    let renewal = if tl.renewal_kind == Some(RenewalKind::Automatic) { t.tl_renewal_auto } else { t.tl_renewal };
    let dl = b.root("dl", "mtt-summary mtt-timeline");
    let rows = [
        (t.tl_submitted, "submitted", tl.submitted),
        (t.tl_pre_review, "pre_review_by", tl.pre_review_by),
        (t.tl_decision, "decision_by", tl.decision_by),
        (t.tl_effective, "effective_from", tl.effective_from),
        (renewal, "renewal_due", tl.renewal_due),
    ];
    for (label, key, d) in rows.into_iter().skip(usize::from(!submitted)) {
        let row = b.add(&dl, "div", "");
        b.leaf(&row, "dt", "", label);
        attr(&b.leaf(&row, "dd", "", &d.map(&show).unwrap_or_else(|| t.tl_unknown.into())), "data-date", key);
    }
}

/// Step 7: the dated deadlines if submitted today, on the working-day calendar.
#[component]
pub fn TimelinePage() -> impl IntoView {
    let ui = use_ui();
    let session = use_session();
    page_title(move || ui.t().timeline_doc_title.to_string(), no_error());
    let outcome = move || session.outcome().map(|o| o.timeline.clone());
    dom(move |b| {
        let t = ui.t();
        b.root_leaf("h1", "mtt-h1", t.timeline_title);
        if let Some(tl) = outcome() {
            let en = ui.prefs.get().lang == Lang::En;
            let automatic = tl.renewal_kind == Some(RenewalKind::Automatic);
            date_rows(b, t, &tl, true, |d| d.to_string());
            b.root_leaf("p", "mtt-hint", t.tl_working_days);
            let ul = b.root("ul", "mtt-notes");
            for n in &tl.notes {
                let li = b.leaf(&ul, "li", "", if en { &n.message_en } else { &n.message_zh });
                if let Some(c) = &n.cite {
                    b.leaf(&li, "span", "mtt-source", &crate::widgets::cite_text(t, en, Some(c)));
                }
            }
            if let Some(day) = tl.renewal_due {
                let p = b.root("p", "");
                let button = b.leaf(&p, "button", "mtt-button mtt-button-secondary", if automatic { t.tl_ics_check } else { t.tl_ics });
                attr(&button, "type", "button");
                b.click(&button, move |_| {
                    let t = ui.t();
                    let summary = if automatic { t.tl_ics_check_summary } else { t.tl_ics_summary };
                    crate::files::download("mantetong-renewal.ics", "text/calendar", ics(day, summary, &format!("renewal-{day}")).as_bytes());
                });
            }
        }
        let p = b.root("p", "");
        attr(&b.leaf(&p, "a", "mtt-button", t.next_check), "href", "/apply/check");
    })
}

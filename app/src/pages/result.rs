use leptos::prelude::*;
use crate::widgets::no_error;
use crate::fresh::dom::{attr, dom};
use mantetong_core::eval::{Status, Tri};

use crate::prefs::Lang;
use crate::session::use_session;
use crate::use_ui;
use crate::widgets::{author_sources, cite_text, page_title, read_aloud};

/// Step 4: eligible / not eligible / not yet known, every reason with its source.
#[component]
pub fn ResultPage() -> impl IntoView {
    let ui = use_ui();
    let session = use_session();
    page_title(move || ui.t().result_doc_title.to_string(), no_error());
    let outcome = move || session.outcome().map(|o| (o.eligibility.status, o.eligibility.checks.clone()));
    // A host learns the status and the region, nothing personal.
    let status = Memo::new(move |_| session.outcome().map(|o| format!("{:?}", o.eligibility.status).to_ascii_lowercase()));
    crate::widgets::effect(move || {
        if let Some(status) = status.get() {
            let region = session.draft.with_untracked(|d| d.get("region").cloned());
            crate::embed::emit("result", serde_json::json!({ "status": status, "region": region }));
        }
    });
    dom(move |b| {
        let t = ui.t();
        b.root_leaf("h1", "mtt-h1", t.result_title);
        let Some((status, checks)) = outcome() else {
            b.root_leaf("p", "", t.loading);
            return;
        };
        let en = ui.prefs.get().lang == Lang::En;
        let files: Vec<(String, String)> = checks.iter().map(|c| (c.id.to_string(), c.source.to_string())).collect();
        let (class, title, body) = match status {
            Status::Eligible => ("mtt-status mtt-status-pass", t.status_eligible, t.status_eligible_body),
            Status::Ineligible => ("mtt-status mtt-status-fail", t.status_ineligible, t.status_ineligible_body),
            Status::Undetermined => ("mtt-status mtt-status-unknown", t.status_undetermined, t.status_undetermined_body),
        };
        let div = b.root("div", class);
        attr(&div, "data-status", &format!("{status:?}").to_ascii_lowercase());
        b.leaf(&div, "h2", "mtt-h2", title);
        b.leaf(&div, "p", "", body);
        read_aloud(b, t, format!("{title}{}{body}", t.sentence_sep));
        if status == Status::Undetermined {
            let p = b.root("p", "");
            attr(&b.leaf(&p, "a", "mtt-button", t.answer_more), "href", "/apply/q");
        }
        b.root_leaf("h2", "mtt-h2", t.reasons_title);
        let ul = b.root("ul", "mtt-checks");
        for c in checks {
            let (cls, label) = match c.outcome {
                Tri::Pass => ("mtt-check mtt-check-pass", t.outcome_pass),
                Tri::Fail => ("mtt-check mtt-check-fail", t.outcome_fail),
                Tri::Unknown => ("mtt-check mtt-check-unknown", t.outcome_unknown),
            };
            let li = b.add(&ul, "li", cls);
            attr(&li, "data-check", &c.id);
            b.leaf(&li, "span", "mtt-check-outcome", label);
            b.leaf(&li, "span", "mtt-check-message", &c.message);
            b.leaf(&li, "span", "mtt-source", &cite_text(t, en, c.cite.as_ref()));
        }
        author_sources(b, None, t, &files);
        b.root_leaf("p", "mtt-hint", t.unknown_note);
        if status != Status::Ineligible {
            let p = b.root("p", "");
            attr(&b.leaf(&p, "a", "mtt-button", t.next_materials), "href", "/apply/materials");
        }
        let p = b.root("p", "");
        attr(&b.leaf(&p, "a", "", t.change_answers), "href", "/apply/region");
    })
}

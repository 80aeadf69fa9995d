use leptos::prelude::*;
use crate::widgets::{no_error, tr};
use crate::fresh::IntoFresh;
use mantetong_core::eval::{Status, Tri};

use crate::prefs::Lang;
use crate::session::use_session;
use crate::use_ui;
use crate::widgets::{cite_text, page_title, AuthorSources, ReadAloud};

/// Step 4: eligible / not eligible / not yet known, every reason with its source.
#[component]
pub fn ResultPage() -> impl IntoView {
    let ui = use_ui();
    let session = use_session();
    page_title(move || ui.t().result_doc_title.to_string(), no_error());
    let outcome = move || session.outcome().map(|o| (o.eligibility.status, o.eligibility.checks.clone()));
    // A host learns the status and the region, nothing personal.
    let status = Memo::new(move |_| session.outcome().map(|o| format!("{:?}", o.eligibility.status).to_ascii_lowercase()));
    Effect::new(move |_| {
        if let Some(status) = status.get() {
            let region = session.draft.with_untracked(|d| d.get("region").cloned());
            crate::embed::emit("result", serde_json::json!({ "status": status, "region": region }));
        }
    });
    view! {
        <h1 class="mtt-h1">{tr(|t| t.result_title)}</h1>
        {move || match outcome() {
            None => view! { <p>{ui.t().loading}</p> }.fresh(),
            Some((status, checks)) => {
                let t = ui.t();
                let en = ui.prefs.get().lang == Lang::En;
                let files: Vec<(String, String)> = checks.iter().map(|c| (c.id.clone(), c.source.clone())).collect();
                let (class, title, body) = match status {
                    Status::Eligible => ("mtt-status mtt-status-pass", t.status_eligible, t.status_eligible_body),
                    Status::Ineligible => ("mtt-status mtt-status-fail", t.status_ineligible, t.status_ineligible_body),
                    Status::Undetermined => ("mtt-status mtt-status-unknown", t.status_undetermined, t.status_undetermined_body),
                };
                let spoken = format!("{title}。{body}");
                view! {
                    <div class=class data-status=format!("{status:?}").to_ascii_lowercase()>
                        <h2 class="mtt-h2">{title}</h2>
                        <p>{body}</p>
                    </div>
                    <ReadAloud text=Signal::stored(spoken) />
                    {(status == Status::Undetermined).then(|| view! {
                        <p><a class="mtt-button" href="/apply/q">{t.answer_more}</a></p>
                    })}
                    <h2 class="mtt-h2">{t.reasons_title}</h2>
                    <ul class="mtt-checks">
                        {checks.into_iter().map(|c| {
                            let (cls, label) = match c.outcome {
                                Tri::Pass => ("mtt-check mtt-check-pass", t.outcome_pass),
                                Tri::Fail => ("mtt-check mtt-check-fail", t.outcome_fail),
                                Tri::Unknown => ("mtt-check mtt-check-unknown", t.outcome_unknown),
                            };
                            view! {
                                <li class=cls data-check=c.id>
                                    <span class="mtt-check-outcome">{label}</span>
                                    <span class="mtt-check-message">{c.message}</span>
                                    <span class="mtt-source">{cite_text(t, en, c.cite.as_ref())}</span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    <AuthorSources sources=Signal::stored(files) />
                    <p class="mtt-hint">{t.unknown_note}</p>
                    {(status != Status::Ineligible).then(|| view! {
                        <p><a class="mtt-button" href="/apply/materials">{t.next_materials}</a></p>
                    })}
                    <p><a href="/apply/region">{t.change_answers}</a></p>
                }.fresh()
            }
        }}
    }
}

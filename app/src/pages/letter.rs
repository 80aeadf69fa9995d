use leptos::prelude::*;
use crate::widgets::{on_click, no_error, tr};
use crate::fresh::IntoFresh;
use mantetong_core::{parse_id, Sex};
use serde_json::Value;

use crate::draft::Who;
use super::common::relationship_label;
use crate::session::use_session;
use crate::use_ui;
use crate::widgets::page_title;

/// The 授权委托书, pre-filled from the draft (fields per Civil Code art. 165
/// and reference/FACTS.md), to print, sign, photograph and attach.
#[component]
pub fn LetterPage() -> impl IntoView {
    let ui = use_ui();
    let session = use_session();
    page_title(move || ui.t().letter_doc_title.to_string(), no_error());
    // The outcome's `name` is already in the person's language.
    let disease = move || session.outcome().and_then(|o| o.disease.as_ref().map(|d| d.name.clone()));
    view! {
        <div class="mtt-noprint">
            <p class="mtt-hint">{tr(|t| t.letter_note)}</p>
            <p><button type="button" class="mtt-button" on:click=on_click(|_| { if let Some(w) = web_sys::window() { let _ = w.print(); } })>
                {tr(|t| t.letter_print)}
            </button></p>
        </div>
        {move || {
            let t = ui.t();
            let d = session.draft.get();
            let s = |path: &str| d.get(path).and_then(Value::as_str).map(String::from).unwrap_or_else(|| t.blank.to_string());
            let sex = d.get("applicant.id_number").and_then(Value::as_str).and_then(|n| parse_id(n).ok()).map(|id| {
                if id.sex == Sex::Male { t.letter_male } else { t.letter_female }
            }).unwrap_or(t.blank);
            let scheme = match d.get("applicant.scheme").and_then(Value::as_str) {
                Some("employee") => t.scheme_employee,
                Some("resident") => t.scheme_resident,
                _ => t.blank,
            };
            // 与委托人关系: the agent's relationship to the principal.
            let rel = match d.who { Some(Who::Family(r)) => relationship_label(t, r.inverse()), _ => t.blank };
            let matter = t.letter_matter.replace("{disease}", &disease().unwrap_or_else(|| t.blank.to_string()));
            view! {
                <article class="mtt-letter">
                    <h1 class="mtt-h1">{t.letter_title}</h1>
                    <h2 class="mtt-h2">{t.letter_principal}</h2>
                    <dl class="mtt-summary">
                        <div><dt>{t.field_name}</dt><dd data-letter="principal-name">{s("applicant.name")}</dd></div>
                        <div><dt>{t.letter_sex}</dt><dd>{sex}</dd></div>
                        <div><dt>{t.field_id_number}</dt><dd data-letter="principal-id">{s("applicant.id_number")}</dd></div>
                        <div><dt>{t.field_phone}</dt><dd>{s("applicant.phone")}</dd></div>
                        <div><dt>{t.field_card}</dt><dd>{s("applicant.insurance_card")}</dd></div>
                        <div><dt>{t.letter_scheme}</dt><dd>{scheme}</dd></div>
                    </dl>
                    <h2 class="mtt-h2">{t.letter_agent}</h2>
                    <dl class="mtt-summary">
                        <div><dt>{t.field_name}</dt><dd data-letter="agent-name">{s("proxy.name")}</dd></div>
                        <div><dt>{t.field_id_number}</dt><dd data-letter="agent-id">{s("proxy.id_number")}</dd></div>
                        <div><dt>{t.field_phone}</dt><dd>{s("proxy.phone")}</dd></div>
                        <div><dt>{t.letter_relationship}</dt><dd>{rel}</dd></div>
                    </dl>
                    <p>{t.letter_reason}</p>
                    <p data-letter="matter">{matter}</p>
                    <p>{t.letter_powers}</p>
                    <p>{t.letter_term}</p>
                    <p class="mtt-sign">{t.letter_sign_principal}</p>
                    <p class="mtt-sign">{t.letter_sign_agent}</p>
                    <p>{t.letter_date}</p>
                    <p>{t.letter_attach}</p>
                </article>
            }.fresh()
        }}
    }
}

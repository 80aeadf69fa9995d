use leptos::prelude::*;
use crate::widgets::no_error;
use crate::fresh::dom::{attr, dom, B};
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
    let disease = move || session.outcome().and_then(|o| o.disease.as_ref().map(|d| d.name.to_string()));
    dom(move |b| {
        let t = ui.t();
        let note = b.root("div", "mtt-noprint");
        b.leaf(&note, "p", "mtt-hint", t.letter_note);
        let p = b.add(&note, "p", "");
        let print = b.leaf(&p, "button", "mtt-button", t.letter_print);
        attr(&print, "type", "button");
        b.click(&print, |_| {
            if let Some(w) = web_sys::window() {
                let _ = w.print();
            }
        });
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
        let article = b.root("article", "mtt-letter");
        b.leaf(&article, "h1", "mtt-h1", t.letter_title);
        // (term, value, data-letter or "")
        let list = |b: &mut B, rows: &[(&str, String, &str)]| {
            let dl = b.add(&article, "dl", "mtt-summary");
            for (term, value, key) in rows {
                let row = b.add(&dl, "div", "");
                b.leaf(&row, "dt", "", term);
                let dd = b.leaf(&row, "dd", "", value);
                if !key.is_empty() {
                    attr(&dd, "data-letter", key);
                }
            }
        };
        b.leaf(&article, "h2", "mtt-h2", t.letter_principal);
        list(b, &[
            (t.field_name, s("applicant.name"), "principal-name"),
            (t.letter_sex, sex.to_string(), ""),
            (t.field_id_number, s("applicant.id_number"), "principal-id"),
            (t.field_phone, s("applicant.phone"), ""),
            (t.field_card, s("applicant.insurance_card"), ""),
            (t.letter_scheme, scheme.to_string(), ""),
        ]);
        b.leaf(&article, "h2", "mtt-h2", t.letter_agent);
        list(b, &[
            (t.field_name, s("proxy.name"), "agent-name"),
            (t.field_id_number, s("proxy.id_number"), "agent-id"),
            (t.field_phone, s("proxy.phone"), ""),
            (t.letter_relationship, rel.to_string(), ""),
        ]);
        b.leaf(&article, "p", "", t.letter_reason);
        attr(&b.leaf(&article, "p", "", &matter), "data-letter", "matter");
        for (class, text) in [
            ("", t.letter_powers),
            ("", t.letter_term),
            ("mtt-sign", t.letter_sign_principal),
            ("mtt-sign", t.letter_sign_agent),
            ("", t.letter_date),
            ("", t.letter_attach),
        ] {
            b.leaf(&article, "p", class, text);
        }
    })
}

use leptos::prelude::*;
use crate::fresh::dom::{attr, dom, B};
use wasm_bindgen::JsCast;
use crate::nav::use_nav;
use mantetong_core::pack::{AnswerKind, QuestionDef};
use serde_json::Value;

use crate::draft::Draft;
use crate::prefs::Lang;
use crate::session::use_session;
use crate::use_ui;
use super::common::{proxy_banner, question_path};
use crate::widgets::{error_summary, page_title, radios, read_aloud_button, why_we_ask};

/// `/apply/q`: goes to the question the core says matters most now, or to
/// the result when nothing more is needed.
#[component]
pub fn NextQuestion() -> impl IntoView {
    let session = use_session();
    let navigate = use_nav();
    crate::widgets::effect(move || {
        if session.loaded_pack().is_none() {
            return; // still loading; the effect runs again when it arrives
        }
        let to = match session.next_question() {
            Some(q) => question_path(&q.id),
            None => "/apply/result".to_string(),
        };
        navigate.replace(&to);
    });
    dom(|b| {
        let p = b.root("p", "");
        b.tr(&p, |t| t.loading);
    })
}


/// The option of `q` whose facts the draft already has, to pre-select it.
fn current_answer(q: &QuestionDef, draft: &Draft) -> Option<String> {
    q.options
        .iter()
        .find(|o| !o.set.is_empty() && o.set.iter().all(|(path, v)| draft.get(path) == Some(v)))
        .map(|o| o.id.clone())
        .or_else(|| match draft.get(&q.id)? {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        })
}

/// `/apply/q/*id`: one question from the pack, with why we ask and its source.
#[component]
pub fn QuestionPage() -> impl IntoView {
    let ui = use_ui();
    let session = use_session();
    let tail = use_nav().tail("/apply/q/");
    let id = Memo::new(move |_| tail.with(|t| t.trim_end_matches('/').replace('/', ".")));
    let question = move || {
        let id = id.get();
        session.loaded_pack().and_then(|p| p.questions.iter().find(|q| q.id == id).cloned())
    };
    let answer = RwSignal::new(None::<String>);
    // Pre-fill from the draft whenever the question changes.
    crate::widgets::effect(move || {
        if let Some(q) = question() {
            answer.set(session.draft.with_untracked(|d| current_answer(&q, d)));
        }
    });
    let error = RwSignal::new(None::<String>);
    page_title(move || ui.t().question_doc_title.to_string(), error.into());

    let text = move |t: &mantetong_core::pack::Text| -> String {
        if ui.prefs.get().lang == Lang::En { t.en.to_string() } else { t.zh.to_string() }
    };
    // In a proxy filing the core phrases the question about the person
    // (您母亲 / your mother / TA), from the pack's proxy form.
    let phrased = move || {
        let q = question()?;
        let facts = session.facts().unwrap_or_default();
        Some(mantetong_core::eval::phrase(&q, &facts))
    };
    let legend = crate::widgets::derived(move || phrased().map(|p| text(&p.0)).unwrap_or_default());
    let options = crate::widgets::derived(move || {
        phrased().map(|p| p.2.iter().map(|o| (o.id.clone(), text(&o.label))).collect()).unwrap_or_default()
    });
    let navigate = use_nav();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(q) = question() else { return };
        let t = ui.t();
        let value = answer.get_untracked().unwrap_or_default();
        let sets: Result<Vec<(String, Value)>, &str> = match q.kind {
            AnswerKind::Date => mantetong_core::Date::parse(value.trim())
                .map(|d| vec![(q.id.clone(), Value::String(d.to_string()))])
                .ok_or(t.error_enter_date),
            AnswerKind::Number => mantetong_core::num::parse_f64(value.trim())
                .filter(|n| n.is_finite() && *n >= 0.0)
                .and_then(serde_json::Number::from_f64)
                .map(|n| vec![(q.id.clone(), Value::Number(n))])
                .ok_or(t.error_enter_number),
            _ => q
                .options
                .iter()
                .find(|o| o.id == value)
                .map(|o| o.set.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
                .ok_or(t.error_choose_one),
        };
        match sets {
            Err(msg) => error.set(Some(msg.to_string())),
            Ok(sets) => {
                error.set(None);
                session.update(|d| {
                    for (path, v) in sets {
                        d.set(&path, v);
                    }
                });
                navigate.go("/apply/q");
            }
        }
    };
    let is_choice = move || question().is_some_and(|q| !matches!(q.kind, AnswerKind::Date | AnswerKind::Number));
    let has = crate::widgets::memo_bool(move || question().is_some());
    let choice = crate::widgets::memo_bool(is_choice);
    let why = crate::widgets::derived(move || phrased().map(|p| text(&p.1)).unwrap_or_default());
    let cite = crate::widgets::derived(move || {
        let en = ui.prefs.get().lang == Lang::En;
        let c = question().zip(session.loaded_pack()).map(|(q, p)| p.cite(&q.source));
        crate::widgets::cite_text(ui.t(), en, c.as_ref())
    });
    let source = crate::widgets::derived(move || question().map(|q| q.source.to_string()).unwrap_or_default());
    dom(move |b| {
        if !has.get() {
            let p = b.root("p", "");
            b.bind_text(&p, Box::new(move || if session.loaded_pack().is_some() { ui.t().question_gone } else { ui.t().loading }.to_string()));
            let a = b.root("a", "mtt-button");
            attr(&a, "href", "/apply/q");
            b.tr(&a, |t| t.continue_);
            return;
        }
        let form = b.root("form", "mtt-form");
        attr(&form, "novalidate", "");
        b.on(&form, "submit", Box::new(move |ev| submit(ev.unchecked_into())));
        b.region(&form, error_summary(error.into(), "answer"));
        b.region(&form, dom(proxy_banner));
        b.region(&form, dom(move |b| {
            if choice.get() {
                b.root_region(radios("answer", legend, MaybeProp::default(), options, answer, error.into(), true));
                return;
            }
            let kind = question().map(|q| q.kind);
            let input_type = if kind == Some(AnswerKind::Date) { "date" } else { "text" };
            let mode = if kind == Some(AnswerKind::Date) { "text" } else { "decimal" };
            let h1 = b.root("h1", "mtt-h1");
            let label = b.add(&h1, "label", "");
            attr(&label, "for", "answer");
            b.bind_text(&label, Box::new(move || legend.get()));
            b.root_region(dom(move |b| {
                if let Some(e) = error.get() {
                    let p = b.root("p", "mtt-error-message");
                    attr(&p, "id", "answer-error");
                    b.hidden(&p, ui.t().error_prefix);
                    b.text(&p, &e);
                }
            }));
            let input = b.root("input", "mtt-input");
            B::attrs(&input, &[("id", "answer"), ("name", "answer"), ("type", input_type), ("inputmode", mode)]);
            b.bind_attr(&input, "aria-describedby", Box::new(move || error.get().map(|_| "answer-error".to_string())));
            b.bind_value(&input, Box::new(move || answer.get().unwrap_or_default()));
            b.on(&input, "input", Box::new(move |ev| answer.set(Some(event_target_value(&ev)))));
        }));
        b.region(&form, read_aloud_button(legend));
        b.region(&form, why_we_ask(why, cite, source));
        let button = b.add(&form, "button", "mtt-button");
        attr(&button, "type", "submit");
        b.tr(&button, |t| t.continue_);
    })
}

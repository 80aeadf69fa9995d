use leptos::prelude::*;
use crate::widgets::{tr};
use crate::fresh::{show, IntoFresh};
use crate::nav::use_nav;
use mantetong_core::pack::{AnswerKind, QuestionDef};
use serde_json::Value;

use crate::draft::Draft;
use crate::prefs::Lang;
use crate::session::use_session;
use crate::use_ui;
use super::common::{question_path, ProxyBanner};
use crate::widgets::{page_title, ErrorSummary, Radios, ReadAloud, WhyWeAsk};

/// `/apply/q`: goes to the question the core says matters most now, or to
/// the result when nothing more is needed.
#[component]
pub fn NextQuestion() -> impl IntoView {
    let session = use_session();
    let navigate = use_nav();
    Effect::new(move |_| {
        if session.loaded_pack().is_none() {
            return; // still loading; the effect runs again when it arrives
        }
        let to = match session.next_question() {
            Some(q) => question_path(&q.id),
            None => "/apply/result".to_string(),
        };
        navigate.replace(&to);
    });
    view! { <p>{tr(|t| t.loading)}</p> }
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
    Effect::new(move |_| {
        if let Some(q) = question() {
            answer.set(session.draft.with_untracked(|d| current_answer(&q, d)));
        }
    });
    let error = RwSignal::new(None::<String>);
    page_title(move || ui.t().question_doc_title.to_string(), error.into());

    let text = move |t: &mantetong_core::pack::Text| -> String {
        if ui.prefs.get().lang == Lang::En { t.en.clone() } else { t.zh.clone() }
    };
    // In a proxy filing the core phrases the question about the person
    // (您母亲 / your mother / TA), from the pack's proxy form.
    let phrased = move || {
        let q = question()?;
        let facts = session.facts().unwrap_or_default();
        Some(mantetong_core::eval::phrase(&q, &facts))
    };
    let legend = Signal::derive(move || phrased().map(|p| text(&p.0)).unwrap_or_default());
    let options = Signal::derive(move || {
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
    view! {
        {show(move || question().is_some(), move || view! {
            <form class="mtt-form" on:submit=submit novalidate>
                <ErrorSummary error=error.into() field="answer" />
                <ProxyBanner />
                {show(is_choice, move || view! {
                    <Radios name="answer" legend=legend options=options selected=answer
                        error=error.into() heading=true />
                }.fresh(), move || {
                    let kind = question().map(|q| q.kind);
                    let input_type = if kind == Some(AnswerKind::Date) { "date" } else { "text" };
                    let mode = if kind == Some(AnswerKind::Date) { "text" } else { "decimal" };
                    view! {
                        <h1 class="mtt-h1"><label for="answer">{legend}</label></h1>
                        {move || error.get().map(|e| view! {
                            <p class="mtt-error-message" id="answer-error"><span class="mtt-visually-hidden">{ui.t().error_prefix}</span>{e}</p>
                        }.fresh())}
                        <input class="mtt-input" id="answer" name="answer" type=input_type inputmode=mode
                            aria-describedby=move || error.get().map(|_| "answer-error")
                            prop:value=move || answer.get().unwrap_or_default()
                            on:input=move |ev| answer.set(Some(event_target_value(&ev))) />
                    }.fresh()
                })}
                <ReadAloud text=legend />
                <WhyWeAsk
                    why=Signal::derive(move || phrased().map(|p| text(&p.1)).unwrap_or_default())
                    cite=Signal::derive(move || {
                        let en = ui.prefs.get().lang == Lang::En;
                        let c = question().zip(session.loaded_pack()).map(|(q, p)| p.cite(&q.source));
                        crate::widgets::cite_text(ui.t(), en, c.as_ref())
                    })
                    source=Signal::derive(move || question().map(|q| q.source).unwrap_or_default())
                />
                <button type="submit" class="mtt-button">{tr(|t| t.continue_)}</button>
            </form>
        }.fresh(), move || view! {
            <p>{move || if session.loaded_pack().is_some() { ui.t().question_gone } else { ui.t().loading }}</p>
            <a class="mtt-button" href="/apply/q">{tr(|t| t.continue_)}</a>
        }.fresh())}
    }
}

use leptos::prelude::*;
use crate::fresh::IntoFresh;
use crate::nav::use_nav;
use serde_json::Value;

use crate::prefs::Lang;
use crate::session::{load_regions, use_session};
use crate::use_ui;
use crate::widgets::{page_title, ErrorSummary, Radios};
use wasm_bindgen::JsCast;

/// Step 1: the region where the person is insured.
#[component]
pub fn RegionPage() -> impl IntoView {
    let ui = use_ui();
    let session = use_session();
    let regions = LocalResource::new(load_regions);
    let selected = RwSignal::new(session.draft.with_untracked(|d| d.get("region").and_then(Value::as_str).map(String::from)));
    let error = RwSignal::new(None::<String>);
    page_title(move || ui.t().region_doc_title.to_string(), error.into());

    let options = Signal::derive(move || {
        let lang = ui.prefs.get().lang;
        let t = ui.t();
        regions
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .map(|r| {
                let name = if lang == Lang::En { r.name_en } else { r.name_zh };
                let label = if r.coverage == "full" { name } else { format!("{name}{}", t.region_partial) };
                (r.id, label)
            })
            .collect::<Vec<_>>()
    });
    let navigate = use_nav();
    // Under a host's region lock the region is already in the draft (see
    // `Session::start`): this step is passed over.
    if crate::embed::locked_region().is_some() {
        let nav = navigate;
        Effect::new(move |_| nav.replace("/apply/who"));
    }
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match selected.get_untracked() {
            None => error.set(Some(ui.t().error_choose_one.into())),
            Some(id) => {
                error.set(None);
                session.update(|d| {
                    if d.get("region").and_then(Value::as_str) != Some(id.as_str()) {
                        d.set("region", Value::String(id.clone()));
                        // Where the person is insured is asked by the new
                        // region's pack (its own options): an answer given
                        // for another region is forgotten, never guessed.
                        d.set("applicant.insured_in", Value::Null);
                    }
                });
                navigate.go("/apply/who");
            }
        }
    };
    let legend = Signal::derive(move || {
        let proxy = session.draft.with(|d| d.get("proxy").is_some());
        let t = ui.t();
        (if proxy { t.region_title_proxy } else { t.region_title }).to_string()
    });
    view! {
        <form class="mtt-form" on:submit=submit novalidate>
            <ErrorSummary error=error.into() field="region" />
            // A plain closure over the resource, not <Suspense>: a Suspense
            // that resolved after this page was left ran its children in a
            // disposed page (a panic on back/forward after a reload).
            {move || match regions.get() {
                None => view! { <p>{ui.t().loading}</p> }.fresh(),
                Some(Err(_)) => view! { <p class="mtt-error-message">{ui.t().load_failed}</p> }.fresh(),
                Some(Ok(_)) => view! {
                    <Radios name="region" legend=legend hint=Signal::derive(move || ui.t().region_hint.to_string())
                        options=options selected=selected error=error.into() heading=true />
                }.fresh(),
            }}
            <button type="submit" class="mtt-button">{move || ui.t().continue_}</button>
        </form>
    }
}

/// The region step from the first-load module, while the flow's module is
/// not here yet: on a second visit 开始 goes straight to this step (issue
/// 15: the first step within 1 s). The same markup as [`RegionPage`] under
/// the flow's step indicator, written as one HTML string instead of Leptos
/// views: every view type costs its own build code, and this page counts
/// in the 120 KB first load (docs/bench.md, 2026-12-01). The region chosen
/// is left for the flow ([`crate::session::choose_region`]), which starts
/// at the next step. `shell.rs` shows it only for a new draft or one left at
/// this step (so there is no resume point to record), never in a widget (a
/// portal may enforce Trusted Types, which forbids `innerHTML`).
#[component]
pub fn FirstStep() -> impl IntoView {
    let ui = use_ui();
    let nav = use_nav();
    let facts = crate::draft::Store::current_json().and_then(|mut d| d.get_mut("facts").map(Value::take));
    let proxy = facts.as_ref().is_some_and(|f| f.get("proxy").is_some());
    let selected = RwSignal::new(facts.as_ref().and_then(|f| f.get("region")).and_then(Value::as_str).map(String::from));
    let error = RwSignal::new(None::<String>);
    let regions = RwSignal::new(None);
    leptos::task::spawn_local(async move {
        let _ = regions.try_set(Some(load_regions().await));
    });
    page_title(move || ui.t().region_doc_title.to_string(), error.into());
    let form = NodeRef::<leptos::html::Form>::new();
    let html = move || {
        let t = ui.t();
        let en = ui.prefs.get().lang == Lang::En;
        let e = error.get().map(|e| esc(&e));
        let mut h = String::new();
        if let Some(e) = &e {
            h += &format!(r##"<div class="mtt-error-summary" role="alert" tabindex="-1"><h2 class="mtt-h2">{}</h2><a href="#region">{e}</a></div>"##, t.error_summary_title);
        }
        regions.with(|r| match r {
            None => h += &format!("<p>{}</p>", t.loading),
            Some(Err(_)) => h += &format!(r#"<p class="mtt-error-message">{}</p>"#, t.load_failed),
            Some(Ok(list)) => {
                let (bad, more) = if e.is_some() { (" mtt-field-error", " region-error") } else { ("", "") };
                let title = if proxy { t.region_title_proxy } else { t.region_title };
                h += &format!(r#"<fieldset class="mtt-fieldset{bad}" aria-describedby="region-hint{more}"><legend class="mtt-legend"><h1 class="mtt-h1">{title}</h1></legend><p class="mtt-hint" id="region-hint">{}</p>"#, t.region_hint);
                if let Some(e) = &e {
                    h += &format!(r#"<p class="mtt-error-message" id="region-error"><span class="mtt-visually-hidden">{}</span>{e}</p>"#, t.error_prefix);
                }
                h += r#"<div class="mtt-radios" id="region">"#;
                let chosen = selected.get_untracked();
                for (i, r) in list.iter().enumerate() {
                    let name = esc(if en { &r.name_en } else { &r.name_zh });
                    let partial = if r.coverage == "full" { "" } else { t.region_partial };
                    let checked = if chosen.as_deref() == Some(r.id.as_str()) { " checked" } else { "" };
                    h += &format!(r#"<div class="mtt-radio"><input type="radio" id="region-{i}" name="region" value="{}"{checked}><label for="region-{i}">{name}{partial}</label></div>"#, esc(&r.id));
                }
                h += "</div></fieldset>";
            }
        });
        h + &format!(r#"<button type="submit" class="mtt-button">{}</button>"#, t.continue_)
    };
    let change = move |ev: leptos::ev::Event| {
        if let Some(v) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).and_then(|el| el.get_attribute("value")) {
            selected.set(Some(v));
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match selected.get_untracked() {
            None => {
                error.set(Some(ui.t().error_choose_one.into()));
                // As `ErrorSummary`: the summary takes focus, once it is
                // drawn (the form is redrawn before the next frame).
                request_animation_frame(move || {
                    if let Some(Ok(Some(el))) = form.get_untracked().map(|f| f.query_selector(".mtt-error-summary")) {
                        let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
                    }
                });
            }
            Some(id) => {
                error.set(None);
                crate::session::choose_region(id);
                nav.go("/apply/who");
            }
        }
    };
    let total = super::flow::STEP_COUNT.to_string();
    view! {
        <p class="mtt-step-indicator">
            <span>{move || fill(ui.t().step_of, &total)}</span>" · "<strong>{move || ui.t().step_region}</strong>
        </p>
        <form class="mtt-form" novalidate node_ref=form on:submit=submit on:change=change inner_html=html></form>
    }
}

/// "第 {n} 步，共 {total} 步" for step 1 (split on characters: the
/// substring search `str::replace` pulls in is not in this module).
fn fill(pattern: &str, total: &str) -> String {
    let mut parts = pattern.split('{');
    let mut out = parts.next().unwrap_or_default().to_string();
    for part in parts {
        let (key, rest) = part.split_once('}').unwrap_or(("", part));
        out += if key == "n" { "1" } else { total };
        out += rest;
    }
    out
}

/// Text for HTML (element content and quoted attribute values).
fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

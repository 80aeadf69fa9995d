use leptos::prelude::*;
use crate::widgets::{on_click, no_error};
use crate::fresh::IntoFresh;
use leptos::task::spawn_local;
use mantetong_core::pack::ChannelKind;
use mantetong_core::{evaluate_with, Date, Options};
use serde_json::Value;
use wasm_bindgen::JsCast;

use crate::draft::Who;
use crate::files;
use crate::prefs::Lang;
use crate::session::use_session;
use crate::time::day_words;
use crate::use_ui;
use crate::widgets::page_title;

use super::common::{handed_off, set_handed_off};


/// Copies `text` with the asynchronous clipboard API (through `Reflect`, so
/// no unstable web-sys feature is needed); false when it is not there.
fn copy_text(text: &str) -> bool {
    let Some(w) = web_sys::window() else { return false };
    let clip = js_sys::Reflect::get(&w.navigator(), &"clipboard".into()).ok().filter(|c| !c.is_undefined());
    let Some(clip) = clip else { return false };
    let Ok(f) = js_sys::Reflect::get(&clip, &"writeText".into()).and_then(|f| f.dyn_into::<js_sys::Function>()) else { return false };
    f.call1(&clip, &text.into()).is_ok()
}

/// Offers a stored paper as a file to save (one by one, not only a ZIP).
async fn save_paper(draft: String, kind: String, name: String) {
    let Ok(Some(blob)) = files::get(&files::key(&draft, &kind)).await else { return };
    let ext = match blob.type_().as_str() {
        "image/png" => "png",
        "image/webp" => "webp",
        "application/pdf" => "pdf",
        _ => "jpg",
    };
    let Ok(buf) = wasm_bindgen_futures::JsFuture::from(blob.array_buffer()).await else { return };
    files::download(&format!("{name}.{ext}"), &blob.type_(), &js_sys::Uint8Array::new(&buf).to_vec());
}

/// `/apply/handoff`: for a region that takes applications in its own
/// official app: the steps there (with the proxy path), every field to type
/// copyable with one tap, each paper's photo to save one by one, and "I
/// have submitted there", which starts the timeline from that day.
/// Nothing is sent from here.
#[component]
pub fn HandoffPage() -> impl IntoView {
    let ui = use_ui();
    let session = use_session();
    page_title(move || ui.t().handoff_doc_title.to_string(), no_error());
    let lang = move || crate::session::core_lang(ui.prefs.get().lang);
    let outcome = move || session.outcome();
    let version = RwSignal::new(0u32);
    let copied = RwSignal::new(None::<String>);
    let done = move || {
        version.track();
        session.draft.with(|d| handed_off(&d.id))
    };
    view! {
        {move || outcome().map(|o| {
            let t = ui.t();
            let en = ui.prefs.get().lang == Lang::En;
            let Some(c) = o.channels.iter().find(|c| c.kind == ChannelKind::OfficialApp).cloned() else {
                return view! { <h1 class="mtt-h1">{t.handoff_doc_title}</h1><p>{t.ready_no_channel}</p> }.fresh();
            };
            let app = if en { c.name_en.clone() } else { c.name.clone() };
            let instructions = if en { c.instructions_en.clone() } else { c.instructions.clone() };
            let steps: Vec<String> = instructions.split('→').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
            let draft = session.draft.get();
            let proxy = matches!(draft.who, Some(Who::Family(_)));
            let text = |p: &str| draft.get(p).and_then(Value::as_str).map(String::from).filter(|s| !s.is_empty());
            let mut fields: Vec<(String, String)> = Vec::new();
            let principal = if proxy { format!("{}·", t.proxy_principal) } else { String::new() };
            if let Some(v) = text("applicant.name") { fields.push((format!("{principal}{}", t.field_name), v)); }
            if let Some(v) = text("applicant.id_number") { fields.push((format!("{principal}{}", t.field_id_number), v)); }
            if proxy {
                let agent = format!("{}·", t.proxy_agent);
                if let Some(v) = text("proxy.name") { fields.push((format!("{agent}{}", t.field_name), v)); }
                if let Some(v) = text("proxy.id_number") { fields.push((format!("{agent}{}", t.field_id_number), v)); }
                if let Some(v) = text("proxy.phone") { fields.push((format!("{agent}{}", t.field_phone), v)); }
            }
            if let Some(d) = &o.disease { fields.push((t.field_disease.to_string(), if en { d.name_en.clone() } else { d.name.clone() })); }
            let level = draft.get("diagnosis.hospital_level").and_then(Value::as_u64).map(|l| match l { 3 => t.level_3, 2 => t.level_2, _ => t.level_1 });
            if let Some(l) = level {
                let public = draft.get("diagnosis.hospital_public").and_then(Value::as_bool) == Some(true);
                fields.push((t.field_hospital.to_string(), format!("{l}{}", if public { if en { " public" } else { "公立" } } else { "" })));
            }
            if let Some(d) = text("diagnosis.date") { fields.push((t.field_diagnosis_date.to_string(), d)); }
            let papers: Vec<(String, String, bool)> = o.materials.iter()
                .filter(|m| m.required || draft.document(&m.id).is_some())
                .map(|m| (m.id.clone(), m.name.clone(), draft.document(&m.id).and_then(|d| d.get("file")).is_some()))
                .collect();
            let draft_id = draft.id.clone();
            let app2 = app.clone();
            view! {
                <h1 class="mtt-h1">{t.handoff_title.replace("{app}", &app)}</h1>
                <p class="mtt-lead">{t.handoff_lead.replace("{app}", &app)}</p>
                <p class="mtt-hint mtt-handoff-nothing-sent">{t.handoff_not_sent}</p>
                <section class="mtt-card" aria-labelledby="mtt-handoff-steps">
                    <h2 class="mtt-h2" id="mtt-handoff-steps">{t.handoff_steps}</h2>
                    {proxy.then(|| view! { <p class="mtt-proxy-banner mtt-handoff-proxy">{t.handoff_proxy.replace("{app}", &app)}</p> })}
                    <ol class="mtt-list mtt-handoff-steps">{steps.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ol>
                    <p class="mtt-source">{crate::widgets::cite_text(t, en, c.cite.as_ref())}</p>
                </section>
                <section class="mtt-card" aria-labelledby="mtt-handoff-fields">
                    <h2 class="mtt-h2" id="mtt-handoff-fields">{t.handoff_fields}</h2>
                    <dl class="mtt-summary mtt-handoff-fields">
                        {fields.into_iter().map(|(label, value)| {
                            let (v2, l2) = (value.clone(), label.clone());
                            view! {
                                <div data-field=label.clone()><dt>{label.clone()}</dt><dd class="mtt-copy-value">{value.clone()}</dd>
                                <dd><button type="button" class="mtt-button mtt-button-secondary mtt-copy" on:click=on_click(move |_| {
                                    if copy_text(&v2) { copied.set(Some(l2.clone())); }
                                })>{t.copy}<span class="mtt-visually-hidden">{format!("：{label}")}</span></button></dd></div>
                            }
                        }).collect_view()}
                    </dl>
                    <p class="mtt-status-message" role="status">{move || copied.get().map(|l| format!("{}{l}", ui.t().copied))}</p>
                </section>
                <section class="mtt-card" aria-labelledby="mtt-handoff-papers">
                    <h2 class="mtt-h2" id="mtt-handoff-papers">{t.handoff_papers}</h2>
                    <p class="mtt-hint">{t.handoff_papers_hint.replace("{app}", &app)}</p>
                    <ul class="mtt-list mtt-handoff-papers">
                        {papers.into_iter().map(|(id, name, has_file)| {
                            let (d, k, n) = (draft_id.clone(), id.clone(), name.clone());
                            view! {
                                <li data-paper=id.clone()>
                                    <span>{name.clone()}</span>" "
                                    {if has_file {
                                        view! { <button type="button" class="mtt-button mtt-button-secondary mtt-save-paper" on:click=on_click(move |_| {
                                            spawn_local(save_paper(d.clone(), k.clone(), n.clone()));
                                        })>{t.save_photo}<span class="mtt-visually-hidden">{format!("：{name}")}</span></button> }.fresh()
                                    } else {
                                        view! { <a href=format!("/apply/materials/{id}")>{t.mat_missing}</a> }.fresh()
                                    }}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
                <section class="mtt-card mtt-handoff-done" aria-labelledby="mtt-handoff-done">
                    <h2 class="mtt-h2" id="mtt-handoff-done">{t.handoff_done.replace("{app}", &app)}</h2>
                    {move || {
                        let t = ui.t();
                        let en = ui.prefs.get().lang == Lang::En;
                        let id = session.draft.with(|d| d.id.clone());
                        match done() {
                            None => {
                                let id = id.clone();
                                view! { <button type="button" class="mtt-button mtt-handoff-submitted" on:click=on_click(move |_| {
                                    set_handed_off(&id, Some(crate::session::today()));
                                    version.update(|v| *v += 1);
                                })>{t.handoff_done.replace("{app}", &app2)}</button> }.fresh()
                            }
                            Some(day) => {
                                let tl = (|| {
                                    let pack = session.loaded_pack()?;
                                    let cal = session.calendar.get()?.ok()?;
                                    let facts = session.facts().ok()?;
                                    Some(evaluate_with(&pack, &cal, &facts, day, Options { lang: lang() }).timeline)
                                })();
                                let row = |label: &'static str, key: &'static str, d: Option<Date>| view! {
                                    <div><dt>{label}</dt><dd data-date=key>{d.map(|d| day_words(d, en)).unwrap_or_else(|| t.tl_unknown.into())}</dd></div>
                                };
                                view! {
                                    <p class="mtt-handoff-day" data-day=day.to_string()>{t.handoff_done_at.replace("{day}", &day_words(day, en)).replace("{app}", &app2)}</p>
                                    {tl.map(|tl| view! {
                                        <dl class="mtt-summary mtt-timeline">
                                            {row(t.tl_pre_review, "pre_review_by", tl.pre_review_by)}
                                            {row(t.tl_decision, "decision_by", tl.decision_by)}
                                            {row(t.tl_effective, "effective_from", tl.effective_from)}
                                            {row(t.tl_renewal, "renewal_due", tl.renewal_due)}
                                        </dl>
                                    })}
                                    <button type="button" class="mtt-button mtt-button-secondary" on:click=on_click(move |_| {
                                        set_handed_off(&id, None);
                                        version.update(|v| *v += 1);
                                    })>{t.handoff_undo}</button>
                                }.fresh()
                            }
                        }
                    }}
                </section>
            }.fresh()
        })}
    }
}

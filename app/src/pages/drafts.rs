use leptos::prelude::*;
use crate::widgets::{on_click, no_error, tr};
use crate::fresh::{show, IntoFresh};
use leptos::task::spawn_local;
use crate::nav::use_nav;
use serde_json::{json, Map, Value};

use crate::draft::{Draft, Store, Who};
use crate::files;
use crate::submit;
use crate::use_ui;
use crate::widgets::page_title;

const FORMAT: &str = "mantetong-draft/1";

fn latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| b as char).collect()
}

/// An export file: the draft and every stored file, base64.
async fn export(d: &Draft) -> String {
    let mut out = Map::new();
    for doc in d.facts.get("documents").and_then(Value::as_array).into_iter().flatten() {
        let Some(kind) = doc.get("kind").and_then(Value::as_str) else { continue };
        if let Ok(Some(blob)) = files::get(&files::key(&d.id, kind)).await {
            if let Ok(buf) = wasm_bindgen_futures::JsFuture::from(blob.array_buffer()).await {
                let bytes = js_sys::Uint8Array::new(&buf).to_vec();
                if let Some(b64) = web_sys::window().and_then(|w| w.btoa(&latin1(&bytes)).ok()) {
                    out.insert(kind.into(), json!({ "type": blob.type_(), "base64": b64 }));
                }
            }
        }
    }
    json!({ "format": FORMAT, "draft": serde_json::from_str::<Value>(&d.to_json()).unwrap_or(Value::Null), "files": out })
        .to_string()
}

/// Reads an export file into a new draft (a fresh id, so nothing is
/// overwritten) with its files; `None` when it is not one of ours.
async fn import(text: &str) -> Option<Draft> {
    let v: Value = serde_json::from_str(text).ok()?;
    if v.get("format")?.as_str()? != FORMAT {
        return None;
    }
    let mut d = Draft::from_json(&v.get("draft")?.to_string())?;
    d.id = crate::draft::new_id();
    for (kind, f) in v.get("files").and_then(Value::as_object).into_iter().flatten() {
        let (Some(mime), Some(b64)) = (f.get("type").and_then(Value::as_str), f.get("base64").and_then(Value::as_str)) else { continue };
        let bin = web_sys::window()?.atob(b64).ok()?;
        let bytes: Vec<u8> = bin.chars().map(|c| c as u32 as u8).collect();
        let blob = files::blob_from(&bytes, mime).ok()?;
        files::put(&files::key(&d.id, kind), &blob).await.ok()?;
    }
    Store::save(&d).then_some(d)
}


/// A device time (ms) as a China Standard Time date and time in words.
fn date_of(ms: f64, en: bool) -> String {
    let iso = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms)).to_iso_string().as_string().unwrap_or_default();
    crate::time::cst_words(&iso, en)
}

fn remote_label(t: &crate::i18n::Text, status: &str) -> &'static str {
    match status {
        "returned" => t.remote_returned,
        "in_review" => t.remote_in_review,
        "approved" | "accepted" => t.remote_approved,
        "refused" | "rejected" => t.remote_refused,
        _ => t.remote_received,
    }
}

/// What the receiver says about a sent application: status, reasons, the
/// deadline and "fix and send again", or the decision and its dates.
fn remote_view(t: &'static crate::i18n::Text, en: bool, e: &submit::Entry, fix: impl Fn(Option<String>) + Clone + 'static) -> impl IntoView {
    use crate::time::{cst_words, day_text};
    let r = e.remote.clone().unwrap_or(Value::Null);
    let status = e.remote_status().unwrap_or("received").to_string();
    let to = if e.demo {
        t.demo_server.to_string()
    } else {
        e.receiver.as_ref().map(|(zh, en_name)| if en { en_name.clone() } else { zh.clone() }).unwrap_or_else(|| e.endpoint.clone())
    };
    let s = |k: &str| r.get(k).and_then(Value::as_str).map(String::from);
    let reasons: Vec<Value> = r.get("reasons").and_then(Value::as_array).cloned().unwrap_or_default();
    let first_material = reasons.iter().find_map(|x| x.get("material").and_then(Value::as_str).map(String::from));
    let returned = e.returned();
    let approved = matches!(status.as_str(), "approved" | "accepted");
    let renewal = s("renewal_due").and_then(|d| mantetong_core::Date::parse(&d));
    view! {
        <div class="mtt-remote" data-remote-status=status.clone() data-receipt=e.receipt.clone().unwrap_or_default()>
            <p>{t.sent_to}<span class="mtt-remote-to">{to}</span></p>
            {e.receipt.clone().map(|r| view! { <p>{t.submit_receipt}<strong>{r}</strong></p> })}
            {e.received_at.clone().map(|r| view! { <p>{t.submit_received_at}<span data-received-at=r.clone()>{cst_words(&r, en)}</span></p> })}
            <p class="mtt-remote-status"><strong>{remote_label(t, &status)}</strong>
                {(r.get("late") == Some(&Value::Bool(true))).then(|| t.remote_late)}</p>
            {s("decided_at").map(|d| view! { <p>{t.remote_decided_at}<span data-decided-at=d.clone()>{cst_words(&d, en)}</span></p> })}
            {(!reasons.is_empty()).then(|| view! {
                <p>{t.remote_reasons}</p>
                <ul class="mtt-list mtt-remote-reasons">{reasons.iter().map(|x| {
                    let msg = if en { x.get("message_en").and_then(Value::as_str).or(x.get("message").and_then(Value::as_str)) } else { x.get("message").and_then(Value::as_str) };
                    let name = x.pointer(if en { "/material_name/en" } else { "/material_name/zh" }).and_then(Value::as_str).map(|n| format!("{n}：")).unwrap_or_default();
                    view! { <li data-reason=x.get("code").and_then(Value::as_str).unwrap_or("other").to_string()>{name}{msg.unwrap_or("").to_string()}</li> }
                }).collect_view()}</ul>
            })}
            {returned.then(|| {
                let deadline = match s("resubmit_by") {
                    Some(d) => t.remote_resubmit_by.replace("{day}", &day_text(&d, en)),
                    None => t.remote_resubmit_unknown.to_string(),
                };
                let fix = fix.clone();
                let m = first_material.clone();
                view! {
                    <p class="mtt-remote-deadline" data-resubmit-by=s("resubmit_by").unwrap_or_default()><strong>{deadline}</strong></p>
                    <button type="button" class="mtt-button mtt-fix-resend" on:click=on_click(move |_| fix(m.clone()))>{t.submit_resend}</button>
                }
            })}
            {approved.then(|| view! {
                {s("effective_from").map(|d| view! { <p class="mtt-remote-effective" data-effective-from=d.clone()>{t.remote_effective.replace("{day}", &day_text(&d, en))}</p> })}
                {renewal.map(|day| view! {
                    <p><button type="button" class="mtt-button mtt-button-secondary mtt-renewal-ics" on:click=on_click(move |_| {
                        crate::files::download("mantetong-renewal.ics", "text/calendar", super::common::ics(day, t.tl_ics_summary, &format!("renewal-{day}")).as_bytes());
                    })>{t.tl_ics}</button></p>
                })}
            })}
            <p class="mtt-hint">{t.remote_note}</p>
        </div>
    }
}

/// `/drafts`: several applications side by side (one per parent), export
/// and import, and "delete all my data".
#[component]
pub fn DraftsPage() -> impl IntoView {
    let ui = use_ui();
    page_title(move || ui.t().drafts_doc_title.to_string(), no_error());
    let version = RwSignal::new(0u32);
    let drafts = move || {
        version.track();
        // Under a host's region lock, only that region's applications (a
        // portal's pages may embed one widget per region on one origin).
        let locked = crate::embed::locked_region();
        Store::ids()
            .iter()
            .filter_map(|id| Store::load(id))
            .filter(|d| match (&locked, d.get("region").and_then(serde_json::Value::as_str)) {
                (Some(l), Some(r)) => l == r,
                _ => true,
            })
            .collect::<Vec<_>>()
    };
    let message = RwSignal::new(None::<&'static str>);
    let confirming = RwSignal::new(false);
    let navigate = use_nav();
    // Opened online: ask each sent application's receiver once (each at
    // most every 30 s, backing off after failures); nothing in the background.
    spawn_local(async move {
        if submit::refresh_statuses().await {
            version.update(|v| *v += 1);
        }
    });

    let open = move |d: Draft| {
        Store::save(&d);
        navigate.go(&d.step);
    };
    let new_draft = move |_| open(Draft::new(crate::draft::new_id(), js_sys::Date::now()));
    let on_import = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|l| l.get(0)) else { return };
        spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text()).await.ok().and_then(|t| t.as_string());
            let done = match text {
                Some(t) => import(&t).await.is_some(),
                None => false,
            };
            message.set(Some(if done { ui.t().drafts_imported } else { ui.t().drafts_import_failed }));
            version.update(|v| *v += 1);
        });
    };
    let delete_all = move |_| {
        spawn_local(async move {
            let _ = files::clear().await;
            Store::delete_all();
            // Preferences go too: storage is left empty.
            ui.prefs.set(Default::default());
            confirming.set(false);
            message.set(Some(ui.t().delete_all_done));
            version.update(|v| *v += 1);
        });
    };

    view! {
        <h1 class="mtt-h1">{tr(|t| t.drafts_title)}</h1>
        <p class="mtt-lead">{tr(|t| t.drafts_lead)}</p>
        <p class="mtt-status-message" role="status">{move || message.get()}</p>
        {move || {
            let t = ui.t();
            let list = drafts();
            if list.is_empty() {
                return view! { <p>{t.drafts_empty}</p> }.fresh();
            }
            view! {
                <ul class="mtt-drafts">
                    {list.into_iter().map(|d| {
                        let region = d.get("region").and_then(Value::as_str).unwrap_or(t.drafts_untitled).to_string();
                        let name = d.get("applicant.name").and_then(Value::as_str).map(|n| format!(" · {n}")).unwrap_or_default();
                        let who = match d.who { Some(Who::Myself) => t.drafts_for_self, Some(Who::Family(_)) => t.drafts_for_family, None => "" };
                        let en = ui.prefs.get().lang == crate::prefs::Lang::En;
                        let sent = submit::entry_for(&d.id).filter(|e| e.state == "sent");
                        let handoff = super::common::handed_off(&d.id);
                        let d4 = d.clone();
                        let fix = move |material: Option<String>| {
                            let mut d = d4.clone();
                            d.step = material.map(|m| format!("/apply/materials/{m}")).unwrap_or_else(|| "/apply/materials".into());
                            open(d);
                        };
                        let (d2, d3) = (d.clone(), d.clone());
                        let id = d.id.clone();
                        view! {
                            <li class="mtt-card mtt-draft" data-draft=d.id.clone()>
                                <h2 class="mtt-h2">{format!("{region}{name}")}</h2>
                                <p>{who}" · "{t.drafts_updated}" "{date_of(d.updated_ms, en)}</p>
                                {handoff.map(|day| view! { <p class="mtt-handoff-mark">{t.drafts_handoff_done.replace("{day}", &crate::time::day_words(day, en))}</p> })}
                                {sent.map(|e| remote_view(t, en, &e, fix))}
                                <div class="mtt-actions-row">
                                    <button type="button" class="mtt-button" on:click=on_click(move |_| open(d2.clone()))>{t.drafts_continue}</button>
                                    <button type="button" class="mtt-button mtt-button-secondary" on:click=on_click(move |_| {
                                        let d = d3.clone();
                                        spawn_local(async move { files::download(&format!("mantetong-{}.json", d.id), "application/json", export(&d).await.as_bytes()) });
                                    })>{t.drafts_export}</button>
                                    <button type="button" class="mtt-button mtt-button-secondary" on:click=on_click(move |_| {
                                        let id = id.clone();
                                        spawn_local(async move {
                                            if let Some(d) = Store::load(&id) {
                                                for doc in d.facts.get("documents").and_then(Value::as_array).into_iter().flatten() {
                                                    if let Some(kind) = doc.get("kind").and_then(Value::as_str) {
                                                        let _ = files::remove(&files::key(&id, kind)).await;
                                                    }
                                                }
                                            }
                                            Store::delete(&id);
                                            version.update(|v| *v += 1);
                                        });
                                    })>{t.drafts_delete}</button>
                                </div>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.fresh()
        }}
        <p><button type="button" class="mtt-button mtt-new-draft" on:click=on_click(new_draft)>{tr(|t| t.drafts_new)}</button></p>
        <div class="mtt-field">
            <label class="mtt-label" for="import">{tr(|t| t.drafts_import)}</label>
            <p class="mtt-hint" id="import-hint">{tr(|t| t.drafts_import_hint)}</p>
            <input class="mtt-file" id="import" type="file" accept="application/json,.json" aria-describedby="import-hint" on:change=on_import />
        </div>
        <section class="mtt-card mtt-danger" aria-labelledby="mtt-delete-all">
            <h2 class="mtt-h2" id="mtt-delete-all">{tr(|t| t.delete_all)}</h2>
            <p>{tr(|t| t.delete_all_body)}</p>
            {show(
                move || confirming.get(),
                move || view! {
                    <div class="mtt-actions-row">
                        <button type="button" class="mtt-button mtt-button-danger" on:click=on_click(delete_all)>{tr(|t| t.delete_all_confirm)}</button>
                        <button type="button" class="mtt-button mtt-button-secondary" on:click=on_click(move |_| confirming.set(false))>{tr(|t| t.delete_all_cancel)}</button>
                    </div>
                }.fresh(),
                move || view! {
                    <button type="button" class="mtt-button mtt-button-danger" on:click=on_click(move |_| confirming.set(true))>{tr(|t| t.delete_all)}</button>
                }.fresh(),
            )}
        </section>
    }
}

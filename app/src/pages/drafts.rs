use leptos::prelude::*;
use std::rc::Rc;

use crate::widgets::no_error;
use crate::fresh::dom::{attr, dom, B};
use web_sys::Element;
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
fn remote_view(b: &mut B, parent: &Element, t: &'static crate::i18n::Text, en: bool, e: &submit::Entry, fix: Rc<dyn Fn(Option<String>)>) {
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
    let div = b.add(parent, "div", "mtt-remote");
    attr(&div, "data-remote-status", &status);
    attr(&div, "data-receipt", e.receipt.as_deref().unwrap_or_default());
    let p = b.leaf(&div, "p", "", t.sent_to);
    b.leaf(&p, "span", "mtt-remote-to", &to);
    if let Some(r) = &e.receipt {
        let p = b.leaf(&div, "p", "", t.submit_receipt);
        b.leaf(&p, "strong", "", r);
    }
    if let Some(r) = &e.received_at {
        let p = b.leaf(&div, "p", "", t.submit_received_at);
        attr(&b.leaf(&p, "span", "", &cst_words(r, en)), "data-received-at", r);
    }
    let p = b.add(&div, "p", "mtt-remote-status");
    b.leaf(&p, "strong", "", remote_label(t, &status));
    if r.get("late") == Some(&Value::Bool(true)) {
        b.text(&p, t.remote_late);
    }
    if let Some(d) = s("decided_at") {
        let p = b.leaf(&div, "p", "", t.remote_decided_at);
        attr(&b.leaf(&p, "span", "", &cst_words(&d, en)), "data-decided-at", &d);
    }
    if !reasons.is_empty() {
        b.leaf(&div, "p", "", t.remote_reasons);
        let ul = b.add(&div, "ul", "mtt-list mtt-remote-reasons");
        for x in &reasons {
            let msg = if en { x.get("message_en").and_then(Value::as_str).or(x.get("message").and_then(Value::as_str)) } else { x.get("message").and_then(Value::as_str) };
            let name = x.pointer(if en { "/material_name/en" } else { "/material_name/zh" }).and_then(Value::as_str).map(|n| format!("{n}{}", t.label_sep)).unwrap_or_default();
            let li = b.leaf(&ul, "li", "", &name);
            attr(&li, "data-reason", x.get("code").and_then(Value::as_str).unwrap_or("other"));
            b.text(&li, msg.unwrap_or(""));
        }
    }
    if returned {
        let deadline = match s("resubmit_by") {
            Some(d) => t.remote_resubmit_by.replace("{day}", &day_text(&d, en)),
            None => t.remote_resubmit_unknown.to_string(),
        };
        let p = b.add(&div, "p", "mtt-remote-deadline");
        attr(&p, "data-resubmit-by", &s("resubmit_by").unwrap_or_default());
        b.leaf(&p, "strong", "", &deadline);
        let button = b.leaf(&div, "button", "mtt-button mtt-fix-resend", t.submit_resend);
        attr(&button, "type", "button");
        b.click(&button, move |_| fix(first_material.clone()));
    }
    if approved {
        if let Some(d) = s("effective_from") {
            let p = b.leaf(&div, "p", "mtt-remote-effective", &t.remote_effective.replace("{day}", &day_text(&d, en)));
            attr(&p, "data-effective-from", &d);
        }
        if let Some(day) = renewal {
            let p = b.add(&div, "p", "");
            let button = b.leaf(&p, "button", "mtt-button mtt-button-secondary mtt-renewal-ics", t.tl_ics);
            attr(&button, "type", "button");
            b.click(&button, move |_| {
                crate::files::download("mantetong-renewal.ics", "text/calendar", super::common::ics(day, t.tl_ics_summary, &format!("renewal-{day}")).as_bytes());
            });
        }
    }
    b.leaf(&div, "p", "mtt-hint", t.remote_note);
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
    let message = RwSignal::new(None::<String>);
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
    let on_import = move |ev: web_sys::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|l| l.get(0)) else { return };
        spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text()).await.ok().and_then(|t| t.as_string());
            let done = match text {
                Some(t) => import(&t).await.is_some(),
                None => false,
            };
            message.set(Some(if done { ui.t().drafts_imported } else { ui.t().drafts_import_failed }.to_string()));
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
            message.set(Some(ui.t().delete_all_done.to_string()));
            version.update(|v| *v += 1);
        });
    };

    dom(move |b| {
        let t = ui.t();
        b.root_leaf("h1", "mtt-h1", t.drafts_title);
        b.root_leaf("p", "mtt-lead", t.drafts_lead);
        let status = b.root("p", "mtt-status-message");
        attr(&status, "role", "status");
        b.bind_text(&status, Box::new(move || message.get().unwrap_or_default()));
        b.root_region(dom(move |b| {
            let t = ui.t();
            let list = drafts();
            if list.is_empty() {
                b.root_leaf("p", "", t.drafts_empty);
                return;
            }
            let ul = b.root("ul", "mtt-drafts");
            for d in list {
                let region = d.get("region").and_then(Value::as_str).unwrap_or(t.drafts_untitled).to_string();
                let name = d.get("applicant.name").and_then(Value::as_str).map(|n| format!(" · {n}")).unwrap_or_default();
                let who = match d.who { Some(Who::Myself) => t.drafts_for_self, Some(Who::Family(_)) => t.drafts_for_family, None => "" };
                let en = ui.prefs.get().lang == crate::prefs::Lang::En;
                let sent = submit::entry_for(&d.id).filter(|e| e.state == "sent");
                let handoff = super::common::handed_off(&d.id);
                let li = b.add(&ul, "li", "mtt-card mtt-draft");
                attr(&li, "data-draft", &d.id);
                b.leaf(&li, "h2", "mtt-h2", &format!("{region}{name}"));
                let p = b.leaf(&li, "p", "", who);
                for part in [" · ", t.drafts_updated, " ", &date_of(d.updated_ms, en)] {
                    b.text(&p, part);
                }
                if let Some(day) = handoff {
                    b.leaf(&li, "p", "mtt-handoff-mark", &t.drafts_handoff_done.replace("{day}", &crate::time::day_words(day, en)));
                }
                if let Some(e) = sent {
                    let d4 = d.clone();
                    remote_view(b, &li, t, en, &e, Rc::new(move |material: Option<String>| {
                        let mut d = d4.clone();
                        d.step = material.map(|m| format!("/apply/materials/{m}")).unwrap_or_else(|| "/apply/materials".into());
                        open(d);
                    }));
                }
                let row = b.add(&li, "div", "mtt-actions-row");
                let (d2, d3, id) = (d.clone(), d.clone(), d.id.clone());
                let button = b.leaf(&row, "button", "mtt-button", t.drafts_continue);
                attr(&button, "type", "button");
                b.click(&button, move |_| open(d2.clone()));
                let button = b.leaf(&row, "button", "mtt-button mtt-button-secondary", t.drafts_export);
                attr(&button, "type", "button");
                b.click(&button, move |_| {
                    let d = d3.clone();
                    spawn_local(async move { files::download(&format!("mantetong-{}.json", d.id), "application/json", export(&d).await.as_bytes()) });
                });
                let button = b.leaf(&row, "button", "mtt-button mtt-button-secondary", t.drafts_delete);
                attr(&button, "type", "button");
                b.click(&button, move |_| {
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
                });
            }
        }));
        let p = b.root("p", "");
        let button = b.leaf(&p, "button", "mtt-button mtt-new-draft", t.drafts_new);
        attr(&button, "type", "button");
        b.click(&button, new_draft);
        let field = b.root("div", "mtt-field");
        attr(&b.leaf(&field, "label", "mtt-label", t.drafts_import), "for", "import");
        attr(&b.leaf(&field, "p", "mtt-hint", t.drafts_import_hint), "id", "import-hint");
        let input = b.add(&field, "input", "mtt-file");
        for (k, v) in [("id", "import"), ("type", "file"), ("accept", "application/json,.json"), ("aria-describedby", "import-hint")] {
            attr(&input, k, v);
        }
        b.on(&input, "change", Box::new(on_import));
        let section = b.root("section", "mtt-card mtt-danger");
        attr(&section, "aria-labelledby", "mtt-delete-all");
        attr(&b.leaf(&section, "h2", "mtt-h2", t.delete_all), "id", "mtt-delete-all");
        b.leaf(&section, "p", "", t.delete_all_body);
        b.region(&section, dom(move |b| {
            let t = ui.t();
            if confirming.get() {
                let row = b.root("div", "mtt-actions-row");
                let button = b.leaf(&row, "button", "mtt-button mtt-button-danger", t.delete_all_confirm);
                attr(&button, "type", "button");
                b.click(&button, delete_all);
                let button = b.leaf(&row, "button", "mtt-button mtt-button-secondary", t.delete_all_cancel);
                attr(&button, "type", "button");
                b.click(&button, move |_| confirming.set(false));
            } else {
                let button = b.root_leaf("button", "mtt-button mtt-button-danger", t.delete_all);
                attr(&button, "type", "button");
                b.click(&button, move |_| confirming.set(true));
            }
        }));
    })
}

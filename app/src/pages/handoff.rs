use leptos::prelude::*;
use crate::widgets::no_error;
use crate::fresh::dom::{attr, dom, B};
use leptos::task::spawn_local;
use mantetong_core::pack::ChannelKind;
use mantetong_core::{evaluate_with, Options};
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
    dom(move |b| {
        let Some(o) = outcome() else { return };
        let t = ui.t();
        let en = ui.prefs.get().lang == Lang::En;
        let Some(c) = o.channels.iter().find(|c| c.kind == ChannelKind::OfficialApp) else {
            b.root_leaf("h1", "mtt-h1", t.handoff_doc_title);
            b.root_leaf("p", "", t.ready_no_channel);
            return;
        };
        let app = if en { c.name_en.clone() } else { c.name.clone() };
        let instructions = if en { &c.instructions_en } else { &c.instructions };
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
        if let Some(d) = &o.disease { fields.push((t.field_disease.to_string(), if en { d.name_en.to_string() } else { d.name.to_string() })); }
        let level = draft.get("diagnosis.hospital_level").and_then(Value::as_u64).map(|l| match l { 3 => t.level_3, 2 => t.level_2, _ => t.level_1 });
        if let Some(l) = level {
            let public = draft.get("diagnosis.hospital_public").and_then(Value::as_bool) == Some(true);
            fields.push((t.field_hospital.to_string(), format!("{l}{}", if public { if en { " public" } else { "公立" } } else { "" })));
        }
        if let Some(d) = text("diagnosis.date") { fields.push((t.field_diagnosis_date.to_string(), d)); }
        let section = |b: &mut B, id: &str, title: &str| {
            let s = b.root("section", "mtt-card");
            attr(&s, "aria-labelledby", id);
            attr(&b.leaf(&s, "h2", "mtt-h2", title), "id", id);
            s
        };
        b.root_leaf("h1", "mtt-h1", &t.handoff_title.replace("{app}", &app));
        b.root_leaf("p", "mtt-lead", &t.handoff_lead.replace("{app}", &app));
        b.root_leaf("p", "mtt-hint mtt-handoff-nothing-sent", t.handoff_not_sent);
        let steps = section(b, "mtt-handoff-steps", t.handoff_steps);
        if proxy {
            b.leaf(&steps, "p", "mtt-proxy-banner mtt-handoff-proxy", &t.handoff_proxy.replace("{app}", &app));
        }
        let ol = b.add(&steps, "ol", "mtt-list mtt-handoff-steps");
        for s in instructions.split('→').map(str::trim).filter(|s| !s.is_empty()) {
            b.leaf(&ol, "li", "", s);
        }
        b.leaf(&steps, "p", "mtt-source", &crate::widgets::cite_text(t, en, c.cite.as_ref()));
        let sec = section(b, "mtt-handoff-fields", t.handoff_fields);
        let dl = b.add(&sec, "dl", "mtt-summary mtt-handoff-fields");
        for (label, value) in fields {
            let row = b.add(&dl, "div", "");
            attr(&row, "data-field", &label);
            b.leaf(&row, "dt", "", &label);
            b.leaf(&row, "dd", "mtt-copy-value", &value);
            let dd = b.add(&row, "dd", "");
            let button = b.leaf(&dd, "button", "mtt-button mtt-button-secondary mtt-copy", t.copy);
            attr(&button, "type", "button");
            b.hidden(&button, &format!("：{label}"));
            b.click(&button, move |_| {
                if copy_text(&value) {
                    copied.set(Some(label.clone()));
                }
            });
        }
        let status = b.add(&sec, "p", "mtt-status-message");
        attr(&status, "role", "status");
        b.bind_text(&status, Box::new(move || copied.get().map(|l| format!("{}{l}", ui.t().copied)).unwrap_or_default()));
        let sec = section(b, "mtt-handoff-papers", t.handoff_papers);
        b.leaf(&sec, "p", "mtt-hint", &t.handoff_papers_hint.replace("{app}", &app));
        let ul = b.add(&sec, "ul", "mtt-list mtt-handoff-papers");
        for m in o.materials.iter().filter(|m| m.required || draft.document(&m.id).is_some()) {
            let li = b.add(&ul, "li", "");
            attr(&li, "data-paper", &m.id);
            b.leaf(&li, "span", "", &m.name);
            b.text(&li, " ");
            if draft.document(&m.id).and_then(|d| d.get("file")).is_some() {
                let button = b.leaf(&li, "button", "mtt-button mtt-button-secondary mtt-save-paper", t.save_photo);
                attr(&button, "type", "button");
                b.hidden(&button, &format!("：{}", m.name));
                let (d, k, n) = (draft.id.clone(), m.id.to_string(), m.name.to_string());
                b.click(&button, move |_| spawn_local(save_paper(d.clone(), k.clone(), n.clone())));
            } else {
                attr(&b.leaf(&li, "a", "", t.mat_missing), "href", &format!("/apply/materials/{}", m.id));
            }
        }
        let sec = b.root("section", "mtt-card mtt-handoff-done");
        attr(&sec, "aria-labelledby", "mtt-handoff-done");
        attr(&b.leaf(&sec, "h2", "mtt-h2", &t.handoff_done.replace("{app}", &app)), "id", "mtt-handoff-done");
        b.region(&sec, dom(move |b| {
            let t = ui.t();
            let en = ui.prefs.get().lang == Lang::En;
            let id = session.draft.with(|d| d.id.clone());
            match done() {
                None => {
                    let button = b.root_leaf("button", "mtt-button mtt-handoff-submitted", &t.handoff_done.replace("{app}", &app));
                    attr(&button, "type", "button");
                    b.click(&button, move |_| {
                        set_handed_off(&id, Some(crate::session::today()));
                        version.update(|v| *v += 1);
                    });
                }
                Some(day) => {
                    let tl = (|| {
                        let pack = session.loaded_pack()?;
                        let cal = session.calendar.get()?.ok()?;
                        let facts = session.facts().ok()?;
                        Some(evaluate_with(&pack, &cal, &facts, day, Options { lang: lang() }).timeline)
                    })();
                    let p = b.root_leaf("p", "mtt-handoff-day", &t.handoff_done_at.replace("{day}", &day_words(day, en)).replace("{app}", &app));
                    attr(&p, "data-day", &day.to_string());
                    if let Some(tl) = tl {
                        super::timeline::date_rows(b, t, &tl, false, |d| day_words(d, en));
                    }
                    let button = b.root_leaf("button", "mtt-button mtt-button-secondary", t.handoff_undo);
                    attr(&button, "type", "button");
                    b.click(&button, move |_| {
                        set_handed_off(&id, None);
                        version.update(|v| *v += 1);
                    });
                }
            }
        }));
    })
}

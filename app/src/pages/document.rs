use leptos::prelude::*;
use leptos::task::spawn_local;
use crate::nav::use_nav;
use mantetong_core::pack::{SealKind, WindowFrom};
use serde_json::{json, Map, Value};

use crate::files::{self, FileError};
use crate::prefs::Lang;
use crate::session::use_session;
use crate::use_ui;
use crate::widgets::{page_title, ErrorSummary, Radios};

fn yes_no(v: Option<&Value>) -> Option<String> {
    v.and_then(Value::as_bool).map(|b| if b { "yes" } else { "no" }.to_string())
}

fn to_bool(v: Option<String>) -> Option<Value> {
    v.map(|s| Value::Bool(s == "yes"))
}

/// `/apply/materials/:id`: what the person can tell about one paper, and
/// its photo or PDF. Which questions appear comes from the pack's rules for
/// that material (seal, stage, hospital), not from the app.
#[component]
pub fn DocumentPage() -> impl IntoView {
    let ui = use_ui();
    let session = use_session();
    let tail = use_nav().tail("/apply/materials/");
    let kind = Memo::new(move |_| tail.with(|t| t.trim_end_matches('/').to_string()));
    let def = Signal::derive(move || {
        let k = kind.get();
        session.loaded_pack().and_then(|p| p.materials.into_iter().find(|m| m.id == k))
    });
    let existing = move || session.draft.with_untracked(|d| d.document(&kind.get_untracked()).cloned());
    let get = move |key: &str| existing().and_then(|d| d.get(key).cloned());
    let issued = RwSignal::new(get("issued").and_then(|v| v.as_str().map(String::from)).unwrap_or_default());
    let sealed = RwSignal::new(yes_no(get("sealed").as_ref()));
    let signed = RwSignal::new(yes_no(get("signed").as_ref()));
    let period_end = RwSignal::new(get("period_end").and_then(|v| v.as_str().map(String::from)).unwrap_or_default());
    let stage = RwSignal::new(yes_no(get("states_stage").as_ref()));
    let level = RwSignal::new(get("hospital_level").and_then(|v| v.as_u64()).map(|n| n.to_string()));
    let public_ = RwSignal::new(yes_no(get("hospital_public").as_ref()));
    let designated = RwSignal::new(yes_no(get("hospital_designated").as_ref()));
    let file = RwSignal::new(get("file"));
    let file_error = RwSignal::new(None::<FileError>);
    let working = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    page_title(move || ui.t().doc_doc_title.to_string(), error.into());

    let yes_no_options = Signal::derive(move || {
        let t = ui.t();
        vec![("yes".to_string(), t.yes.to_string()), ("no".to_string(), t.no.to_string())]
    });
    let level_options = Signal::derive(move || {
        let t = ui.t();
        vec![("3".into(), t.level_3.into()), ("2".into(), t.level_2.into()), ("1".into(), t.level_1.into())]
    });
    let name = Signal::derive(move || {
        def.get().map(|d| if ui.prefs.get().lang == Lang::En { d.name.en } else { d.name.zh }).unwrap_or_default()
    });

    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(f) = input.files().and_then(|l| l.get(0)) else { return };
        let draft_id = session.draft.with_untracked(|d| d.id.clone());
        let material = kind.get_untracked();
        working.set(true);
        file_error.set(None);
        spawn_local(async move {
            let result = match files::prepare(f).await {
                Ok(p) => match files::put(&files::key(&draft_id, &material), &p.blob).await {
                    Ok(()) => Ok(json!({ "name": p.name, "type": p.mime, "size": p.size })),
                    Err(_) => Err(FileError::Failed),
                },
                Err(e) => Err(e),
            };
            working.set(false);
            match result {
                Ok(info) => {
                    // Saved at once: the file is on the device, so is its record.
                    file.set(Some(info.clone()));
                    session.update(|d| {
                        let mut doc = d.document(&material).cloned().unwrap_or_else(|| json!({ "kind": material }));
                        doc["file"] = info;
                        d.upsert_document(doc);
                    });
                }
                Err(e) => file_error.set(Some(e)),
            }
        });
    };

    let navigate = use_nav();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let date = issued.get_untracked();
        let date = date.trim();
        let end = period_end.get_untracked();
        let end = end.trim().to_string();
        if (!date.is_empty() && mantetong_core::Date::parse(date).is_none()) || (!end.is_empty() && mantetong_core::Date::parse(&end).is_none()) {
            error.set(Some(ui.t().error_enter_date.into()));
            return;
        }
        error.set(None);
        let mut doc = Map::new();
        doc.insert("kind".into(), Value::String(kind.get_untracked()));
        if !date.is_empty() {
            doc.insert("issued".into(), Value::String(date.to_string()));
        }
        let d = def.get_untracked();
        if let Some(seal) = d.as_ref().and_then(|d| d.seal.as_ref()) {
            if let Some(v) = to_bool(sealed.get_untracked()) {
                let yes = v == Value::Bool(true);
                doc.insert("sealed".into(), v);
                // The question named one seal: a yes is that seal. Where any
                // seal of the hospital will do, a yes says only "sealed".
                if let ([kind], true) = (seal.accepted().as_slice(), yes) {
                    doc.insert("seal".into(), Value::String(kind.as_str().into()));
                }
            }
        }
        if !end.is_empty() {
            doc.insert("period_end".into(), Value::String(end));
        }
        for (sig, key) in [(stage, "states_stage"), (signed, "signed"), (public_, "hospital_public"), (designated, "hospital_designated")] {
            if let Some(v) = to_bool(sig.get_untracked()) {
                doc.insert(key.into(), v);
            }
        }
        if let Some(n) = level.get_untracked().and_then(|l| l.parse::<u8>().ok()) {
            doc.insert("hospital_level".into(), Value::from(n));
        }
        if let Some(f) = file.get_untracked() {
            doc.insert("file".into(), f);
        }
        session.update(|dr| dr.upsert_document(Value::Object(doc)));
        navigate.go("/apply/materials");
    };
    let remove = move |_| {
        let material = kind.get_untracked();
        let key = files::key(&session.draft.with_untracked(|d| d.id.clone()), &material);
        spawn_local(async move {
            let _ = files::remove(&key).await;
        });
        session.update(|d| d.remove_document(&material));
        file.set(None);
        issued.set(String::new());
        period_end.set(String::new());
        for s in [sealed, signed, stage, level, public_, designated] {
            s.set(None);
        }
    };

    view! {
        <form class="mtt-form" on:submit=submit novalidate>
            <h1 class="mtt-h1">{move || name.get()}</h1>
            <ErrorSummary error=error.into() field="issued" />
            <div class="mtt-field" class:mtt-field-error=move || error.get().is_some()>
                <label class="mtt-label" for="issued">{move || ui.t().doc_issued}</label>
                <p class="mtt-hint" id="issued-hint">{move || ui.t().doc_issued_hint}</p>
                <input class="mtt-input" id="issued" name="issued" type="date" aria-describedby="issued-hint"
                    prop:value=move || issued.get() on:input=move |ev| issued.set(event_target_value(&ev)) />
            </div>
            {move || def.get().map(|d| {
                let t = ui.t();
                view! {
                    {d.window.as_ref().filter(|w| w.counts_from == WindowFrom::PeriodEnd).map(|_| view! {
                        <div class="mtt-field">
                            <label class="mtt-label" for="period_end">{t.doc_period_end}</label>
                            <p class="mtt-hint" id="period_end-hint">{t.doc_period_end_hint}</p>
                            <input class="mtt-input" id="period_end" name="period_end" type="date" aria-describedby="period_end-hint"
                                prop:value=move || period_end.get() on:input=move |ev| period_end.set(event_target_value(&ev)) />
                        </div>
                    })}
                    {d.seal.as_ref().map(|s| {
                        let q = if s.accepted().len() > 1 { t.doc_sealed_any } else if s.kind == SealKind::MedicalRecordsRoom { t.doc_sealed_records } else { t.doc_sealed_hospital };
                        view! { <Radios name="sealed" legend=Signal::derive(move || q.to_string()) options=yes_no_options selected=sealed error=Signal::derive(|| None) /> }
                    })}
                    {d.signed.is_some().then(|| view! {
                        <Radios name="signed" legend=Signal::derive(move || ui.t().doc_signed.to_string()) options=yes_no_options selected=signed error=Signal::derive(|| None) />
                    })}
                    {d.states_stage.is_some().then(|| view! {
                        <Radios name="states_stage" legend=Signal::derive(move || ui.t().doc_states_stage.to_string()) options=yes_no_options selected=stage error=Signal::derive(|| None) />
                    })}
                    {d.hospital.as_ref().map(|h| {
                        let (public, designated_q) = (h.public, h.designated);
                        view! {
                            <Radios name="hospital_level" legend=Signal::derive(move || ui.t().doc_hospital_level.to_string()) options=level_options selected=level error=Signal::derive(|| None) />
                            {public.then(|| view! {
                                <Radios name="hospital_public" legend=Signal::derive(move || ui.t().doc_hospital_public.to_string()) options=yes_no_options selected=public_ error=Signal::derive(|| None) />
                            })}
                            {designated_q.then(|| view! {
                                <Radios name="hospital_designated" legend=Signal::derive(move || ui.t().doc_hospital_designated.to_string()) options=yes_no_options selected=designated error=Signal::derive(|| None) />
                            })}
                        }
                    })}
                }
            })}
            <div class="mtt-field">
                <label class="mtt-label" for="file">{move || ui.t().doc_file}</label>
                <p class="mtt-hint" id="file-hint">{move || ui.t().doc_file_hint}</p>
                <input class="mtt-file" id="file" name="file" type="file" accept="image/*,application/pdf"
                    aria-describedby="file-hint" on:change=on_file />
                <p class="mtt-file-status" aria-live="polite">
                    {move || {
                        let t = ui.t();
                        if working.get() {
                            t.doc_file_working.to_string()
                        } else if let Some(e) = file_error.get() {
                            (if e == FileError::Refused { t.doc_file_refused } else { t.doc_file_failed }).to_string()
                        } else if let Some(f) = file.get() {
                            format!("{}{} ({} KB)", t.doc_file_saved, f["name"].as_str().unwrap_or(""), f["size"].as_u64().unwrap_or(0) / 1024)
                        } else {
                            String::new()
                        }
                    }}
                </p>
            </div>
            <button type="submit" class="mtt-button">{move || ui.t().save}</button>
            <button type="button" class="mtt-button mtt-button-secondary" on:click=remove>{move || ui.t().remove_paper}</button>
        </form>
    }
}

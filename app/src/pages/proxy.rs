use leptos::prelude::*;
use wasm_bindgen::JsCast;
use crate::fresh::dom::{attr, dom, B};
use leptos::tachys::html::node_ref::NodeRefContainer;
use crate::nav::use_nav;
use mantetong_core::{parse_id, IdError};
use serde_json::Value;
use leptos::html;

use crate::i18n::Text;
use crate::session::use_session;
use crate::use_ui;
use crate::widgets::page_title;

/// A resident ID number's problem in the person's language; the core's
/// error says what is wrong, including the expected check character.
pub fn id_problem(t: &Text, e: &IdError) -> String {
    let msg = match e {
        IdError::Length(n) => t.id_err_length.replace("{n}", &n.to_string()),
        IdError::Character { position, found } => {
            t.id_err_char.replace("{p}", &position.to_string()).replace("{c}", &found.to_string())
        }
        IdError::BirthDate(_) => t.id_err_birth.to_string(),
        IdError::CheckDigit { expected, .. } => t.id_err_check.replace("{x}", &expected.to_string()),
    };
    format!("{}{msg}", t.error_id_prefix)
}



struct Field {
    path: &'static str,
    label: fn(&Text) -> &'static str,
    hint: Option<fn(&Text) -> &'static str>,
    kind: &'static str,
    required: bool,
}

const FIELDS: [Field; 7] = [
    Field { path: "applicant.name", label: |t| t.field_name, hint: None, kind: "name", required: true },
    Field { path: "applicant.id_number", label: |t| t.field_id_number, hint: Some(|t| t.field_id_hint), kind: "id", required: true },
    Field { path: "applicant.phone", label: |t| t.field_phone, hint: None, kind: "tel", required: false },
    Field { path: "applicant.insurance_card", label: |t| t.field_card, hint: None, kind: "text", required: false },
    Field { path: "proxy.name", label: |t| t.field_name, hint: None, kind: "name", required: true },
    Field { path: "proxy.id_number", label: |t| t.field_id_number, hint: Some(|t| t.field_id_hint), kind: "id", required: true },
    Field { path: "proxy.phone", label: |t| t.field_phone, hint: None, kind: "tel", required: true },
];

fn problem(t: &Text, f: &Field, value: &str) -> Option<String> {
    let v = value.trim();
    if v.is_empty() {
        return match (f.required, f.kind) {
            (false, _) => None,
            (true, "tel") => Some(t.error_phone.into()),
            (true, "id") => Some(format!("{}{}", t.error_id_prefix, t.id_err_length.replace("{n}", "0"))),
            _ => Some(t.error_name.into()),
        };
    }
    match f.kind {
        "id" => parse_id(v).err().map(|e| id_problem(t, &e)),
        "tel" if !(v.len() == 11 && v.starts_with('1') && v.bytes().all(|b| b.is_ascii_digit())) => Some(t.error_phone.into()),
        _ => None,
    }
}

/// After "who" for a family member: both people's details, for the letter
/// of authorisation and the form. Saved as typed.
#[component]
pub fn ProxyPage() -> impl IntoView {
    let ui = use_ui();
    let session = use_session();
    let values: Vec<RwSignal<String>> = FIELDS
        .iter()
        .map(|f| {
            RwSignal::new(session.draft.with_untracked(|d| d.get(f.path).and_then(Value::as_str).unwrap_or("").to_string()))
        })
        .collect();
    let errors: Vec<RwSignal<Option<String>>> = FIELDS.iter().map(|_| RwSignal::new(None)).collect();
    let first_error = {
        let errors = errors.clone();
        crate::widgets::derived(move || errors.iter().find_map(|e| e.get()))
    };
    page_title(move || ui.t().proxy_doc_title.to_string(), first_error);
    let summary = NodeRef::<html::Div>::new();
    crate::widgets::effect(move || {
        if first_error.get().is_some() {
            if let Some(el) = summary.get() {
                let _ = el.focus();
            }
        }
    });
    let navigate = use_nav();
    let submit = {
        let (values, errors) = (values.clone(), errors.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let t = ui.t();
            let mut ok = true;
            for (i, f) in FIELDS.iter().enumerate() {
                let p = problem(t, f, &values[i].get_untracked());
                ok &= p.is_none();
                errors[i].set(p);
            }
            if ok {
                navigate.go("/apply/q");
            }
        }
    };
    let errors_for_summary = errors.clone();
    let shown = crate::widgets::memo_bool(move || first_error.get().is_some());
    // The fields are built once; their texts, error lines and values
    // follow the signals (typing rebuilds nothing).
    let (field_values, field_errors) = (values.clone(), errors.clone());
    let fields = move |b: &mut B, legend: fn(&Text) -> &'static str, range: std::ops::Range<usize>| {
        let fieldset = b.root("fieldset", "mtt-fieldset");
        let l = b.add(&fieldset, "legend", "mtt-legend");
        let span = b.add(&l, "span", "mtt-h2");
        b.tr(&span, legend);
        for i in range {
            let f = &FIELDS[i];
            let id = f.path.replace('.', "-");
            let (value, error) = (field_values[i], field_errors[i]);
            let (path, label, hint, kind) = (f.path, f.label, f.hint, f.kind);
            let div = b.add(&fieldset, "div", "mtt-field");
            b.bind_attr(&div, "class", Box::new(move || Some(if error.get().is_some() { "mtt-field mtt-field-error" } else { "mtt-field" }.to_string())));
            let l = b.add(&div, "label", "mtt-label");
            attr(&l, "for", &id);
            b.tr(&l, label);
            if let Some(h) = hint {
                let p = b.add(&div, "p", "mtt-hint");
                attr(&p, "id", &format!("{id}-hint"));
                b.tr(&p, h);
            }
            let error_id = format!("{id}-error");
            b.region(&div, dom(move |b| {
                if let Some(e) = error.get() {
                    let p = b.root("p", "mtt-error-message");
                    attr(&p, "id", &error_id);
                    b.hidden(&p, ui.t().error_prefix);
                    b.text(&p, &e);
                }
            }));
            let input = b.add(&div, "input", "mtt-input");
            B::attrs(&input, &[
                ("id", &id),
                ("name", path),
                ("type", if kind == "tel" { "tel" } else { "text" }),
                ("inputmode", if kind == "tel" { "numeric" } else { "text" }),
                ("autocomplete", "off"),
                ("spellcheck", "false"),
            ]);
            let described = id.clone();
            b.bind_attr(&input, "aria-describedby", Box::new(move || {
                let mut v = Vec::new();
                if hint.is_some() { v.push(format!("{described}-hint")); }
                if error.get().is_some() { v.push(format!("{described}-error")); }
                Some(v.join(" "))
            }));
            b.bind_value(&input, Box::new(move || value.get()));
            b.on(&input, "input", Box::new(move |ev| {
                let v = event_target_value(&ev);
                value.set(v.clone());
                // Saved as typed; the core reports a malformed ID by field.
                let v = if kind == "id" { upper(v.trim()) } else { v.trim().to_string() };
                session.update(|d| d.set(path, if v.is_empty() { Value::Null } else { Value::String(v) }));
            }));
        }
    };
    // Built once: the texts follow the language in place.
    dom(move |b| {
        let h1 = b.root("h1", "mtt-h1");
        b.tr(&h1, |t| t.proxy_title);
        let lead = b.root("p", "mtt-lead");
        b.tr(&lead, |t| t.proxy_lead);
        let form = b.root("form", "mtt-form");
        attr(&form, "novalidate", "");
        let submit = submit.clone();
        b.on(&form, "submit", Box::new(move |ev| submit(ev.unchecked_into())));
        let errors = errors_for_summary.clone();
        b.region(&form, dom(move |b| {
            if !shown.get() {
                return;
            }
            let div = b.root("div", "mtt-error-summary");
            B::attrs(&div, &[("role", "alert"), ("tabindex", "-1")]);
            summary.load(&div);
            b.leaf(&div, "h2", "mtt-h2", ui.t().error_summary_title);
            let ul = b.add(&div, "ul", "");
            let errors = errors.clone();
            b.region(&ul, dom(move |b| {
                for (i, e) in errors.iter().enumerate() {
                    if let Some(msg) = e.get() {
                        let li = b.root("li", "");
                        attr(&b.leaf(&li, "a", "", &msg), "href", &format!("#{}", FIELDS[i].path.replace('.', "-")));
                    }
                }
            }));
        }));
        let fields = fields.clone();
        b.region(&form, dom(move |b| {
            fields(b, |t| t.proxy_principal, 0..4);
            fields(b, |t| t.proxy_agent, 4..7);
        }));
        let button = b.add(&form, "button", "mtt-button");
        attr(&button, "type", "submit");
        b.tr(&button, |t| t.continue_);
    })
}

/// An ID number as typed, in capitals (the check letter X). ASCII in
/// Rust, anything else by the browser's `toUpperCase` (Unicode's full
/// mapping, as Rust's `to_uppercase`): Rust's own would bring Unicode's
/// case tables (~25 KB raw) into the wasm for a field that is digits
/// and X (docs/size.md).
fn upper(s: &str) -> String {
    if s.is_ascii() {
        s.to_ascii_uppercase()
    } else {
        String::from(js_sys::JsString::from(s).to_upper_case())
    }
}

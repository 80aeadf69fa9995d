use leptos::prelude::*;
use crate::widgets::no_error;
use crate::fresh::dom::{attr, dom, B};
use web_sys::Element;
use leptos::task::spawn_local;
use mantetong_core::package::PackId;
use mantetong_core::pack::ChannelKind;
use mantetong_core::eval::MaterialResult;
use serde_json::Value;

use crate::route;
use crate::submit;

use crate::draft::Who;
use crate::prefs::Lang;
use crate::session::use_session;
use crate::use_ui;
use crate::widgets::page_title;

use super::common::{fix_for, question_path, relationship_label, status_label};

/// Step 8: "check your answers" before the application is prepared.
#[component]
pub fn CheckPage() -> impl IntoView {
    let ui = use_ui();
    let session = use_session();
    page_title(move || ui.t().check_doc_title.to_string(), no_error());
    let rows = move || {
        let pack = session.loaded_pack()?;
        let en = ui.prefs.get().lang == Lang::En;
        let pick = |t: &mantetong_core::pack::Text| if en { t.en.to_string() } else { t.zh.to_string() };
        let draft = session.draft.get();
        let mut rows = Vec::new();
        for q in &pack.questions {
            let Some(value) = draft.get(&q.id) else { continue };
            // Show the option whose facts match, else the value as typed.
            let answer = q
                .options
                .iter()
                .find(|o| o.set.iter().all(|(p, v)| draft.get(p) == Some(v)))
                .map(|o| pick(&o.label))
                .unwrap_or_else(|| match value {
                    Value::String(s) => s.clone(),
                    v => v.to_string(),
                });
            rows.push((pick(&q.text), answer, question_path(&q.id)));
        }
        Some((pick(&pack.name), draft.who, rows, draft.facts.get("documents").and_then(Value::as_array).map_or(0, Vec::len)))
    };
    dom(move |b| {
        let t = ui.t();
        b.root_leaf("h1", "mtt-h1", t.check_title);
        let Some((region, who, rows, papers)) = rows() else { return };
        let who = match who {
            Some(Who::Myself) => t.who_myself.to_string(),
            Some(Who::Family(r)) => format!("{}（{}）", t.who_family, relationship_label(t, r)),
            None => t.not_answered.to_string(),
        };
        // Every row one shape (term, answer, where to change it).
        let mut all = Vec::with_capacity(rows.len() + 3);
        // A region fixed by the host cannot be changed here.
        all.push((t.check_region.to_string(), region, crate::embed::locked_region().is_none().then(|| "/apply/region".to_string())));
        all.push((t.check_who.to_string(), who, Some("/apply/who".to_string())));
        all.extend(rows.into_iter().map(|(q, a, href)| (q, a, Some(href))));
        all.push((t.check_papers.to_string(), papers.to_string(), Some("/apply/materials".to_string())));
        let dl = b.root("dl", "mtt-summary mtt-check-answers");
        for (q, a, href) in all {
            let row = b.add(&dl, "div", "");
            b.leaf(&row, "dt", "", &q);
            b.leaf(&row, "dd", "", &a);
            if let Some(href) = href {
                let dd = b.add(&row, "dd", "");
                let link = b.leaf(&dd, "a", "", t.change);
                attr(&link, "href", &href);
                b.hidden(&link, &q);
            }
        }
        readiness(b, None);
        let p = b.root("p", "");
        attr(&b.leaf(&p, "a", "mtt-button", t.confirm_ready), "href", "/apply/ready");
    })
}

/// The required papers that stop an online send: missing, or with a
/// problem (issue 12: "sendable only when ready").
pub(crate) fn blockers(materials: &[MaterialResult]) -> Vec<MaterialResult> {
    materials.iter().filter(|m| m.required && matches!(m.status.as_str(), "missing" | "problem")).cloned().collect()
}

/// Every required paper that is missing or has a problem, with how to fix
/// it and a link to it; or that all are there (in `parent`, or at the top
/// of the region). Reads the core's answer.
fn readiness(b: &mut B, parent: Option<&Element>) {
    let ui = use_ui();
    let session = use_session();
    let Some(list) = session.outcome().map(|o| blockers(&o.materials)) else { return };
    let t = ui.t();
    let section = b.el(parent, "section", "mtt-card mtt-readiness");
    attr(&section, "data-ready", if list.is_empty() { "true" } else { "false" });
    attr(&section, "aria-labelledby", "mtt-readiness");
    let h2 = b.leaf(&section, "h2", "mtt-h2", if list.is_empty() { t.check_papers_title } else { t.not_ready_title });
    attr(&h2, "id", "mtt-readiness");
    if list.is_empty() {
        b.leaf(&section, "p", "", t.ready_all_papers);
        return;
    }
    b.leaf(&section, "p", "", t.not_ready_body);
    let ul = b.add(&section, "ul", "mtt-list");
    for m in list {
        let li = b.add(&ul, "li", "");
        attr(&li, "data-blocker", &m.id);
        b.leaf(&li, "strong", "", &m.name);
        b.text(&li, " — ");
        b.text(&li, status_label(t, m.status.as_str()));
        if m.problems.is_empty() {
            b.leaf(&li, "p", "", t.fix_missing);
        }
        let problems = b.add(&li, "ul", "");
        for p in &m.problems {
            let item = b.add(&problems, "li", "");
            attr(&item, "data-problem", p.code.as_str());
            let msg = if p.code.as_str() == "missing" { String::new() } else { format!("{}：", p.message) };
            b.text(&item, &msg);
            b.text(&item, fix_for(t, p.code.as_str()));
        }
        let fix = b.leaf(&li, "a", "mtt-button mtt-button-secondary", t.fix_paper);
        attr(&fix, "href", &format!("/apply/materials/{}", m.id));
        b.hidden(&fix, &format!("：{}", m.name));
    }
}

/// The end of the flow: where and how to apply (from the pack's channels),
/// who receives an online send (named, or called a demonstration server, or
/// nobody: then no submit button), the hand-off to an official app, the
/// package to download, and a printable summary (the paper route).
#[component]
pub fn ReadyPage() -> impl IntoView {
    let ui = use_ui();
    let session = use_session();
    let outbox = expect_context::<RwSignal<u32>>();
    page_title(move || ui.t().ready_doc_title.to_string(), no_error());
    let outcome = move || session.outcome();
    // Who receives an online send, once the pack is here: a signal set by
    // a task (not a LocalResource: its async machinery is compiled per
    // value type, ~6 KB of wasm for this one value; issue 15). A later pack
    // supersedes an answer still on its way.
    let receiver = RwSignal::new(None::<route::Receiver>);
    let asked = std::rc::Rc::new(std::cell::Cell::new(0u32));
    crate::widgets::effect(move || {
        let pack = session.loaded_pack();
        let n = asked.get().wrapping_add(1);
        asked.set(n);
        receiver.set(None);
        let asked = asked.clone();
        spawn_local(async move {
            let Some(p) = pack else { return };
            let r = route::resolve(&p).await;
            if asked.get() == n {
                receiver.try_set(Some(r));
            }
        });
    });
    let entry = move || {
        outbox.track();
        session.draft.with(|d| submit::entry_for(&d.id))
    };
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<String>);
    let prepare = move || {
        // The package's result JSON is zh-CN whatever the screen's language;
        // it is written in the third module (`views.rs`), which alone
        // needs the outcome's serializer (issue 15: the flow's bytes).
        let o = session.outcome_in(mantetong_core::Lang::Zh)?;
        Some((PackId { id: o.pack.id.to_string(), version: o.pack.version.to_string() }, o))
    };
    let on_submit = move |_| {
        let Some((pack, result)) = prepare() else { return };
        let Some(to) = receiver.get() else { return };
        // Refused here too, not only by hiding the button.
        if session.outcome().is_none_or(|o| !blockers(&o.materials).is_empty()) {
            return;
        }
        let draft = session.draft.get_untracked();
        busy.set(true);
        failure.set(None);
        spawn_local(async move {
            match submit::enqueue(&draft, pack, result, &to).await {
                Ok(_) => submit::start(outbox),
                Err(e) => failure.set(Some(e)),
            }
            busy.set(false);
            outbox.update(|v| *v += 1);
        });
    };
    let on_download = move |_| {
        let Some((pack, result)) = prepare() else { return };
        let draft = session.draft.get_untracked();
        spawn_local(async move {
            let key = format!("download-{}", js_sys::Date::now() as u64);
            match submit::build_package(&draft, pack.clone(), result, &key).await {
                Ok(bytes) => crate::files::download(&format!("mantetong-{}.zip", pack.id), "application/zip", &bytes),
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    dom(move |b| {
        let t = ui.t();
        b.root_leaf("h1", "mtt-h1", t.ready_title);
        b.root_leaf("p", "", t.ready_body);
        let Some(o) = outcome() else { return };
        let en = ui.prefs.get().lang == Lang::En;
        let paper = o.channel.as_ref().is_some_and(|c| c.kind == ChannelKind::Paper);
        let official = o.channels.iter().find(|c| c.kind == ChannelKind::OfficialApp);
        let ready = blockers(&o.materials).is_empty();
        let pick = |zh: &str, en_text: &str| if en { en_text.to_string() } else { zh.to_string() };
        b.root_leaf("h2", "mtt-h2", t.ready_channel);
        match o.channel {
            None => {
                b.root_leaf("p", "", t.ready_no_channel);
            }
            Some(_) => {
                for (i, c) in o.channels.iter().enumerate() {
                    // The primary channel first; the others after it.
                    let card = b.root("div", if i == 0 { "mtt-card mtt-channel" } else { "mtt-card mtt-channel-other" });
                    attr(&card, "data-channel", &format!("{:?}", c.kind).to_ascii_lowercase());
                    b.leaf(&card, "h3", "mtt-h2", &pick(&c.name, &c.name_en));
                    b.leaf(&card, "p", "", &pick(&c.instructions, &c.instructions_en));
                    b.leaf(&card, "p", "mtt-source", &crate::widgets::cite_text(t, en, c.cite.as_ref()));
                }
            }
        }
        if let Some(c) = official {
            let p = b.root("p", "");
            let link = b.leaf(&p, "a", "mtt-button mtt-handoff-link", &t.handoff_link.replace("{app}", &pick(&c.name, &c.name_en)));
            attr(&link, "href", "/apply/handoff");
        }
        if paper {
            let section = b.root("section", "mtt-card");
            attr(&section, "aria-labelledby", "mtt-paper");
            attr(&b.leaf(&section, "h2", "mtt-h2", t.paper_title), "id", "mtt-paper");
            b.leaf(&section, "p", "", t.paper_body);
            // What the pack knows of where and when (e.g. working days, at the designated hospital).
            let ul = b.add(&section, "ul", "mtt-notes mtt-paper-when");
            for n in &o.timeline.notes {
                let li = b.leaf(&ul, "li", "", &pick(&n.message_zh, &n.message_en));
                if let Some(c) = &n.cite {
                    b.leaf(&li, "span", "mtt-source", &crate::widgets::cite_text(t, en, Some(c)));
                }
            }
        }
        let summary = b.root("section", "mtt-print-summary");
        attr(&summary, "aria-labelledby", "mtt-summary-materials");
        attr(&b.leaf(&summary, "h2", "mtt-h2", t.summary_materials), "id", "mtt-summary-materials");
        let ul = b.add(&summary, "ul", "mtt-list");
        for m in &o.materials {
            let li = b.leaf(&ul, "li", "", &m.name);
            attr(&li, "data-summary-material", &m.id);
            b.text(&li, " — ");
            b.text(&li, status_label(t, m.status.as_str()));
        }
        let p = b.root("p", "mtt-noprint");
        let print = b.leaf(&p, "button", "mtt-button mtt-button-secondary mtt-print", t.print_summary);
        attr(&print, "type", "button");
        b.click(&print, |_| {
            if let Some(w) = web_sys::window() {
                let _ = w.print();
            }
        });
        if !paper {
            let section = b.root("section", "mtt-card mtt-noprint");
            attr(&section, "aria-labelledby", "mtt-download");
            attr(&b.leaf(&section, "h2", "mtt-h2", t.download_package), "id", "mtt-download");
            b.leaf(&section, "p", "mtt-hint", t.download_package_hint);
            let button = b.leaf(&section, "button", "mtt-button mtt-button-secondary mtt-download", t.download_package);
            attr(&button, "type", "button");
            b.click(&button, on_download);
        }
        let section = b.root("section", "mtt-card mtt-submit mtt-noprint");
        attr(&section, "aria-labelledby", "mtt-submit-title");
        attr(&b.leaf(&section, "h2", "mtt-h2", t.route_title), "id", "mtt-submit-title");
        b.region(&section, dom(move |b| {
            let t = ui.t();
            let en = ui.prefs.get().lang == Lang::En;
            let Some(to) = receiver.get() else {
                attr(&b.root_leaf("p", "mtt-route", t.route_checking), "data-route", "checking");
                return;
            };
            let (kind, line) = match &to {
                route::Receiver::Named { zh, en: e, .. } => ("named", t.route_to.replace("{name}", if en { e } else { zh })),
                route::Receiver::Demo { .. } => ("demo", t.route_demo.to_string()),
                route::Receiver::Unnamed { endpoint } => ("unnamed", t.route_unnamed.replace("{name}", endpoint)),
                route::Receiver::Nobody => ("none", t.route_nobody.to_string()),
            };
            let route = b.root("p", "mtt-route");
            attr(&route, "data-route", kind);
            if to == route::Receiver::Nobody {
                b.text(&route, &line);
                return;
            }
            b.leaf(&route, "strong", "", &line);
            if kind == "demo" {
                b.root_leaf("p", "mtt-warning", t.route_demo_warning);
            }
            let current = entry();
            let resend = current.as_ref().is_some_and(submit::Entry::returned);
            match current.filter(|_| !resend) {
                None if !ready => readiness(b, None),
                None => {
                    b.root_leaf("p", "", t.submit_body);
                    if resend {
                        b.root_leaf("p", "mtt-hint", t.submit_returned_hint);
                    }
                    let button = b.root("button", "mtt-button mtt-submit-button");
                    attr(&button, "type", "button");
                    b.bind_attr(&button, "disabled", Box::new(move || busy.get().then(String::new)));
                    b.click(&button, on_submit);
                    b.bind_text(&button, Box::new(move || {
                        let t = ui.t();
                        if busy.get() { t.submit_preparing } else if resend { t.submit_resend } else { t.submit_button }.to_string()
                    }));
                }
                Some(e) => {
                    let text = match e.state.as_str() {
                        "sent" if e.demo => t.submit_sent_demo.to_string(),
                        "sent" => match &e.receiver {
                            Some((zh, en_name)) => t.submit_sent.replace("{name}", if en { en_name } else { zh }),
                            None => t.submit_sent_unnamed.replace("{name}", &e.endpoint),
                        },
                        "refused" => format!("{}{}", t.submit_refused, e.error.clone().unwrap_or_default()),
                        _ if e.attempts > 0 => t.submit_retrying.replace("{why}", e.error.as_deref().unwrap_or("")).replace("{n}", &e.attempts.to_string()),
                        _ => t.submit_queued.to_string(),
                    };
                    let div = b.root("div", "mtt-submission");
                    attr(&div, "data-state", &e.state);
                    attr(&div, "role", "status");
                    b.leaf(&div, "p", "", &text);
                    if let Some(r) = &e.receipt {
                        let p = b.leaf(&div, "p", "", t.submit_receipt);
                        attr(&b.leaf(&p, "strong", "", r), "data-receipt", r);
                    }
                    if let Some(r) = &e.received_at {
                        let p = b.leaf(&div, "p", "", t.submit_received_at);
                        attr(&b.leaf(&p, "span", "", &crate::time::cst_words(r, en)), "data-received-at", r);
                    }
                }
            }
        }));
        b.region(&section, dom(move |b| {
            if let Some(f) = failure.get() {
                let p = b.root_leaf("p", "mtt-error-message", ui.t().submit_failed);
                b.text(&p, &f);
            }
        }));
    })
}

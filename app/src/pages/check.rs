use leptos::prelude::*;
use crate::widgets::{on_click, no_error, tr};
use crate::fresh::IntoFresh;
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
        let pick = |t: &mantetong_core::pack::Text| if en { t.en.clone() } else { t.zh.clone() };
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
    view! {
        <h1 class="mtt-h1">{tr(|t| t.check_title)}</h1>
        {move || rows().map(|(region, who, rows, papers)| {
            let t = ui.t();
            let who = match who {
                Some(Who::Myself) => t.who_myself.to_string(),
                Some(Who::Family(r)) => format!("{}（{}）", t.who_family, relationship_label(t, r)),
                None => t.not_answered.to_string(),
            };
            // Every row one shape (term, answer, where to change it), so
            // the list is one view type, not four.
            let mut all = Vec::with_capacity(rows.len() + 3);
            // A region fixed by the host cannot be changed here.
            all.push((t.check_region.to_string(), region, crate::embed::locked_region().is_none().then(|| "/apply/region".to_string())));
            all.push((t.check_who.to_string(), who, Some("/apply/who".to_string())));
            all.extend(rows.into_iter().map(|(q, a, href)| (q, a, Some(href))));
            all.push((t.check_papers.to_string(), papers.to_string(), Some("/apply/materials".to_string())));
            view! {
                <dl class="mtt-summary mtt-check-answers">
                    {all.into_iter().map(|(q, a, href)| {
                        let hidden = q.clone();
                        view! { <div><dt>{q}</dt><dd>{a}</dd>{href.map(|href| view! {
                            <dd><a href=href>{t.change}<span class="mtt-visually-hidden">{hidden}</span></a></dd>
                        })}</div> }
                    }).collect_view()}
                </dl>
                <Readiness />
                <p><a class="mtt-button" href="/apply/ready">{t.confirm_ready}</a></p>
            }.fresh()
        })}
    }
}

/// The required papers that stop an online send: missing, or with a
/// problem (issue 12: "sendable only when ready").
pub(crate) fn blockers(materials: &[MaterialResult]) -> Vec<MaterialResult> {
    materials.iter().filter(|m| m.required && matches!(m.status.as_str(), "missing" | "problem")).cloned().collect()
}

/// Every required paper that is missing or has a problem, with how to fix
/// it and a link to it; or that all are there.
#[component]
pub fn Readiness() -> impl IntoView {
    let ui = use_ui();
    let session = use_session();
    let list = move || session.outcome().map(|o| blockers(&o.materials));
    move || list().map(|list| {
        let t = ui.t();
        if list.is_empty() {
            return view! { <section class="mtt-card mtt-readiness" data-ready="true" aria-labelledby="mtt-readiness">
                <h2 class="mtt-h2" id="mtt-readiness">{t.check_papers_title}</h2><p>{t.ready_all_papers}</p></section> }.fresh();
        }
        view! {
            <section class="mtt-card mtt-readiness" data-ready="false" aria-labelledby="mtt-readiness">
                <h2 class="mtt-h2" id="mtt-readiness">{t.not_ready_title}</h2>
                <p>{t.not_ready_body}</p>
                <ul class="mtt-list">
                    {list.into_iter().map(|m| {
                        let name = m.name.clone();
                        view! {
                            <li data-blocker=m.id.clone()>
                                <strong>{m.name.clone()}</strong>" — "{status_label(t, m.status.as_str())}
                                {(m.problems.is_empty()).then(|| view! { <p>{t.fix_missing}</p> })}
                                <ul>{m.problems.iter().map(|p| {
                                    let fix = fix_for(t, p.code.as_str());
                                    let msg = if p.code.as_str() == "missing" { String::new() } else { format!("{}：", p.message) };
                                    view! { <li data-problem=p.code.as_str()>{msg}{fix}</li> }
                                }).collect_view()}</ul>
                                <a class="mtt-button mtt-button-secondary" href=format!("/apply/materials/{}", m.id)>
                                    {t.fix_paper}<span class="mtt-visually-hidden">{format!("：{name}")}</span></a>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        }.fresh()
    })
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
    Effect::new(move |_| {
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
        // The package's result JSON is zh-CN whatever the screen's language.
        let o = session.outcome_in(mantetong_core::Lang::Zh)?;
        Some((PackId { id: o.pack.id.clone(), version: o.pack.version.clone() }, o.to_json()))
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
    view! {
        <h1 class="mtt-h1">{tr(|t| t.ready_title)}</h1>
        <p>{tr(|t| t.ready_body)}</p>
        {move || outcome().map(|o| {
            let t = ui.t();
            let en = ui.prefs.get().lang == Lang::En;
            let paper = o.channel.as_ref().is_some_and(|c| c.kind == ChannelKind::Paper);
            let official = o.channels.iter().find(|c| c.kind == ChannelKind::OfficialApp).cloned();
            let ready = blockers(&o.materials).is_empty();
            view! {
                <h2 class="mtt-h2">{t.ready_channel}</h2>
                {match o.channel.clone() {
                    None => view! { <p>{t.ready_no_channel}</p> }.fresh(),
                    Some(_) => view! {
                        {o.channels.iter().enumerate().map(|(i, c)| {
                            // The primary channel first; the others after it.
                            let class = if i == 0 { "mtt-card mtt-channel" } else { "mtt-card mtt-channel-other" };
                            view! {
                            <div class=class data-channel=format!("{:?}", c.kind).to_ascii_lowercase()>
                                <h3 class="mtt-h2">{if en { c.name_en.clone() } else { c.name.clone() }}</h3>
                                <p>{if en { c.instructions_en.clone() } else { c.instructions.clone() }}</p>
                                <p class="mtt-source">{crate::widgets::cite_text(t, en, c.cite.as_ref())}</p>
                            </div>
                        }}).collect_view()}
                    }.fresh(),
                }}
                {official.map(|c| {
                    let app = if en { c.name_en.clone() } else { c.name.clone() };
                    view! { <p><a class="mtt-button mtt-handoff-link" href="/apply/handoff">{t.handoff_link.replace("{app}", &app)}</a></p> }
                })}
                {paper.then(|| view! {
                    <section class="mtt-card" aria-labelledby="mtt-paper">
                        <h2 class="mtt-h2" id="mtt-paper">{t.paper_title}</h2>
                        <p>{t.paper_body}</p>
                        // What the pack knows of where and when (e.g. working days, at the designated hospital).
                        <ul class="mtt-notes mtt-paper-when">{o.timeline.notes.iter().map(|n| view! {
                            <li>{if en { n.message_en.clone() } else { n.message_zh.clone() }}
                                {n.cite.clone().map(|c| view! { <span class="mtt-source">{crate::widgets::cite_text(t, en, Some(&c))}</span> })}</li>
                        }).collect_view()}</ul>
                    </section>
                })}
                <section class="mtt-print-summary" aria-labelledby="mtt-summary-materials">
                    <h2 class="mtt-h2" id="mtt-summary-materials">{t.summary_materials}</h2>
                    <ul class="mtt-list">
                        {o.materials.iter().map(|m| view! {
                            <li data-summary-material=m.id.clone()>{m.name.clone()}" — "{status_label(t, m.status.as_str())}</li>
                        }).collect_view()}
                    </ul>
                </section>
                <p class="mtt-noprint"><button type="button" class="mtt-button mtt-button-secondary mtt-print"
                    on:click=on_click(|_| { if let Some(w) = web_sys::window() { let _ = w.print(); } })>{t.print_summary}</button></p>
                {(!paper).then(|| view! {
                    <section class="mtt-card mtt-noprint" aria-labelledby="mtt-download">
                        <h2 class="mtt-h2" id="mtt-download">{t.download_package}</h2>
                        <p class="mtt-hint">{t.download_package_hint}</p>
                        <button type="button" class="mtt-button mtt-button-secondary mtt-download" on:click=on_click(on_download)>{t.download_package}</button>
                    </section>
                })}
                <section class="mtt-card mtt-submit mtt-noprint" aria-labelledby="mtt-submit-title">
                    <h2 class="mtt-h2" id="mtt-submit-title">{t.route_title}</h2>
                    {move || {
                        let t = ui.t();
                        let en = ui.prefs.get().lang == Lang::En;
                        let Some(to) = receiver.get() else { return view! { <p class="mtt-route" data-route="checking">{t.route_checking}</p> }.fresh() };
                        let (kind, line) = match &to {
                            route::Receiver::Named { zh, en: e, .. } => ("named", t.route_to.replace("{name}", if en { e } else { zh })),
                            route::Receiver::Demo { .. } => ("demo", t.route_demo.to_string()),
                            route::Receiver::Unnamed { endpoint } => ("unnamed", t.route_unnamed.replace("{name}", endpoint)),
                            route::Receiver::Nobody => ("none", t.route_nobody.to_string()),
                        };
                        if to == route::Receiver::Nobody {
                            return view! { <p class="mtt-route" data-route=kind>{line}</p> }.fresh();
                        }
                        let current = entry();
                        let resend = current.as_ref().is_some_and(submit::Entry::returned);
                        view! {
                            <p class="mtt-route" data-route=kind><strong>{line}</strong></p>
                            {(kind == "demo").then(|| view! { <p class="mtt-warning">{t.route_demo_warning}</p> })}
                            {match current.filter(|_| !resend) {
                                None if !ready => view! { <Readiness /> }.fresh(),
                                None => view! {
                                    <p>{t.submit_body}</p>
                                    {resend.then(|| view! { <p class="mtt-hint">{t.submit_returned_hint}</p> })}
                                    <button type="button" class="mtt-button mtt-submit-button" disabled=move || busy.get() on:click=on_click(on_submit)>
                                        {move || if busy.get() { ui.t().submit_preparing } else if resend { ui.t().submit_resend } else { ui.t().submit_button }}
                                    </button>
                                }.fresh(),
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
                                    view! {
                                        <div class="mtt-submission" data-state=e.state.clone() role="status">
                                            <p>{text}</p>
                                            {e.receipt.clone().map(|r| view! { <p>{t.submit_receipt}<strong data-receipt=r.clone()>{r.clone()}</strong></p> })}
                                            {e.received_at.clone().map(|r| view! { <p>{t.submit_received_at}<span data-received-at=r.clone()>{crate::time::cst_words(&r, en)}</span></p> })}
                                        </div>
                                    }.fresh()
                                }
                            }}
                        }.fresh()
                    }}
                    {move || failure.get().map(|f| view! { <p class="mtt-error-message">{ui.t().submit_failed}{f}</p> })}
                </section>
            }.fresh()
        })}
    }
}

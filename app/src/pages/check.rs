use leptos::prelude::*;
use leptos::task::spawn_local;
use mantetong_core::package::PackId;
use mantetong_core::pack::ChannelKind;
use serde_json::Value;

use crate::submit;

use crate::draft::Who;
use crate::prefs::Lang;
use crate::session::use_session;
use crate::use_ui;
use crate::widgets::page_title;

use super::question::question_path;

/// Step 8: "check your answers" before the application is prepared.
#[component]
pub fn CheckPage() -> impl IntoView {
    let ui = use_ui();
    let session = use_session();
    page_title(move || ui.t().check_doc_title.to_string(), Signal::derive(|| None));
    let rows = Signal::derive(move || {
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
    });
    view! {
        <h1 class="mtt-h1">{move || ui.t().check_title}</h1>
        {move || rows.get().map(|(region, who, rows, papers)| {
            let t = ui.t();
            let who = match who {
                Some(Who::Myself) => t.who_myself.to_string(),
                Some(Who::Family(r)) => format!("{}（{}）", t.who_family, crate::pages::who::relationship_label(t, r)),
                None => t.not_answered.to_string(),
            };
            view! {
                <dl class="mtt-summary mtt-check-answers">
                    <div><dt>{t.check_region}</dt><dd>{region}</dd>
                        // A region fixed by the host cannot be changed here.
                        {crate::embed::locked_region().is_none().then(|| view! {
                            <dd><a href="/apply/region">{t.change}<span class="mtt-visually-hidden">{t.check_region}</span></a></dd>
                        })}
                    </div>
                    <div><dt>{t.check_who}</dt><dd>{who}</dd><dd><a href="/apply/who">{t.change}<span class="mtt-visually-hidden">{t.check_who}</span></a></dd></div>
                    {rows.into_iter().map(|(q, a, href)| {
                        let hidden = q.clone();
                        view! { <div><dt>{q}</dt><dd>{a}</dd><dd><a href=href>{t.change}<span class="mtt-visually-hidden">{hidden}</span></a></dd></div> }
                    }).collect_view()}
                    <div><dt>{t.check_papers}</dt><dd>{papers.to_string()}</dd><dd><a href="/apply/materials">{t.change}<span class="mtt-visually-hidden">{t.check_papers}</span></a></dd></div>
                </dl>
                <p><a class="mtt-button" href="/apply/ready">{t.confirm_ready}</a></p>
            }
        })}
    }
}

/// The end of the flow: where and how to apply (from the pack's channel),
/// online submission through the outbox, the package to download, and a
/// printable summary (the paper route).
#[component]
pub fn ReadyPage() -> impl IntoView {
    let ui = use_ui();
    let session = use_session();
    let outbox = expect_context::<RwSignal<u32>>();
    page_title(move || ui.t().ready_doc_title.to_string(), Signal::derive(|| None));
    let lang = move || if ui.prefs.get().lang == Lang::En { mantetong_core::Lang::En } else { mantetong_core::Lang::Zh };
    let outcome = Signal::derive(move || session.outcome(lang()));
    let entry = Signal::derive(move || {
        outbox.track();
        session.draft.with(|d| submit::entry_for(&d.id))
    });
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<String>);
    let prepare = move || {
        let o = session.outcome(mantetong_core::Lang::Zh)?;
        Some((PackId { id: o.pack.id.clone(), version: o.pack.version.clone() }, o.to_json()))
    };
    let on_submit = move |_| {
        let Some((pack, result)) = prepare() else { return };
        let draft = session.draft.get_untracked();
        busy.set(true);
        failure.set(None);
        spawn_local(async move {
            match submit::enqueue(&draft, pack, result).await {
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
        <h1 class="mtt-h1">{move || ui.t().ready_title}</h1>
        <p>{move || ui.t().ready_body}</p>
        {move || outcome.get().map(|o| {
            let t = ui.t();
            let en = ui.prefs.get().lang == Lang::En;
            let paper = o.channel.as_ref().is_some_and(|c| c.kind == ChannelKind::Paper);
            view! {
                <h2 class="mtt-h2">{t.ready_channel}</h2>
                {match o.channel.clone() {
                    None => view! { <p>{t.ready_no_channel}</p> }.into_any(),
                    Some(c) => view! {
                        <div class="mtt-card mtt-channel" data-channel=format!("{:?}", c.kind).to_lowercase()>
                            <h3 class="mtt-h2">{if en { c.name_en.clone() } else { c.name.clone() }}</h3>
                            <p>{if en { c.instructions_en.clone() } else { c.instructions.clone() }}</p>
                            <p class="mtt-source">{crate::widgets::cite_text(t, en, c.cite.as_ref())}</p>
                        </div>
                    }.into_any(),
                }}
                {paper.then(|| view! {
                    <section class="mtt-card" aria-labelledby="mtt-paper">
                        <h2 class="mtt-h2" id="mtt-paper">{t.paper_title}</h2>
                        <p>{t.paper_body}</p>
                    </section>
                })}
                <section class="mtt-print-summary" aria-labelledby="mtt-summary-materials">
                    <h2 class="mtt-h2" id="mtt-summary-materials">{t.summary_materials}</h2>
                    <ul class="mtt-list">
                        {o.materials.iter().map(|m| view! {
                            <li data-summary-material=m.id.clone()>{m.name.clone()}" — "{crate::pages::materials::status_label(t, m.status.as_str())}</li>
                        }).collect_view()}
                    </ul>
                </section>
                <p class="mtt-noprint"><button type="button" class="mtt-button mtt-button-secondary mtt-print"
                    on:click=|_| { if let Some(w) = web_sys::window() { let _ = w.print(); } }>{t.print_summary}</button></p>
                {(!paper).then(|| view! {
                    <section class="mtt-card mtt-noprint" aria-labelledby="mtt-download">
                        <h2 class="mtt-h2" id="mtt-download">{t.download_package}</h2>
                        <p class="mtt-hint">{t.download_package_hint}</p>
                        <button type="button" class="mtt-button mtt-button-secondary mtt-download" on:click=on_download>{t.download_package}</button>
                    </section>
                    <section class="mtt-card mtt-submit mtt-noprint" aria-labelledby="mtt-submit-title">
                        <h2 class="mtt-h2" id="mtt-submit-title">{t.submit_title}</h2>
                        <p>{t.submit_body}</p>
                        {move || {
                            let t = ui.t();
                            match entry.get() {
                                None => view! {
                                    <button type="button" class="mtt-button mtt-submit-button" disabled=move || busy.get() on:click=on_submit>
                                        {move || if busy.get() { ui.t().submit_preparing } else { ui.t().submit_button }}
                                    </button>
                                }.into_any(),
                                Some(e) => {
                                    let text = match e.state.as_str() {
                                        "sent" => t.submit_sent.to_string(),
                                        "refused" => format!("{}{}", t.submit_refused, e.error.clone().unwrap_or_default()),
                                        _ if e.attempts > 0 => t.submit_retrying.replace("{why}", e.error.as_deref().unwrap_or("")).replace("{n}", &e.attempts.to_string()),
                                        _ => t.submit_queued.to_string(),
                                    };
                                    view! {
                                        <div class="mtt-submission" data-state=e.state.clone() role="status">
                                            <p>{text}</p>
                                            {e.receipt.clone().map(|r| view! { <p>{t.submit_receipt}<strong data-receipt=r.clone()>{r.clone()}</strong></p> })}
                                            {e.received_at.clone().map(|r| view! { <p>{t.submit_received_at}{r}</p> })}
                                        </div>
                                    }.into_any()
                                }
                            }
                        }}
                        {move || failure.get().map(|f| view! { <p class="mtt-error-message">{ui.t().submit_failed}{f}</p> })}
                    </section>
                })}
            }
        })}
    }
}


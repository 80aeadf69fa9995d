use leptos::prelude::*;
use serde_json::Value;

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
                    <div><dt>{t.check_region}</dt><dd>{region}</dd><dd><a href="/apply/region">{t.change}<span class="mtt-visually-hidden">{t.check_region}</span></a></dd></div>
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

/// The end of the flow: where and how to apply, from the pack's channel.
#[component]
pub fn ReadyPage() -> impl IntoView {
    let ui = use_ui();
    let session = use_session();
    page_title(move || ui.t().ready_doc_title.to_string(), Signal::derive(|| None));
    let channel = Signal::derive(move || {
        let lang = if ui.prefs.get().lang == Lang::En { mantetong_core::Lang::En } else { mantetong_core::Lang::Zh };
        session.outcome(lang).map(|o| o.channel)
    });
    view! {
        <h1 class="mtt-h1">{move || ui.t().ready_title}</h1>
        <p>{move || ui.t().ready_body}</p>
        <h2 class="mtt-h2">{move || ui.t().ready_channel}</h2>
        {move || channel.get().map(|c| {
            let t = ui.t();
            let en = ui.prefs.get().lang == Lang::En;
            match c {
                None => view! { <p>{t.ready_no_channel}</p> }.into_any(),
                Some(c) => view! {
                    <div class="mtt-card mtt-channel" data-channel=format!("{:?}", c.kind).to_lowercase()>
                        <h3 class="mtt-h2">{if en { c.name_en.clone() } else { c.name.clone() }}</h3>
                        <p>{if en { c.instructions_en.clone() } else { c.instructions.clone() }}</p>
                        <p class="mtt-source">{t.source_label}{c.source.clone()}</p>
                    </div>
                }.into_any(),
            }
        })}
    }
}

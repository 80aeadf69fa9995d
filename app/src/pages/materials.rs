use leptos::prelude::*;
use crate::widgets::{no_error, tr};
use crate::fresh::IntoFresh;

use crate::i18n::Text;
use mantetong_core::eval::ProblemCode;
use crate::prefs::Lang;
use crate::session::use_session;
use crate::use_ui;
use crate::draft::Who;
use super::common::{fix_for, relationship_short, status_label, ProxyBanner};
use crate::widgets::{cite_text, page_title, AuthorSources};


fn requirement_label(t: &Text, requirement: &str) -> &'static str {
    match requirement {
        "usually_required" => t.need_usually,
        "conditional" => t.need_conditional,
        "may_be_required" => t.need_may,
        _ => t.need_required,
    }
}


/// Step 5: the personal checklist, with the pre-review of every paper added.
#[component]
pub fn MaterialsPage() -> impl IntoView {
    let ui = use_ui();
    let session = use_session();
    page_title(move || ui.t().materials_doc_title.to_string(), no_error());
    let materials = move || session.outcome().map(|o| o.materials.clone());
    view! {
        <h1 class="mtt-h1">{tr(|t| t.materials_title)}</h1>
        <ProxyBanner />
        <p class="mtt-lead">{tr(|t| t.materials_lead)}</p>
        {move || match materials() {
            None => view! { <p>{ui.t().loading}</p> }.fresh(),
            Some(list) => {
                let t = ui.t();
                let en = ui.prefs.get().lang == Lang::En;
                // "Your mother's ID card": the applicant's own papers are named as theirs.
                let owner = session.draft.with(|d| match d.who {
                    Some(Who::Family(r)) => Some(t.possessive.replace("{rel}", relationship_short(t, r))),
                    _ => None,
                });
                let files: Vec<(String, String)> = list.iter().map(|m| (m.name.clone(), m.source.clone())).collect();
                view! {
                    <ul class="mtt-materials">
                        {list.into_iter().map(|m| {
                            let detail = m.detail.as_ref().map(|d| if en { d.message_en.clone() } else { d.message_zh.clone() });
                            let window = m.window_months.map(|n| t.validity_months.replace("{n}", &n.to_string()));
                            let name = match &owner {
                                Some(o) if !matches!(m.id.as_str(), "proxy_id_card" | "authorization_letter") => format!("{o}{}", m.name),
                                _ => m.name.clone(),
                            };
                            let letter = m.id == "authorization_letter";
                            view! {
                                <li class=format!("mtt-material mtt-material-{}", m.status) data-material=m.id.clone()>
                                    <h2 class="mtt-h2">{name.clone()}</h2>
                                    <p class="mtt-material-meta">
                                        <span class="mtt-tag">{requirement_label(t, m.requirement.as_str())}</span>
                                        <span class="mtt-material-status">{status_label(t, m.status.as_str())}</span>
                                    </p>
                                    {detail.map(|d| view! { <p>{d}</p> })}
                                    {window.map(|w| view! { <p class="mtt-hint">{w}</p> })}
                                    <ul class="mtt-problems">
                                        {m.problems.iter().filter(|p| p.code != ProblemCode::Missing).map(|p| view! {
                                            <li class="mtt-problem" data-problem=p.code.as_str()>
                                                <strong>{p.message.clone()}</strong>
                                                <span>{fix_for(t, p.code.as_str())}</span>
                                            </li>
                                        }).collect_view()}
                                    </ul>
                                    <ul class="mtt-hints">
                                        {m.hints.iter().map(|h| view! { <li class="mtt-hint">{if en { h.message_en.clone() } else { h.message_zh.clone() }}</li> }).collect_view()}
                                    </ul>
                                    <p class="mtt-source">{cite_text(t, en, m.cite.as_ref())}</p>
                                    {letter.then(|| view! { <p><a class="mtt-button mtt-button-secondary" href="/apply/letter">{t.letter_link}</a></p> })}
                                    <a class="mtt-button mtt-button-secondary" href=format!("/apply/materials/{}", m.id)>
                                        {t.add_paper}<span class="mtt-visually-hidden">{format!("：{name}")}</span>
                                    </a>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    <AuthorSources sources=Signal::stored(files) />
                    <p><a class="mtt-button" href="/apply/estimate">{t.next_estimate}</a></p>
                }.fresh()
            }
        }}
    }
}

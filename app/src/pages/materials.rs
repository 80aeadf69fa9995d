use leptos::prelude::*;
use crate::widgets::no_error;
use crate::fresh::dom::{attr, dom};

use crate::i18n::Text;
use mantetong_core::eval::ProblemCode;
use crate::prefs::Lang;
use crate::session::use_session;
use crate::use_ui;
use crate::draft::Who;
use super::common::{fix_for, proxy_banner, relationship_short, status_label};
use crate::widgets::{author_sources, cite_text, page_title};


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
    dom(move |b| {
        let t = ui.t();
        b.root_leaf("h1", "mtt-h1", t.materials_title);
        proxy_banner(b);
        b.root_leaf("p", "mtt-lead", t.materials_lead);
        let Some(list) = materials() else {
            b.root_leaf("p", "", t.loading);
            return;
        };
        let en = ui.prefs.get().lang == Lang::En;
        let owner = session.draft.with(|d| match d.who {
            Some(Who::Family(r)) => Some(t.possessive.replace("{rel}", relationship_short(t, r))),
            _ => None,
        });
        let files: Vec<(String, String)> = list.iter().map(|m| (m.name.to_string(), m.source.to_string())).collect();
        let ul = b.root("ul", "mtt-materials");
        for m in list {
            let name = match &owner {
                Some(o) if !matches!(m.id.as_str(), "proxy_id_card" | "authorization_letter") => format!("{o}{}", m.name),
                _ => m.name.to_string(),
            };
            let li = b.add(&ul, "li", &format!("mtt-material mtt-material-{}", m.status));
            attr(&li, "data-material", &m.id);
            b.leaf(&li, "h2", "mtt-h2", &name);
            let meta = b.add(&li, "p", "mtt-material-meta");
            b.leaf(&meta, "span", "mtt-tag", requirement_label(t, m.requirement.as_str()));
            b.leaf(&meta, "span", "mtt-material-status", status_label(t, m.status.as_str()));
            if let Some(d) = &m.detail {
                b.leaf(&li, "p", "", if en { &d.message_en } else { &d.message_zh });
            }
            if let Some(n) = m.window_months {
                b.leaf(&li, "p", "mtt-hint", &t.validity_months.replace("{n}", &n.to_string()));
            }
            let problems = b.add(&li, "ul", "mtt-problems");
            for p in m.problems.iter().filter(|p| p.code != ProblemCode::Missing) {
                let item = b.add(&problems, "li", "mtt-problem");
                attr(&item, "data-problem", p.code.as_str());
                b.leaf(&item, "strong", "", &p.message);
                b.leaf(&item, "span", "", fix_for(t, p.code.as_str()));
            }
            let hints = b.add(&li, "ul", "mtt-hints");
            for h in &m.hints {
                b.leaf(&hints, "li", "mtt-hint", if en { &h.message_en } else { &h.message_zh });
            }
            b.leaf(&li, "p", "mtt-source", &cite_text(t, en, m.cite.as_ref()));
            if m.id == "authorization_letter" {
                let p = b.add(&li, "p", "");
                attr(&b.leaf(&p, "a", "mtt-button mtt-button-secondary", t.letter_link), "href", "/apply/letter");
            }
            let a = b.leaf(&li, "a", "mtt-button mtt-button-secondary", t.add_paper);
            attr(&a, "href", &format!("/apply/materials/{}", m.id));
            b.hidden(&a, &format!("：{name}"));
        }
        author_sources(b, None, t, &files);
        let p = b.root("p", "");
        attr(&b.leaf(&p, "a", "mtt-button", t.next_estimate), "href", "/apply/estimate");
    })
}

use leptos::prelude::*;
use crate::nav::use_nav;

use crate::draft::{Relationship, Who};
use crate::session::use_session;
use crate::use_ui;
use crate::widgets::{page_title, ErrorSummary, Radios};

use super::common::relationship_label;


/// Step 2: for oneself, or for a family member (and who they are to you).
#[component]
pub fn WhoPage() -> impl IntoView {
    let ui = use_ui();
    let session = use_session();
    let initial = session.draft.with_untracked(|d| d.who);
    let who = RwSignal::new(initial.map(|w| if w == Who::Myself { "myself".to_string() } else { "family".to_string() }));
    let rel = RwSignal::new(match initial {
        Some(Who::Family(r)) => Some(r.id().to_string()),
        _ => None,
    });
    let error = RwSignal::new(None::<String>);
    let rel_error = RwSignal::new(None::<String>);
    let any_error = Signal::derive(move || error.get().or(rel_error.get()));
    page_title(move || ui.t().who_doc_title.to_string(), any_error);

    let who_options = Signal::derive(move || {
        let t = ui.t();
        vec![("myself".to_string(), t.who_myself.to_string()), ("family".to_string(), t.who_family.to_string())]
    });
    let rel_options = Signal::derive(move || {
        let t = ui.t();
        Relationship::ALL.iter().map(|r| (r.id().to_string(), relationship_label(t, *r).to_string())).collect::<Vec<_>>()
    });
    let navigate = use_nav();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let t = ui.t();
        let choice = match (who.get_untracked().as_deref(), rel.get_untracked()) {
            (None, _) => {
                error.set(Some(t.error_choose_one.into()));
                return;
            }
            (Some("myself"), _) => Who::Myself,
            (Some(_), Some(r)) => match Relationship::from_id(&r) {
                Some(r) => Who::Family(r),
                None => return,
            },
            (Some(_), None) => {
                error.set(None);
                rel_error.set(Some(t.error_choose_one.into()));
                return;
            }
        };
        error.set(None);
        rel_error.set(None);
        session.update(|d| d.set_who(choice));
        navigate.go(if choice == Who::Myself { "/apply/q" } else { "/apply/proxy" });
    };
    view! {
        <form class="mtt-form" on:submit=submit novalidate>
            <ErrorSummary error=any_error field="who" />
            <Radios name="who" legend=Signal::derive(move || ui.t().who_title.to_string())
                options=who_options selected=who error=error.into() heading=true />
            <Show when=move || who.get().as_deref() == Some("family")>
                <Radios name="relationship" legend=Signal::derive(move || ui.t().who_relationship.to_string())
                    options=rel_options selected=rel error=rel_error.into() />
            </Show>
            <button type="submit" class="mtt-button">{move || ui.t().continue_}</button>
        </form>
    }
}

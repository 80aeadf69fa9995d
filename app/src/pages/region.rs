use leptos::prelude::*;
use crate::fresh::IntoFresh;
use crate::nav::use_nav;
use serde_json::Value;

use crate::prefs::Lang;
use crate::session::{regions, regions_earlier, use_session, LoadError, RegionEntry};
use crate::use_ui;
use crate::widgets::{page_title, ErrorSummary, Radios};

/// Whether the region list is here (the shell's rehearsal waits for it).
pub fn regions_loaded() -> bool {
    regions_earlier().is_some()
}

/// Step 1: the region where the person is insured.
#[component]
pub fn RegionPage() -> impl IntoView {
    let ui = use_ui();
    let session = use_session();
    let fetched = regions();
    // The list loaded earlier stands until this load has answered (and
    // if it fails: the list has not changed since).
    let earlier = regions_earlier();
    let regions = Signal::derive(move || -> Option<Result<Vec<RegionEntry>, LoadError>> {
        match (fetched.get(), &earlier) {
            (None | Some(Err(_)), Some(l)) => Some(Ok(l.clone())),
            (r, _) => r,
        }
    });
    let selected = RwSignal::new(session.draft.with_untracked(|d| d.get("region").and_then(Value::as_str).map(String::from)));
    let error = RwSignal::new(None::<String>);
    page_title(move || ui.t().region_doc_title.to_string(), error.into());

    let options = Signal::derive(move || {
        let lang = ui.prefs.get().lang;
        let t = ui.t();
        regions
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .map(|r| {
                let name = if lang == Lang::En { r.name_en } else { r.name_zh };
                let label = if r.coverage == "full" { name } else { format!("{name}{}", t.region_partial) };
                (r.id, label)
            })
            .collect::<Vec<_>>()
    });
    let navigate = use_nav();
    // Under a host's region lock the region is already in the draft (see
    // `Session::start`): this step is passed over.
    if crate::embed::locked_region().is_some() {
        let nav = navigate;
        Effect::new(move |_| nav.replace("/apply/who"));
    }
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match selected.get_untracked() {
            None => error.set(Some(ui.t().error_choose_one.into())),
            Some(id) => {
                error.set(None);
                session.update(|d| {
                    if d.get("region").and_then(Value::as_str) != Some(id.as_str()) {
                        d.set("region", Value::String(id.clone()));
                        // Where the person is insured is asked by the new
                        // region's pack (its own options): an answer given
                        // for another region is forgotten, never guessed.
                        d.set("applicant.insured_in", Value::Null);
                    }
                });
                navigate.go("/apply/who");
            }
        }
    };
    let legend = Signal::derive(move || {
        let proxy = session.draft.with(|d| d.get("proxy").is_some());
        let t = ui.t();
        (if proxy { t.region_title_proxy } else { t.region_title }).to_string()
    });
    view! {
        <form class="mtt-form" on:submit=submit novalidate>
            <ErrorSummary error=error.into() field="region" />
            // A plain closure over the resource, not <Suspense>: a Suspense
            // that resolved after this page was left ran its children in a
            // disposed page (a panic on back/forward after a reload).
            {move || match regions.get() {
                None => view! { <p>{ui.t().loading}</p> }.fresh(),
                Some(Err(_)) => view! { <p class="mtt-error-message">{ui.t().load_failed}</p> }.fresh(),
                Some(Ok(_)) => view! {
                    <Radios name="region" legend=legend hint=Signal::derive(move || ui.t().region_hint.to_string())
                        options=options selected=selected error=error.into() heading=true />
                }.fresh(),
            }}
            <button type="submit" class="mtt-button">{move || ui.t().continue_}</button>
        </form>
    }
}

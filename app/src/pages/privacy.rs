use leptos::prelude::*;
use crate::nav::use_nav;

use crate::use_ui;
use crate::widgets::page_title;


/// The PIPL notice (arts. 17, 29, 30: what, why, where, how long, how to
/// delete), shown before the first sensitive question.
#[component]
pub fn PrivacyPage() -> impl IntoView {
    let ui = use_ui();
    page_title(move || ui.t().privacy_doc_title.to_string(), Signal::derive(|| None));
    let navigate = use_nav();
    let agree = move |_| {
        if let Some(s) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
            let _ = s.set_item(super::common::SEEN_KEY, "1");
        }
        navigate.replace("/apply");
    };
    view! {
        <h1 class="mtt-h1">{move || ui.t().privacy_notice_title}</h1>
        <section class="mtt-card mtt-privacy-notice">
            <h2 class="mtt-h2">{move || ui.t().privacy_what_title}</h2>
            <p>{move || ui.t().privacy_what}</p>
            <h2 class="mtt-h2">{move || ui.t().privacy_why_title}</h2>
            <p>{move || ui.t().privacy_why}</p>
            <h2 class="mtt-h2">{move || ui.t().privacy_where_title}</h2>
            <p>{move || ui.t().privacy_where}</p>
            <h2 class="mtt-h2">{move || ui.t().privacy_delete_title}</h2>
            <p>{move || ui.t().privacy_delete} " " <a href="/drafts">{move || ui.t().drafts_link}</a></p>
        </section>
        <p><button type="button" class="mtt-button mtt-privacy-agree" on:click=agree>{move || ui.t().privacy_agree}</button></p>
    }
}

use leptos::prelude::*;

use crate::draft::Store;
use crate::{use_title, use_ui};

/// The first page: what the tool does, the steps ahead, and the promise that
/// nothing leaves the phone before submitting. `index.html` carries the same
/// page as static HTML so the first paint does not wait for wasm.
#[component]
pub fn Home() -> impl IntoView {
    let ui = use_ui();
    let t = move || ui.t();
    use_title(|t| t.home_doc_title);
    view! {
        <h1 class="mtt-h1">{move || t().home_title}</h1>
        <p class="mtt-lead">{move || t().home_lead}</p>
        <section class="mtt-card" aria-labelledby="mtt-home-does">
            <h2 id="mtt-home-does" class="mtt-h2">{move || t().home_does_title}</h2>
            <ul class="mtt-list">
                <li>{move || t().home_does_1}</li>
                <li>{move || t().home_does_2}</li>
                <li>{move || t().home_does_3}</li>
            </ul>
        </section>
        <section class="mtt-card" aria-labelledby="mtt-home-steps">
            <h2 id="mtt-home-steps" class="mtt-h2">{move || t().home_steps_title}</h2>
            <ol class="mtt-steps">
                <li>{move || t().home_step_1}</li>
                <li>{move || t().home_step_2}</li>
                <li>{move || t().home_step_3}</li>
                <li>{move || t().home_step_4}</li>
                <li>{move || t().home_step_5}</li>
            </ol>
        </section>
        <section class="mtt-card mtt-privacy" aria-labelledby="mtt-home-privacy">
            <h2 id="mtt-home-privacy" class="mtt-h2">{move || t().privacy_title}</h2>
            <p>{move || t().privacy_body}</p>
        </section>
        <p class="mtt-actions">
            <a class="mtt-button mtt-start" href="/apply">
                {move || if Store::current_id().is_some() { t().resume } else { t().start }}
            </a>
        </p>
    }
}

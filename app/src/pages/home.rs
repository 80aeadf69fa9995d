use std::cell::RefCell;

use leptos::prelude::*;

use crate::draft::Store;
use crate::fresh::IntoFresh;
use crate::{use_title, use_ui};

thread_local! {
    static PAPER_LINKS: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Keeps the static first screen's list of paper checklists (one link per
/// region, written into index.html from the packs by
/// scripts/paper-pages.mjs) for the live home page, which shows the same
/// list: the app holds no list of regions of its own.
pub fn remember_paper_links(html: String) {
    PAPER_LINKS.with(|l| *l.borrow_mut() = html);
}

/// The first page: what the tool does, the steps ahead, and the promise that
/// nothing leaves the phone before submitting. `index.html` carries the same
/// page as static HTML so the first paint does not wait for wasm.
///
/// One reactive region for the whole page (built anew when the language
/// changes; nothing on it takes focus), not one per string: each of the 20
/// text closures was a view type of its own whose code V8 compiled lazily,
/// on the main thread, in the task that builds this page (issue 15: the
/// long tasks in Lighthouse's trace, docs/bench.md).
#[component]
pub fn Home() -> impl IntoView {
    let ui = use_ui();
    use_title(|t| t.home_doc_title);
    let lang = Memo::new(move |_| ui.prefs.get().lang);
    move || {
        let t = crate::i18n::text(lang.get());
        let start = if Store::current_id().is_some() { t.resume } else { t.start };
        view! {
            <h1 class="mtt-h1">{t.home_title}</h1>
            <p class="mtt-actions">
                <a class="mtt-button mtt-start" href="/apply">{start}</a>
            </p>
            <p class="mtt-lead">{t.home_lead}</p>
            <section class="mtt-card" aria-labelledby="mtt-home-does">
                <h2 id="mtt-home-does" class="mtt-h2">{t.home_does_title}</h2>
                <ul class="mtt-list">
                    <li>{t.home_does_1}</li>
                    <li>{t.home_does_2}</li>
                    <li>{t.home_does_3}</li>
                </ul>
            </section>
            <section class="mtt-card" aria-labelledby="mtt-home-steps">
                <h2 id="mtt-home-steps" class="mtt-h2">{t.home_steps_title}</h2>
                <ol class="mtt-steps">
                    <li>{t.home_step_1}</li>
                    <li>{t.home_step_2}</li>
                    <li>{t.home_step_3}</li>
                    <li>{t.home_step_4}</li>
                    <li>{t.home_step_5}</li>
                </ol>
            </section>
            <section class="mtt-card mtt-privacy" aria-labelledby="mtt-home-privacy">
                <h2 id="mtt-home-privacy" class="mtt-h2">{t.privacy_title}</h2>
                <p>{t.privacy_body}</p>
            </section>
            {(!PAPER_LINKS.with(|l| l.borrow().is_empty())).then(|| view! {
                <section class="mtt-card mtt-paper" aria-labelledby="mtt-home-paper">
                    <h2 id="mtt-home-paper" class="mtt-h2">{t.home_paper_title}</h2>
                    <p>{t.home_paper_body}</p>
                    <ul class="mtt-paper-links" inner_html=PAPER_LINKS.with(|l| l.borrow().clone())></ul>
                </section>
            })}
        }
        .fresh()
    }
}

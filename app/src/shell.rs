//! The frame around every page: header with the language and elder-mode
//! switches, the main landmark, and the router.

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

use crate::pages::{
    CheckPage, DocumentPage, DraftsPage, PrivacyPage, LetterPage, ProxyPage, EstimatePage, Flow, Home, MaterialsPage, NextQuestion, NotFound, QuestionPage, ReadyPage,
    RegionPage, ResultPage, Resume, TimelinePage, WhoPage,
};
use crate::prefs::Prefs;
use crate::{use_ui, Ui};

/// The whole app. Mount it with `leptos::mount::mount_to`.
#[component]
pub fn App() -> impl IntoView {
    let prefs = RwSignal::new(Prefs::load());
    provide_context(Ui { prefs });
    // The outbox resumes on every start: an application queued before a
    // reload, a crash or going offline is sent now.
    let outbox = RwSignal::new(0u32);
    provide_context(outbox);
    crate::submit::start(outbox);

    // The document's language follows the choice (screen readers, fonts).
    Effect::new(move |_| {
        let tag = prefs.get().lang.tag();
        if let Some(html) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = html.set_attribute("lang", tag);
        }
    });

    view! {
        <div
            class="mtt-root"
            class:mtt-elder=move || prefs.get().elder
            lang=move || prefs.get().lang.tag()
        >
            <Router>
                <Header />
                <main id="mtt-main" class="mtt-main" tabindex="-1">
                    <Routes fallback=NotFound>
                        <Route path=path!("/") view=Home />
                        <Route path=path!("/drafts") view=DraftsPage />
                        <ParentRoute path=path!("/apply") view=Flow>
                            <Route path=path!("") view=Resume />
                            <Route path=path!("privacy") view=PrivacyPage />
                            <Route path=path!("region") view=RegionPage />
                            <Route path=path!("who") view=WhoPage />
                            <Route path=path!("proxy") view=ProxyPage />
                            <Route path=path!("letter") view=LetterPage />
                            <Route path=path!("q") view=NextQuestion />
                            <Route path=path!("q/*id") view=QuestionPage />
                            <Route path=path!("result") view=ResultPage />
                            <Route path=path!("materials") view=MaterialsPage />
                            <Route path=path!("materials/:id") view=DocumentPage />
                            <Route path=path!("estimate") view=EstimatePage />
                            <Route path=path!("timeline") view=TimelinePage />
                            <Route path=path!("check") view=CheckPage />
                            <Route path=path!("ready") view=ReadyPage />
                        </ParentRoute>
                    </Routes>
                </main>
            </Router>
        </div>
    }
}

#[component]
fn Header() -> impl IntoView {
    let ui = use_ui();
    let t = move || ui.t();
    let other_lang = move || ui.prefs.get().lang.other().tag();
    view! {
        <a class="mtt-skip" href="#mtt-main">{move || t().skip_to_main}</a>
        <header class="mtt-header">
            <a class="mtt-brand" href="/">
                <span class="mtt-brand-name">{move || t().app_name}</span>
                <span class="mtt-brand-tag">{move || t().tagline}</span>
            </a>
            <a class="mtt-switch mtt-drafts-link" href="/drafts">{move || t().drafts_link}</a>
            <div class="mtt-switches" role="group" aria-label=move || t().settings_label>
                <button
                    type="button"
                    class="mtt-switch mtt-switch-lang"
                    lang=other_lang
                    on:click=move |_| ui.set_prefs(|p| p.lang = p.lang.other())
                >
                    {move || t().lang_switch}
                </button>
                <button
                    type="button"
                    class="mtt-switch mtt-switch-elder"
                    aria-pressed=move || ui.prefs.get().elder.to_string()
                    on:click=move |_| ui.set_prefs(|p| p.elder = !p.elder)
                >
                    {move || t().elder_switch}
                </button>
            </div>
        </header>
    }
}

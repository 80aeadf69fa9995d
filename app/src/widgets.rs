//! Form pieces shared by the flow's pages, in the GOV.UK pattern: one
//! question per page, the question as the page's heading, an error summary
//! that takes focus, "错误：" / "Error: " in the title while there is an error.

use leptos::html;
use leptos::prelude::*;
use crate::fresh::{nothing, show, IntoFresh};
use crate::fresh::dom::{attr, B};
use web_sys::Element;

use crate::i18n::Text;
use crate::use_ui;
use mantetong_core::pack::Cite;

/// The citation a citizen reads: "政策出处：<document title> <section>",
/// never a file name (the `source` is for rule authors, in
/// [`AuthorSources`]).
pub fn cite_text(t: &crate::i18n::Text, en: bool, cite: Option<&Cite>) -> String {
    match cite {
        Some(c) => {
            let title = if en { &c.title_en } else { &c.title };
            format!("{}{}{}{}", t.source_label, title, if c.section.is_empty() { "" } else { " " }, c.section)
        }
        None => String::new(),
    }
}

/// For rule authors: the file and section behind each citation on the
/// page, folded away (a citizen sees only titles and sections).
#[component]
pub fn AuthorSources(#[prop(into)] sources: Signal<Vec<(String, String)>>) -> impl IntoView {
    view! {
        <details class="mtt-details mtt-author-sources">
            <summary>{tr(|t| t.author_sources)}</summary>
            <ul>{move || sources.get().into_iter().map(|(what, src)| view! {
                <li><span>{what}</span>": "<code>{src}</code></li>
            }).collect_view().fresh()}</ul>
        </details>
    }
}

/// [`AuthorSources`] in a [`crate::fresh::dom`] region (top-level without
/// a `parent`).
pub fn author_sources(b: &mut B, parent: Option<&Element>, t: &Text, sources: &[(String, String)]) {
    let details = b.el(parent, "details", "mtt-details mtt-author-sources");
    b.leaf(&details, "summary", "", t.author_sources);
    let ul = b.add(&details, "ul", "");
    for (what, src) in sources {
        let li = b.add(&ul, "li", "");
        b.leaf(&li, "span", "", what);
        b.text(&li, ": ");
        b.leaf(&li, "code", "", src);
    }
}

/// [`ReadAloud`] at the top of a [`crate::fresh::dom`] region, for a text
/// that is fixed while the region stands.
pub fn read_aloud(b: &mut B, t: &Text, text: String) {
    let Some(synth) = web_sys::window().and_then(|w| w.speech_synthesis().ok()) else { return };
    let ui = use_ui();
    let button = b.root_leaf("button", "mtt-switch mtt-read-aloud", t.read_aloud);
    attr(&button, "type", "button");
    b.click(&button, move |_| {
        synth.cancel();
        if let Ok(u) = web_sys::SpeechSynthesisUtterance::new_with_text(&text) {
            u.set_lang(ui.prefs.get_untracked().lang.tag());
            synth.speak(&u);
        }
    });
}

/// A string of the interface in the person's language, as a reactive text
/// or attribute value: `{tr(|t| t.check_title)}` where a page had
/// `{move || ui.t().check_title}`. Every call returns the same closure type,
/// so the renderer's effect for a reactive text is compiled once for all of
/// them instead of once per closure (each `move ||` is a type of its own;
/// ~0.5 KB of wasm each; issue 15).
pub fn tr(key: fn(&Text) -> &'static str) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let ui = use_ui();
    move || key(ui.t())
}

/// [`tr`] as a `Signal<String>`, for a component's `#[prop(into)]`
/// (one signal type for every such label).
pub fn tr_signal(key: fn(&Text) -> &'static str) -> Signal<String> {
    let ui = use_ui();
    Signal::derive(move || key(ui.t()).to_string())
}

/// A click handler, boxed: every `on:click=on_click(...)` is then one
/// handler type, so tachys' code that attaches a listener is compiled once
/// instead of once per closure (~360 bytes of wasm each; issue 15).
pub fn on_click(f: impl FnMut(leptos::ev::MouseEvent) + 'static) -> Box<dyn FnMut(leptos::ev::MouseEvent)> {
    Box::new(f)
}

/// No error: the `error` of a page or a field that has none (one type for
/// all of them, where each `Signal::derive(|| None)` was a type of its own).
pub fn no_error() -> Signal<Option<String>> {
    Signal::stored(None)
}

/// Sets the document title, prefixed while `error` is set.
pub fn page_title(title: impl Fn() -> String + 'static, error: Signal<Option<String>>) {
    page_title_boxed(Box::new(title), error)
}

/// The effect of [`page_title`], compiled once (not once per page's title
/// closure).
fn page_title_boxed(title: Box<dyn Fn() -> String>, error: Signal<Option<String>>) {
    let ui = use_ui();
    Effect::new(move |_| {
        let t = title();
        let full = if error.get().is_some() { format!("{}{}", ui.t().error_prefix, t) } else { t };
        if !crate::embed::owns_document() {
            return; // a host's page keeps its own title
        }
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            doc.set_title(&full);
        }
    });
}

/// The error summary at the top of the page. It takes focus when it appears
/// so screen-reader and keyboard users land on it; its link goes to the field.
#[component]
pub fn ErrorSummary(error: Signal<Option<String>>, field: &'static str) -> impl IntoView {
    let node = NodeRef::<html::Div>::new();
    Effect::new(move |_| {
        if error.get().is_some() {
            if let Some(el) = node.get() {
                let _ = el.focus();
            }
        }
    });
    view! {
        {show(move || error.get().is_some(), move || view! {
            <div class="mtt-error-summary" role="alert" tabindex="-1" node_ref=node>
                <h2 class="mtt-h2">{tr(|t| t.error_summary_title)}</h2>
                <a href=format!("#{field}")>{move || error.get().unwrap_or_default()}</a>
            </div>
        }.fresh(), nothing)}
    }
}

/// A radio group. `legend` is the page's question (rendered as its h1).
#[component]
pub fn Radios(
    name: &'static str,
    #[prop(into)] legend: Signal<String>,
    #[prop(optional, into)] hint: MaybeProp<String>,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    selected: RwSignal<Option<String>>,
    error: Signal<Option<String>>,
    #[prop(optional)] heading: bool,
) -> impl IntoView {
    let ui = use_ui();
    view! {
        <fieldset
            class="mtt-fieldset"
            class:mtt-field-error=move || error.get().is_some()
            aria-describedby=move || {
                let mut ids = Vec::new();
                if hint.get().is_some() { ids.push(format!("{name}-hint")); }
                if error.get().is_some() { ids.push(format!("{name}-error")); }
                ids.join(" ")
            }
        >
            <legend class="mtt-legend">
                {if heading {
                    view! { <h1 class="mtt-h1">{legend}</h1> }.fresh()
                } else {
                    view! { <span class="mtt-h2">{legend}</span> }.fresh()
                }}
            </legend>
            {move || hint.get().map(|h| view! { <p class="mtt-hint" id=format!("{name}-hint")>{h}</p> }.fresh())}
            {move || error.get().map(|e| view! {
                <p class="mtt-error-message" id=format!("{name}-error")>
                    <span class="mtt-visually-hidden">{ui.t().error_prefix}</span>{e}
                </p>
            }.fresh())}
            <div class="mtt-radios" id=name>
                // Built anew when the options change (another question, another
                // language), not diffed by key: a keyed <For> compiles its own
                // diff for this one list (~6 KB of wasm), and kept the old
                // labels of options whose ids stayed the same.
                {move || options.get().into_iter().enumerate().map(|(i, (id, label))| {
                    let input_id = format!("{name}-{i}");
                    let value = id.clone();
                    view! {
                        <div class="mtt-radio">
                            <input
                                type="radio"
                                id=input_id.clone()
                                name=name
                                value=id.clone()
                                prop:checked=move || selected.get().as_deref() == Some(id.as_str())
                                on:change=move |_| selected.set(Some(value.clone()))
                            />
                            <label for=input_id>{label}</label>
                        </div>
                    }
                }).collect_view().fresh()}
            </div>
        </fieldset>
    }
}

/// "Why we ask" with the policy citation (title and section), folded under
/// the question; the file reference only for rule authors.
#[component]
pub fn WhyWeAsk(#[prop(into)] why: Signal<String>, #[prop(into)] cite: Signal<String>, #[prop(into)] source: Signal<String>) -> impl IntoView {
    let ui = use_ui();
    view! {
        <details class="mtt-details">
            <summary>{tr(|t| t.why_we_ask)}</summary>
            <p>{why}</p>
            <p class="mtt-source">{cite}</p>
            <AuthorSources sources=Signal::derive(move || vec![(ui.t().why_we_ask.to_string(), source.get())]) />
        </details>
    }
}

/// Reads `text` aloud with the Web Speech API in the page's language; the
/// button is left out where the browser has no speech synthesis.
#[component]
pub fn ReadAloud(#[prop(into)] text: Signal<String>) -> impl IntoView {
    let ui = use_ui();
    let synth = web_sys::window().and_then(|w| w.speech_synthesis().ok());
    synth.map(|synth| {
        view! {
            <button
                type="button"
                class="mtt-switch mtt-read-aloud"
                on:click=on_click(move |_| {
                    synth.cancel();
                    if let Ok(u) = web_sys::SpeechSynthesisUtterance::new_with_text(&text.get_untracked()) {
                        u.set_lang(ui.prefs.get_untracked().lang.tag());
                        synth.speak(&u);
                    }
                })
            >
                {tr(|t| t.read_aloud)}
            </button>
        }
    })
}

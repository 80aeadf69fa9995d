//! Form pieces shared by the flow's pages, in the GOV.UK pattern: one
//! question per page, the question as the page's heading, an error summary
//! that takes focus, "错误：" / "Error: " in the title while there is an error.

use leptos::html;
use leptos::prelude::*;
use crate::fresh::dom::{attr, dom, Dom, B};
use leptos::tachys::html::node_ref::NodeRefContainer;
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
    let ui = use_ui();
    dom(move |b| author_sources(b, None, ui.t(), &sources.get()))
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

/// An effect (`Effect::new`), compiled once for all the app's effects:
/// each closure handed to `Effect::new` is a type of its own and gets its
/// own copy of the effect's set-up, run and clean-up code (~0.7 KB of wasm
/// each; issue 15). Runs as `Effect::new` runs (after the current render,
/// then whenever what it read changes).
pub fn effect(f: impl FnMut() + 'static) {
    effect_boxed(Box::new(f))
}

#[inline(never)]
fn effect_boxed(mut f: Box<dyn FnMut()>) {
    Effect::new(move |_| f());
}

/// `Memo::new` of a `bool`, compiled once for every such memo (see
/// [`effect`]).
pub fn memo_bool(f: impl Fn() -> bool + Send + Sync + 'static) -> Memo<bool> {
    memo_bool_boxed(Box::new(f))
}

#[inline(never)]
fn memo_bool_boxed(f: Box<dyn Fn() -> bool + Send + Sync>) -> Memo<bool> {
    Memo::new(move |_| f())
}

/// `Signal::derive`, compiled once per value type instead of once per
/// closure (see [`effect`]).
pub fn derived<T: Send + Sync + 'static>(f: impl Fn() -> T + Send + Sync + 'static) -> Signal<T> {
    derived_boxed(Box::new(f))
}

#[inline(never)]
fn derived_boxed<T: Send + Sync + 'static>(f: Box<dyn Fn() -> T + Send + Sync>) -> Signal<T> {
    Signal::derive(move || f())
}

/// Sets the document title, prefixed while `error` is set.
pub fn page_title(title: impl Fn() -> String + 'static, error: Signal<Option<String>>) {
    page_title_boxed(Box::new(title), error)
}

/// The effect of [`page_title`], compiled once (not once per page's title
/// closure).
fn page_title_boxed(title: Box<dyn Fn() -> String>, error: Signal<Option<String>>) {
    let ui = use_ui();
    effect(move || {
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
    error_summary(error, field)
}

/// [`ErrorSummary`] as a [`crate::fresh::dom`] region.
pub fn error_summary(error: Signal<Option<String>>, field: &'static str) -> Dom {
    let node = NodeRef::<html::Div>::new();
    effect(move || {
        if error.get().is_some() {
            if let Some(el) = node.get() {
                let _ = el.focus();
            }
        }
    });
    // Built when an error appears (its text follows the error), taken out
    // when it goes.
    let shown = memo_bool(move || error.get().is_some());
    let ui = use_ui();
    dom(move |b| {
        if !shown.get() {
            return;
        }
        let div = b.root("div", "mtt-error-summary");
        B::attrs(&div, &[("role", "alert"), ("tabindex", "-1")]);
        node.load(&div);
        b.leaf(&div, "h2", "mtt-h2", ui.t().error_summary_title);
        let a = b.add(&div, "a", "");
        attr(&a, "href", &format!("#{field}"));
        b.bind_text(&a, Box::new(move || error.get().unwrap_or_default()));
    })
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
    radios(name, legend, hint, options, selected, error, heading)
}

/// [`Radios`] as a [`crate::fresh::dom`] region.
pub fn radios(
    name: &'static str,
    legend: Signal<String>,
    hint: MaybeProp<String>,
    options: Signal<Vec<(String, String)>>,
    selected: RwSignal<Option<String>>,
    error: Signal<Option<String>>,
    heading: bool,
) -> Dom {
    let ui = use_ui();
    dom(move |b| {
        let fieldset = b.root("fieldset", "mtt-fieldset");
        b.bind_attr(&fieldset, "class", Box::new(move || {
            Some(if error.get().is_some() { "mtt-fieldset mtt-field-error" } else { "mtt-fieldset" }.to_string())
        }));
        b.bind_attr(&fieldset, "aria-describedby", Box::new(move || {
            let mut ids = Vec::new();
            if hint.get().is_some() { ids.push(format!("{name}-hint")); }
            if error.get().is_some() { ids.push(format!("{name}-error")); }
            Some(ids.join(" "))
        }));
        let legend_el = b.add(&fieldset, "legend", "mtt-legend");
        let title = if heading { b.add(&legend_el, "h1", "mtt-h1") } else { b.add(&legend_el, "span", "mtt-h2") };
        b.bind_text(&title, Box::new(move || legend.get()));
        b.region(&fieldset, dom(move |b| {
            if let Some(h) = hint.get() {
                attr(&b.root_leaf("p", "mtt-hint", &h), "id", &format!("{name}-hint"));
            }
        }));
        b.region(&fieldset, dom(move |b| {
            if let Some(e) = error.get() {
                let p = b.root("p", "mtt-error-message");
                attr(&p, "id", &format!("{name}-error"));
                b.hidden(&p, ui.t().error_prefix);
                b.text(&p, &e);
            }
        }));
        let radios = b.add(&fieldset, "div", "mtt-radios");
        attr(&radios, "id", name);
        // Built anew when the options change (another question, another
        // language), not diffed by key: a keyed <For> compiles its own
        // diff for this one list, and kept the old labels of options whose
        // ids stayed the same.
        b.region(&radios, dom(move |b| {
            for (i, (id, label)) in options.get().into_iter().enumerate() {
                let input_id = format!("{name}-{i}");
                let div = b.root("div", "mtt-radio");
                let input = b.add(&div, "input", "");
                B::attrs(&input, &[("type", "radio"), ("id", &input_id), ("name", name), ("value", &id)]);
                let value = id.clone();
                b.bind_checked(&input, Box::new(move || selected.get().as_deref() == Some(id.as_str())));
                b.on(&input, "change", Box::new(move |_| selected.set(Some(value.clone()))));
                attr(&b.leaf(&div, "label", "", &label), "for", &input_id);
            }
        }));
    })
}

/// "Why we ask" with the policy citation (title and section), folded under
/// the question; the file reference only for rule authors.
#[component]
pub fn WhyWeAsk(#[prop(into)] why: Signal<String>, #[prop(into)] cite: Signal<String>, #[prop(into)] source: Signal<String>) -> impl IntoView {
    why_we_ask(why, cite, source)
}

/// [`WhyWeAsk`] as a [`crate::fresh::dom`] region.
pub fn why_we_ask(why: Signal<String>, cite: Signal<String>, source: Signal<String>) -> Dom {
    let ui = use_ui();
    dom(move |b| {
        let details = b.root("details", "mtt-details");
        let summary = b.add(&details, "summary", "");
        b.tr(&summary, |t| t.why_we_ask);
        let p = b.add(&details, "p", "");
        b.bind_text(&p, Box::new(move || why.get()));
        let p = b.add(&details, "p", "mtt-source");
        b.bind_text(&p, Box::new(move || cite.get()));
        b.region(&details, dom(move |b| {
            let t = ui.t();
            author_sources(b, None, t, &[(t.why_we_ask.to_string(), source.get())]);
        }));
    })
}

/// Reads `text` aloud with the Web Speech API in the page's language; the
/// button is left out where the browser has no speech synthesis.
#[component]
pub fn ReadAloud(#[prop(into)] text: Signal<String>) -> impl IntoView {
    read_aloud_button(text)
}

/// [`ReadAloud`] as a [`crate::fresh::dom`] region.
pub fn read_aloud_button(text: Signal<String>) -> Dom {
    let ui = use_ui();
    dom(move |b| {
        let Some(synth) = web_sys::window().and_then(|w| w.speech_synthesis().ok()) else { return };
        let button = b.root("button", "mtt-switch mtt-read-aloud");
        attr(&button, "type", "button");
        b.click(&button, move |_| {
            synth.cancel();
            if let Ok(u) = web_sys::SpeechSynthesisUtterance::new_with_text(&text.get_untracked()) {
                u.set_lang(ui.prefs.get_untracked().lang.tag());
                synth.speak(&u);
            }
        });
        b.tr(&button, |t| t.read_aloud);
    })
}

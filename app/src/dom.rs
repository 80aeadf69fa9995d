//! A region built with plain DOM calls: [`dom`].
//!
//! tachys compiles, for every `view!` tree, its own code to construct the
//! tree's value, to build it, and to drop its state (element by element,
//! attribute by attribute): the pages' markup was most of the module past
//! home (issue 15, docs/size.md). A region whose content is replaced as a
//! whole when what it reads changes (a page's answer, a list, a reading)
//! needs none of that: [`dom`] runs one closure that creates the elements
//! with a few non-generic calls ([`B::add`], [`B::text`], [`attr`], ...),
//! inside one render effect type for all regions, and puts them in place of
//! the old ones. The markup (tags, classes, ids, ARIA, text) is the same as
//! the `view!` it replaces.
//!
//! Use it for regions rebuilt whole; not for a region that holds an input
//! whose text the person is typing (a rebuild would recreate it).

use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::tachys::html::attribute::any_attribute::AnyAttribute;
use leptos::tachys::hydration::Cursor;
use leptos::tachys::view::{Mountable, Position, PositionState, Render, RenderHtml};
use leptos::wasm_bindgen::closure::Closure;
use leptos::wasm_bindgen::JsCast;
use leptos::reactive::effect::RenderEffect;
use web_sys::{Element, Node};

use crate::fresh::Fresh;

/// Builds a region's nodes: the top-level ones it made, and what must live
/// as long as they do (event listeners, embedded views, bound texts).
pub struct B {
    doc: web_sys::Document,
    roots: Vec<Root>,
    keep: Vec<Box<dyn Any>>,
}

fn document() -> web_sys::Document {
    web_sys::window().and_then(|w| w.document()).expect("a document")
}

impl B {
    fn new() -> B {
        B { doc: document(), roots: Vec::new(), keep: Vec::new() }
    }

    fn make(&self, tag: &str, class: &str) -> Element {
        let e = self.doc.create_element(tag).expect("an element");
        if !class.is_empty() {
            attr(&e, "class", class);
        }
        e
    }

    /// An SVG element `<tag class=class>` appended to `parent`.
    pub fn svg(&mut self, parent: &Element, tag: &str, class: &str) -> Element {
        let e = self.doc.create_element_ns(Some("http://www.w3.org/2000/svg"), tag).expect("an element");
        if !class.is_empty() {
            attr(&e, "class", class);
        }
        let _ = parent.append_child(&e);
        e
    }

    /// Sets the attributes `pairs` of `e`.
    pub fn attrs(e: &Element, pairs: &[(&str, &str)]) {
        for (k, v) in pairs {
            attr(e, k, v);
        }
    }

    /// A top-level element `<tag class=class>` ("" = no class attribute).
    pub fn root(&mut self, tag: &str, class: &str) -> Element {
        let e = self.make(tag, class);
        self.roots.push(Root::Node(e.clone().into()));
        e
    }

    /// `<tag class=class>` appended to `parent`, or top-level without one.
    pub fn el(&mut self, parent: Option<&Element>, tag: &str, class: &str) -> Element {
        match parent {
            Some(p) => self.add(p, tag, class),
            None => self.root(tag, class),
        }
    }

    /// `<tag class=class>` appended to `parent`.
    pub fn add(&mut self, parent: &Element, tag: &str, class: &str) -> Element {
        let e = self.make(tag, class);
        let _ = parent.append_child(&e);
        e
    }

    /// `<tag class=class>text</tag>` appended to `parent`.
    pub fn leaf(&mut self, parent: &Element, tag: &str, class: &str, text: &str) -> Element {
        let e = self.add(parent, tag, class);
        self.text(&e, text);
        e
    }

    /// A top-level `<tag class=class>text</tag>`.
    pub fn root_leaf(&mut self, tag: &str, class: &str, text: &str) -> Element {
        let e = self.root(tag, class);
        self.text(&e, text);
        e
    }

    /// A text node appended to `parent` (nothing for an empty text, as
    /// tachys renders an empty string as an empty text node: kept the same).
    pub fn text(&mut self, parent: &Element, text: &str) {
        let _ = parent.append_child(&self.doc.create_text_node(text));
    }

    /// A top-level text node.
    pub fn root_text(&mut self, text: &str) {
        self.roots.push(Root::Node(self.doc.create_text_node(text).into()));
    }

    /// `<span class="mtt-visually-hidden">text</span>` in `parent`: the words
    /// a screen reader hears after a short visible label.
    pub fn hidden(&mut self, parent: &Element, text: &str) {
        self.leaf(parent, "span", "mtt-visually-hidden", text);
    }

    /// A listener for `event` on `e`, run in the region's reactive owner (as
    /// tachys runs `on:` handlers); removed with the region.
    pub fn on(&mut self, e: &Element, event: &str, mut f: Box<dyn FnMut(web_sys::Event)>) {
        let owner = Owner::current();
        let cb = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| match &owner {
            Some(o) => o.with(|| f(ev)),
            None => f(ev),
        });
        let _ = e.add_event_listener_with_callback(event, cb.as_ref().unchecked_ref());
        self.keep.push(Box::new(cb));
    }

    /// A click listener on `e` (see [`B::on`]).
    pub fn click(&mut self, e: &Element, f: impl FnMut(web_sys::Event) + 'static) {
        self.on(e, "click", Box::new(f));
    }

    /// A Leptos view inside `parent`, after what is already there.
    pub fn view(&mut self, parent: &Element, v: Fresh) {
        let mut state = v.build();
        state.mount(parent, None);
        self.keep.push(Box::new(state));
    }

    /// A region of its own inside `parent`, after what is already there.
    pub fn region(&mut self, parent: &Element, d: Dom) {
        let mut state = d.build();
        state.mount(parent, None);
        self.keep.push(Box::new(state));
    }

    /// A region of its own at the top, after what is already there.
    pub fn root_region(&mut self, d: Dom) {
        self.roots.push(Root::Region(d.build()));
    }

    /// A text appended to `parent` that follows what `f` reads.
    pub fn bind_text(&mut self, parent: &Element, f: Box<dyn Fn() -> String>) {
        let node = self.doc.create_text_node("");
        let _ = parent.append_child(&node);
        self.keep.push(Box::new(render_effect(Box::new(move || node.set_data(&f())))));
    }

    /// A text of the interface appended to `parent`, in the person's
    /// language (follows a change of language).
    pub fn tr(&mut self, parent: &Element, key: fn(&crate::i18n::Text) -> &'static str) {
        let ui = crate::use_ui();
        self.bind_text(parent, Box::new(move || key(ui.t()).to_string()));
    }

    /// The `checked` property of the input `e`, following what `f` reads.
    pub fn bind_checked(&mut self, e: &Element, f: Box<dyn Fn() -> bool>) {
        let input: web_sys::HtmlInputElement = e.clone().unchecked_into();
        self.keep.push(Box::new(render_effect(Box::new(move || input.set_checked(f())))));
    }

    /// The `value` property of the input `e`, following what `f` reads.
    pub fn bind_value(&mut self, e: &Element, f: Box<dyn Fn() -> String>) {
        let input: web_sys::HtmlInputElement = e.clone().unchecked_into();
        self.keep.push(Box::new(render_effect(Box::new(move || input.set_value(&f())))));
    }

    /// An attribute of `e` that follows what `f` reads (`None`: absent).
    pub fn bind_attr(&mut self, e: &Element, name: &'static str, f: Box<dyn Fn() -> Option<String>>) {
        let e = e.clone();
        self.keep.push(Box::new(render_effect(Box::new(move || match f() {
            Some(v) => {
                let _ = e.set_attribute(name, &v);
            }
            None => {
                let _ = e.remove_attribute(name);
            }
        }))));
    }

    fn finish(self) -> Built {
        Built { roots: self.roots, _keep: self.keep }
    }
}

/// A render effect running `f`: one closure type for every bound text,
/// property, attribute and region, so the render effect's code is compiled
/// once (each closure given to `RenderEffect::new` is a type of its own
/// with its own copy; issue 15).
#[inline(never)]
fn render_effect(f: Box<dyn Fn()>) -> RenderEffect<()> {
    RenderEffect::new(move |_| f())
}

/// Sets attribute `name` of `e`.
pub fn attr(e: &Element, name: &str, value: &str) {
    let _ = e.set_attribute(name, value);
}

/// A top-level node of a region, or a region inside it at the top.
enum Root {
    Node(Node),
    Region(DomState),
}

/// What one run of a region made.
struct Built {
    roots: Vec<Root>,
    _keep: Vec<Box<dyn Any>>,
}

impl Built {
    fn take_out(&mut self) {
        for r in &mut self.roots {
            match r {
                Root::Node(n) => {
                    if let Some(p) = n.parent_node() {
                        let _ = p.remove_child(n);
                    }
                }
                Root::Region(s) => s.unmount(),
            }
        }
    }

    fn put_in(&mut self, parent: &Element, before: Option<&Node>) {
        for r in &mut self.roots {
            match r {
                Root::Node(n) => {
                    let _ = parent.insert_before(n, before);
                }
                Root::Region(s) => s.mount(parent, before),
            }
        }
    }
}

/// A region built by `f` and built again whenever what `f` read changes.
pub fn dom(f: impl Fn(&mut B) + Send + 'static) -> Dom {
    Dom(Box::new(f))
}

/// See [`dom`].
pub struct Dom(Box<dyn Fn(&mut B) + Send>);

/// A built [`Dom`]: a marker comment, then the current nodes (kept in step
/// by the render effect, which this state keeps alive).
pub struct DomState {
    marker: Node,
    current: Rc<RefCell<Option<Built>>>,
    _effect: RenderEffect<()>,
}

/// What the region built goes with it: its listeners, bound texts and
/// inner regions stop at once (the render effect's task, which also holds
/// them, ends only when it next runs), so none of them reads a signal of a
/// page already gone.
impl Drop for DomState {
    fn drop(&mut self) {
        let built = self.current.borrow_mut().take();
        drop(built);
    }
}

impl Render for Dom {
    type State = DomState;

    fn build(self) -> DomState {
        let marker: Node = document().create_comment("").into();
        let current = Rc::new(RefCell::new(None::<Built>));
        let f = self.0;
        let (m, cur) = (marker.clone(), current.clone());
        let effect = render_effect(Box::new(move || {
            let mut b = B::new();
            f(&mut b);
            let mut built = b.finish();
            let old = cur.borrow_mut().take();
            if let Some(mut old) = old {
                // A rebuild: in place of the old nodes, right after the marker.
                old.take_out();
                if let Some(parent) = m.parent_node().and_then(|p| p.dyn_into::<Element>().ok()) {
                    built.put_in(&parent, m.next_sibling().as_ref());
                }
            }
            *cur.borrow_mut() = Some(built);
        }));
        DomState { marker, current, _effect: effect }
    }

    fn rebuild(self, state: &mut DomState) {
        let parent = state.marker.parent_node().and_then(|p| p.dyn_into::<Element>().ok());
        let before = state.marker.clone();
        let mut new = self.build();
        if let Some(parent) = parent {
            new.mount(&parent, Some(&before));
        }
        state.unmount();
        *state = new;
    }
}

impl Mountable for DomState {
    fn unmount(&mut self) {
        if let Some(b) = self.current.borrow_mut().as_mut() {
            b.take_out();
        }
        if let Some(p) = self.marker.parent_node() {
            let _ = p.remove_child(&self.marker);
        }
    }

    fn mount(&mut self, parent: &Element, marker: Option<&Node>) {
        let _ = parent.insert_before(&self.marker, marker);
        if let Some(b) = self.current.borrow_mut().as_mut() {
            b.put_in(parent, marker);
        }
    }

    fn insert_before_this(&self, child: &mut dyn Mountable) -> bool {
        match self.marker.parent_node().and_then(|p| p.dyn_into::<Element>().ok()) {
            Some(parent) => {
                child.mount(&parent, Some(&self.marker));
                true
            }
            None => false,
        }
    }

    /// None: a region takes no spread attributes.
    fn elements(&self) -> Vec<Element> {
        Vec::new()
    }
}

leptos::tachys::no_attrs!(Dom);

crate::fresh::browser_only_html!(Dom, DomState);

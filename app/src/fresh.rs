//! A view that is built anew instead of patched: [`fresh`].
//!
//! Every view type Leptos renders gets its own copy of tachys' `build`
//! *and* `rebuild` (the in-place diff), and `.into_any()` keeps both behind
//! function pointers. Most of the app's reactive regions (a page under the
//! flow, a block that appears when the core answers) are replaced whole
//! when their signal moves, so the diff is code the module carries for
//! little. `fresh(view)` erases the type like `.into_any()` but keeps only
//! `build`: on a change the new view is built and put where the old one was,
//! and the old one is taken out (docs/size.md, 2026-12-01).
//!
//! Use it for regions whose content is replaced as a whole; not where an
//! input inside the region keeps focus while the region's own signal
//! changes (a rebuild would recreate the input).

/// The plain-DOM builder (app/src/dom.rs), reached as `fresh::dom` too.
pub use crate::dom;

use leptos::tachys::erased::Erased;
use leptos::wasm_bindgen::JsCast;
use leptos::tachys::html::attribute::any_attribute::AnyAttribute;
use leptos::tachys::hydration::Cursor;
use leptos::tachys::renderer::types::{Element, Node, Placeholder};
use leptos::tachys::renderer::Rndr;
use leptos::tachys::view::{Mountable, Position, PositionState, Render, RenderHtml};

/// A type-erased view built whole on every change (see the module notes).
pub struct Fresh {
    value: Erased,
    build: fn(Erased) -> Box<dyn Mount>,
}

/// What a fresh region does with its built view: the part of tachys'
/// `Mountable` it calls. Not `dyn Mountable`, whose vtable would compile
/// `Mountable::elements` (the element list for attribute spreading, which
/// the app never does on a region) and `insert_before_this` for every view
/// type under every region (issue 15).
trait Mount {
    fn take_out(&mut self);
    fn put_in(&mut self, parent: &Element, marker: Option<&Node>);
}

impl<T: Mountable> Mount for T {
    fn take_out(&mut self) {
        self.unmount()
    }

    fn put_in(&mut self, parent: &Element, marker: Option<&Node>) {
        self.mount(parent, marker)
    }
}

/// A built [`Fresh`]: a marker comment, then the view's own state. A
/// rebuilt view goes right after the marker, so it lands in the same place
/// even when the old one rendered nothing, and whatever is inserted before
/// the region goes before the marker (the view's own
/// `insert_before_this` is never needed).
pub struct FreshState {
    view: Box<dyn Mount>,
    marker: Placeholder,
}

/// Erases `view` to a [`Fresh`].
pub fn fresh<V>(view: V) -> Fresh
where
    V: Render + Send + 'static,
    V::State: 'static,
{
    fn build<V: Render + Send + 'static>(value: Erased) -> Box<dyn Mount>
    where
        V::State: 'static,
    {
        Box::new(value.into_inner::<V>().build())
    }
    Fresh { value: Erased::new(view), build: build::<V> }
}

impl Render for Fresh {
    type State = FreshState;

    fn build(self) -> FreshState {
        let marker = Rndr::create_placeholder();
        FreshState { view: (self.build)(self.value), marker }
    }

    fn rebuild(self, state: &mut FreshState) {
        let mut view = (self.build)(self.value);
        // After the marker, before the old view (taken out next).
        let marker: &Node = state.marker.as_ref();
        if let Some(parent) = marker.parent_node().and_then(|p| p.dyn_into::<Element>().ok()) {
            view.put_in(&parent, marker.next_sibling().as_ref());
        }
        state.view.take_out();
        state.view = view;
    }
}

impl Mountable for FreshState {
    fn unmount(&mut self) {
        self.view.take_out();
        self.marker.unmount();
    }

    fn mount(&mut self, parent: &Element, marker: Option<&Node>) {
        self.marker.mount(parent, marker);
        self.view.put_in(parent, marker);
    }

    fn insert_before_this(&self, child: &mut dyn Mountable) -> bool {
        self.marker.insert_before_this(child)
    }

    /// None: a fresh region takes no spread attributes (see [`Mount`]).
    fn elements(&self) -> Vec<Element> {
        Vec::new()
    }
}

leptos::tachys::no_attrs!(Fresh);

/// `RenderHtml` for a view the app builds in the browser only (no server
/// rendering, no hydration): the HTML half of the trait is never called.
/// For [`Fresh`] and [`dom::Dom`](crate::dom::Dom); the caller's module
/// imports the trait's types.
macro_rules! browser_only_html {
    ($view:ty, $state:ty) => {
        impl RenderHtml for $view {
            type AsyncOutput = Self;
            type Owned = Self;
            const MIN_LENGTH: usize = 0;

            fn dry_resolve(&mut self) {}

            async fn resolve(self) -> Self {
                self
            }

            fn to_html_with_buf(self, _: &mut String, _: &mut Position, _: bool, _: bool, _: Vec<AnyAttribute>) {}

            fn hydrate<const FROM_SERVER: bool>(self, _: &Cursor, _: &PositionState) -> $state {
                self.build()
            }

            fn into_owned(self) -> Self {
                self
            }
        }
    };
}
pub(crate) use browser_only_html;

browser_only_html!(Fresh, FreshState);

/// `view.fresh()`: the method form of [`fresh`], where `.into_any()` was.
pub trait IntoFresh {
    fn fresh(self) -> Fresh;
}

impl<V> IntoFresh for V
where
    V: Render + Send + 'static,
    V::State: 'static,
{
    fn fresh(self) -> Fresh {
        fresh(self)
    }
}

/// What `<Show>` does (the `when` memoised, so the shown view is built
/// again only when `when` flips), for fresh views: `<Show>` erases its
/// fallback to `AnyView` and diffs its children through an `Either`,
/// compiled anew for every use; this is one render closure for all of
/// them (issue 15).
pub fn show(
    when: impl Fn() -> bool + Send + Sync + 'static,
    yes: impl Fn() -> Fresh + Send + Sync + 'static,
    no: impl Fn() -> Fresh + Send + Sync + 'static,
) -> impl leptos::prelude::IntoView {
    type Pick = std::sync::Arc<dyn Fn() -> Fresh + Send + Sync>;
    fn erased(when: leptos::prelude::Memo<bool>, yes: Pick, no: Pick) -> impl leptos::prelude::IntoView {
        use leptos::prelude::Get;
        move || if when.get() { yes() } else { no() }
    }
    erased(crate::widgets::memo_bool(when), std::sync::Arc::new(yes), std::sync::Arc::new(no))
}

/// Nothing, as a fresh view (a `show` without a fallback).
pub fn nothing() -> Fresh {
    fresh(())
}

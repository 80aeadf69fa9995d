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

use leptos::tachys::erased::Erased;
use leptos::tachys::html::attribute::any_attribute::AnyAttribute;
use leptos::tachys::hydration::Cursor;
use leptos::tachys::renderer::types::{Element, Node, Placeholder};
use leptos::tachys::renderer::Rndr;
use leptos::tachys::view::{Mountable, Position, PositionState, Render, RenderHtml};

/// A type-erased view built whole on every change (see the module notes).
pub struct Fresh {
    value: Erased,
    build: fn(Erased) -> Box<dyn Mountable>,
}

/// A built [`Fresh`]: the view's own state and a marker comment after it,
/// so that a rebuilt view lands in the same place even when the old one
/// rendered nothing.
pub struct FreshState {
    view: Box<dyn Mountable>,
    marker: Placeholder,
}

/// Erases `view` to a [`Fresh`].
pub fn fresh<V>(view: V) -> Fresh
where
    V: Render + Send + 'static,
    V::State: 'static,
{
    fn build<V: Render + Send + 'static>(value: Erased) -> Box<dyn Mountable>
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
        FreshState { view: (self.build)(self.value), marker: Rndr::create_placeholder() }
    }

    fn rebuild(self, state: &mut FreshState) {
        let mut view = (self.build)(self.value);
        state.marker.insert_before_this(&mut *view);
        state.view.unmount();
        state.view = view;
    }
}

impl Mountable for FreshState {
    fn unmount(&mut self) {
        self.view.unmount();
        self.marker.unmount();
    }

    fn mount(&mut self, parent: &Element, marker: Option<&Node>) {
        self.view.mount(parent, marker);
        self.marker.mount(parent, marker);
    }

    fn insert_before_this(&self, child: &mut dyn Mountable) -> bool {
        self.view.insert_before_this(child) || self.marker.insert_before_this(child)
    }

    fn elements(&self) -> Vec<Element> {
        self.view.elements()
    }
}

leptos::tachys::no_attrs!(Fresh);

/// The app renders in the browser only (no server rendering, no
/// hydration): the HTML half of the trait is never called.
impl RenderHtml for Fresh {
    type AsyncOutput = Self;
    type Owned = Self;
    const MIN_LENGTH: usize = 0;

    fn dry_resolve(&mut self) {}

    async fn resolve(self) -> Self {
        self
    }

    fn to_html_with_buf(self, _: &mut String, _: &mut Position, _: bool, _: bool, _: Vec<AnyAttribute>) {}

    fn hydrate<const FROM_SERVER: bool>(self, _: &Cursor, _: &PositionState) -> FreshState {
        self.build()
    }

    fn into_owned(self) -> Self {
        self
    }
}

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

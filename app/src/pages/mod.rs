//! One module per page. Pages are thin: they read strings and the core's
//! answers and lay them out.

mod check;
pub(crate) mod common;
mod document;
mod drafts;
mod estimate;
pub mod flow;
pub(crate) mod handoff;
mod home;
mod letter;
pub(crate) mod materials;
mod not_found;
pub(crate) mod proxy;
pub(crate) mod privacy;
mod question;
mod region;
mod result;
mod timeline;
pub(crate) mod who;

pub use check::{CheckPage, ReadyPage};
// The paper, drafts, hand-off and letter pages are in the third module
// (app/src/views.rs): these names load it and show the page.
pub use crate::views::{DocumentPage, DraftsPage, HandoffPage, LetterPage};
pub use estimate::EstimatePage;
pub use flow::{Flow, Resume};
pub use home::{remember_paper_links, Home};
pub use privacy::PrivacyPage;
pub use proxy::ProxyPage;
pub use materials::MaterialsPage;
pub use not_found::NotFound;
pub use question::{NextQuestion, QuestionPage};
pub use region::{regions_loaded, RegionPage};
pub use result::ResultPage;
pub use timeline::TimelinePage;
pub use who::WhoPage;

/// The pages of the third module themselves, for app/src/views.rs's entry
/// point alone (everything else names the loaders above).
pub(crate) mod inner {
    pub use super::document::DocumentPage;
    pub use super::drafts::DraftsPage;
    pub use super::handoff::HandoffPage;
    pub use super::letter::LetterPage;
}

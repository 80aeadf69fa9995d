//! One module per page. Pages are thin: they read strings and the core's
//! answers and lay them out.

mod flow;
mod home;
mod not_found;
mod question;
mod region;
mod result;
mod who;

pub use flow::{Flow, Resume};
pub use home::Home;
pub use not_found::NotFound;
pub use question::{NextQuestion, QuestionPage};
pub use region::RegionPage;
pub use result::ResultPage;
pub use who::WhoPage;

//! One module per page. Pages are thin: they read strings and the core's
//! answers and lay them out.

mod home;
mod not_found;

pub use home::Home;
pub use not_found::NotFound;

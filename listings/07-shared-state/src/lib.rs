//! Chapter 7's listings ("Sharing state between tasks"). The book includes these
//! files by anchor; the tests below each listing check what the page says about it.

pub mod cache;
pub mod counter;
pub mod guards;
pub mod notify;
pub mod rwlock;
pub mod single_flight;

//! Chapter 3's listings ("Running futures concurrently"). The book includes these
//! files by anchor; the tests below each listing check what the page says about it.

pub mod gather;
pub mod join;
pub mod select;
pub mod timeout;
pub mod try_join;

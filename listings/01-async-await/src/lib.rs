//! Chapter 1's listings ("async/await syntax"). The book includes these files by anchor; the tests below each
//! listing check what the page says about it.

pub mod blocks;
pub mod errors;
pub mod hello;
pub mod lazy;
pub mod sequence;

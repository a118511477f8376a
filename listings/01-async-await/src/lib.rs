//! Chapter 1's listings ("async/await syntax"). The book includes these files by
//! anchor; the tests below each listing check what the page says about it. The
//! complete programs that use only std and tokio are in `src/bin/` (the book runs
//! them in the playground); `tests/diagrams.rs` draws the chapter's timelines.

pub mod errors;
pub mod lazy;
pub mod sequence;

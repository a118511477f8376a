//! Chapter 5's listings ("Using randomness"). The book includes these files by
//! anchor; the tests below each listing check what the page says about it.

pub mod backoff;
pub mod delays;
pub mod inject;
pub mod seeded;

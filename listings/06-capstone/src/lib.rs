//! Chapter 6's listings ("Capstone"). The book includes these files by anchor; the
//! tests below each listing check what the page says about it.

pub mod clocks;
pub mod generators;
pub mod ranges;
pub mod spawning;
pub mod traps;

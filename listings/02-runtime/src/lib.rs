//! Chapter 2's listings ("Executing an async program"). The book includes these files
//! by anchor; the tests below each listing check what the page says about it. The
//! programs in `src/bin/` are run by `tests/programs.rs`.

pub mod app;
pub mod blocking;
pub mod builders;
pub mod heavy;
pub mod shutdown;

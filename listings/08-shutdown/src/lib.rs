//! Chapter 8's listings ("Loops, cancellation and shutdown"). The book includes these
//! files by anchor; the tests below each listing check what the page says about it.

pub mod broadcast;
pub mod cancel_safety;
pub mod select_loop;
pub mod shutdown;
pub mod ticker;

//! Chapter 10's listings ("Under the hood: futures, wakers and Pin"). The book includes
//! these files by anchor; the tests next to each listing check what the page says
//! about it.

pub mod executor;
pub mod hand_future;
pub mod join_unpin;
pub mod parker;
pub mod pinning;
pub mod race;
pub mod state_machine;
pub mod traced;

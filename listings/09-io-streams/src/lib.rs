//! Chapter 9's listings ("Async I/O and streams"). The book includes these files by
//! anchor; the tests below each listing check what the page says about it.

pub mod bytes;
pub mod framing;
pub mod lines;
pub mod paused_sockets;
pub mod server;
pub mod streams;

//! Futures are lazy: calling an `async fn` only builds a future; nothing runs until
//! it is polled.

use std::sync::{Arc, Mutex};

// ANCHOR: announce
/// Writes a line into `log`. As an `async fn`, calling it does not write anything
/// yet.
pub async fn announce(log: Arc<Mutex<Vec<String>>>, line: &str) {
    log.lock().unwrap().push(line.to_string());
}
// ANCHOR_END: announce

#[cfg(test)]
mod tests;

//! Exercise 7.1: a request counter shared by many tasks.
//!
//! Read: `src/07-shared-state/01-visit-counter.md` (chapter 7, "Shared counters: `Arc`, `Mutex` and atomics").
//! Grade: `cargo test` in this folder, or `cargo course check visit-counter`.
//!
//! The exchange-rate service lives in `sim::rates`: `fetch_rate(currency)` asks the upstream API (CHF 100 ms,
//! USD 200 ms, GBP 300 ms, JPY 400 ms, anything else 500 ms).
//!
//! `Mutex` here is `sim::sync::Mutex`: std's `Mutex` with the same methods (`lock().unwrap()`, a guard that
//! unlocks when dropped). The grader uses it to let a second caller in at each unlock, as a second thread
//! could, so a race between two lock sections shows on every run. Write the code you would write with std's.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::AtomicU64;

use sim::sync::Mutex;

pub use sim::rates::Rate;

/// Request statistics, shared by every task of the service (through an `Arc<Stats>`).
#[derive(Debug, Default)]
pub struct Stats {
    /// Every request served.
    total: AtomicU64,
    /// The requests served per currency.
    per_currency: Mutex<HashMap<String, u64>>,
}

impl Stats {
    /// Empty statistics: nothing served yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Counts one served request for `currency`: one more in the total, and one more for that currency.
    ///
    /// It takes `&self`, not `&mut self`: many tasks call it at once through their `Arc<Stats>`.
    pub fn record(&self, currency: &str) {
        // TODO: `self.total.fetch_add(1, Ordering::Relaxed);` then lock the map
        // (`self.per_currency.lock().unwrap()`) and add 1 to `currency`'s entry
        // (`*map.entry(currency.to_string()).or_insert(0) += 1`).
        todo!("count a request for {currency} in {:?} and {:?}", self.total, self.per_currency)
    }

    /// How many requests have been served in all.
    pub fn total(&self) -> u64 {
        // TODO: `load` the atomic.
        todo!("read {:?}", self.total)
    }

    /// How many requests for `currency` have been served (0 if none).
    pub fn count(&self, currency: &str) -> u64 {
        // TODO: lock the map, look `currency` up, and give 0 if it is not there.
        todo!("look {currency} up in {:?}", self.per_currency)
    }
}

/// Serves every request in its own task: each task fetches the rate of its currency
/// (`sim::rates::fetch_rate`) and, as soon as it has it, counts the request in `stats`. Returns when every
/// request has been served, with the rates in request order.
///
/// The requests are served at the same time, so the whole takes as long as the slowest one.
pub async fn serve_all(stats: Arc<Stats>, requests: Vec<String>) -> Vec<Rate> {
    // TODO: for each currency, `let stats = Arc::clone(&stats);` and spawn a task that fetches the rate, then
    // calls `stats.record(&currency)` and returns the rate. Keep the handles in a `Vec` and await them in order
    // after the loop.
    todo!("serve {requests:?}, counting them in {stats:?}")
}

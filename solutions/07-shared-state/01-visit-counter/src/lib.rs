//! Solution to exercise 7.1.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use sim::sync::Mutex;

pub use sim::rates::Rate;
use sim::rates::fetch_rate;

/// Request statistics, shared by every task of the service.
#[derive(Debug, Default)]
pub struct Stats {
    total: AtomicU64,
    per_currency: Mutex<HashMap<String, u64>>,
}

// ANCHOR: solution
impl Stats {
    /// Empty statistics: nothing served yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Counts one served request for `currency`.
    pub fn record(&self, currency: &str) {
        self.total.fetch_add(1, Ordering::Relaxed); // a counter alone needs no lock
        let mut counts = self.per_currency.lock().unwrap();
        *counts.entry(currency.to_string()).or_insert(0) += 1;
    } // the guard is dropped here: the lock was held for one map update

    /// How many requests have been served in all.
    pub fn total(&self) -> u64 {
        self.total.load(Ordering::Relaxed)
    }

    /// How many requests for `currency` have been served.
    pub fn count(&self, currency: &str) -> u64 {
        self.per_currency.lock().unwrap().get(currency).copied().unwrap_or(0)
    }
}

/// Serves every request in its own task and counts each one in `stats` as soon as it is served.
pub async fn serve_all(stats: Arc<Stats>, requests: Vec<String>) -> Vec<Rate> {
    let mut handles = Vec::new();
    for currency in requests {
        let stats = Arc::clone(&stats); // each task owns a handle to the one `Stats`
        handles.push(tokio::spawn(async move {
            let rate = fetch_rate(&currency).await;
            stats.record(&currency);
            rate
        }));
    }
    let mut rates = Vec::new();
    for handle in handles {
        rates.push(handle.await.expect("serving a request panicked"));
    }
    rates
}
// ANCHOR_END: solution

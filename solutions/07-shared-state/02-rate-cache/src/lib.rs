//! Solution to exercise 7.2.

use std::collections::HashMap;
use std::sync::Mutex;

pub use sim::rates::Rate;
use sim::rates::fetch_rate;

/// Exchange rates already fetched, by currency.
#[derive(Debug, Default)]
pub struct RateCache {
    rates: Mutex<HashMap<String, Rate>>,
}

// ANCHOR: solution
impl RateCache {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// The rate of `currency`: from the cache if it is there, else fetched and kept.
    pub async fn get(&self, currency: &str) -> Rate {
        // 1. look it up; the guard is a temporary, dropped at the end of the statement
        let cached = self.rates.lock().unwrap().get(currency).cloned();
        if let Some(rate) = cached {
            return rate;
        }
        // 2. fetch it with no lock held: other lookups go on meanwhile
        let rate = fetch_rate(currency).await;
        // 3. keep it (a short lock again)
        self.rates.lock().unwrap().insert(currency.to_string(), rate.clone());
        rate
    }
}
// ANCHOR_END: solution

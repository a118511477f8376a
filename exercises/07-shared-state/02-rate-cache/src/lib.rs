//! Exercise 7.2: a cache whose lock is never held across a slow fetch.
//!
//! Read: `src/07-shared-state/02-rate-cache.md` (chapter 7, "A cache: no lock across a slow `.await`").
//! Grade: `cargo test` in this folder, or `cargo course check rate-cache`.
//!
//! `sim::rates::fetch_rate(currency)` asks the upstream API for a rate: CHF 100 ms, USD 200 ms, GBP 300 ms,
//! JPY 400 ms, anything else 500 ms.

use std::collections::HashMap;
use std::sync::Mutex;

pub use sim::rates::Rate;

/// Exchange rates already fetched, by currency. One `RateCache` is shared by every task of the service (through
/// an `Arc<RateCache>`), so its methods take `&self`.
#[derive(Debug, Default)]
pub struct RateCache {
    rates: Mutex<HashMap<String, Rate>>,
}

impl RateCache {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// The rate of `currency`: from the cache at once if it is there; otherwise fetched from the upstream API
    /// (`sim::rates::fetch_rate`), kept in the cache, and returned.
    ///
    /// The lock is never held during the fetch: while one currency is being fetched, lookups of other currencies
    /// (cached or not) go on without waiting for it. The future must be `Send`, since the service calls `get` from
    /// spawned tasks.
    pub async fn get(&self, currency: &str) -> Rate {
        // TODO: three steps, each with its own short lock: look `currency` up (clone the rate out, so the guard can
        // go at the end of the statement) and return it if it is there; otherwise `fetch_rate(currency).await`
        // with no guard alive; then lock again to insert a clone of the rate, and return it.
        todo!("look {currency} up in {:?}, or fetch it", self.rates)
    }
}

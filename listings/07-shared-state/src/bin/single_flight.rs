//! Five callers want the same rate at the same time: a plain cache asks the upstream
//! API five times, a shared `OnceCell` once.
//! `cargo run -p listings-07-shared-state --bin single_flight`.
// ANCHOR: program
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::OnceCell;

static FETCHES: AtomicUsize = AtomicUsize::new(0);

async fn fetch_rate(currency: &str) -> u64 {
    FETCHES.fetch_add(1, Ordering::Relaxed);
    tokio::time::sleep(Duration::from_millis(300)).await;
    currency.len() as u64 * 100
}

/// A plain cache: a miss fetches.
#[derive(Default)]
struct Cache(Mutex<HashMap<String, u64>>);

impl Cache {
    async fn get(&self, currency: &str) -> u64 {
        let cached = self.0.lock().unwrap().get(currency).copied();
        if let Some(rate) = cached {
            return rate;
        }
        let rate = fetch_rate(currency).await;
        self.0.lock().unwrap().insert(currency.to_string(), rate);
        rate
    }
}

/// Single-flight: one cell per currency, and the first caller fills it.
#[derive(Default)]
struct Shared(Mutex<HashMap<String, Arc<OnceCell<u64>>>>);

impl Shared {
    async fn get(&self, currency: &str) -> u64 {
        let cell =
            Arc::clone(self.0.lock().unwrap().entry(currency.into()).or_default());
        *cell.get_or_init(|| fetch_rate(currency)).await
    }
}

#[tokio::main]
async fn main() {
    let cache = Cache::default();
    let rates = tokio::join!(
        cache.get("SEK"),
        cache.get("SEK"),
        cache.get("SEK"),
        cache.get("SEK"),
        cache.get("SEK")
    );
    println!(
        "plain cache:   {rates:?}, {} fetches",
        FETCHES.swap(0, Ordering::Relaxed)
    );

    let shared = Shared::default();
    let rates = tokio::join!(
        shared.get("SEK"),
        shared.get("SEK"),
        shared.get("SEK"),
        shared.get("SEK"),
        shared.get("SEK")
    );
    println!(
        "single-flight: {rates:?}, {} fetch",
        FETCHES.swap(0, Ordering::Relaxed)
    );
}
// ANCHOR_END: program

#[cfg(test)]
mod tests {
    use super::*;

    // The only test here, so nothing else touches `FETCHES`.
    #[tokio::test(start_paused = true)]
    async fn the_cell_fetches_once_the_cache_five_times() {
        let cache = Cache::default();
        let shared = Shared::default();
        let started = tokio::time::Instant::now();
        tokio::join!(cache.get("SEK"), cache.get("SEK"), cache.get("SEK"));
        assert_eq!(FETCHES.swap(0, Ordering::Relaxed), 3);
        tokio::join!(shared.get("SEK"), shared.get("SEK"), shared.get("SEK"));
        assert_eq!(FETCHES.swap(0, Ordering::Relaxed), 1);
        assert_eq!(started.elapsed(), Duration::from_millis(600));
    }
}

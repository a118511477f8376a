//! A lookup of a cached rate, while another rate is being fetched: with the lock
//! held across the fetch, and with short locks.
//! `cargo run -p listings-07-shared-state --bin cache`.
// ANCHOR: program
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant; // tokio's clock, which tests can pause

async fn fetch_rate(currency: &str) -> u64 {
    tokio::time::sleep(Duration::from_millis(300)).await; // the slow upstream API
    currency.len() as u64 * 100
}

/// The lock is held for the whole lookup, fetch included.
#[derive(Default)]
struct LockedCache(tokio::sync::Mutex<HashMap<String, u64>>);

impl LockedCache {
    async fn get(&self, currency: &str) -> u64 {
        let mut rates = self.0.lock().await;
        if let Some(&rate) = rates.get(currency) {
            return rate;
        }
        let rate = fetch_rate(currency).await; // everyone else waits meanwhile
        rates.insert(currency.to_string(), rate);
        rate
    }
}

/// Two short locks, none during the fetch.
#[derive(Default)]
struct Cache(Mutex<HashMap<String, u64>>);

impl Cache {
    async fn get(&self, currency: &str) -> u64 {
        let cached = self.0.lock().unwrap().get(currency).copied();
        if let Some(rate) = cached {
            return rate;
        }
        let rate = fetch_rate(currency).await; // no lock held
        self.0.lock().unwrap().insert(currency.to_string(), rate);
        rate
    }
}

/// Fills in GBP, then looks it up again while SEK is being fetched.
async fn with_the_lock_held() -> Duration {
    let cache = LockedCache::default();
    cache.get("GBP").await;
    let (_, waited) = tokio::join!(cache.get("SEK"), async {
        tokio::time::sleep(Duration::from_millis(10)).await; // SEK is being fetched
        let started = Instant::now();
        cache.get("GBP").await;
        started.elapsed()
    });
    waited
}

/// The same with the other cache.
async fn with_short_locks() -> Duration {
    let cache = Cache::default();
    cache.get("GBP").await;
    let (_, waited) = tokio::join!(cache.get("SEK"), async {
        tokio::time::sleep(Duration::from_millis(10)).await;
        let started = Instant::now();
        cache.get("GBP").await;
        started.elapsed()
    });
    waited
}

#[tokio::main]
async fn main() {
    let waited = with_the_lock_held().await;
    println!("lock held across the fetch: the cached GBP took {waited:.1?}");
    let waited = with_short_locks().await;
    println!("short locks only:           the cached GBP took {waited:.1?}");
}
// ANCHOR_END: program

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn the_hit_waits_for_the_fetch_only_when_the_lock_is_held() {
        // 300 ms of fetch, the hit asked for 10 ms into it
        assert_eq!(with_the_lock_held().await, Duration::from_millis(290));
        assert_eq!(with_short_locks().await, Duration::ZERO);
    }
}

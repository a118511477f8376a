//! A cache of exchange rates, twice: with a lock held across the slow fetch, and
//! with short locks only.

use std::collections::HashMap;
use std::sync::Mutex;

use sim::rates::{Rate, fetch_rate};

// ANCHOR: held
/// Correct answers, but one lookup at a time: the tokio lock is held during the
/// fetch, so every other lookup, even of a cached rate, waits for it.
#[derive(Default)]
pub struct LockedCache {
    rates: tokio::sync::Mutex<HashMap<String, Rate>>,
}

impl LockedCache {
    pub async fn get(&self, currency: &str) -> Rate {
        let mut rates = self.rates.lock().await;
        if let Some(rate) = rates.get(currency) {
            return rate.clone();
        }
        let rate = fetch_rate(currency).await; // still holding `rates`!
        rates.insert(currency.to_string(), rate.clone());
        rate
    }
}
// ANCHOR_END: held

/// The same cache with a std `Mutex` locked twice, briefly, and never during the
/// fetch (the book leaves this one to the exercise).
#[derive(Default)]
pub struct Cache {
    rates: Mutex<HashMap<String, Rate>>,
}

impl Cache {
    pub async fn get(&self, currency: &str) -> Rate {
        let cached = self.rates.lock().unwrap().get(currency).cloned();
        if let Some(rate) = cached {
            return rate;
        }
        let rate = fetch_rate(currency).await;
        self.rates.lock().unwrap().insert(currency.to_string(), rate.clone());
        rate
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sim::journal::traced;
    use tokio::time::{Duration, Instant};

    #[tokio::test(start_paused = true)]
    async fn the_held_lock_makes_lookups_wait_for_each_other() {
        let cache = LockedCache::default();
        cache.get("CHF").await;
        let start = Instant::now();
        let (_, _, chf) = tokio::join!(
            cache.get("SEK"),
            cache.get("GBP"),
            traced("get CHF", async {
                cache.get("CHF").await;
                start.elapsed()
            })
        );
        assert_eq!(chf, Duration::from_millis(800)); // 500 + 300, then the hit
    }

    #[tokio::test(start_paused = true)]
    async fn short_locks_let_lookups_overlap() {
        let cache = Cache::default();
        cache.get("CHF").await;
        let start = Instant::now();
        let (_, _, chf) = tokio::join!(cache.get("SEK"), cache.get("GBP"), async {
            cache.get("CHF").await;
            start.elapsed()
        });
        assert_eq!(chf, Duration::ZERO);
        assert_eq!(start.elapsed(), Duration::from_millis(500));
    }
}

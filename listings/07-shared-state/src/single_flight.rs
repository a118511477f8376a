//! Many callers, one fetch: the stampede, and `tokio::sync::OnceCell`.

use std::sync::Arc;

use sim::rates::{Rate, fetch_rate, load_rate_table};
use tokio::sync::OnceCell;

use crate::cache::Cache;

// ANCHOR: stampede
/// Five callers ask for SEK at the same time: all five miss, all five fetch.
pub async fn stampede(cache: Arc<Cache>) -> Vec<Rate> {
    let mut handles = Vec::new();
    for _ in 0..5 {
        let cache = Arc::clone(&cache);
        handles.push(tokio::spawn(async move { cache.get("SEK").await }));
    }
    let mut rates = Vec::new();
    for handle in handles {
        rates.push(handle.await.unwrap());
    }
    rates
}
// ANCHOR_END: stampede

// ANCHOR: once_cell
/// The rate table, loaded by the first caller; everyone else waits for that load.
pub async fn table(loaded: &OnceCell<String>) -> &String {
    loaded
        .get_or_init(|| async {
            load_rate_table().await; // 2 s, run once
            "the rate table".to_string()
        })
        .await
}
// ANCHOR_END: once_cell

/// The single-flight version of the stampede (the book leaves this to the exercise).
pub async fn shared_fetch(cell: Arc<OnceCell<Rate>>) -> Vec<Rate> {
    let mut handles = Vec::new();
    for _ in 0..5 {
        let cell = Arc::clone(&cell);
        handles.push(tokio::spawn(async move {
            cell.get_or_init(|| fetch_rate("SEK")).await.clone()
        }));
    }
    let mut rates = Vec::new();
    for handle in handles {
        rates.push(handle.await.unwrap());
    }
    rates
}

#[cfg(test)]
mod tests {
    use super::*;
    use sim::journal;
    use tokio::time::{Duration, Instant};

    fn fetches() -> usize {
        journal::spans().iter().filter(|s| s.name.starts_with("fetch_rate")).count()
    }

    #[tokio::test(start_paused = true)]
    async fn a_plain_cache_fetches_once_per_caller() {
        journal::reset();
        stampede(Arc::new(Cache::default())).await;
        assert_eq!(fetches(), 5);
        journal::reset();
        shared_fetch(Arc::new(OnceCell::new())).await;
        assert_eq!(fetches(), 1);
    }

    #[tokio::test(start_paused = true)]
    async fn the_cell_loads_once_for_three_callers() {
        journal::reset();
        let cell = OnceCell::new();
        let start = Instant::now();
        let (a, b, c) = tokio::join!(table(&cell), table(&cell), table(&cell));
        assert_eq!((a, b, c), (&cell.get().unwrap().clone(), a, a));
        assert_eq!(start.elapsed(), Duration::from_secs(2));
        assert_eq!(journal::spans().len(), 1);
    }
}

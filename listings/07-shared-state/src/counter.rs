//! Sharing a map and a counter between tasks: `Arc<Mutex<T>>` and atomics.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use sim::journal::work;

// ANCHOR: hits
/// Counts the visits of each page, from many tasks at once.
pub async fn count_hits(pages: Vec<&'static str>) -> HashMap<String, u64> {
    let hits = Arc::new(Mutex::new(HashMap::new()));
    let mut handles = Vec::new();
    for page in pages {
        let hits = Arc::clone(&hits); // one more owner of the same map
        handles.push(tokio::spawn(async move {
            work(format!("serve {page}"), Duration::from_millis(100)).await;
            let mut map = hits.lock().unwrap(); // wait for the lock, if needed
            *map.entry(page.to_string()).or_insert(0) += 1;
        })); // `map`, the guard, is dropped here: the lock is free again
    }
    for handle in handles {
        handle.await.unwrap();
    }
    // every task is done, so their clones of the `Arc` are gone: take the map out
    let hits = Arc::try_unwrap(hits).expect("no other owner is left");
    hits.into_inner().unwrap()
}
// ANCHOR_END: hits

// ANCHOR: atomic
/// Counts served requests without a lock.
pub async fn count_requests(n: u64) -> u64 {
    let served = Arc::new(AtomicU64::new(0));
    let mut handles = Vec::new();
    for _ in 0..n {
        let served = Arc::clone(&served);
        handles.push(tokio::spawn(async move {
            work("serve", Duration::from_millis(100)).await;
            served.fetch_add(1, Ordering::Relaxed); // read, add and write in one step
        }));
    }
    for handle in handles {
        handle.await.unwrap();
    }
    served.load(Ordering::Relaxed)
}
// ANCHOR_END: atomic

// ANCHOR: lost_update
/// A bug: the count is read, then an `.await` lets the other tasks run, then the
/// count is written back. Every task read the same old value.
pub async fn count_requests_badly(n: u64) -> u64 {
    let served = Arc::new(AtomicU64::new(0));
    let mut handles = Vec::new();
    for _ in 0..n {
        let served = Arc::clone(&served);
        handles.push(tokio::spawn(async move {
            let before = served.load(Ordering::Relaxed);
            work("serve", Duration::from_millis(100)).await; // others run here
            served.store(before + 1, Ordering::Relaxed);
        }));
    }
    for handle in handles {
        handle.await.unwrap();
    }
    served.load(Ordering::Relaxed)
}
// ANCHOR_END: lost_update

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn every_visit_is_counted() {
        let hits = count_hits(vec!["/home", "/menu", "/home", "/home"]).await;
        assert_eq!(hits["/home"], 3);
        assert_eq!(hits["/menu"], 1);
    }

    #[tokio::test(start_paused = true)]
    async fn the_atomic_counts_every_request_and_the_split_update_loses_them() {
        let start = tokio::time::Instant::now();
        assert_eq!(count_requests(10).await, 10);
        assert_eq!(start.elapsed(), Duration::from_millis(100));
        // all ten read 0 before any of them wrote
        assert_eq!(count_requests_badly(10).await, 1);
    }

    #[test]
    fn the_atomic_is_exact_on_several_threads_too() {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(4)
            .enable_time()
            .start_paused(false)
            .build()
            .unwrap();
        assert_eq!(runtime.block_on(count_requests(200)), 200);
    }
}

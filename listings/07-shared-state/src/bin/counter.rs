//! Many tasks update one map and one counter: `Arc<Mutex<..>>` and an atomic.
//! `cargo run -p listings-07-shared-state --bin counter`.
// ANCHOR: program
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[derive(Default)]
struct Stats {
    total: AtomicU64,                      // a number: an atomic is enough
    per_page: Mutex<HashMap<String, u64>>, // a map: it needs a lock
}

impl Stats {
    fn record(&self, page: &str) {
        self.total.fetch_add(1, Ordering::Relaxed);
        *self.per_page.lock().unwrap().entry(page.to_string()).or_insert(0) += 1;
    }
}

/// Serves each request in a task of its own; each one takes 100 ms.
async fn serve_all(stats: Arc<Stats>, requests: Vec<&'static str>) {
    let mut handles = Vec::new();
    for page in requests {
        let stats = Arc::clone(&stats); // every task owns a handle to the same Stats
        handles.push(tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(100)).await;
            stats.record(page);
        }));
    }
    for handle in handles {
        handle.await.unwrap();
    }
}

#[tokio::main] // several worker threads: the tasks really run in parallel
async fn main() {
    let stats = Arc::new(Stats::default());
    let requests: Vec<&str> = ["/home", "/rates", "/home", "/about"]
        .into_iter()
        .cycle()
        .take(1000)
        .collect();
    let started = Instant::now();
    serve_all(Arc::clone(&stats), requests).await;
    println!(
        "{} requests served in {:.1?}",
        stats.total.load(Ordering::Relaxed),
        started.elapsed()
    );
    let per_page = stats.per_page.lock().unwrap();
    let mut pages: Vec<_> = per_page.iter().collect();
    pages.sort();
    for (page, n) in pages {
        println!("  {page}: {n}");
    }
}
// ANCHOR_END: program

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    #[tokio::test(start_paused = true)]
    async fn a_thousand_requests_counted_in_100_ms() {
        let stats = Arc::new(Stats::default());
        let started = Instant::now();
        serve_all(Arc::clone(&stats), vec!["/home"; 1000]).await;
        assert_eq!(started.elapsed(), Duration::from_millis(100), "all at once");
        assert_eq!(stats.total.load(Ordering::Relaxed), 1000);
        assert_eq!(stats.per_page.lock().unwrap()["/home"], 1000);
    }
}

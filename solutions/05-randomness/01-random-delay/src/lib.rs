//! Solution to exercise 5.1.

use std::time::Duration;

/// One page the crawler fetched, and the pause it took just before fetching it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Visit {
    pub path: String,
    pub body: String,
    pub pause: Duration,
}

/// Fetches `paths` in order, pausing a random time in `0..=max_pause` before each fetch.
pub async fn crawl_politely(paths: Vec<String>, max_pause: Duration) -> Vec<Visit> {
    // ANCHOR: solution
    let mut visits = Vec::with_capacity(paths.len());
    for path in paths {
        // One expression: the thread's generator is used and let go before the `.await` below.
        let pause = rand::random_range(Duration::ZERO..=max_pause);
        tokio::time::sleep(pause).await;
        let body = sim::archive::fetch(&path).await;
        visits.push(Visit { path, body, pause });
    }
    visits
    // ANCHOR_END: solution
}

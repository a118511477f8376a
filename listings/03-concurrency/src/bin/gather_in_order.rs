//! Any number of fetches at once, results in the order given or in the order they
//! finish: `cargo run -p listings-03-concurrency --bin gather_in_order`. It uses only
//! std and tokio, so the book runs it in the Rust playground as it is.

// ANCHOR: program
use std::time::{Duration, Instant};

use tokio::task::JoinSet;

/// Pretends to fetch a page: waits `ms`, then returns its url.
async fn fetch_page(url: &'static str, ms: u64) -> &'static str {
    tokio::time::sleep(Duration::from_millis(ms)).await;
    url
}

/// Every page at once, results in the order of `pages`. (The page's
/// `futures::future::join_all` does this for futures; with tokio alone, spawn a task
/// per page and await the handles in the order they were made.)
async fn fetch_all(pages: &[(&'static str, u64)]) -> Vec<&'static str> {
    let handles: Vec<_> =
        pages.iter().map(|&(url, ms)| tokio::spawn(fetch_page(url, ms))).collect();
    let mut results = Vec::new();
    for handle in handles {
        // waits for this one; the others keep going
        results.push(handle.await.expect("a fetch panicked"));
    }
    results
}

/// The same fetches, results in the order they finish: a `JoinSet` hands each one out
/// as soon as it is done.
async fn in_completion_order(pages: &[(&'static str, u64)]) -> Vec<&'static str> {
    let mut set = JoinSet::new();
    for &(url, ms) in pages {
        set.spawn(fetch_page(url, ms));
    }
    let mut results = Vec::new();
    while let Some(done) = set.join_next().await {
        results.push(done.expect("a fetch panicked"));
    }
    results
}

#[tokio::main]
async fn main() {
    let pages = [("/home", 300), ("/about", 100), ("/menu", 200)];
    let started = Instant::now();
    println!(
        "in the order given:    {:?} in {:.1?}",
        fetch_all(&pages).await,
        started.elapsed()
    );
    let started = Instant::now();
    println!(
        "in the order finished: {:?} in {:.1?}",
        in_completion_order(&pages).await,
        started.elapsed()
    );
}
// ANCHOR_END: program

#[cfg(test)]
mod tests {
    use tokio::time::Instant;

    use super::*;

    const PAGES: [(&str, u64); 3] = [("/home", 300), ("/about", 100), ("/menu", 200)];

    #[tokio::test(start_paused = true)]
    async fn fetch_all_keeps_the_order_given() {
        let started = Instant::now();
        assert_eq!(
            fetch_all(&PAGES).await,
            ["/home", "/about", "/menu"],
            "results must follow the input order"
        );
        assert_eq!(
            started.elapsed(),
            Duration::from_millis(300),
            "all at once: as long as the slowest"
        );
        assert!(fetch_all(&[]).await.is_empty(), "no pages, no results");
    }

    #[tokio::test(start_paused = true)]
    async fn a_join_set_gives_completion_order() {
        let started = Instant::now();
        let order = in_completion_order(&PAGES).await;
        assert_eq!(
            order,
            ["/about", "/menu", "/home"],
            "results must come in the order they finished"
        );
        assert_eq!(
            started.elapsed(),
            Duration::from_millis(300),
            "all at once: as long as the slowest"
        );
    }
}

//! What `buffer_unordered(2)` plus a timeout per item does, written by hand with
//! tokio alone. `cargo run -p listings-09-io-streams --bin limited_fetches`.
// ANCHOR: program
use std::time::{Duration, Instant};

use tokio::task::JoinSet;

/// A pretend download that takes `millis`.
async fn fetch(name: &'static str, millis: u64) -> &'static str {
    tokio::time::sleep(Duration::from_millis(millis)).await;
    name
}

/// Fetches the jobs at most `limit` at a time, each within `per_item`; returns the
/// results in the order they finished.
async fn fetch_all(
    jobs: Vec<(&'static str, u64)>,
    limit: usize,
    per_item: Duration,
) -> Vec<Result<&'static str, String>> {
    let started = Instant::now();
    let mut jobs = jobs.into_iter();
    let mut running = JoinSet::new();
    let mut results = Vec::new();
    loop {
        // Fill the free places, like `buffer_unordered` pulling the next items.
        while running.len() < limit {
            let Some((name, millis)) = jobs.next() else { break };
            running.spawn(async move {
                tokio::time::timeout(per_item, fetch(name, millis))
                    .await
                    .map_err(|_| format!("{name} timed out"))
            });
        }
        // The next one to finish, whichever it is.
        let Some(done) = running.join_next().await else { break }; // none left
        let result = done.expect("a fetch panicked");
        println!("{result:?} after {:.1?}", started.elapsed());
        results.push(result);
    }
    results
}

#[tokio::main]
async fn main() {
    let jobs = vec![("blog", 500), ("home", 300), ("archive", 2000), ("about", 100)];
    let results = fetch_all(jobs, 2, Duration::from_millis(600)).await;
    println!("{} results", results.len());
}
// ANCHOR_END: program

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn two_at_a_time_in_completion_order() {
        let start = tokio::time::Instant::now();
        let jobs =
            vec![("blog", 500), ("home", 300), ("archive", 2000), ("about", 100)];
        let results = fetch_all(jobs, 2, Duration::from_millis(600)).await;
        assert_eq!(
            results,
            [
                Ok("home"),
                Ok("blog"),
                Ok("about"),
                Err("archive timed out".to_string())
            ]
        );
        // home 0-300, blog 0-500, archive 300-900 (gives up), about 500-600
        assert_eq!(start.elapsed(), Duration::from_millis(900));
    }
}

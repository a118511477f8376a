//! Solution to exercise 9.4.

use std::time::Duration;

use futures::{Stream, StreamExt};
pub use sim::web::{FetchError, Page};

// ANCHOR: solution
/// Fetches every url of `urls` as it comes, at most `limit` at once, each within `per_page`; yields the results
/// in the order they complete.
pub fn fetch_all<S>(urls: S, limit: usize, per_page: Duration) -> impl Stream<Item = Result<Page, FetchError>>
where
    S: Stream<Item = String>,
{
    urls.map(move |url| async move {
        // Each fetch gets its own `per_page`, counted from when it starts.
        match tokio::time::timeout(per_page, sim::web::fetch_page(&url)).await {
            Ok(result) => result,
            Err(_elapsed) => Err(FetchError::TimedOut(url)), // the fetch was dropped
        }
    })
    .buffer_unordered(limit) // at most `limit` futures polled at once, results as they finish
}
// ANCHOR_END: solution

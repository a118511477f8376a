//! Exercise 3.1: two requests at once with `tokio::join!`.
//!
//! Read: `src/03-concurrency/01-join.md` (chapter 3, "Waiting for several futures: `join!`").
//! Grade: `cargo test` in this folder, or `cargo course check join`.
//!
//! The simulated website lives in `sim::web`: `fetch_page(url)` asks its origin server, which answers each page
//! at its own pace (`/home` 300 ms, `/menu` 200 ms, `/about` 100 ms, `/blog` 500 ms; an unknown url is a
//! `404 Not Found` after 100 ms) with `Ok(Page)` or `Err(FetchError)`.

pub use sim::web::{FetchError, Page};

/// Fetches `first` and `second` with `sim::web::fetch_page`, **at the same time**, and returns both results in
/// the order of the arguments: `(result for first, result for second)`.
///
/// It takes as long as the slower of the two requests, not the sum of both. A request that fails does not stop
/// the other one: both results are returned, each `Ok` or `Err`.
pub async fn fetch_both(first: &str, second: &str) -> (Result<Page, FetchError>, Result<Page, FetchError>) {
    // TODO: make the two futures with `sim::web::fetch_page(..)` (that does not start them: futures are lazy),
    // then await both at once with `tokio::join!(a, b)`, which gives a tuple of their outputs in the order written.
    todo!("fetch {first:?} and {second:?} at the same time")
}

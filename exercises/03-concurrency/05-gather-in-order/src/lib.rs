//! Exercise 3.5: any number of requests at once, results in order, with `join_all` and `try_join_all`.
//!
//! Read: `src/03-concurrency/05-gather-in-order.md` (chapter 3, "Many futures, in order: `join_all`").
//! Grade: `cargo test` in this folder, or `cargo course check gather-in-order`.
//!
//! The simulated website lives in `sim::web`: `fetch_page(url)` asks its origin server, which answers each page
//! at its own pace (`/about` 100 ms, `/menu` 200 ms, `/home` 300 ms, `/news` 400 ms, `/blog` 500 ms, `/archive`
//! 2 s; `/hours` is a `503` after 150 ms, an unknown url a `404` after 100 ms). This crate depends on `futures`,
//! whose `futures::future` module has `join_all` and `try_join_all`.

pub use sim::web::{FetchError, Page};

/// Fetches every url in `urls` with `sim::web::fetch_page`, all at the same time, and returns one result per url
/// **in the order of `urls`** (not in the order the answers arrive). A failed fetch gives an `Err` in its place
/// and does not stop the others. It takes as long as the slowest fetch.
pub async fn fetch_all(urls: &[&str]) -> Vec<Result<Page, FetchError>> {
    // TODO: `urls.iter().map(|url| sim::web::fetch_page(url))` makes one future per url (none has started yet).
    // `futures::future::join_all(those).await` runs them all at once and gives their outputs in the same order.
    todo!("fetch {urls:?} at the same time")
}

/// Like [`fetch_all`], but all or nothing: the pages in the order of `urls` if every fetch succeeds; otherwise,
/// as soon as one fetch fails, that error (the first to happen), with the other fetches cancelled.
pub async fn fetch_all_or_nothing(urls: &[&str]) -> Result<Vec<Page>, FetchError> {
    // TODO: the same futures, awaited with `futures::future::try_join_all(those)`: the `try_join!` of a list.
    todo!("fetch {urls:?} at the same time, or fail at the first error")
}

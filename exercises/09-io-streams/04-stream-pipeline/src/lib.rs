//! Exercise 9.4: a stream pipeline with a concurrency limit and a timeout per item.
//!
//! Read: `src/09-io-streams/04-stream-pipeline.md` (chapter 9, "Streams: `next`, `map`, `buffer_unordered`").
//! Grade: `cargo test` in this folder, or `cargo course check stream-pipeline`.
//!
//! The pages come from `sim::web::fetch_page(&url)` (chapter 3's website: `/about` takes 100 ms, `/menu` 200 ms,
//! `/home` 300 ms, `/news` 400 ms, `/blog` 500 ms, `/archive` 2 s, `/hours` fails with a 503 after 150 ms).

use std::time::Duration;

use futures::Stream;
pub use sim::web::{FetchError, Page};

/// Turns a stream of urls into a stream of fetched pages:
///
/// - each url is fetched with `sim::web::fetch_page(&url)` as soon as it comes out of `urls`, as long as fewer
///   than `limit` fetches are under way (never more than `limit` at once);
/// - each fetch may take at most `per_page`, counted from its own start: a slower one is dropped and gives
///   `Err(FetchError::TimedOut(url))`;
/// - the results come out **in the order the fetches finish**, not in the order of the urls;
/// - the stream ends once `urls` has ended and every fetch is done.
pub fn fetch_all<S>(urls: S, limit: usize, per_page: Duration) -> impl Stream<Item = Result<Page, FetchError>>
where
    S: Stream<Item = String>,
{
    // TODO: `use futures::StreamExt;` then `urls.map(move |url| async move { ... }).buffer_unordered(limit)`.
    // In the async block, `tokio::time::timeout(per_page, sim::web::fetch_page(&url)).await` gives
    // `Ok(result)` or, when the time is up, `Err(_)`: turn that into `Err(FetchError::TimedOut(url))`.
    let _ = (urls, limit, per_page);
    futures::stream::once(async { todo!("fetch the urls") })
}

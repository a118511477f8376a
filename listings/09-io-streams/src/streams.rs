//! Streams: the async version of an iterator, and the combinators that make
//! pipelines.

use std::time::Duration;

use futures::stream::{self, Stream, StreamExt};
use sim::web::{FetchError, Page, fetch_page};

// ANCHOR: basics
/// The first steps with a stream: `next()` in a loop, and `map`/`filter` as on an
/// iterator.
pub async fn squares_of_odds() -> Vec<u32> {
    let numbers = stream::iter(1..=6); // a stream whose items are ready at once
    let mut squares =
        numbers.filter(|n| std::future::ready(n % 2 == 1)).map(|n| n * n);
    let mut out = Vec::new();
    while let Some(n) = squares.next().await {
        out.push(n);
    }
    out // [1, 9, 25]
}
// ANCHOR_END: basics

/// The five pages the pipelines below fetch: 500, 300, 100, 200 and 400 ms.
pub const FIVE_PAGES: [&str; 5] = ["/blog", "/home", "/about", "/menu", "/news"];

// ANCHOR: pipelines
/// One at a time: `then` awaits each future before it takes the next url.
pub async fn one_at_a_time(urls: &[&str]) -> Vec<Result<Page, FetchError>> {
    stream::iter(urls.to_vec()).then(fetch_page).collect().await
}

/// Two at a time, results in the order of the urls.
pub async fn two_in_order(urls: &[&str]) -> Vec<Result<Page, FetchError>> {
    stream::iter(urls.to_vec()).map(fetch_page).buffered(2).collect().await
}

/// Two at a time, results in the order they finish.
pub async fn two_as_they_finish(urls: &[&str]) -> Vec<Result<Page, FetchError>> {
    stream::iter(urls.to_vec()).map(fetch_page).buffer_unordered(2).collect().await
}
// ANCHOR_END: pipelines

// ANCHOR: throttle
/// Starts at most one fetch every `every` (say, a site that asks for 10 requests a
/// second at most), and up to ten may run at once.
pub fn politely(
    urls: Vec<String>,
    every: Duration,
) -> impl Stream<Item = Result<Page, FetchError>> {
    // Both crates name their extension trait `StreamExt`: this file imports the
    // futures one, so tokio-stream's `throttle` is called by its full path.
    let paced = tokio_stream::StreamExt::throttle(stream::iter(urls), every);
    paced.map(|url| async move { fetch_page(&url).await }).buffer_unordered(10)
}
// ANCHOR_END: throttle

// ANCHOR: generator
/// A pretend API that gives search results a page at a time (50 ms a page); the page
/// after the last is empty.
async fn results_page(page: u32) -> Vec<String> {
    sim::work(format!("results page {page}"), Duration::from_millis(50)).await;
    match page {
        1 => vec!["a".into(), "b".into()],
        2 => vec!["c".into()],
        _ => Vec::new(),
    }
}

/// Every result, page after page, as one stream: what a Python async generator with a
/// `while` loop and a `yield` inside would be.
pub fn all_results() -> impl Stream<Item = String> {
    // The state between two items: the next page to ask for.
    stream::unfold(Some(1), |next_page| async move {
        let page = next_page?; // `None`: the last page was read; the stream ends
        let items = results_page(page).await;
        let next = if items.is_empty() { None } else { Some(page + 1) };
        Some((stream::iter(items), next)) // an item for the stream, the new state
    })
    .flatten() // a stream of pages (each a stream of results) → a stream of results
}
// ANCHOR_END: generator

// ANCHOR: channel
/// The other way to write a generator: a task that sends into a channel, with the
/// receiver wrapped into a `Stream` so that every combinator works on it.
pub fn ticks(count: u32, every: Duration) -> impl Stream<Item = u32> {
    let (tx, rx) = tokio::sync::mpsc::channel(1);
    tokio::spawn(async move {
        for n in 1..=count {
            tokio::time::sleep(every).await;
            if tx.send(n).await.is_err() {
                return; // the stream was dropped: nobody listens any more
            }
        }
    });
    tokio_stream::wrappers::ReceiverStream::new(rx)
}
// ANCHOR_END: channel

// ANCHOR: gap_timeout
/// Gives up on a stream whose next item is late: tokio-stream's `timeout` wraps
/// every item in a `Result`, `Err` when the gap since the previous one was longer
/// than `gap`.
pub async fn until_silent(items: impl Stream<Item = u32>, gap: Duration) -> Vec<u32> {
    let items = tokio_stream::StreamExt::timeout(items, gap);
    let mut items = std::pin::pin!(items); // `next()` needs a stream that stays put
    let mut out = Vec::new();
    while let Some(Ok(n)) = items.next().await {
        out.push(n);
    }
    out
}
// ANCHOR_END: gap_timeout

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    fn urls_of(results: &[Result<Page, FetchError>]) -> Vec<&str> {
        results
            .iter()
            .map(|r| r.as_ref().map_or("error", |p| p.url.as_str()))
            .collect()
    }

    #[tokio::test]
    async fn squares() {
        assert_eq!(squares_of_odds().await, [1, 9, 25]);
    }

    #[tokio::test(start_paused = true)]
    async fn the_three_pipelines() {
        let start = Instant::now();
        let results = one_at_a_time(&FIVE_PAGES).await;
        assert_eq!(urls_of(&results), FIVE_PAGES);
        assert_eq!(start.elapsed(), Duration::from_millis(1500));

        let start = Instant::now();
        let results = two_in_order(&FIVE_PAGES).await;
        assert_eq!(urls_of(&results), FIVE_PAGES);
        // /home is done at 0.3 s, but keeps its place until /blog is out at 0.5 s
        assert_eq!(start.elapsed(), Duration::from_millis(1000));

        let start = Instant::now();
        let results = two_as_they_finish(&FIVE_PAGES).await;
        assert_eq!(urls_of(&results), ["/home", "/about", "/blog", "/menu", "/news"]);
        assert_eq!(start.elapsed(), Duration::from_millis(900));
    }

    #[tokio::test(start_paused = true)]
    async fn throttled_fetches_start_100_ms_apart() {
        sim::journal::reset();
        let urls: Vec<String> =
            ["/about", "/menu", "/home"].map(String::from).to_vec();
        let results: Vec<_> =
            politely(urls, Duration::from_millis(100)).collect().await;
        assert_eq!(results.len(), 3);
        let starts: Vec<u128> =
            sim::journal::spans().iter().map(|s| s.start.as_millis()).collect();
        assert_eq!(starts, [0, 100, 200]);
    }

    #[tokio::test(start_paused = true)]
    async fn the_generator_reads_page_after_page() {
        let start = Instant::now();
        let all: Vec<String> = all_results().collect().await;
        assert_eq!(all, ["a", "b", "c"]);
        assert_eq!(start.elapsed(), Duration::from_millis(150)); // pages 1, 2 and 3
    }

    #[tokio::test(start_paused = true)]
    async fn a_late_item_ends_the_wait() {
        let start = Instant::now();
        let slow = ticks(5, Duration::from_secs(1)).then(|n| async move {
            if n == 3 {
                tokio::time::sleep(Duration::from_secs(5)).await; // a long silence
            }
            n
        });
        assert_eq!(until_silent(slow, Duration::from_secs(2)).await, [1, 2]);
        assert_eq!(start.elapsed(), Duration::from_secs(4)); // 2 s + the 2 s gap
    }
}

//! Graded tests for exercise 9.4, on tokio's paused clock.

use std::time::Duration;

use futures::{Stream, StreamExt};
use grader::sim::journal;
use grader::sim::secs as show;
use grader::{ms, secs};
use stream_pipeline::{FetchError, Page, fetch_all};
use tokio::time::Instant;

const PAGE: &str = "src/09-io-streams/04-stream-pipeline.md";

/// What one result was, in short: `/home` for a page, `timed out: /archive` or `503 …: /hours` for an error.
fn short(result: &Result<Page, FetchError>) -> String {
    match result {
        Ok(page) => page.url.clone(),
        Err(e) => e.to_string(),
    }
}

fn urls(list: &[&str]) -> impl Stream<Item = String> + use<> {
    futures::stream::iter(list.iter().map(|u| u.to_string()).collect::<Vec<_>>())
}

/// Every item of `stream` with the instant it came out (from the start of the test); fails if the stream does
/// not end within a minute of virtual time.
async fn collect_timed(stream: impl Stream<Item = Result<Page, FetchError>>) -> Vec<(String, Duration)> {
    let start = Instant::now();
    let mut stream = std::pin::pin!(stream);
    let mut out = Vec::new();
    loop {
        match tokio::time::timeout(secs(60), stream.next()).await {
            Ok(Some(result)) => {
                if let Ok(page) = &result {
                    assert_eq!(
                        Some(page),
                        grader::sim::web::page_of(&page.url).as_ref(),
                        "a page should be what fetch_page gave for its url"
                    );
                }
                out.push((short(&result), start.elapsed()));
            }
            Ok(None) => return out,
            Err(_) => panic!(
                "the stream of results did not end: after {out:?} it was still waiting a minute later.\n\n  Likely \
                 cause: the stream ends when the urls have ended and every fetch is done; something in between \
                 waits for ever.\n\n  What ran when (virtual time):\n{}\n  Read: {PAGE}",
                journal::timeline()
            ),
        }
    }
}

fn got(items: &[(String, Duration)]) -> String {
    items.iter().map(|(what, at)| format!("{what} at {}", show(*at))).collect::<Vec<_>>().join(", ")
}

#[test]
fn at_most_limit_at_once_and_results_in_completion_order() {
    grader::run(async || {
        // blog 500 ms, home 300, about 100, menu 200, news 400; two at a time:
        // blog 0-500, home 0-300, about 300-400, menu 400-600, news 500-900.
        let items = collect_timed(fetch_all(urls(&["/blog", "/home", "/about", "/menu", "/news"]), 2, secs(1))).await;
        let most = journal::most_at_once("GET ");
        assert!(
            most <= 2,
            "with a limit of 2, at most two fetches should be under way at once, but {most} were.\n\n  Likely \
             cause: the limit was not applied: `buffer_unordered(limit)` polls at most `limit` of the futures at \
             once and starts the next only when one finishes.\n\n  What ran when (virtual time):\n{}\n  Read: \
             {PAGE}",
            journal::timeline()
        );
        let expected: Vec<(String, Duration)> =
            [("/home", 300), ("/about", 400), ("/blog", 500), ("/menu", 600), ("/news", 900)]
                .iter()
                .map(|&(url, at)| (url.to_string(), ms(at)))
                .collect();
        let took = items.last().map(|(_, at)| *at).unwrap_or_default();
        assert!(
            most > 1,
            "only one fetch was under way at a time: the five took {}, where two at a time take 0.9 s.\n\n  \
             Likely cause: the fetches ran one at a time (`then`, or an `.await` in a loop). `map` each url to \
             a future (without awaiting it) and let `buffer_unordered(limit)` run up to `limit` of them at \
             once.\n\n  What ran when (virtual time):\n{}\n  Read: {PAGE}",
            show(took),
            journal::timeline()
        );
        // In batches of two, /news waits for the slowest of /about and /menu (0.7 s), though /about is done at
        // 0.6 s; `buffer_unordered` starts it at 0.5 s, `buffered` at 0.6 s.
        if journal::span("GET /news").is_some_and(|s| s.start == ms(700)) {
            panic!(
                "the fetches ran in batches of two: /about and /menu started only when both /blog and /home were \
                 done (0.5 s), and /news only when both /about and /menu were (0.7 s), though /home was done at \
                 0.3 s and /about at 0.6 s. The results came as {}.\n\n  Likely cause: batches: `chunks(limit)` \
                 then `join_all` (like `asyncio.gather` per batch) waits for the slowest fetch of each batch \
                 before starting the next one. `buffer_unordered(limit)` starts the next fetch as soon as any one \
                 finishes, and gives each result then.\n\n  What ran when (virtual time):\n{}\n  Read: {PAGE}",
                got(&items),
                journal::timeline()
            );
        }
        if items.iter().map(|(u, _)| u).eq(["/blog", "/home", "/about", "/menu", "/news"].iter()) {
            panic!(
                "the results came out in the input order ({}), but they should come in the order the fetches \
                 finish: /home at 0.3 s first, while /blog takes until 0.5 s.\n\n  Likely cause: `buffered(n)` \
                 keeps the input order, so a slow page holds back the ones behind it; `buffer_unordered(n)` gives \
                 each result as soon as it is ready.\n\n  Read: {PAGE}",
                got(&items)
            );
        }
        assert_eq!(
            items,
            expected,
            "five pages, two at a time, should come out as /home at 0.3 s, /about at 0.4 s, /blog at 0.5 s, /menu \
             at 0.6 s and /news at 0.9 s (a new fetch starts as soon as one finishes), but they came as {}.\n\n  \
             What ran when (virtual time):\n{}\n  Read: {PAGE}",
            got(&items),
            journal::timeline()
        );
    });
}

#[test]
fn a_slow_page_times_out_on_its_own_and_frees_its_place() {
    grader::run(async || {
        // Two at a time, 600 ms each: archive 0-600 (gives up: it needs 2 s), about 0-100, home 100-400,
        // blog 400-900 (it needs 500 ms: in time, counted from its own start).
        let items = collect_timed(fetch_all(urls(&["/archive", "/about", "/home", "/blog"]), 2, ms(600))).await;
        let archive = items.iter().find(|(what, _)| what.contains("/archive")).cloned();
        let cancelled = journal::span("GET /archive").is_some_and(|s| s.cancelled && s.end == Some(ms(600)));
        if archive.is_none() && cancelled {
            panic!(
                "/archive takes 2 s, more than the 600 ms each page may take: its fetch was dropped at 0.6 s (the \
                 timeout worked), but no result came out for it: the results were {}.\n\n  Likely cause: the \
                 error results were dropped (`filter`, `filter_map(|r| r.ok())`, `flatten`...). Every url must give \
                 one result, and errors pass through: a timeout is `Err(FetchError::TimedOut(url))`, a 404 or a \
                 503 the fetch's own `Err`.\n\n  What ran when (virtual time):\n{}\n  Read: {PAGE}",
                got(&items),
                journal::timeline()
            );
        }
        assert!(
            archive == Some(("timed out: /archive".to_string(), ms(600))),
            "/archive takes 2 s, more than the 600 ms each page may take: it should give \
             `Err(FetchError::TimedOut(\"/archive\"))` at 0.6 s, and its place go to the next url. It gave {}.\n\n  \
             Likely cause: no timeout per page. Wrap each fetch in `tokio::time::timeout(per_page, ...)` inside \
             the future that `map` makes, and turn its `Err(Elapsed)` into `FetchError::TimedOut(url)`.\n\n  What \
             ran when (virtual time):\n{}\n  Read: {PAGE}",
            archive.map_or("nothing".to_string(), |(what, at)| format!("{what} at {}", show(at))),
            journal::timeline()
        );
        assert!(cancelled, "the fetch of /archive should be dropped when its time is up, at 0.6 s. Read: {PAGE}");
        assert_eq!(
            items,
            [("/about", 100), ("/home", 400), ("timed out: /archive", 600), ("/blog", 900)]
                .iter()
                .map(|&(what, at)| (what.to_string(), ms(at)))
                .collect::<Vec<_>>(),
            "/blog starts at 0.4 s and takes 500 ms: it is in time, because each page gets its own 600 ms, \
             counted from when that fetch starts. Got {}.\n\n  Likely cause, if /blog timed out at 0.6 s: one \
             deadline was computed for all the pages (when the pipeline was built); compute it inside each \
             page's future, or use `timeout(per_page, ..)` there.\n\n  What ran when (virtual time):\n{}\n  Read: \
             {PAGE}",
            got(&items),
            journal::timeline()
        );
    });
}

#[test]
fn urls_are_fetched_as_they_arrive_and_errors_pass_through() {
    grader::run(async || {
        // The urls come from a channel: /about at once, /hours at 1 s, /nowhere at 2 s, then it closes at 3 s.
        let (tx, rx) = tokio::sync::mpsc::channel(8);
        let start = Instant::now();
        tokio::spawn(journal::traced("the urls arrive (0, 1, 2 s), then end", async move {
            for (at, url) in [(0, "/about"), (1, "/hours"), (2, "/nowhere")] {
                tokio::time::sleep_until(start + secs(at)).await;
                tx.send(url.to_string()).await.expect("the pipeline should be reading");
            }
            tokio::time::sleep(secs(1)).await;
        }));
        let incoming = futures::stream::unfold(rx, |mut rx| async move { rx.recv().await.map(|url| (url, rx)) });
        let items = collect_timed(fetch_all(incoming, 4, secs(1))).await;
        let missing: Vec<&str> = ["/about", "/hours", "/nowhere"]
            .into_iter()
            .filter(|u| !items.iter().any(|(w, _)| w.contains(u)))
            .collect();
        let fetches: Vec<_> = journal::spans().into_iter().filter(|s| s.name.starts_with("GET ")).collect();
        if !missing.is_empty() && fetches.len() == 3 && fetches.iter().all(|s| s.end.is_some() && !s.cancelled) {
            panic!(
                "the three urls were all fetched, but no result came out for {}: the results were {}. /hours \
                 gives `Err(FetchError::Unavailable)` (503) and /nowhere `Err(FetchError::NotFound)` (404).\n\n  \
                 Likely cause: the error results were dropped (`filter`, `filter_map(|r| r.ok())`, `flatten`...). \
                 Every url must give one result, and errors pass through the stream as they are.\n\n  What ran when \
                 (virtual time):\n{}\n  Read: {PAGE}",
                missing.join(" and "),
                got(&items),
                journal::timeline()
            );
        }
        let first_fetch = fetches.iter().map(|s| s.start).min();
        if first_fetch.is_some_and(|first| first >= secs(3)) {
            grader::Page::new(PAGE)
                .failure(format!(
                    "the urls arrived one per second (/about at 0 s, /hours at 1 s, /nowhere at 2 s) and ended at \
                     3 s, but the first fetch began only at {}, and the first result came at {}: {}.",
                    show(first_fetch.unwrap_or_default()),
                    items.first().map_or("never".to_string(), |(_, at)| show(*at)),
                    got(&items)
                ))
                .cause(
                    "no pipelining: the urls were collected first, and nothing was fetched until the whole input \
                     had been read (`collect` into a `Vec`; or `chunks(n)`, which waits for n urls or the end of \
                     the input). Map the url stream itself (`urls.map(..)` then \
                     `buffer_unordered(limit)`): each url is fetched as soon as it arrives, and its result comes \
                     out while later urls are still on their way.",
                )
                .timeline()
                .fail();
        }
        let expected = vec![
            ("/about".to_string(), ms(100)),
            (FetchError::Unavailable("/hours".into()).to_string(), ms(1150)),
            (FetchError::NotFound("/nowhere".into()).to_string(), ms(2100)),
        ];
        assert_eq!(
            items,
            expected,
            "the urls arrived one per second (/about at 0 s, /hours at 1 s, /nowhere at 2 s): each should be \
             fetched as soon as it arrives, its result (a page or the fetch's own error) passed on, and the \
             stream should end when the urls end (at 3 s). Got {}.\n\n  What ran when (virtual time):\n{}\n  \
             Read: {PAGE}",
            got(&items),
            journal::timeline()
        );
    });
}

#[test]
fn no_urls_no_results() {
    grader::run(async || {
        let items = collect_timed(fetch_all(urls(&[]), 3, secs(1))).await;
        assert!(items.is_empty(), "no urls should give an empty stream, but it gave {}. Read: {PAGE}", got(&items));
    });
}

//! Graded tests for exercise 3.5, on tokio's paused clock.

use gather_in_order::{FetchError, Page, fetch_all, fetch_all_or_nothing};
use grader::sim::journal;
use grader::sim::web::page_of;
use grader::{ms, timed};

const PAGE: grader::Page = grader::Page::new("src/03-concurrency/05-gather-in-order.md");

fn page(url: &str) -> Page {
    page_of(url).expect("a known page")
}

/// A short form of a list of results, for messages: `[/blog, /about, Err(404 Not Found: /nope)]`.
fn list<'a>(items: impl IntoIterator<Item = Result<&'a Page, &'a FetchError>>) -> String {
    let names: Vec<String> = items
        .into_iter()
        .map(|r| match r {
            Ok(page) => page.url.clone(),
            Err(e) => format!("Err({e})"),
        })
        .collect();
    format!("[{}]", names.join(", "))
}

fn urls_of(results: &[Result<Page, FetchError>]) -> String {
    list(results.iter().map(Result::as_ref))
}

#[test]
fn results_come_back_in_the_order_of_the_urls() {
    grader::run(async || {
        let urls = ["/blog", "/about", "/home", "/menu"];
        let results = fetch_all(&urls).await;
        let expected: Vec<Result<Page, FetchError>> = urls.iter().map(|u| Ok(page(u))).collect();
        PAGE.failure(format!(
            "fetch_all({urls:?}) should return the pages in the order of the urls: {}, but it returned {}.",
            urls_of(&expected),
            urls_of(&results)
        ))
        .cause(if urls_of(&results) == "[/about, /menu, /home, /blog]" {
            "the results were collected in the order the answers arrived (/about at 100 ms, /menu at 200 ms, …). \
             `join_all` keeps the order of its input, whatever order the futures finish in."
        } else if results.len() != urls.len() {
            "there should be exactly one result per url."
        } else if urls_of(&results) == "[/about, /blog, /home, /menu]" {
            "the results were sorted (by url). Sorting restores no order that matters here: result i must be the \
             answer for urls[i], which `join_all` gives as it is, with nothing to sort."
        } else {
            "the results should be neither sorted nor reordered: result i is the answer for urls[i]."
        })
        .unless(results == expected);
    });
}

#[test]
fn the_requests_overlap() {
    grader::run(async || {
        let urls = ["/home", "/news", "/about", "/blog", "/menu"];
        let (results, took) = timed(fetch_all(&urls)).await;
        PAGE.failure("one result per url.").unless_eq(&results.len(), &5);
        PAGE.took("fetch_all of 5 pages (300, 400, 100, 500 and 200 ms)", took)
            .expected(ms(500))
            .when(
                ms(1500),
                "you awaited them one after another (a loop with `.await` inside). Make all the futures first and \
                 await them together with `futures::future::join_all`: the total is the slowest page, 500 ms.",
            )
            .check();

        let many: Vec<&str> = ["/home", "/menu", "/blog", "/about"].into_iter().cycle().take(40).collect();
        let (results, took) = timed(fetch_all(&many)).await;
        PAGE.failure("40 urls, 40 results.").unless_eq(&results.len(), &40);
        PAGE.took("fetch_all of 40 pages (the slowest 500 ms)", took).expected(ms(500)).without_timeline().check();
    });
}

#[test]
fn failures_keep_their_place_and_stop_nothing() {
    grader::run(async || {
        let urls = ["/home", "/nope", "/menu", "/hours"];
        let (results, took) = timed(fetch_all(&urls)).await;
        let expected = vec![
            Ok(page("/home")),
            Err(FetchError::NotFound("/nope".to_string())),
            Ok(page("/menu")),
            Err(FetchError::Unavailable("/hours".to_string())),
        ];
        PAGE.failure(format!(
            "fetch_all({urls:?}) should return {}, but it returned {}.\n\n  A failed fetch is a result like any \
             other: its `Err` goes in its url's place, and the other fetches carry on.",
            urls_of(&expected),
            urls_of(&results)
        ))
        .unless(results == expected);
        PAGE.took("fetch_all with two failures (the slowest page 300 ms)", took)
            .expected(ms(300))
            .when(ms(750), "you awaited them one after another; await them together with `futures::future::join_all`.")
            .check();
        PAGE.failure("no urls, no results.").unless_eq(&fetch_all(&[]).await, &vec![]);
    });
}

#[test]
fn all_or_nothing_gives_every_page_in_order() {
    grader::run(async || {
        // Arrival order (/about, /menu, /home, /news) and sorted order (/about, /home, /menu, /news) both differ
        // from the order of the urls, and from each other.
        let urls = ["/news", "/home", "/about", "/menu"];
        let (result, took) = timed(fetch_all_or_nothing(&urls)).await;
        let expected = vec![page("/news"), page("/home"), page("/about"), page("/menu")];
        let got = match &result {
            Ok(pages) => format!("Ok({})", list(pages.iter().map(Ok))),
            Err(e) => format!("Err({e})"),
        };
        PAGE.failure(format!(
            "fetch_all_or_nothing({urls:?}) should return Ok([/news, /home, /about, /menu]), the pages in the order \
             of the urls, but it returned {got}.{}",
            if got == "Ok([/about, /menu, /home, /news])" {
                "\n\n  Likely cause: the pages were collected in the order they arrived. `try_join_all` keeps the \
                 order of its input."
            } else if got == "Ok([/about, /home, /menu, /news])" {
                "\n\n  Likely cause: the pages were sorted (by url). Nothing needs sorting: `try_join_all` gives the \
                 pages in the order of its input, which is the order of the urls."
            } else {
                ""
            }
        ))
        .unless(result == Ok(expected));
        PAGE.took("fetch_all_or_nothing of 4 pages (400, 300, 100 and 200 ms)", took)
            .expected(ms(400))
            .when(
                ms(1000),
                "you awaited them one after another; await them together with `futures::future::try_join_all`.",
            )
            .check();
    });
}

#[test]
fn all_or_nothing_fails_at_the_first_error_and_cancels_the_rest() {
    grader::run(async || {
        let urls = ["/blog", "/home", "/hours", "/archive"];
        let (result, took) = timed(fetch_all_or_nothing(&urls)).await;
        PAGE.failure("/hours fails (503) after 150 ms: fetch_all_or_nothing should return that error.")
            .unless_eq(&result, &Err(FetchError::Unavailable("/hours".to_string())));
        PAGE.took("fetch_all_or_nothing with /hours failing at 150 ms", took)
            .expected(ms(150))
            .when(
                ms(950),
                "you awaited them one after another (/blog, /home, then /hours failed); await them together with \
                 `futures::future::try_join_all`.",
            )
            .when(
                grader::secs(2),
                "you waited for every page before looking at the results (`join_all`, then collecting into a \
                 `Result`). `futures::future::try_join_all` returns at the first error, here at 150 ms.",
            )
            .check();
        let spans = journal::spans();
        let still_running: Vec<&str> = spans
            .iter()
            .filter(|s| s.name != "GET /hours" && !(s.cancelled && s.end == Some(ms(150))))
            .map(|s| s.name.as_str())
            .collect();
        PAGE.failure(format!(
            "when /hours failed at 0.150 s, the other requests should have been cancelled, but these were not: \
             {still_running:?}. `try_join_all` drops the remaining futures when one fails."
        ))
        .timeline()
        .unless(still_running.is_empty());
    });
}

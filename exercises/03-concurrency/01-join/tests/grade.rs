//! Graded tests for exercise 3.1, on tokio's paused clock.

use grader::sim::web::page_of;
use grader::{ms, timed};
use join::{FetchError, Page, fetch_both};

const PAGE: grader::Page = grader::Page::new("src/03-concurrency/01-join.md");

/// What `fetch_page(url)` gives for a page that exists.
fn page(url: &str) -> Result<Page, FetchError> {
    Ok(page_of(url).expect("a known page"))
}

type Both = (Result<Page, FetchError>, Result<Page, FetchError>);

/// `fetch_both(first, second)` should have returned `expected`.
fn check_both(first: &str, second: &str, got: Both, expected: Both) {
    let swapped = (expected.1.clone(), expected.0.clone());
    let cause = if got == swapped {
        format!(
            "the two results are swapped. `join!(a, b)` gives `(output of a, output of b)` in the order you wrote \
             the futures, whichever finishes first: put the future for {first:?} first."
        )
    } else {
        format!("each result should be what `sim::web::fetch_page` gives for its url: {first:?}, then {second:?}.")
    };
    PAGE.failure(format!(
        "fetch_both({first:?}, {second:?}) should return (the result for {first}, the result for {second}), but it \
         returned {got:?}."
    ))
    .cause(cause)
    .unless(got == expected);
}

#[test]
fn returns_both_pages_in_the_order_asked() {
    grader::run(async || {
        check_both("/home", "/menu", fetch_both("/home", "/menu").await, (page("/home"), page("/menu")));
        // /about (100 ms) answers before /blog (500 ms): the order of the results must not follow.
        check_both("/blog", "/about", fetch_both("/blog", "/about").await, (page("/blog"), page("/about")));
    });
}

#[test]
fn the_two_requests_overlap() {
    grader::run(async || {
        let ((home, blog), took) = timed(fetch_both("/home", "/blog")).await;
        PAGE.failure("/home and /blog both exist.").unless(home.is_ok() && blog.is_ok());
        PAGE.took("fetch_both(\"/home\", \"/blog\") (300 ms and 500 ms)", took)
            .expected(ms(500))
            .when(
                ms(800),
                "you awaited them one after another (300 ms + 500 ms). Make both futures first, then await them \
                 together with `tokio::join!(a, b)`: the total is then the slower request, 500 ms.",
            )
            .check();
    });
}

#[test]
fn a_failed_request_does_not_stop_the_other() {
    grader::run(async || {
        let (result, took) = timed(fetch_both("/nope", "/blog")).await;
        // /nope does not exist (a 404 after 100 ms): its error is returned as it is, and /blog still arrives.
        check_both("/nope", "/blog", result, (Err(FetchError::NotFound("/nope".to_string())), page("/blog")));
        PAGE.took("fetch_both(\"/nope\", \"/blog\") (100 ms and 500 ms)", took)
            .expected(ms(500))
            .when(
                ms(600),
                "you awaited them one after another (100 ms + 500 ms); await them together with `tokio::join!`.",
            )
            .check();
    });
}

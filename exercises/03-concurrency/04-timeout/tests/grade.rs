//! Graded tests for exercise 3.4, on tokio's paused clock.

use grader::sim::journal::span;
use grader::sim::web::page_of;
use grader::{ms, timed};
use timeout::{FetchError, Page, Server, fetch_with_fallback, fetch_within};

const PAGE: grader::Page = grader::Page::new("src/03-concurrency/04-timeout.md");

/// The likely mistake when the mirror answers before the origin has had its chance.
const MIRROR_AT_ONCE: &str = "you asked the mirror at once. The mirror is the fallback: ask it only after the \
                              origin has failed or missed its deadline.";

fn page(url: &str) -> Page {
    page_of(url).expect("a known page")
}

#[test]
fn an_answer_in_time_is_returned_as_it_is() {
    grader::run(async || {
        let (result, took) = timed(fetch_within("/home", grader::secs(1))).await;
        PAGE.failure("the origin serves /home in 300 ms, well within 1 s.").unless_eq(&result, &Ok(page("/home")));
        PAGE.took("fetch_within(\"/home\", 1 s) (the origin answers in 300 ms)", took)
            .expected(ms(300))
            .when(
                grader::secs(1),
                "you waited for the whole limit although the answer was there at 300 ms. A deadline is a maximum: \
                 `tokio::time::timeout` returns as soon as the future finishes.",
            )
            .check();

        let (result, took) = timed(fetch_within("/hours", grader::secs(1))).await;
        PAGE.failure(
            "the origin fails /hours with a 503 after 150 ms, within the limit: that error should be returned as \
             it is (only a missed deadline is `TimedOut`).",
        )
        .unless_eq(&result, &Err(FetchError::Unavailable("/hours".to_string())));
        PAGE.took("fetch_within(\"/hours\", 1 s) (a 503 after 150 ms)", took).expected(ms(150)).check();
    });
}

#[test]
fn a_slow_page_times_out_at_the_limit() {
    grader::run(async || {
        let (result, took) = timed(fetch_within("/archive", ms(500))).await;
        PAGE.took("fetch_within(\"/archive\", 500 ms) (the origin needs 2 s)", took)
            .expected(ms(500))
            .when(
                grader::secs(2),
                "you waited for the page and only then looked at the clock, or measured the deadline with \
                 `std::time::Instant`, which does not move on the tests' paused clock. The wait itself must be cut \
                 short, on tokio's clock: wrap the fetch in `tokio::time::timeout(limit, ..)`.",
            )
            .check();
        PAGE.failure(
            "after 500 ms without an answer, fetch_within should give up with `Err(FetchError::TimedOut(url))`.",
        )
        .unless_eq(&result, &Err(FetchError::TimedOut("/archive".to_string())));
        let request = span("GET /archive").expect("the archive was requested");
        PAGE.failure("the request for /archive should have been cancelled at 0.500 s, when the deadline passed.")
            .timeline()
            .unless(request.cancelled && request.end == Some(ms(500)));
    });
}

#[test]
fn a_slow_origin_falls_back_to_the_mirror_at_the_deadline() {
    grader::run(async || {
        let (result, took) = timed(fetch_with_fallback("/archive")).await;
        PAGE.took("fetch_with_fallback(\"/archive\") (origin 2 s, mirror 150 ms)", took)
            .expected(ms(450))
            .when(
                grader::secs(2),
                "there was no deadline on the origin: you waited its full 2 s. Give it `ORIGIN_DEADLINE` with \
                 `fetch_within(url, ORIGIN_DEADLINE)`.",
            )
            .when(
                ms(2150),
                "you waited for the origin's full 2 s and then asked the mirror. Give the origin only \
                 `ORIGIN_DEADLINE` (300 ms) with `fetch_within`.",
            )
            .when(ms(150), MIRROR_AT_ONCE)
            .check();
        PAGE.failure("the origin missed its 300 ms deadline, so the page should come from the mirror.")
            .unless_eq(&result, &Ok((Server::Mirror, page("/archive"))));
        let (origin, mirror) = (span("GET /archive"), span("mirror GET /archive"));
        PAGE.failure("the origin's request should be cancelled at 0.300 s, and the mirror asked right then.")
            .timeline()
            .unless(
                origin.is_some_and(|s| s.cancelled && s.end == Some(ms(300)))
                    && mirror.is_some_and(|s| s.start == ms(300)),
            );
    });
}

#[test]
fn an_origin_error_falls_back_to_the_mirror() {
    grader::run(async || {
        let (result, took) = timed(fetch_with_fallback("/hours")).await;
        PAGE.failure(
            "the origin fails /hours with a 503 after 150 ms: an error is a failure too, so the page should come \
             from the mirror.",
        )
        .timeline()
        .unless_eq(&result, &Ok((Server::Mirror, page("/hours"))));
        PAGE.took("fetch_with_fallback(\"/hours\") (origin 503 at 150 ms, then mirror 200 ms)", took)
            .expected(ms(350))
            .when(ms(200), MIRROR_AT_ONCE)
            .when(
                ms(500),
                "you waited out the whole deadline after the origin had already failed. `fetch_within` returns \
                 the origin's error as soon as it comes; turn to the mirror right then.",
            )
            .check();
    });
}

#[test]
fn a_fast_origin_needs_no_mirror() {
    grader::run(async || {
        let (result, took) = timed(fetch_with_fallback("/menu")).await;
        PAGE.failure("the origin serves /menu in 200 ms, within its deadline: the page comes from the origin.")
            .unless_eq(&result, &Ok((Server::Origin, page("/menu"))));
        PAGE.failure(
            "the mirror was asked for /menu although the origin answered in time. The mirror is a fallback: ask \
             it only after the origin has failed.",
        )
        .timeline()
        .unless(span("mirror GET /menu").is_none());
        PAGE.took("fetch_with_fallback(\"/menu\") (origin 200 ms)", took)
            .expected(ms(200))
            .when(
                ms(300),
                "you waited out the whole deadline although the origin answered at 200 ms. A deadline is a \
                 maximum: `tokio::time::timeout` returns as soon as the future finishes.",
            )
            .check();
    });
}

#[test]
fn when_both_fail_the_mirrors_error_is_returned() {
    grader::run(async || {
        let (result, took) = timed(fetch_with_fallback("/news")).await;
        PAGE.failure(
            "the origin needs 400 ms for /news (past its 300 ms deadline), and the mirror has no copy (404): the \
             mirror's answer, `Err(NotFound(\"/news\"))`, should be returned as it is.",
        )
        .timeline()
        .unless_eq(&result, &Err(FetchError::NotFound("/news".to_string())));
        PAGE.took("fetch_with_fallback(\"/news\") (origin times out at 300 ms, mirror 404 at 60 ms)", took)
            .expected(ms(360))
            .when(ms(60), MIRROR_AT_ONCE)
            .when(
                ms(460),
                "there was no deadline on the origin: you waited its full 400 ms before asking the mirror. Give it \
                 only `ORIGIN_DEADLINE` with `fetch_within(url, ORIGIN_DEADLINE)`.",
            )
            .check();
    });
}

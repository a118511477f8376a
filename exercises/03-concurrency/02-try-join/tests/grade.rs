//! Graded tests for exercise 3.2, on tokio's paused clock.

use grader::sim::journal::{self, Span};
use grader::sim::web::body_of;
use grader::{ms, timed};
use try_join::{Article, FetchError, load_article};

const PAGE: grader::Page = grader::Page::new("src/03-concurrency/02-try-join.md");

/// The span of the request for `url` (`GET <url>`), if it was made.
fn request(url: &str) -> Option<Span> {
    journal::spans().into_iter().find(|s| s.name == format!("GET {url}"))
}

/// Checks that the request for `url` was made and cancelled at `at` (when the first error came back).
fn assert_cancelled_at(url: &str, at: std::time::Duration, why: &str) {
    let timeline = journal::timeline();
    let Some(span) = request(url) else {
        PAGE.failure(format!("{url} was never requested: all three parts must be fetched at once.\n\n{timeline}"))
            .fail();
    };
    PAGE.failure(format!(
        "the request for {url} should have been cancelled at {} ({why}), but it {}.",
        grader::sim::secs(at),
        match (span.end, span.cancelled) {
            (None, _) => "was still running".to_string(),
            (Some(end), true) => format!("was cancelled at {}", grader::sim::secs(end)),
            (Some(end), false) => format!("ran to its end at {}", grader::sim::secs(end)),
        }
    ))
    .cause(format!(
        "a request that can no longer matter kept running. `tokio::try_join!` drops the other futures as soon as one \
         fails, which cancels their requests; spawned tasks (`tokio::spawn`) are not cancelled when their \
         `JoinHandle` is dropped.\n\n  What ran when (virtual time):\n{timeline}"
    ))
    .unless(span.cancelled && span.end == Some(at));
}

#[test]
fn loads_a_whole_article_in_the_time_of_the_slowest_part() {
    grader::run(async || {
        let (article, took) = timed(load_article("tokio")).await;
        let part = |url: &str| body_of(url).expect("a known page").to_string();
        PAGE.failure(
            "the article \"tokio\" is the bodies of /articles/tokio, /articles/tokio/comments and \
             /articles/tokio/author, in those fields.",
        )
        .unless_eq(
            &article,
            &Ok(Article {
                text: part("/articles/tokio"),
                comments: part("/articles/tokio/comments"),
                author: part("/articles/tokio/author"),
            }),
        );
        PAGE.took("load_article(\"tokio\") (parts of 400, 600 and 200 ms)", took)
            .expected(ms(600))
            .when(
                ms(1200),
                "you awaited the three parts one after another (400 + 600 + 200 ms). Make the three futures, \
                 then await them together with `tokio::try_join!`.",
            )
            .check();
    });
}

#[test]
fn a_missing_part_fails_the_article_at_once() {
    grader::run(async || {
        let (article, took) = timed(load_article("draft")).await;
        PAGE.failure("the draft has no author page (404 after 100 ms): the article should fail with that error.")
            .unless_eq(&article, &Err(FetchError::NotFound("/articles/draft/author".to_string())));
        PAGE.took("load_article(\"draft\") (its author fails after 100 ms)", took)
            .expected(ms(100))
            .when(
                ms(600),
                "you waited for every part and checked the results afterwards (`join!`, then `?`). `join!` always \
                 waits for all its futures; `tokio::try_join!` returns at the first error, here at 100 ms.",
            )
            .when(ms(1100), "you awaited the parts one after another; await them together with `tokio::try_join!`.")
            .check();
        let why = "the author had failed, so the article could no longer be shown";
        assert_cancelled_at("/articles/draft", ms(100), why);
        assert_cancelled_at("/articles/draft/comments", ms(100), why);
    });
}

#[test]
fn the_error_that_happens_first_wins() {
    grader::run(async || {
        let (article, took) = timed(load_article("outage")).await;
        PAGE.failure(
            "during the outage the comments fail after 200 ms and the text after 300 ms: the article should fail \
             with the first error to happen, the comments' 503, even though the text comes first in the \
             argument list.",
        )
        .cause(
            "the results were checked in argument order after the fact, or awaited one after another. \
             `tokio::try_join!` returns whichever error comes first in time.",
        )
        .timeline()
        .unless_eq(&article, &Err(FetchError::Unavailable("/articles/outage/comments".to_string())));
        PAGE.took("load_article(\"outage\") (the comments fail after 200 ms)", took).expected(ms(200)).check();
        let why = "the comments had failed";
        assert_cancelled_at("/articles/outage", ms(200), why);
        assert_cancelled_at("/articles/outage/author", ms(200), why);
    });
}

//! Graded tests for exercise 3.3, on tokio's paused clock.

use std::time::Duration;

use grader::sim::journal::span;
use grader::sim::secs;
use grader::sim::web::page_of;
use grader::{ms, timed};
use select::{Page, Server, fetch_fastest};

const PAGE: grader::Page = grader::Page::new("src/03-concurrency/03-select.md");

fn page(url: &str) -> Page {
    page_of(url).expect("a known page")
}

/// `got` should be `expected`; otherwise explain, with the time it came back and the timeline.
fn check_answer(url: &str, got: &Option<(Server, Page)>, expected: Option<(Server, Page)>, took: Duration, why: &str) {
    let show = |a: &Option<(Server, Page)>| match a {
        Some((server, page)) => format!("Some(({server:?}, the {} page))", page.url),
        None => "None".to_string(),
    };
    let asked = |name: String| span(&name).is_some();
    let both_asked = asked(format!("GET {url}")) && asked(format!("mirror GET {url}"));
    let note =
        if both_asked { "" } else { "\n\n  Only one server was asked: ask both at once, in a `tokio::select!`." };
    PAGE.failure(format!(
        "fetch_fastest({url:?}) should return {}, but it returned {} at {}.\n\n  {why}{note}",
        show(&expected),
        show(got),
        secs(took)
    ))
    .timeline()
    .unless(*got == expected);
}

/// The loser's request must have been cancelled when the winner answered.
fn check_cancelled(name: &str, at: Duration) {
    let Some(loser) = span(name) else {
        PAGE.failure(format!("`{name}` was never sent: both servers must be asked at the same time."))
            .timeline()
            .fail();
    };
    const DROPS: &str = "`tokio::select!` returns with the first branch to finish and drops the other future, \
                         which cancels its request.";
    let cause = if loser.cancelled {
        format!("both answers were awaited (`join!`). {DROPS}")
    } else {
        let still_running = if loser.end.is_none() {
            " (it is still running after the race, which points to a spawned task: race the request futures \
             themselves, or `.abort()` the loser's task)"
        } else {
            ""
        };
        format!(
            "both answers were awaited (`join!`), or the request runs in a spawned task; dropping a `JoinHandle` \
             does not cancel it{still_running}. {DROPS}"
        )
    };
    PAGE.failure(format!(
        "`{name}` should have been cancelled at {}, when the other server answered, but it {}.",
        secs(at),
        match loser.end {
            Some(end) if loser.cancelled => format!("was cancelled at {}", secs(end)),
            Some(end) => format!("ran to its end at {}", secs(end)),
            None => "was still running".to_string(),
        }
    ))
    .cause(cause)
    .timeline()
    .unless(loser.cancelled && loser.end == Some(at));
}

#[test]
fn the_faster_mirror_wins_and_the_origin_is_cancelled() {
    grader::run(async || {
        let (answer, took) = timed(fetch_fastest("/home")).await;
        check_answer(
            "/home",
            &answer,
            Some((Server::Mirror, page("/home"))),
            took,
            "the mirror has /home in 120 ms, the origin in 300 ms: the mirror's answer comes first and wins.",
        );
        PAGE.took("fetch_fastest(\"/home\") (origin 300 ms, mirror 120 ms)", took)
            .expected(ms(120))
            .when(ms(300), "you waited for both answers (`join!`?). `tokio::select!` returns with the first one.")
            .when(ms(420), "you asked one server after the other; ask both at once in a `tokio::select!`.")
            .check();
        check_cancelled("GET /home", ms(120));
    });
}

#[test]
fn the_faster_origin_wins_and_the_mirror_is_cancelled() {
    grader::run(async || {
        let (answer, took) = timed(fetch_fastest("/menu")).await;
        check_answer(
            "/menu",
            &answer,
            Some((Server::Origin, page("/menu"))),
            took,
            "the origin has /menu in 200 ms, the mirror in 250 ms: the origin wins this time. Report the server \
             whose branch finished first.",
        );
        PAGE.took("fetch_fastest(\"/menu\") (origin 200 ms, mirror 250 ms)", took)
            .expected(ms(200))
            .when(ms(250), "you waited for both answers (`join!`?). `tokio::select!` returns with the first one.")
            .when(ms(450), "you asked one server after the other; ask both at once in a `tokio::select!`.")
            .check();
        check_cancelled("mirror GET /menu", ms(200));
    });
}

#[test]
fn a_failed_answer_does_not_win() {
    grader::run(async || {
        let (answer, took) = timed(fetch_fastest("/news")).await;
        check_answer(
            "/news",
            &answer,
            Some((Server::Origin, page("/news"))),
            took,
            "the mirror has no copy of /news and says so (404) after 60 ms; the origin has it at 400 ms. A failed \
             answer must not end the race: write the branches as `Ok(page) = fetch_...(url) => ...`, so that an \
             `Err` disables its branch and `select!` keeps waiting for the other.",
        );
        PAGE.took("fetch_fastest(\"/news\") (mirror 404 at 60 ms, origin 400 ms)", took).expected(ms(400)).check();

        let (answer, took) = timed(fetch_fastest("/hours")).await;
        check_answer(
            "/hours",
            &answer,
            Some((Server::Mirror, page("/hours"))),
            took,
            "the origin fails /hours (503) after 150 ms; the mirror has a copy at 200 ms. The origin's error must \
             not end the race either.",
        );
    });
}

#[test]
fn none_when_neither_server_has_the_page() {
    grader::run(async || {
        let (answer, took) = timed(fetch_fastest("/nope")).await;
        check_answer(
            "/nope",
            &answer,
            None,
            took,
            "neither server has /nope: the mirror says 404 after 60 ms, the origin after 100 ms. Once both have \
             failed, there is nothing left to wait for: `else => None`.",
        );
        PAGE.took("fetch_fastest(\"/nope\") (mirror 404 at 60 ms, origin 404 at 100 ms)", took)
            .expected(ms(100))
            .when(ms(60), "you gave up at the first failure: wait until both servers have failed.")
            .when(ms(160), "you asked one server after the other; ask both at once in a `tokio::select!`.")
            .check();
    });
}

//! The timeline pictures of chapter 3, drawn from real runs of the listings on
//! tokio's paused clock and compared with the committed SVGs in `diagrams/`, which
//! the pages include. `SNAPSHOTS=overwrite cargo test --test diagrams` regenerates them
//! (every chapter's at once).

use diagrams::last_end;
use std::time::Duration;

use diagrams::{Span, Timeline, record};
use listings_03_concurrency::{join, select, timeout, try_join};
use sim::web::{FetchError, Server};

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// The names of the cancelled spans.
fn cancelled(spans: &[Span]) -> Vec<&str> {
    spans.iter().filter(|s| s.cancelled).map(|s| s.name.as_str()).collect()
}

/// `select!` polls its branches in a random order, so spans that start at the same
/// instant are sorted by name to keep the picture stable.
fn sorted(mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort_by(|a, b| (a.start, &a.name).cmp(&(b.start, &b.name)));
    spans
}

#[test]
fn one_by_one_or_join() {
    let one_by_one = record(async || {
        let _ = join::home_and_menu_one_by_one().await;
    });
    let together = record(async || {
        let _ = join::home_and_menu_together().await;
    });
    assert_eq!((last_end(&one_by_one), last_end(&together)), (ms(500), ms(300)));
    Timeline::new("Two independent page requests: /home takes 300 ms, /menu 200 ms")
        .section(
            "home_and_menu_one_by_one(), two .awaits in a row: done at 0.5 s",
            one_by_one,
        )
        .section("home_and_menu_together(), tokio::join!: done at 0.3 s", together)
        .check("diagrams/join.svg");
}

#[test]
fn join_then_check_or_try_join() {
    let slowly = record(async || {
        assert_eq!(
            try_join::blog_and_missing_slowly().await,
            Err(FetchError::NotFound("/nope".into()))
        );
    });
    let fail_fast = record(async || {
        assert_eq!(
            try_join::blog_and_missing().await,
            Err(FetchError::NotFound("/nope".into()))
        );
    });
    assert_eq!((last_end(&slowly), cancelled(&slowly)), (ms(500), vec![]));
    assert_eq!(
        (last_end(&fail_fast), cancelled(&fail_fast)),
        (ms(100), vec!["GET /blog"])
    );
    Timeline::new("/blog takes 500 ms; /nope fails with a 404 after 100 ms")
        .section("blog_and_missing_slowly(), join! then ?: Err at 0.5 s, after the blog arrived", slowly)
        .section("blog_and_missing(), try_join!: Err at 0.1 s, the blog request dropped", fail_fast)
        .check("diagrams/try_join.svg");
}

#[test]
fn select_keeps_the_first_answer() {
    let home = record(async || {
        assert_eq!(select::first_answer("/home").await.0, Server::Mirror);
    });
    let menu = record(async || {
        assert_eq!(select::first_answer("/menu").await.0, Server::Origin);
    });
    assert_eq!((last_end(&home), cancelled(&home)), (ms(120), vec!["GET /home"]));
    assert_eq!(
        (last_end(&menu), cancelled(&menu)),
        (ms(200), vec!["mirror GET /menu"])
    );
    Timeline::new("first_answer(url): select! keeps the first answer and drops the other request")
        .section("first_answer(\"/home\"): the mirror wins at 0.12 s", sorted(home))
        .section("first_answer(\"/menu\"): the origin wins at 0.2 s", sorted(menu))
        .until(ms(300)) // room for the label of the request cancelled at the end
        .check("diagrams/select.svg");
}

#[test]
fn timeout_drops_the_future() {
    let archive = record(async || {
        assert_eq!(
            timeout::archive_within(ms(500)).await,
            Err(FetchError::TimedOut("/archive".into()))
        );
    });
    let transfer = record(async || {
        assert_eq!(timeout::impatient_transfer().await, ["debited Ada"]);
    });
    assert_eq!(
        (last_end(&archive), cancelled(&archive)),
        (ms(500), vec!["GET /archive"])
    );
    assert_eq!(
        (last_end(&transfer), cancelled(&transfer)),
        (ms(150), vec!["credit Grace"])
    );
    Timeline::new("timeout(limit, future): at the deadline, the future is dropped where it stands")
        .section("archive_within(500 ms): a request, dropped at 0.5 s; nothing is lost", archive)
        .section("impatient_transfer(), 150 ms: dropped after the debit, halfway through the credit", transfer)
        .until(ms(700)) // room for the label of the request cancelled at the end
        .check("diagrams/timeout.svg");
}

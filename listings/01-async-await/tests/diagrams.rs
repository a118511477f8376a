//! The timeline pictures of chapter 1 and of the introduction, drawn from real runs
//! of the example code on tokio's paused clock and compared with the committed SVGs
//! in `diagrams/`, which the pages include. `SNAPSHOTS=overwrite cargo test`
//! (or `--test diagrams`) regenerates them (every chapter's at once).

use diagrams::last_end;
use std::time::Duration;

use diagrams::{Timeline, record};
use listings_01_async_await::errors::{LookupError, team_of};
use listings_01_async_await::sequence::two_users;
use sim::work;

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

#[test]
fn introduction_one_after_another_or_together() {
    let one_after_another = record(async || {
        work("fetch /a", ms(1000)).await;
        work("fetch /b", ms(1000)).await;
        work("fetch /c", ms(1000)).await;
    });
    let together = record(async || {
        tokio::join!(
            work("fetch /a", ms(1000)),
            work("fetch /b", ms(1000)),
            work("fetch /c", ms(1000))
        );
    });
    // The section titles state the totals: keep them true.
    assert_eq!(
        (last_end(&one_after_another), last_end(&together)),
        (ms(3000), ms(1000))
    );
    Timeline::new("Three 1-second requests, on the grader's virtual clock")
        .section(
            "One after another (three .awaits in a row): done at 3 s",
            one_after_another,
        )
        .section("At the same time (tokio::join!, chapter 3): done at 1 s", together)
        .check("diagrams/intro_one_after_another_or_together.svg");
}

#[test]
fn two_users_one_after_another() {
    let spans = record(async || {
        two_users().await;
    });
    assert_eq!(
        spans[1].start,
        spans[0].end.unwrap(),
        "the second lookup starts when the first ends"
    );
    Timeline::new(
        "two_users(): the second lookup starts when the first .await is done",
    )
    .spans(spans)
    .check("diagrams/two_users.svg");
}

// ANCHOR: awaited_later
/// A future created early runs only once it is awaited.
async fn created_early_awaited_later() {
    let report = work("build report", ms(300)); // created at 0 s: nothing runs yet
    work("fetch settings", ms(500)).await; // runs from 0 s to 0.5 s
    report.await; // only now does the report start
}
// ANCHOR_END: awaited_later

// ANCHOR: dropped_halfway
/// A future dropped while it waits stops where it was: it never finishes.
async fn dropped_halfway() {
    let mut download = tokio_test::task::spawn(work("download", ms(1000)));
    assert!(download.poll().is_pending()); // polled once: it starts, then waits
    tokio::time::advance(ms(400)).await; // 0.4 s later…
    drop(download); // …it is dropped: cancelled, it never reaches 1 s
}
// ANCHOR_END: dropped_halfway

#[test]
fn lazy_futures() {
    let later = record(created_early_awaited_later);
    assert_eq!(
        later[1].start,
        ms(500),
        "the report starts when it is awaited, not when it was created"
    );
    let dropped = record(dropped_halfway);
    assert!(dropped[0].cancelled && dropped[0].end == Some(ms(400)));
    Timeline::new("Futures run when polled, and stop when dropped")
        .section("created_early_awaited_later()", later)
        // `report` is created on the function's first line, at 0 s: a dot there, and its bar only from 0.5 s
        .events("report created", vec![Duration::ZERO])
        .section("dropped_halfway()", dropped)
        .check("diagrams/lazy_futures.svg");
}

#[test]
fn question_mark_returns_early() {
    let found = record(async || {
        assert_eq!(team_of(2).await, Ok("Runtime".to_string()));
    });
    let missing = record(async || {
        assert_eq!(team_of(7).await, Err(LookupError::NoSuchUser(7)));
    });
    assert_eq!((last_end(&found), last_end(&missing)), (ms(500), ms(300)));
    Timeline::new(
        "team_of: ? returns at the first error, so the team is never looked up",
    )
    .section("team_of(2) → Ok(\"Runtime\") at 0.5 s", found)
    .section("team_of(7) → Err(NoSuchUser(7)) at 0.3 s", missing)
    .check("diagrams/question_mark.svg");
}

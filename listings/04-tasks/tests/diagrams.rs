//! The timeline pictures of chapter 4, drawn from real runs of the listings on
//! tokio's paused clock and compared with the committed SVGs in `diagrams/`, which
//! the pages include. `SNAPSHOTS=overwrite cargo test --test diagrams` regenerates them
//! (every chapter's at once).

use diagrams::{last_end, span};
use std::time::Duration;

use diagrams::{Timeline, record};
use listings_04_tasks::{abort, join_set, semaphore, spawn};
use sim::journal::work;

fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

#[test]
fn breakfast() {
    let spans = record(async || {
        assert_eq!(spawn::breakfast().await, "toast and coffee");
    });
    assert_eq!(
        (span(&spans, "brew coffee").end, last_end(&spans)),
        (Some(secs(2)), secs(3))
    );
    // In the order of the text timeline the page shows next to it (`breakfast.txt`):
    // by start, then by name.
    let mut spans = spans;
    spans.sort_by(|a, b| a.start.cmp(&b.start).then_with(|| a.name.cmp(&b.name)));
    Timeline::new(
        "breakfast(): the coffee task brews while the toast is made, 3 s in all",
    )
    .spans(spans)
    .check("diagrams/breakfast.svg");
}

#[test]
fn join_set_completion_order_and_fastest() {
    let all = record(async || {
        assert_eq!(
            join_set::in_completion_order().await,
            ["us.mirror", "asia.mirror", "eu.mirror"]
        );
    });
    let fastest = record(async || {
        assert_eq!(join_set::fastest().await, Some("us.mirror"));
        tokio::time::sleep(secs(1)).await; // the aborted pings are dropped meanwhile
    });
    assert_eq!(last_end(&all), ms(300));
    // Rows in the order `join_next()` hands the results back: the order they finished.
    let mut all = all;
    all.sort_by_key(|s| s.end);
    let cancelled: Vec<&str> =
        fastest.iter().filter(|s| s.cancelled).map(|s| s.name.as_str()).collect();
    assert_eq!(
        (last_end(&fastest), cancelled),
        (ms(100), vec!["ping eu.mirror", "ping asia.mirror"])
    );
    Timeline::new("Three pings in a JoinSet: join_next() gives each one as it finishes")
        .section("in_completion_order(): us.mirror at 0.1 s, asia.mirror at 0.2 s, eu.mirror at 0.3 s", all)
        .section("fastest(): returns us.mirror at 0.1 s; dropping the set aborts the other two", fastest)
        .check("diagrams/join_set.svg");
}

#[test]
fn dropping_a_handle_or_aborting_the_task() {
    let detached = record(async || {
        let job = tokio::spawn(work("slow job", secs(10)));
        let gave_up = tokio::time::timeout(secs(2), job).await; // drops `job` at 2 s
        assert!(gave_up.is_err());
        tokio::time::sleep(secs(30)).await;
    });
    let aborted = record(async || {
        let job = tokio::spawn(work("slow job", secs(10)));
        assert_eq!(abort::with_deadline(job, secs(2)).await, None);
        tokio::time::sleep(secs(30)).await;
    });
    assert_eq!((detached[0].end, detached[0].cancelled), (Some(secs(10)), false));
    assert_eq!((aborted[0].end, aborted[0].cancelled), (Some(secs(2)), true));
    Timeline::new("A 10 s task, given up on after 2 s")
        .section("timeout(2 s, job): the handle is dropped, and the task runs on to the end", detached)
        .mark(secs(2), "2 s: timeout gives up, drops the handle")
        .section("with_deadline(job, 2 s): the handle is kept and the task aborted at 2 s", aborted)
        .mark(secs(2), "2 s: deadline, abort()")
        .check("diagrams/abort.svg");
}

#[test]
fn two_downloads_at_a_time() {
    let spans = record(async || {
        assert_eq!(
            semaphore::download_all(vec![1, 2, 3, 4, 5], 2).await,
            [1, 2, 3, 4, 5]
        );
    });
    assert_eq!(last_end(&spans), secs(3));
    Timeline::new("download_all(files 1 to 5, limit 2): never more than two at a time, 3 s in all")
        .spans(spans)
        .check("diagrams/semaphore.svg");
}

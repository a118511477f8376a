//! Graded tests for exercise 8.3, on tokio's paused clock.

use std::time::Duration;

use cancel_safe::{Feed, batch_frames};
use grader::sim::journal::{self, timeline};
use grader::sim::secs as show;
use grader::{ms, secs, timed};

const PAGE: &str = "src/08-shutdown/03-cancel-safe.md";

fn feed(arrivals: &[(u64, u32)]) -> Feed {
    Feed::new(arrivals.iter().map(|(at, id)| (ms(*at), *id)).collect())
}

/// Frames 1 to 5; frame 3 is still being decoded at the 1 s tick, frame 5 at the 3 s tick.
fn five_frames() -> Feed {
    feed(&[(100, 1), (500, 2), (950, 3), (1400, 4), (2950, 5)])
}

/// No frame may have been dropped half-decoded, and none left out.
fn check_nothing_lost(batches: &[Vec<u32>], all: &[u32]) {
    let lost: Vec<String> = journal::spans()
        .into_iter()
        .filter(|s| s.name.starts_with("decode") && s.cancelled)
        .map(|s| format!("{} (at {})", s.name, show(s.end.unwrap_or_default())))
        .collect();
    if !lost.is_empty() {
        panic!(
            "frames were lost: {} cut short while decoding, and never stored.\n\n  Likely cause: a `feed.next()` \
             future was dropped before it finished (by a `select!` branch that won, or a timeout), and with it \
             the frame it had already taken off the feed: `next()` is not cancel-safe. Make the future once, \
             before the loop (`let next = feed.next(); tokio::pin!(next);`), select on `&mut next` against the \
             ticks of an `interval`, and make a new one (`next.set(feed.next())`) only after it gave you a \
             frame.\n\n  What ran when (virtual time):\n{}\n  Read: {PAGE}",
            lost.join(", "),
            timeline()
        );
    }
    let mut stored: Vec<u32> = batches.concat();
    stored.sort_unstable();
    if stored != all {
        let missing: Vec<u32> = all.iter().copied().filter(|id| !stored.contains(id)).collect();
        panic!(
            "every frame should be stored exactly once: frames {all:?}, but the batches were {batches:?} \
             (missing: {missing:?}).\n\n  Likely cause: {}\n\n  What ran when (virtual time):\n{}\n  Read: {PAGE}",
            if missing.is_empty() {
                "a frame was stored twice: clear the batch once it is stored (`std::mem::take(&mut batch)`)."
            } else if missing.iter().all(|id| stored.iter().all(|s| s < id) && decoded_to_the_end(*id)) {
                "the frames left when the feed ended were never stored. When `next()` gives `None`, store what \
                 is left in the batch before returning."
            } else {
                "a frame was decoded (or was still decoding, see the timeline) but never reached the batch: \
                 the future or task that was to give it to the loop was dropped when the tick won the race (a \
                 `feed.next()`, or a `tokio::spawn(feed.next())` whose `JoinHandle` is dropped, made anew inside \
                 the `select!` on every turn). Make the `next()` future once, before the loop (`let next = \
                 feed.next(); tokio::pin!(next);`), select on `&mut next`, and replace it (`next.set(feed.next())`) \
                 only after it gave you a frame."
            },
            timeline()
        );
    }
}

/// Runs `batch_frames`, and explains the panic of a finished future polled again.
async fn run_batches(feed: Feed, every: Duration) -> Vec<Vec<u32>> {
    match grader::caught(batch_frames(feed, every)).await {
        Ok(batches) => batches,
        Err(message) if message.contains("resumed after completion") => panic!(
            "batch_frames panicked with \"{message}\": a finished future was polled again.\n\n  Likely cause: \
             the pinned `next()` future gave its frame, and the next turn of the loop selected on the same \
             `&mut next` again, a future that is already done. After each frame, replace it with \
             `next.set(feed.next())`, so that the next turn waits for the next frame.\n\n  What ran when \
             (virtual time):\n{}\n  Read: {PAGE}",
            timeline()
        ),
        Err(message) => std::panic::resume_unwind(Box::new(message)),
    }
}

/// Every batch `batch_frames` returned must have been stored, to the end, before it returned.
fn check_stores_done(batches: &[Vec<u32>]) {
    let spans = journal::spans();
    for batch in batches {
        let name = format!("store {batch:?}");
        let done = spans.iter().any(|s| s.name == name && s.end.is_some() && !s.cancelled);
        if !done {
            let what = if spans.iter().any(|s| s.name == name) { "had not finished" } else { "had not even started" };
            panic!(
                "batch_frames returned the batch {batch:?} as stored, but `{name}` {what} when it returned.\n\n  \
                 Likely cause: the store was spawned (`tokio::spawn`) and never awaited, so nothing waited for \
                 it: the last store of all is still pending when `batch_frames` returns. Await each store where \
                 it is made: `store(&batch).await`.\n\n  What ran when (virtual time):\n{}\n  Read: {PAGE}",
                timeline()
            );
        }
    }
}

/// Each store but the one at the end of the feed (`end`) must start on a tick: a whole number of `every`.
fn check_stores_on_the_ticks(every: Duration, end: Duration) {
    let decoded: Vec<Duration> =
        journal::spans().into_iter().filter(|s| s.name.starts_with("decode")).filter_map(|s| s.end).collect();
    for (at, name) in stores() {
        if at == end || (at.as_millis().is_multiple_of(every.as_millis()) && !at.is_zero()) {
            continue;
        }
        let restarted = decoded.iter().any(|d| *d + every == at);
        panic!(
            "`{name}` started at {}, which is not on a tick of the period ({}, {}, {}, …).\n\n  Likely cause: {}\
             \n\n  What ran when (virtual time):\n{}\n  Read: {PAGE}",
            show(at),
            show(every),
            show(every * 2),
            show(every * 3),
            if restarted {
                "it came exactly one period after the last frame, not on the grid: the timer is a \
                 `sleep(every)` made inside the `select!`, so every turn of the loop (every frame) makes a new \
                 one that starts over, and it fires only after a whole period with no frame. Make one \
                 `interval` before the loop (`interval_at(Instant::now() + every, every)`) and select on \
                 `ticks.tick()`: its ticks stay on the grid however often the loop turns."
            } else {
                "the stores drifted off the grid: a timer restarted after each store or frame does. Make one \
                 `interval` before the loop (`interval_at(Instant::now() + every, every)`) and select on \
                 `ticks.tick()`."
            },
            timeline()
        );
    }
}

/// Whether frame `id` was decoded to the end (its `decode` span finished, not cut short).
fn decoded_to_the_end(id: u32) -> bool {
    let name = format!("decode #{id}");
    journal::spans().into_iter().any(|s| s.name == name && s.end.is_some() && !s.cancelled)
}

/// When each store started, and what it stored, from the journal.
fn stores() -> Vec<(Duration, String)> {
    journal::spans().into_iter().filter(|s| s.name.starts_with("store")).map(|s| (s.start, s.name)).collect()
}

fn check_no_empty_store() {
    if let Some((at, _)) = stores().into_iter().find(|(_, name)| name == "store []") {
        panic!(
            "an empty batch was stored at {}: nothing had come since the last store.\n\n  Likely cause: every tick \
             stores the batch, even an empty batch. Store only `if !batch.is_empty()`.\n\n  What ran when \
             (virtual time):\n{}\n  Read: {PAGE}",
            show(at),
            timeline()
        );
    }
}

#[test]
fn every_frame_is_stored_once() {
    grader::run(async || {
        let batches = run_batches(five_frames(), secs(1)).await;
        check_nothing_lost(&batches, &[1, 2, 3, 4, 5]);
        check_stores_done(&batches);
        check_no_empty_store();
        check_stores_on_the_ticks(secs(1), ms(3050));
        assert_eq!(
            batches,
            [vec![1, 2], vec![3, 4], vec![5]],
            "frames 1 and 2 are decoded before the 1 s tick, 3 and 4 before the 2 s tick, and 5 after the last \
             tick (at 3.05 s, when the feed ends).\n\n  What ran when (virtual time):\n{}\n  Read: {PAGE}",
            timeline()
        );
    });
}

#[test]
fn batches_are_stored_on_each_tick_and_at_the_end() {
    grader::run(async || {
        let (batches, took) = timed(run_batches(five_frames(), secs(1))).await;
        check_nothing_lost(&batches, &[1, 2, 3, 4, 5]);
        check_stores_done(&batches);
        let expected = vec![
            (secs(1), "store [1, 2]".to_string()),
            (secs(2), "store [3, 4]".to_string()),
            (ms(3050), "store [5]".to_string()),
        ];
        let got = stores();
        if got != expected {
            check_no_empty_store();
            if got.len() > 1 {
                check_stores_on_the_ticks(secs(1), ms(3050));
            }
            panic!(
                "the stores should be [1, 2] at 1.000 s, [3, 4] at 2.000 s and [5] at 3.050 s (the end of the \
                 feed), but they were {:?}.\n\n  Likely cause: {}\n\n  What ran when (virtual time):\n{}\n  \
                 Read: {PAGE}",
                got.iter().map(|(at, name)| format!("{name} at {}", show(*at))).collect::<Vec<_>>(),
                if got.len() == 1 {
                    "everything was stored once, at the end. Store the batch on every tick of an `interval`, \
                     while the frames keep coming: `select!` between the tick and the next frame."
                } else {
                    "the stores were not on the ticks (`every`, 2 × `every`, …): start the interval one period \
                     after the call, with `interval_at(Instant::now() + every, every)`."
                },
                timeline()
            );
        }
        grader::took("five frames, the last decoded at 3.05 s, then the last store", took)
            .expected(ms(3100))
            .read(PAGE)
            .check();
    });
}

#[test]
fn a_quiet_period_stores_nothing() {
    grader::run(async || {
        // Nothing comes between 0.2 s and 3.5 s: the ticks at 2 s and 3 s find an empty batch.
        let batches = run_batches(feed(&[(100, 1), (3500, 2)]), secs(1)).await;
        check_nothing_lost(&batches, &[1, 2]);
        check_stores_done(&batches);
        check_no_empty_store();
        assert_eq!(batches, [vec![1], vec![2]], "frame 1 at the 1 s tick, frame 2 at the end. Read: {PAGE}");
    });
}

#[test]
fn an_empty_feed_stores_nothing_and_returns_at_once() {
    grader::run(async || {
        let (batches, took) = timed(run_batches(feed(&[]), secs(1))).await;
        grader::took("a feed with no frames", took)
            .expected(Duration::ZERO)
            .when(secs(1), "it waited for a tick before noticing that the feed was done.")
            .read(PAGE)
            .check();
        check_no_empty_store();
        assert!(batches.is_empty(), "no frames, no batches, but got {batches:?}. Read: {PAGE}");
    });
}

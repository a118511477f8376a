//! The timeline pictures of chapter 2, drawn from real runs of the listings on
//! tokio's paused clock and compared with the committed SVGs in `diagrams/`, which
//! the pages include. `SNAPSHOTS=overwrite cargo test --test diagrams` regenerates them
//! (every chapter's at once).
//!
//! A timeline shows virtual time, so it shows what blocking does to tokio's clock (it
//! stands still) rather than the real time the thread lost. Computation on the
//! blocking pool takes no virtual time at all (the paused clock does not move while a
//! `spawn_blocking` job runs), so `spawn_blocking` has no picture.

use diagrams::last_end;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use diagrams::{Timeline, record};
use listings_02_runtime::blocking::{
    heartbeat, wait_for_export_blocking, wait_for_export_politely, wait_politely,
    wait_rudely,
};
use sim::traced;

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// Runs `wait` next to the chapter's heartbeat task (the test
/// `a_polite_wait_lets_the_heartbeat_beat` and its rude twin) and returns the spans
/// and the number of beats. The heartbeat is left running: the run ends with the
/// wait.
fn next_to_the_heartbeat<F: Future<Output = ()>>(
    name: &str,
    wait: impl FnOnce() -> F,
) -> (Vec<diagrams::Span>, u32) {
    let beats = Arc::new(AtomicU32::new(0));
    let spans = record(async || {
        tokio::spawn(traced("heartbeat(beats)", heartbeat(beats.clone())));
        traced(name, wait()).await;
    });
    (spans, beats.load(Ordering::SeqCst))
}

#[test]
fn heartbeat_next_to_a_wait() {
    let (politely, polite_beats) =
        next_to_the_heartbeat("wait_politely()", wait_politely);
    let (rudely, rude_beats) = next_to_the_heartbeat("wait_rudely()", wait_rudely); // really sleeps 250 ms
    // The section titles say this: keep them true.
    assert_eq!((last_end(&politely), polite_beats), (ms(250), 2));
    assert!(politely.iter().any(|s| s.name == "heartbeat(beats)"
        && s.start == Duration::ZERO
        && s.end.is_none()));
    assert_eq!((last_end(&rudely), rude_beats), (Duration::ZERO, 0));
    assert!(
        rudely.iter().all(|s| s.name != "heartbeat(beats)"),
        "the heartbeat never started"
    );
    // The beats: the heartbeat counts one at the end of each 100 ms sleep, so the n
    // beats it counted were at 100 ms, 200 ms, ...
    let beats = |n: u32| (1..=u64::from(n)).map(|k| ms(100 * k)).collect::<Vec<_>>();
    Timeline::new("A heartbeat task next to a 250 ms wait, on tokio's paused clock")
        .section("wait_politely(), tokio::time::sleep: 0.25 s; meanwhile the heartbeat beats twice", politely)
        .events("beats", beats(polite_beats))
        .section("wait_rudely(), std::thread::sleep: 0 s on tokio's clock, and the heartbeat never ran", rudely)
        .events("beats", beats(rude_beats))
        .check("diagrams/heartbeat.svg");
}

#[test]
fn blocking_poll_or_waiting_on_tokios_clock() {
    let blocking = record(async || {
        assert!(wait_for_export_blocking("sales").await.is_ok()); // really sleeps 4 × 200 ms
    });
    let polite = record(async || {
        assert!(wait_for_export_politely("sales").await.is_ok());
    });
    let checks = |spans: &[diagrams::Span]| {
        spans.iter().filter(|s| s.name.starts_with("check(")).count()
    };
    assert_eq!((checks(&blocking), last_end(&blocking)), (5, ms(600)));
    assert_eq!((checks(&polite), last_end(&polite)), (3, ms(800)));
    Timeline::new("Polling the sales export, ready at 0.55 s, with a 200 ms wait between checks")
        .section("std::thread::sleep between checks: the waits take no time on tokio's clock", blocking)
        .section("tokio::time::sleep(..).await between checks: the clock moves on while it waits", polite)
        .check("diagrams/blocking_poll.svg");
}

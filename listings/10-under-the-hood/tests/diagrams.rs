//! The timeline pictures of chapter 10, drawn from real runs of the listings on tokio's
//! paused clock (polls and wake-ups recorded by `traced`) and compared with the
//! committed SVGs in `diagrams/`, which the pages include.
//! `SNAPSHOTS=overwrite cargo test --test diagrams` regenerates them.

use std::time::Duration;

use diagrams::{Timeline, last_end, record};
use listings_10_under_the_hood::join_unpin::join_unpin;
use listings_10_under_the_hood::race::{Winner, race};
use listings_10_under_the_hood::state_machine::two_naps;
use listings_10_under_the_hood::traced::{Trace, traced};

fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

fn read(trace: &std::sync::Mutex<Trace>) -> Trace {
    trace.lock().expect("trace").clone()
}

#[test]
fn polls_and_wake_ups_of_an_async_fn() {
    let mut trace = Trace::default();
    let spans = record(async || {
        let (fut, shared) = traced(two_naps());
        assert_eq!(fut.await, 5);
        trace = read(&shared);
    });
    assert_eq!(trace.polls, [secs(0), secs(2), secs(5)]);
    assert_eq!(trace.wakes, [secs(2), secs(5)]);
    assert_eq!(last_end(&spans), secs(5));
    Timeline::new("two_naps(): polled at 0 s, then once per wake-up (2 s and 5 s), never in between")
        .spans(spans)
        .events("polls", trace.polls)
        .events("wake-ups", trace.wakes)
        .until(Duration::from_millis(6500)) // room for the labels after the last dot
        .check("diagrams/polls_and_wakes.svg");
}

#[test]
fn a_join_polls_both_until_each_is_done() {
    let (mut joined, mut a, mut b) =
        (Trace::default(), Trace::default(), Trace::default());
    let spans = record(async || {
        let (fa, ta) = traced(sim::journal::work("a: 1 s of work", secs(1)));
        let (fb, tb) = traced(sim::journal::work("b: 3 s of work", secs(3)));
        let (join, tj) = traced(join_unpin(Box::pin(fa), Box::pin(fb)));
        join.await;
        (joined, a, b) = (read(&tj), read(&ta), read(&tb));
    });
    assert_eq!(joined.polls, [secs(0), secs(1), secs(3)]);
    assert_eq!(a.polls, [secs(0), secs(1)]);
    assert_eq!(b.polls, [secs(0), secs(1), secs(3)]);
    Timeline::new("join(a, b): each wake-up polls every unfinished future; a is never polled after it is done")
        .spans(spans)
        .events("join polled", joined.polls)
        .events("a polled", a.polls)
        .events("b polled", b.polls)
        .until(Duration::from_millis(4500))
        .check("diagrams/join_polls.svg");
}

#[test]
fn a_race_drops_the_loser_at_the_deadline() {
    let spans = record(async || {
        let work = Box::pin(sim::journal::work("work (5 s)", secs(5)));
        let timer = Box::pin(sim::journal::traced(
            "the timer: sleep(2 s)",
            tokio::time::sleep(secs(2)),
        ));
        assert_eq!(race(work, timer).await, Winner::Right(()));
    });
    let work = diagrams::span(&spans, "work (5 s)");
    assert!(work.cancelled);
    assert_eq!(work.end, Some(secs(2)));
    Timeline::new("race(work, sleep(2 s)): at 2 s the timer wins and the work is dropped at once")
        .spans(spans)
        .mark(secs(2), "deadline")
        .check("diagrams/race.svg");
}

//! The timeline pictures of chapter 6, drawn from real runs of the listings on
//! tokio's paused clock and compared with the committed SVGs in `diagrams/`, which
//! the pages include. `SNAPSHOTS=overwrite cargo test --test diagrams` regenerates them
//! (every chapter's at once).

use diagrams::last_end;
use std::time::Duration;

use diagrams::{Timeline, record};
use listings_06_capstone::generators::{countdown, read_all};
use listings_06_capstone::{spawning, traps};
use sim::traced;

fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

#[test]
fn wait_n_one_at_a_time_or_all_at_once() {
    let delays = [3, 1, 2].map(secs);
    let one_at_a_time = record(async || {
        assert_eq!(traps::one_at_a_time(&delays).await, delays);
    });
    let all_at_once = record(async || {
        assert_eq!(traps::all_at_once(&delays).await, delays);
    });
    assert_eq!(
        (last_end(&one_at_a_time), last_end(&all_at_once)),
        (secs(6), secs(3))
    );
    Timeline::new("Waits of 3 s, 1 s and 2 s: the two traps of task 1")
        .section("one_at_a_time(), an .await in the loop: one after another, 6 s", one_at_a_time)
        .section("all_at_once(), join_all: 3 s, but the results in the given order, [3 s, 1 s, 2 s]", all_at_once)
        .check("diagrams/wait_n.svg");
}

#[test]
fn task_wait_n_in_turn_or_all_first() {
    let delays = [300, 100, 200].map(Duration::from_millis);
    let in_turn = record(async || {
        assert_eq!(spawning::wait_in_turn(&delays).await, delays);
    });
    let all_first = record(async || {
        assert_eq!(spawning::wait_all_first(&delays).await, delays);
    });
    let ms = Duration::from_millis;
    assert_eq!((last_end(&in_turn), last_end(&all_first)), (ms(600), ms(300)));
    Timeline::new("Waits of 0.3 s, 0.1 s and 0.2 s in spawned tasks: where the .await goes decides")
        .section("wait_in_turn(): each handle awaited before the next spawn, 0.6 s", in_turn)
        .section(
            "wait_all_first(): every task spawned first, 0.3 s, results in start order [0.3, 0.1, 0.2]",
            all_first,
        )
        .check("diagrams/task_wait_n.svg");
}

/// One comprehension: the chapter's countdown generator (a task feeding a channel),
/// read to the end.
async fn comprehension(n: u32) -> Vec<u32> {
    traced(format!("countdown {n}"), read_all(countdown(10, secs(1)))).await
}

#[test]
fn four_comprehensions_at_once() {
    let one_after_another = record(async || {
        for n in 1..=4 {
            assert_eq!(comprehension(n).await.len(), 10);
        }
    });
    let at_once = record(async || {
        let (a, b, c, d) = tokio::join!(
            comprehension(1),
            comprehension(2),
            comprehension(3),
            comprehension(4)
        );
        assert!([a, b, c, d].iter().all(|numbers| numbers.len() == 10));
    });
    assert_eq!(
        (last_end(&one_after_another), last_end(&at_once)),
        (secs(40), secs(10))
    );
    Timeline::new(
        "Four comprehensions of countdown(10, 1 s): ten numbers each, one a second",
    )
    .section("One after another (four .awaits in a row): 40 s", one_after_another)
    .section("At the same time (tokio::join!): 10 s", at_once)
    .check("diagrams/four_at_once.svg");
}

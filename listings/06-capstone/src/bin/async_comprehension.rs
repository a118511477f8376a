//! An async generator as a task feeding a tokio channel, collected into a `Vec`, then
//! four of them at once: `cargo run -p listings-06-capstone --bin
//! async_comprehension`.
// ANCHOR: program
use std::time::Duration;

use tokio::sync::mpsc::{self, Receiver};
use tokio::time::{Instant, sleep};

const INTERVAL: Duration = Duration::from_millis(100);

/// The generator: a task sends `from`, …, 2, 1 into a channel, one every `INTERVAL`.
fn countdown(from: u32) -> Receiver<u32> {
    let (tx, rx) = mpsc::channel(1);
    tokio::spawn(async move {
        for n in (1..=from).rev() {
            sleep(INTERVAL).await;
            if tx.send(n).await.is_err() {
                return; // nobody is reading any more
            }
        }
    }); // the task ends, `tx` is dropped, the channel closes
    rx
}

/// The comprehension: `[n async for n in countdown(from)]`, read until the channel
/// closes.
async fn comprehension(from: u32) -> Vec<u32> {
    let mut rx = countdown(from);
    let mut numbers = Vec::new();
    while let Some(n) = rx.recv().await {
        numbers.push(n);
    }
    numbers
}

/// Four comprehensions at once: they take as long as one.
async fn four_at_once() -> [Vec<u32>; 4] {
    let (a, b, c, d) = tokio::join!(
        comprehension(3),
        comprehension(3),
        comprehension(3),
        comprehension(3)
    );
    [a, b, c, d]
}

#[tokio::main]
async fn main() {
    let started = Instant::now();
    let numbers = comprehension(3).await;
    println!("one comprehension: {numbers:?} in {:.1?}", started.elapsed());
    let started = Instant::now();
    let all = four_at_once().await;
    println!("four at once: {all:?} in {:.1?}", started.elapsed());
}
// ANCHOR_END: program

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn the_numbers_come_one_per_interval_and_the_channel_closes() {
        let started = Instant::now();
        let mut rx = countdown(3);
        for (expected, at) in [(3, 100), (2, 200), (1, 300)] {
            assert_eq!(
                rx.recv().await,
                Some(expected),
                "the countdown sends 3, 2, 1"
            );
            assert_eq!(
                started.elapsed(),
                Duration::from_millis(at),
                "{expected} should arrive at {at} ms"
            );
        }
        // A timeout, so that a channel that never closes fails the test instead of
        // hanging it.
        let closed = tokio::time::timeout(INTERVAL, rx.recv()).await;
        assert_eq!(
            closed,
            Ok(None),
            "the channel should close after the last number"
        );
        assert_eq!(
            started.elapsed(),
            Duration::from_millis(300),
            "and close right away, not later"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_comprehension_collects_everything() {
        let started = Instant::now();
        assert_eq!(comprehension(3).await, [3, 2, 1]);
        assert_eq!(
            started.elapsed(),
            Duration::from_millis(300),
            "three numbers, 100 ms apart"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn four_at_once_take_as_long_as_one() {
        let started = Instant::now();
        assert_eq!(
            four_at_once().await,
            [[3, 2, 1], [3, 2, 1], [3, 2, 1], [3, 2, 1]]
        );
        assert_eq!(
            started.elapsed(),
            Duration::from_millis(300),
            "the four should overlap: 300 ms, not 1.2 s"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn the_generator_stops_when_nobody_reads() {
        let mut rx = countdown(3);
        assert_eq!(rx.recv().await, Some(3));
        drop(rx);
        // At 200 ms the task's next `send` fails and it returns; without the check it
        // would sleep on until 300 ms.
        sleep(INTERVAL + Duration::from_millis(1)).await;
        let alive = tokio::runtime::Handle::current().metrics().num_alive_tasks();
        assert_eq!(
            alive, 0,
            "the generator should stop once its Receiver is dropped"
        );
    }
}

//! Task 1: two ways to get it wrong. One is slow, the other gives the right delays in
//! the wrong order.

use std::time::Duration;

use futures::future::join_all;
use sim::journal::work;

/// A stand-in for `wait_random`, with a delay chosen by the caller (so the page can
/// show fixed numbers), recorded in the journal.
pub async fn wait(delay: Duration) -> Duration {
    work(format!("wait {} s", delay.as_secs_f64()), delay).await;
    delay
}

// ANCHOR: one_at_a_time
/// Trap 1: an `.await` inside the loop. Each wait starts when the previous one is
/// over.
pub async fn one_at_a_time(delays: &[Duration]) -> Vec<Duration> {
    let mut done = Vec::new();
    for &d in delays {
        done.push(wait(d).await); // nothing else runs in this function meanwhile
    }
    done
}
// ANCHOR_END: one_at_a_time

// ANCHOR: all_at_once
/// Trap 2: `join_all` runs the waits together, but hands the results back in the
/// order it was given them.
pub async fn all_at_once(delays: &[Duration]) -> Vec<Duration> {
    join_all(delays.iter().map(|&d| wait(d))).await
}
// ANCHOR_END: all_at_once

// ANCHOR: same_tick
/// Two tasks sleep 2.0004 s and 2.0001 s, and report (their delay, when they
/// finished) as they finish. Both timers fire at the 2.001 s tick, and the runtime
/// wakes them in the order they were started: the *longer* delay is reported first.
pub async fn same_tick() -> Vec<(Duration, Duration)> {
    let start = tokio::time::Instant::now();
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    for micros in [2_000_400, 2_000_100] {
        let tx = tx.clone();
        tokio::spawn(async move {
            let delay = Duration::from_micros(micros);
            tokio::time::sleep(delay).await;
            let _ = tx.send((delay, start.elapsed()));
        });
    }
    // only the tasks' clones are left: the channel closes when both are done
    drop(tx);
    let mut finished = Vec::new();
    while let Some(report) = rx.recv().await {
        finished.push(report);
    }
    finished
}
// ANCHOR_END: same_tick

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    fn secs(list: &[u64]) -> Vec<Duration> {
        list.iter().map(|&s| Duration::from_secs(s)).collect()
    }

    #[tokio::test(start_paused = true)]
    async fn one_at_a_time_takes_the_sum() {
        let start = Instant::now();
        assert_eq!(one_at_a_time(&secs(&[3, 1, 2])).await, secs(&[3, 1, 2]));
        assert_eq!(start.elapsed(), Duration::from_secs(6));
    }

    #[tokio::test(start_paused = true)]
    async fn all_at_once_takes_the_longest_but_keeps_the_given_order() {
        let start = Instant::now();
        assert_eq!(all_at_once(&secs(&[3, 1, 2])).await, secs(&[3, 1, 2]));
        assert_eq!(start.elapsed(), Duration::from_secs(3));
    }

    #[tokio::test(start_paused = true)]
    async fn same_tick_timers_finish_together_in_the_order_they_started() {
        let tick = Duration::from_millis(2001);
        assert_eq!(
            same_tick().await,
            [
                (Duration::from_micros(2_000_400), tick),
                (Duration::from_micros(2_000_100), tick)
            ]
        );
    }
}

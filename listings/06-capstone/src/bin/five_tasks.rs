//! Task 1's two traps side by side, with tokio alone: `cargo run -p
//! listings-06-capstone --bin five_tasks`. One attempt waits one at a time (the sum),
//! the other all at once (the longest); neither keeps finishing order.
// ANCHOR: program
use std::time::Duration;

use tokio::time::{Instant, sleep};

/// A stand-in for `wait_random` with a fixed delay (in milliseconds), so the numbers
/// are easy to follow.
async fn wait(ms: u64) -> u64 {
    sleep(Duration::from_millis(ms)).await;
    ms
}

/// `.await` inside the loop: each wait starts when the one before it is over.
async fn one_at_a_time(delays: &[u64]) -> Vec<u64> {
    let mut done = Vec::new();
    for &ms in delays {
        done.push(wait(ms).await);
    }
    done
}

/// Every wait is spawned first, so they all run from now; the handles are then
/// awaited in the order given.
async fn all_at_once(delays: &[u64]) -> Vec<u64> {
    let handles: Vec<_> = delays.iter().map(|&ms| tokio::spawn(wait(ms))).collect();
    let mut done = Vec::new();
    for handle in handles {
        done.push(handle.await.expect("the wait does not panic"));
    }
    done
}

#[tokio::main]
async fn main() {
    let delays = [300, 100, 200];
    let started = Instant::now();
    let done = one_at_a_time(&delays).await;
    println!("one at a time: {done:?} (ms) in {:.1?}", started.elapsed());
    let started = Instant::now();
    let done = all_at_once(&delays).await;
    println!("all at once:   {done:?} (ms) in {:.1?}", started.elapsed());
}
// ANCHOR_END: program

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn one_at_a_time_takes_the_sum() {
        let started = Instant::now();
        assert_eq!(
            one_at_a_time(&[300, 100, 200]).await,
            [300, 100, 200],
            "results in the order given"
        );
        assert_eq!(
            started.elapsed(),
            Duration::from_millis(600),
            "one at a time should take 300 + 100 + 200 ms"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn all_at_once_takes_the_longest_and_keeps_the_given_order() {
        let started = Instant::now();
        assert_eq!(
            all_at_once(&[300, 100, 200]).await,
            [300, 100, 200],
            "handles awaited in the order given"
        );
        assert_eq!(
            started.elapsed(),
            Duration::from_millis(300),
            "overlapping waits should take the longest, 300 ms"
        );
    }
}

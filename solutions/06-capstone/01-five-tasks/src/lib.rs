//! Solution to exercise 6.1: the five graded tasks of the asyncio project, in Rust.

use std::time::Duration;

use futures::StreamExt;
use futures::stream::FuturesUnordered;
use tokio::task::JoinHandle;
use tokio::time::Instant;

/// Python's `max_delay: int = 10`. Rust has no default arguments: callers pass this constant.
pub const DEFAULT_MAX_DELAY: Duration = Duration::from_secs(10);

// ANCHOR: task0
/// Waits a random delay between zero and `max_delay` (both included), then returns that delay.
pub async fn wait_random(max_delay: Duration) -> Duration {
    // Draw first, with a temporary generator: nothing `!Send` is alive at the `.await` below.
    let delay = rand::random_range(Duration::ZERO..=max_delay);
    tokio::time::sleep(delay).await;
    delay
}
// ANCHOR_END: task0

// ANCHOR: task1
/// Runs `wait_random` `n` times concurrently; returns the delays in completion order (therefore ascending),
/// without sorting.
pub async fn wait_n(n: usize, max_delay: Duration) -> Vec<Duration> {
    let mut pending: FuturesUnordered<_> = (0..n).map(|_| wait_random(max_delay)).collect();
    let mut delays = Vec::with_capacity(n);
    while let Some(delay) = pending.next().await {
        delays.push(delay); // whichever finished next
    }
    delays
}
// ANCHOR_END: task1

// ANCHOR: task2
/// Measures the total time `wait_n(n, max_delay)` takes on tokio's clock and returns total / n
/// (`Duration::ZERO` when `n == 0`).
pub async fn measure_time(n: usize, max_delay: Duration) -> Duration {
    let start = Instant::now(); // tokio's clock, not `std::time::Instant`
    wait_n(n, max_delay).await;
    let total = start.elapsed();
    match u32::try_from(n) {
        Ok(0) => Duration::ZERO,
        Ok(n) => total / n,
        Err(_) => total.div_f64(n as f64),
    }
}
// ANCHOR_END: task2

// ANCHOR: task3
/// A plain (non-async) function that starts `wait_random` as a task and returns its handle.
pub fn task_wait_random(max_delay: Duration) -> JoinHandle<Duration> {
    tokio::spawn(wait_random(max_delay))
}
// ANCHOR_END: task3

// ANCHOR: task4
/// `wait_n`, but built on `task_wait_random`.
pub async fn task_wait_n(n: usize, max_delay: Duration) -> Vec<Duration> {
    // Every task is started here, before anything is awaited.
    let mut pending: FuturesUnordered<JoinHandle<Duration>> = (0..n).map(|_| task_wait_random(max_delay)).collect();
    let mut delays = Vec::with_capacity(n);
    while let Some(joined) = pending.next().await {
        delays.push(joined.expect("a wait_random task panicked"));
    }
    delays
}
// ANCHOR_END: task4

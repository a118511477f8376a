//! Solution to exercise 6.2: an async generator, an async comprehension, and four comprehensions at once.

use std::time::Duration;

use tokio::sync::mpsc::{self, Receiver};
use tokio::time::Instant;

/// How many numbers one generator produces (Python's `range(10)`).
pub const COUNT: usize = 10;
/// The pause before each number.
pub const INTERVAL: Duration = Duration::from_secs(1);

// ANCHOR: generator
/// Starts a task that, [`COUNT`] times, waits [`INTERVAL`] and then sends a random number between 0 and 10 (both
/// included). Returns the receiving end; the channel closes after the last number.
pub fn async_generator() -> Receiver<f64> {
    // Capacity 1: the task runs at most one number ahead of the reader, as close to Python's "produce on demand"
    // as a channel gets.
    let (tx, rx) = mpsc::channel(1);
    tokio::spawn(async move {
        for _ in 0..COUNT {
            tokio::time::sleep(INTERVAL).await;
            let number = rand::random_range(0.0..=10.0); // a temporary generator: nothing !Send lives across .await
            if tx.send(number).await.is_err() {
                return; // the reader dropped its Receiver: nobody wants the rest
            }
        }
        // `tx` is dropped here, which closes the channel: the reader's `recv()` returns `None`.
    });
    rx
}
// ANCHOR_END: generator

// ANCHOR: comprehension
/// Collects the numbers of one [`async_generator`]: Python's `[i async for i in async_generator()]`.
pub async fn async_comprehension() -> Vec<f64> {
    let mut numbers = async_generator();
    let mut collected = Vec::with_capacity(COUNT);
    while let Some(n) = numbers.recv().await {
        collected.push(n);
    }
    collected
}
// ANCHOR_END: comprehension

// ANCHOR: measure_runtime
/// Runs four [`async_comprehension`]s at once; returns the time they took on tokio's clock (10 s, not 40 s).
pub async fn measure_runtime() -> Duration {
    let start = Instant::now();
    tokio::join!(async_comprehension(), async_comprehension(), async_comprehension(), async_comprehension());
    start.elapsed()
}
// ANCHOR_END: measure_runtime

//! Exercise 6.2: the follow-up project: an async generator, an async comprehension, and a runtime measurement.
//!
//! Read: `src/06-capstone/02-async-comprehension.md` (chapter 6, "Async generators and comprehensions").
//! Grade: `cargo test` in this folder, or `cargo course check async-comprehension` anywhere in the course.
//!
//! Rust has no async generators (yet): here a generator is a task that sends its values down a
//! `tokio::sync::mpsc` channel, and the caller reads them from the `Receiver`.

use std::time::Duration;

use tokio::sync::mpsc::Receiver;

/// How many numbers one generator produces (Python's `range(10)`).
pub const COUNT: usize = 10;
/// The pause before each number.
pub const INTERVAL: Duration = Duration::from_secs(1);

/// Starts a task that, [`COUNT`] times, waits [`INTERVAL`] and then sends a random number between 0 and 10 (both
/// included). Returns the receiving end; the channel closes after the last number.
///
/// Read from it with `while let Some(n) = rx.recv().await { … }`: the first number arrives after 1 s, the
/// tenth after 10 s, and then `recv()` returns `None`.
pub fn async_generator() -> Receiver<f64> {
    // TODO: make an `mpsc` channel, spawn a task that owns the `Sender` and, COUNT times, sleeps INTERVAL and then
    // sends a number drawn from `0.0..=10.0` (stopping if the send fails: the reader is gone). Return the
    // `Receiver`. The channel closes when the task ends and drops its `Sender`.
    todo!("start a task that sends {COUNT} numbers, one every {INTERVAL:?}")
}

/// Collects the numbers of one [`async_generator`]: Python's `[i async for i in async_generator()]`.
pub async fn async_comprehension() -> Vec<f64> {
    // TODO: read one `async_generator()` until its channel closes, keeping every number.
    todo!("collect the {COUNT} numbers of one generator")
}

/// Runs four [`async_comprehension`]s at once; returns the time they took on tokio's clock (10 s, not 40 s).
pub async fn measure_runtime() -> Duration {
    // TODO: run four `async_comprehension()`s at the same time and return how long that took on tokio's clock.
    todo!("time four comprehensions of {COUNT} numbers running at once")
}

//! Exercise 6.1: the five graded tasks of the asyncio project, ported to Rust.
//!
//! Read: `src/06-capstone/01-five-tasks.md` (chapter 6, "The five tasks"): one section per task, with the
//! Python original beside it.
//! Grade: `cargo test` in this folder, or `cargo course check five-tasks` anywhere in the course. The tests are
//! named after the tasks, so you can solve them in order and grade one at a time: `cargo test task0`,
//! `cargo test task1`, …
//!
//! Each task builds on the ones before it: task 1 calls task 0, task 2 calls task 1, and so on.

use std::time::Duration;

use tokio::task::JoinHandle;

/// Python's `max_delay: int = 10`. Rust has no default arguments, so callers pass this constant.
pub const DEFAULT_MAX_DELAY: Duration = Duration::from_secs(10);

/// Task 0. Waits a random delay between zero and `max_delay` (both included), then returns that delay.
///
/// `wait_random(Duration::from_secs(10)).await` might wait 3.217 s and return `Duration` 3.217 s.
pub async fn wait_random(max_delay: Duration) -> Duration {
    // TODO: draw a delay from zero to max_delay, both included (chapter 5: rand can draw a `Duration` directly),
    // wait it on tokio's clock, and return it.
    todo!("wait a random delay of at most {max_delay:?}")
}

/// Task 1. Runs `wait_random` `n` times concurrently; returns the delays in completion order (therefore
/// ascending), without sorting.
pub async fn wait_n(n: usize, max_delay: Duration) -> Vec<Duration> {
    // TODO: start all n waits before waiting for any, then push each delay the moment its wait finishes
    // (chapter 3's `FuturesUnordered`, or chapter 4's `JoinSet`). Don't sort: the order comes from the timing.
    todo!("run {n} waits of at most {max_delay:?} at once")
}

/// Task 2. Measures the total time `wait_n(n, max_delay)` takes on tokio's clock and returns total / n
/// (`Duration::ZERO` when `n == 0`).
pub async fn measure_time(n: usize, max_delay: Duration) -> Duration {
    // TODO: time one call of `wait_n(n, max_delay)` on tokio's clock (`tokio::time::Instant`, not
    // `std::time::Instant`) and divide by n. There is nothing to average when n is 0.
    todo!("measure wait_n({n}, {max_delay:?}) and return the time per wait")
}

/// Task 3. A plain (non-async) function that starts `wait_random` as a task and returns its handle.
///
/// The task runs from the moment it is spawned, whether or not anybody awaits the handle; awaiting the
/// handle gives `Ok(delay)` (or `Err` if the task panicked).
pub fn task_wait_random(max_delay: Duration) -> JoinHandle<Duration> {
    // TODO: hand the `wait_random(max_delay)` future to the runtime as a task (chapter 4).
    todo!("start wait_random({max_delay:?}) as a task")
}

/// Task 4. `wait_n`, but built on `task_wait_random`.
///
/// Same result as `wait_n`: n delays in the order they finish. The difference is that each wait runs as its
/// own task.
pub async fn task_wait_n(n: usize, max_delay: Duration) -> Vec<Duration> {
    // TODO: start all n tasks with `task_wait_random` before awaiting any, then collect each delay as its task
    // finishes. A `JoinHandle` is a future too: task 1's tools work on handles as they are.
    todo!("start {n} tasks of at most {max_delay:?} and collect them as they finish")
}

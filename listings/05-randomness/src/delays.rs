//! Random delays with `rand`: the thread's generator, ranges of floats and of
//! durations, and `Send`.

use std::time::Duration;

// ANCHOR: uniform
use rand::RngExt; // the trait with `random_range`, `random_bool`, `random`, …

/// A random number of seconds between 0 and `max` (both included): Python's
/// `random.uniform(0, max)`.
pub fn uniform_secs(max: f64) -> f64 {
    rand::random_range(0.0..=max)
}

/// The same thing as a `Duration`, drawn directly: anything from zero to `max`, to
/// the nanosecond.
pub fn random_pause(max: Duration) -> Duration {
    rand::random_range(Duration::ZERO..=max)
}
// ANCHOR_END: uniform

// ANCHOR: several
/// Rolls `n` dice with one handle to the thread's generator, instead of looking it up
/// for every roll.
pub fn roll_dice(n: usize) -> Vec<u8> {
    let mut rng = rand::rng();
    (0..n).map(|_| rng.random_range(1..=6)).collect()
}
// ANCHOR_END: several

// ANCHOR: wait_random
/// Waits a random time between zero and `max`, and says how long it waited.
pub async fn wait_random(max: Duration) -> Duration {
    let pause = rand::random_range(Duration::ZERO..=max);
    tokio::time::sleep(pause).await;
    pause
}
// ANCHOR_END: wait_random

// ANCHOR: moved_away
/// Compiles, and can be spawned: `rng` is never borrowed in this function. It is moved
/// into `draw_pause`, which owns it from then on, so this future holds no `ThreadRng`
/// at its `.await`.
pub async fn pause_with_a_moved_handle(max: Duration) -> Duration {
    let rng = rand::rng();
    let pause = draw_pause(rng, max); // a move, not a borrow (as `drop(rng)` would be)
    tokio::time::sleep(pause).await;
    pause
}

/// Takes the generator by value and draws one pause with it.
fn draw_pause(mut rng: rand::rngs::ThreadRng, max: Duration) -> Duration {
    rng.random_range(Duration::ZERO..=max)
}
// ANCHOR_END: moved_away

// ANCHOR: fixes
/// Fix 1: draw with a temporary. The generator handle is dropped at the end of the
/// statement, before any `.await`.
pub async fn crawl_with_temporaries(paths: Vec<String>) -> usize {
    let mut fetched = 0;
    for path in paths {
        let pause = rand::rng().random_range(Duration::ZERO..=Duration::from_secs(1));
        tokio::time::sleep(pause).await;
        sim::archive::fetch(&path).await;
        fetched += 1;
    }
    fetched
}

/// Fix 2: draw everything you need first, in a block of its own; the handle is gone
/// when the block ends.
pub async fn crawl_with_pauses_drawn_first(paths: Vec<String>) -> usize {
    let pauses: Vec<Duration> = {
        let mut rng = rand::rng();
        paths
            .iter()
            .map(|_| rng.random_range(Duration::ZERO..=Duration::from_secs(1)))
            .collect()
    };
    for (path, pause) in paths.iter().zip(pauses) {
        tokio::time::sleep(pause).await;
        sim::archive::fetch(path).await;
    }
    paths.len()
}
// ANCHOR_END: fixes

// ANCHOR: holds_thread_rng
/// The mistake, in a library: it compiles, and it works when awaited directly. But
/// its future holds a `ThreadRng` across `.await`, so it is not `Send`, and whoever
/// tries to spawn it gets the error.
pub async fn crawl_holding_thread_rng(paths: Vec<String>) -> usize {
    let mut rng = rand::rng();
    for path in &paths {
        tokio::time::sleep(rng.random_range(Duration::ZERO..=Duration::from_secs(1)))
            .await;
        sim::archive::fetch(path).await;
    }
    paths.len()
}
// ANCHOR_END: holds_thread_rng

#[cfg(test)]
mod tests;

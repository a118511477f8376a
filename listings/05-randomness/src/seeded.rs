//! Seeded generators: the same seed gives the same numbers, run after run.

use std::time::Duration;

// ANCHOR: seeded
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};

/// `n` random pauses of at most `max`, drawn from a generator started from `seed`.
pub fn pauses(seed: u64, n: usize, max: Duration) -> Vec<Duration> {
    let mut rng = StdRng::seed_from_u64(seed);
    (0..n).map(|_| rng.random_range(Duration::ZERO..=max)).collect()
}
// ANCHOR_END: seeded

// ANCHOR: choose_seed
/// The seed for this run: the one given (say, from a `SEED` environment variable) to
/// replay a run, or a fresh random one. Either way it is printed, so any run can be
/// replayed later.
pub fn choose_seed(given: Option<&str>) -> u64 {
    let seed = given.and_then(|s| s.parse().ok()).unwrap_or_else(rand::random);
    eprintln!("random seed: {seed} (set SEED={seed} to replay this run)");
    seed
}
// ANCHOR_END: choose_seed

// ANCHOR: across_await
/// A simulated user who clicks `clicks` times, with a random gap (100 to 900 ms)
/// before each click. `StdRng` is a plain value that is `Send`, so it may live across
/// `.await` in a spawned task.
pub async fn clicker(seed: u64, clicks: usize) -> Vec<Duration> {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut gaps = Vec::with_capacity(clicks);
    for _ in 0..clicks {
        let gap =
            rng.random_range(Duration::from_millis(100)..=Duration::from_millis(900));
        tokio::time::sleep(gap).await;
        gaps.push(gap);
    }
    gaps
}
// ANCHOR_END: across_await

// ANCHOR: fork
/// Starts `users` clickers at once. Each task gets its own generator, split off the
/// run's generator in a fixed order *before* anything runs, so what each task draws
/// does not depend on how the tasks happen to interleave.
pub async fn crowd(seed: u64, users: usize, clicks: usize) -> Vec<Vec<Duration>> {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut handles = Vec::with_capacity(users);
    for _ in 0..users {
        let mut own = rng.fork(); // a new `StdRng`, seeded from `rng`
        handles.push(tokio::spawn(async move {
            let mut gaps = Vec::with_capacity(clicks);
            for _ in 0..clicks {
                let gap = own.random_range(
                    Duration::from_millis(100)..=Duration::from_millis(900),
                );
                tokio::time::sleep(gap).await;
                gaps.push(gap);
            }
            gaps
        }));
    }
    let mut all = Vec::with_capacity(users);
    for handle in handles {
        all.push(handle.await.expect("a clicker panicked"));
    }
    all
}
// ANCHOR_END: fork

#[cfg(test)]
mod tests;

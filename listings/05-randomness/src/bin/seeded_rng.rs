//! The same seed gives the same random gaps, even in tasks. `cargo run -p
//! listings-05-randomness --bin seeded_rng`
// ANCHOR: program
use std::time::{Duration, Instant};

use rand::prelude::*;

/// A simulated user who clicks `clicks` times, with a random gap (10 to 90 whole ms)
/// before each click. `StdRng` is plain data, `Send`, so it may live across `.await`
/// in a spawned task.
async fn clicker(seed: u64, clicks: usize) -> Vec<Duration> {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut gaps = Vec::new();
    for _ in 0..clicks {
        let gap = Duration::from_millis(rng.random_range(10..=90));
        tokio::time::sleep(gap).await;
        gaps.push(gap);
    }
    gaps
}

#[tokio::main]
async fn main() {
    let started = Instant::now();
    // Three users at once, each in a task with its own generator.
    let first = tokio::spawn(clicker(7, 3));
    let again = tokio::spawn(clicker(7, 3));
    let other = tokio::spawn(clicker(8, 3));
    let (first, again, other) =
        (first.await.unwrap(), again.await.unwrap(), other.await.unwrap());
    println!("seed 7 clicks after {first:?}");
    println!("seed 8 clicks after {other:?}");
    println!("same seed, same gaps: {}", first == again);
    println!("other seed, same gaps: {}", first == other);
    println!("all three users: {:.1?}", started.elapsed());
}
// ANCHOR_END: program

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    #[tokio::test(start_paused = true)]
    async fn the_same_seed_replays_the_same_gaps() {
        let first = clicker(7, 3).await;
        assert_eq!(first.len(), 3, "one gap per click");
        assert!(
            first.iter().all(|gap| (10..=90).contains(&gap.as_millis())),
            "a gap outside 10..=90 ms: {first:?}"
        );
        assert_eq!(
            first,
            clicker(7, 3).await,
            "the same seed must give the same gaps"
        );
        assert_ne!(first, clicker(8, 3).await, "another seed should give other gaps");
    }

    #[tokio::test(start_paused = true)]
    async fn users_in_tasks_click_at_the_same_time_and_still_replay() {
        let started = Instant::now();
        let tasks = [7, 7, 8].map(|seed| tokio::spawn(clicker(seed, 3)));
        let mut runs = Vec::new();
        for task in tasks {
            runs.push(task.await.expect("a clicker panicked"));
        }
        assert_eq!(runs[0], runs[1], "two tasks with seed 7 must draw the same gaps");
        // At the same time, not one after another: the slowest user's gaps, exactly
        // (they are whole milliseconds).
        let slowest =
            runs.iter().map(|gaps| gaps.iter().sum::<Duration>()).max().unwrap();
        assert_eq!(started.elapsed(), slowest, "the users should click concurrently");
    }
}

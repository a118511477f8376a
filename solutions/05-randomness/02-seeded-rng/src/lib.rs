//! Solution to exercise 5.2.

use std::time::Duration;

use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};

/// Runs `users` concurrent users, each thinking a seeded random time before fetching `/user/{i}`.
pub async fn load_test(seed: u64, users: usize, max_think: Duration) -> Vec<Duration> {
    // ANCHOR: solution
    let mut rng = StdRng::seed_from_u64(seed);
    // Every draw happens here, in user order, before any task runs: the schedule cannot change what a user gets.
    let thinks: Vec<Duration> = (0..users).map(|_| rng.random_range(Duration::ZERO..=max_think)).collect();

    let mut tasks = tokio::task::JoinSet::new();
    for (i, &think) in thinks.iter().enumerate() {
        tasks.spawn(async move {
            tokio::time::sleep(think).await;
            sim::archive::fetch(&format!("/user/{i}")).await;
        });
    }
    while let Some(done) = tasks.join_next().await {
        done.expect("a simulated user panicked");
    }
    thinks
    // ANCHOR_END: solution
}

//! Solution to exercise 5.2.

use std::time::Duration;

use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};

/// Runs one concurrent user per arrival time, each arriving, thinking a seeded random time, then fetching
/// `/user/{i}`.
pub async fn load_test(seed: u64, arrivals: &[Duration], max_think: Duration) -> Vec<Duration> {
    // ANCHOR: solution
    let mut rng = StdRng::seed_from_u64(seed);
    // Every draw happens here, in user order, before any task runs: the schedule cannot change what a user gets.
    let thinks: Vec<Duration> = arrivals.iter().map(|_| rng.random_range(Duration::ZERO..=max_think)).collect();

    let mut tasks = tokio::task::JoinSet::new();
    for (i, (&arrival, &think)) in arrivals.iter().zip(&thinks).enumerate() {
        tasks.spawn(async move {
            tokio::time::sleep(arrival).await;
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

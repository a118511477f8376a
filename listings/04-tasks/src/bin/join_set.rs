//! A `JoinSet` gives results in the order the tasks finish, and dropping it aborts
//! the rest. `cargo run -p listings-04-tasks --bin join_set`.
// ANCHOR: program
use std::time::{Duration, Instant};

use tokio::task::JoinSet;

/// Each mirror and how long it takes to answer, in milliseconds.
const MIRRORS: [(&str, u64); 3] =
    [("eu.mirror", 300), ("us.mirror", 100), ("asia.mirror", 200)];

/// Pings every mirror in its own task, all in one `JoinSet`.
fn ping_all() -> JoinSet<&'static str> {
    let mut set = JoinSet::new();
    for (mirror, millis) in MIRRORS {
        set.spawn(async move {
            tokio::time::sleep(Duration::from_millis(millis)).await;
            mirror
        });
    }
    set
}

/// Takes each answer the moment it comes: `join_next` gives whichever task finishes
/// next.
async fn in_completion_order() -> Vec<&'static str> {
    let started = Instant::now();
    let mut set = ping_all();
    let mut answers = Vec::new();
    while let Some(result) = set.join_next().await {
        let mirror = result.expect("a ping panicked");
        println!("{mirror} answered after {:.1?}", started.elapsed());
        answers.push(mirror);
    }
    answers // `join_next` gave `None`: the set is empty
}

/// The first mirror to answer. Returning drops the set, which aborts the pings still
/// running.
async fn fastest() -> Option<&'static str> {
    let mut set = ping_all();
    set.join_next().await?.ok()
}

#[tokio::main]
async fn main() {
    let started = Instant::now();
    println!(
        "all of them: {:?}, after {:.1?}",
        in_completion_order().await,
        started.elapsed()
    );
    let started = Instant::now();
    println!("the fastest: {:?}, after {:.1?}", fastest().await, started.elapsed());
}
// ANCHOR_END: program

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    #[tokio::test(start_paused = true)]
    async fn results_come_in_completion_order() {
        let started = Instant::now();
        assert_eq!(
            in_completion_order().await,
            ["us.mirror", "asia.mirror", "eu.mirror"],
            "fastest first"
        );
        assert_eq!(
            started.elapsed(),
            Duration::from_millis(300),
            "the pings should run at the same time"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn the_fastest_mirror_wins_at_once() {
        let started = Instant::now();
        assert_eq!(fastest().await, Some("us.mirror"));
        assert_eq!(
            started.elapsed(),
            Duration::from_millis(100),
            "it should not wait for the slower mirrors"
        );
    }
}

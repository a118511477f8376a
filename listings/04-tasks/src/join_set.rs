//! `JoinSet`: many tasks, results in the order they finish.

use std::time::Duration;

use sim::journal::work;
use tokio::task::JoinSet;

/// How long each mirror takes to answer.
pub const MIRRORS: [(&str, u64); 3] =
    [("eu.mirror", 300), ("us.mirror", 100), ("asia.mirror", 200)];

/// Asks one mirror whether it is up; takes its latency.
pub async fn ping(mirror: &'static str, millis: u64) -> &'static str {
    work(format!("ping {mirror}"), Duration::from_millis(millis)).await;
    mirror
}

// ANCHOR: in_spawn_order
/// Spawns one task per mirror and awaits the handles one by one: results come in the
/// order of the `Vec`.
pub async fn in_spawn_order() -> Vec<&'static str> {
    let handles: Vec<_> =
        MIRRORS.into_iter().map(|(m, ms)| tokio::spawn(ping(m, ms))).collect();
    let mut answers = Vec::new();
    for handle in handles {
        answers.push(handle.await.expect("a ping panicked"));
    }
    answers
}
// ANCHOR_END: in_spawn_order

// ANCHOR: in_completion_order
/// Spawns one task per mirror into a `JoinSet`: `join_next` gives whichever finishes
/// next.
pub async fn in_completion_order() -> Vec<&'static str> {
    let mut set = JoinSet::new();
    for (mirror, millis) in MIRRORS {
        set.spawn(ping(mirror, millis));
    }
    let mut answers = Vec::new();
    while let Some(result) = set.join_next().await {
        let mirror = result.expect("a ping panicked");
        println!("{mirror} answered"); // as soon as it does
        answers.push(mirror);
    }
    answers // `join_next` gave `None`: the set is empty
}
// ANCHOR_END: in_completion_order

// ANCHOR: fastest
/// Returns the first mirror to answer. Returning drops the set, which aborts the
/// pings still running.
pub async fn fastest() -> Option<&'static str> {
    let mut set = JoinSet::new();
    for (mirror, millis) in MIRRORS {
        set.spawn(ping(mirror, millis));
    }
    set.join_next().await?.ok()
}
// ANCHOR_END: fastest

#[cfg(test)]
mod tests;

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
mod tests {
    use super::*;
    use sim::journal;
    use tokio::time::Instant;

    #[tokio::test(start_paused = true)]
    async fn awaiting_handles_in_order_gives_spawn_order() {
        let start = Instant::now();
        assert_eq!(in_spawn_order().await, ["eu.mirror", "us.mirror", "asia.mirror"]);
        assert_eq!(start.elapsed(), Duration::from_millis(300)); // still concurrent
    }

    #[tokio::test(start_paused = true)]
    async fn a_join_set_gives_completion_order() {
        let start = Instant::now();
        assert_eq!(
            in_completion_order().await,
            ["us.mirror", "asia.mirror", "eu.mirror"]
        );
        assert_eq!(start.elapsed(), Duration::from_millis(300));
    }

    // ANCHOR: join_all
    #[tokio::test(start_paused = true)]
    async fn join_all_waits_for_every_task() {
        let mut set = JoinSet::new();
        for (mirror, millis) in MIRRORS {
            set.spawn(ping(mirror, millis));
        }
        // All the results, in the order the tasks finished (it panics if one of them
        // panicked).
        assert_eq!(set.join_all().await, ["us.mirror", "asia.mirror", "eu.mirror"]);
    }
    // ANCHOR_END: join_all

    #[tokio::test(start_paused = true)]
    async fn dropping_the_set_aborts_the_rest() {
        journal::reset();
        assert_eq!(fastest().await, Some("us.mirror"));
        tokio::time::sleep(Duration::from_secs(1)).await;
        let spans = journal::spans();
        let cancelled: Vec<&str> =
            spans.iter().filter(|s| s.cancelled).map(|s| s.name.as_str()).collect();
        assert_eq!(cancelled, ["ping eu.mirror", "ping asia.mirror"]);
        assert!(
            spans
                .iter()
                .filter(|s| s.cancelled)
                .all(|s| s.end == Some(Duration::from_millis(100)))
        );
    }
}

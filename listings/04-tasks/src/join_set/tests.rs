//! The tests of `join_set.rs`: they check what the book says about its code. In a file of their
//! own so that the book can include them without the indentation of a `mod tests` block.

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

//! The tests of `seeded.rs`: they check what the book says about its code. In a file of their
//! own so that the book can include them without the indentation of a `mod tests` block.

use super::*;

// ANCHOR: same_seed_test
#[test]
fn the_same_seed_gives_the_same_pauses() {
    let max = Duration::from_secs(1);
    assert_eq!(pauses(42, 5, max), pauses(42, 5, max)); // replayable
    assert_ne!(pauses(42, 5, max), pauses(43, 5, max)); // a different run
}
// ANCHOR_END: same_seed_test

#[test]
fn a_given_seed_is_used_and_a_missing_one_is_drawn() {
    assert_eq!(choose_seed(Some("1234")), 1234);
    // two fresh 64-bit seeds: equal with chance 2^-64
    assert_ne!(choose_seed(None), choose_seed(None));
}

#[tokio::test(start_paused = true)]
async fn a_seeded_clicker_replays_exactly_even_as_a_task() {
    let first = tokio::spawn(clicker(7, 4)).await.unwrap();
    let start = tokio::time::Instant::now();
    let second = tokio::spawn(clicker(7, 4)).await.unwrap();
    assert_eq!(first, second);
    let total: Duration = second.iter().sum();
    let took = start.elapsed();
    assert!(
        took >= total && took - total <= Duration::from_millis(4),
        "{took:?} vs {total:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn a_crowd_replays_exactly_and_each_user_draws_differently() {
    let a = crowd(3, 5, 3).await;
    assert_eq!(a, crowd(3, 5, 3).await);
    assert_ne!(a[0], a[1]);
}

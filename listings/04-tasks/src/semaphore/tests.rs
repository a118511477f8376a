//! The tests of `semaphore.rs`: they check what the book says about its code. In a file of their
//! own so that the book can include them without the indentation of a `mod tests` block.

use super::*;
use sim::journal;
use sim::journal::most_at_once;
use tokio::time::Instant;

// ANCHOR: limited_test
#[tokio::test(start_paused = true)]
async fn five_downloads_two_at_a_time() {
    journal::reset();
    let start = Instant::now();
    assert_eq!(download_all(vec![1, 2, 3, 4, 5], 2).await, [1, 2, 3, 4, 5]);
    assert_eq!(start.elapsed(), Duration::from_secs(3)); // 2 + 2 + 1
    assert_eq!(most_at_once("download"), 2);
}
// ANCHOR_END: limited_test

#[tokio::test(start_paused = true)]
async fn the_owned_permit_limits_the_same_way() {
    journal::reset();
    let start = Instant::now();
    assert_eq!(download_all_owned(vec![1, 2, 3, 4, 5], 2).await, [1, 2, 3, 4, 5]);
    assert_eq!(start.elapsed(), Duration::from_secs(3));
    assert_eq!(most_at_once("download"), 2);
}

#[tokio::test(start_paused = true)]
async fn an_unbound_permit_limits_nothing() {
    journal::reset();
    let start = Instant::now();
    download_all_unlimited(vec![1, 2, 3, 4, 5], 2).await;
    assert_eq!(start.elapsed(), Duration::from_secs(1));
    assert_eq!(most_at_once("download"), 5);
}

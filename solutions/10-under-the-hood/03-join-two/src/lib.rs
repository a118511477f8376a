//! Solution to the exercise "Your own join: Pin projection".

use std::time::Duration;

/// Waits `delay` on tokio's clock, then returns `n + 1`.
pub async fn answer(n: u32, delay: Duration) -> u32 {
    // ANCHOR: solution
    tokio::time::sleep(delay).await;
    n + 1
    // ANCHOR_END: solution
}

//! Solution to exercise 1.1.

use std::time::Duration;

/// Waits `delay` on tokio's clock, then returns `"Hello, {name}!"`.
pub async fn greet_after(name: &str, delay: Duration) -> String {
    // ANCHOR: solution
    tokio::time::sleep(delay).await;
    format!("Hello, {name}!")
    // ANCHOR_END: solution
}

//! Exercise 1.1: your first `.await`.
//!
//! Read: `src/01-async-await/01-hello-await.md` (chapter 1, "Your first `.await`").
//! Grade: `cargo test` in this folder, or `cargo course check hello-await` anywhere in the course.

use std::time::Duration;

/// Waits `delay` on tokio's clock (without blocking the thread), then returns the greeting `"Hello, {name}!"`.
///
/// `greet_after("Ada", Duration::from_secs(2)).await` gives `"Hello, Ada!"` two seconds later.
pub async fn greet_after(name: &str, delay: Duration) -> String {
    // TODO: wait with `tokio::time::sleep(delay).await`, then build the greeting with `format!`.
    todo!("wait {delay:?}, then greet {name}")
}

//! Solution to exercise 1.3.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// A future that waits `delay`, then counts once into `counter` and returns the new count.
// This exercise is about writing the `async move` block by hand (an `async fn` would do the same).
#[allow(clippy::manual_async_fn)]
pub fn deferred_count(counter: Arc<AtomicUsize>, delay: Duration) -> impl Future<Output = usize> + Send + 'static {
    // ANCHOR: solution
    async move {
        tokio::time::sleep(delay).await;
        counter.fetch_add(1, Ordering::SeqCst) + 1
    }
    // ANCHOR_END: solution
}

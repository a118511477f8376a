// mistake: counts when the future is created, outside the async block
// expect: Futures are lazy
use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

pub fn deferred_count(counter: Arc<AtomicUsize>, delay: Duration) -> impl Future<Output = usize> + Send + 'static {
    let new = counter.fetch_add(1, Ordering::SeqCst) + 1;
    async move {
        tokio::time::sleep(delay).await;
        new
    }
}

// mistake: returns the value fetch_add gives back (the old count), not the new one
// expect: new count
use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

pub fn deferred_count(counter: Arc<AtomicUsize>, delay: Duration) -> impl Future<Output = usize> + Send + 'static {
    async move {
        tokio::time::sleep(delay).await;
        counter.fetch_add(1, Ordering::SeqCst)
    }
}

// mistake: counts first and waits afterwards
// expect: only after the delay
use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

pub fn deferred_count(counter: Arc<AtomicUsize>, delay: Duration) -> impl Future<Output = usize> + Send + 'static {
    async move {
        let new = counter.fetch_add(1, Ordering::SeqCst) + 1;
        tokio::time::sleep(delay).await;
        new
    }
}

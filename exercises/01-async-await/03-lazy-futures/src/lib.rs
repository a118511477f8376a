//! Exercise 1.3: futures are lazy.
//!
//! Read: `src/01-async-await/03-lazy-futures.md` (chapter 1, "Futures are lazy").
//! Grade: `cargo test` in this folder, or `cargo course check lazy-futures`.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::AtomicUsize;
use std::time::Duration;

/// Returns a future that, once awaited, waits `delay`, then adds one to `counter` and returns the new count.
///
/// Creating the future must change nothing: the counting happens only when (and each time) a future is awaited.
/// The future must own what it uses (`Send + 'static`), so it can be handed to another task.
// This exercise is about writing the `async move` block by hand (an `async fn` would do the same).
#[allow(clippy::manual_async_fn)]
pub fn deferred_count(counter: Arc<AtomicUsize>, delay: Duration) -> impl Future<Output = usize> + Send + 'static {
    // TODO: all the work belongs *inside* this `async move` block: sleep for `delay`, then
    // `counter.fetch_add(1, Ordering::SeqCst)` (it returns the old value) and return the new value.
    async move { todo!("after {delay:?}, count into {counter:?}") }
}

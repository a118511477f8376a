//! Exercise 8.3, solved: a batching loop that never drops a frame half-read.

use std::time::Duration;

pub use sim::farm::{Feed, store};
use tokio::time::{Instant, interval_at};

// ANCHOR: solution
/// Stores every frame of `feed`, in batches: once per `every`, then what is left at the end.
pub async fn batch_frames(feed: Feed, every: Duration) -> Vec<Vec<u32>> {
    let mut ticks = interval_at(Instant::now() + every, every);
    let mut batch = Vec::new();
    let mut stored = Vec::new();
    // `feed.next()` is not cancel-safe, so the loop never drops one: the same future
    // is polled across turns, and replaced only once it has given its frame.
    let next = feed.next();
    tokio::pin!(next);
    loop {
        tokio::select! {
            frame = &mut next => match frame {
                Some(id) => {
                    batch.push(id);
                    next.set(feed.next());
                }
                None => break,
            },
            // `tick()` is cancel-safe: losing this race costs nothing.
            _ = ticks.tick() => {
                if !batch.is_empty() {
                    store(&batch).await;
                    stored.push(std::mem::take(&mut batch));
                }
            }
        }
    }
    if !batch.is_empty() {
        store(&batch).await;
        stored.push(batch);
    }
    stored
}
// ANCHOR_END: solution

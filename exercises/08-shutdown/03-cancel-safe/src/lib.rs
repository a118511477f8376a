//! Exercise 8.3: a `select!` loop whose branches must not lose data when they lose the race.
//!
//! Read: `src/08-shutdown/03-cancel-safe.md` (chapter 8, "Cancellation safety").
//! Grade: `cargo test` in this folder, or `cargo course check cancel-safe`.
//!
//! The farm's frames come from a `sim::farm::Feed`: `feed.next().await` waits for the next frame, takes it off the
//! feed, decodes it (100 ms) and gives its id, or `None` when the feed is done. `store(&batch).await` saves a batch
//! (50 ms). **`feed.next()` is not cancel-safe**: a `next()` future dropped while it decodes loses its frame.

use std::time::Duration;

pub use sim::farm::{Feed, store};

/// Takes every frame from `feed` and stores them in batches with `store(&batch).await`:
///
/// - every `every` (at `every`, 2 × `every`, … after the call), store the frames that came since the last store,
///   in the order they came, if there are any (never store an empty batch);
/// - when the feed is done (`next()` gives `None`), store what is left (if anything) and return.
///
/// Return the batches in the order they were stored. No frame may be lost or stored twice.
pub async fn batch_frames(feed: Feed, every: Duration) -> Vec<Vec<u32>> {
    // TODO: a `tokio::time::interval_at(Instant::now() + every, every)` for the stores, and a `select!` loop
    // between a tick and the next frame. Careful: if `select!` drops a `feed.next()` future because the tick won,
    // the frame it was decoding is gone. Make the `next()` future before the loop, pin it, select on `&mut next`,
    // and replace it (`next.set(feed.next())`) only after it has given a frame.
    todo!("store the {} frames of the feed in batches, every {every:?}", feed.remaining())
}

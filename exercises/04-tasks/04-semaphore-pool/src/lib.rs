//! Exercise 4.4: a pool of tasks with a concurrency limit.
//!
//! Read: `src/04-tasks/04-semaphore-pool.md` (chapter 4, "At most K at a time: `Semaphore`").
//! Grade: `cargo test` in this folder, or `cargo course check semaphore-pool`.
//!
//! `sim::photos::render_thumbnail(&photo)` takes 100 ms per megapixel. The rendering machine has `limit`
//! graphics cards: more than `limit` renders at once would overload it.

pub use sim::photos::{Photo, Thumbnail};

/// Renders the thumbnails of all `photos`, each in its own task, but never more than `limit` at the same time;
/// returns them in album order (the order of `photos`).
///
/// A render starts as soon as a card is free (the photos wait their turn in album order), so the work stays as
/// packed as `limit` allows.
pub async fn render_album_limited(photos: Vec<Photo>, limit: usize) -> Vec<Thumbnail> {
    // TODO: `let cards = Arc::new(tokio::sync::Semaphore::new(limit));` Spawn one task per photo (keep the
    // handles in a `Vec`, in album order). Each task first takes a permit,
    // `let _permit = cards.acquire().await.unwrap();` (named `_permit`, not `_`, so it is held until the task
    // ends), then renders. Finally await the handles in order.
    todo!("render {} photos, at most {limit} at a time", photos.len())
}

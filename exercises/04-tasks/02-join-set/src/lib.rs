//! Exercise 4.2: many tasks, results in the order they finish.
//!
//! Read: `src/04-tasks/02-join-set.md` (chapter 4, "Many tasks: `JoinSet`").
//! Grade: `cargo test` in this folder, or `cargo course check join-set`.
//!
//! `sim::photos::render_thumbnail(&photo)` takes 100 ms per megapixel.

pub use sim::photos::{Photo, Thumbnail};

/// Renders the thumbnails of all `photos` at the same time, one task per photo, and returns them in the order
/// they finish (the fastest first).
///
/// Each time a thumbnail is ready, `on_ready(&thumbnail)` is called at once (it updates the progress bar the
/// user is watching), before waiting for the others.
pub async fn render_album(photos: Vec<Photo>, mut on_ready: impl FnMut(&Thumbnail)) -> Vec<Thumbnail> {
    // TODO: make a `tokio::task::JoinSet`; for each photo, `set.spawn(async move { ... })` the rendering.
    // Then loop `while let Some(result) = set.join_next().await`: each result is a `Result<Thumbnail, JoinError>`;
    // call `on_ready` with the thumbnail and push it.
    let _ = &mut on_ready; // (delete this line: it only keeps the compiler quiet until you use `on_ready`)
    todo!("render the {} photos", photos.len())
}

//! Exercise 4.1: start a task, do something else, collect its result later.
//!
//! Read: `src/04-tasks/01-spawn.md` (chapter 4, "Spawning a task").
//! Grade: `cargo test` in this folder, or `cargo course check spawn`.
//!
//! The photo service lives in `sim::photos`: `render_thumbnail(&photo)` takes 100 ms per megapixel and
//! `save_metadata(&photo)` takes 300 ms and returns the photo's page, `/photos/<id>`.

pub use sim::photos::{Photo, Thumbnail};
use tokio::task::JoinHandle;

/// Starts rendering the thumbnail of `photo` as a task of its own and returns the task's handle at once.
///
/// This is a plain function, not an `async fn`: it waits for nothing. The rendering goes on in the background
/// whether or not anyone ever awaits the handle; awaiting the handle gives the thumbnail.
pub fn start_thumbnail(photo: Photo) -> JoinHandle<Thumbnail> {
    // TODO: `tokio::spawn` an `async move` block that awaits `sim::photos::render_thumbnail(&photo)`.
    // (`tokio::spawn(render_thumbnail(&photo))` does not compile: the task would borrow a local variable.)
    todo!("spawn the rendering of {}", photo.name)
}

/// What a finished upload gives back to the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Upload {
    /// The photo's page, from `save_metadata`.
    pub url: String,
    pub thumbnail: Thumbnail,
}

/// Handles the upload of `photo`: the thumbnail is rendered *while* the metadata is saved, so the upload takes
/// as long as the slower of the two, not their sum.
pub async fn upload(photo: &Photo) -> Upload {
    // TODO: start the thumbnail task first (`start_thumbnail` needs its own copy of the photo), then
    // `sim::photos::save_metadata(photo).await`, and only then await the handle.
    todo!("upload {}", photo.name)
}

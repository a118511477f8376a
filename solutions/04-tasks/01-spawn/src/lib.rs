//! Solution to exercise 4.1.

pub use sim::photos::{Photo, Thumbnail};
use sim::photos::{render_thumbnail, save_metadata};
use tokio::task::JoinHandle;

// ANCHOR: start
/// Starts rendering the thumbnail of `photo` as its own task; returns the handle at once.
pub fn start_thumbnail(photo: Photo) -> JoinHandle<Thumbnail> {
    tokio::spawn(async move { render_thumbnail(&photo).await })
}
// ANCHOR_END: start

/// What a finished upload gives back to the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Upload {
    pub url: String,
    pub thumbnail: Thumbnail,
}

// ANCHOR: solution
/// Renders the thumbnail while the metadata is saved.
pub async fn upload(photo: &Photo) -> Upload {
    let thumbnail = start_thumbnail(photo.clone()); // the task gets its own copy
    let url = save_metadata(photo).await; // the thumbnail renders meanwhile
    let thumbnail = thumbnail.await.expect("rendering the thumbnail panicked");
    Upload { url, thumbnail }
}
// ANCHOR_END: solution

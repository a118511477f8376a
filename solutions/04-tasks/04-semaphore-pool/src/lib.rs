//! Solution to exercise 4.4.

use std::sync::Arc;

use sim::photos::render_thumbnail;
pub use sim::photos::{Photo, Thumbnail};
use tokio::sync::Semaphore;

/// Renders every thumbnail in its own task, at most `limit` at a time; returns them in album order.
pub async fn render_album_limited(photos: Vec<Photo>, limit: usize) -> Vec<Thumbnail> {
    // ANCHOR: solution
    let cards = Arc::new(Semaphore::new(limit));
    let mut handles = Vec::new();
    for photo in photos {
        let cards = cards.clone(); // each task owns a handle to the shared semaphore
        handles.push(tokio::spawn(async move {
            let _permit = cards.acquire().await.expect("the semaphore is never closed");
            render_thumbnail(&photo).await
            // `_permit` is dropped here, when the task ends: the card is free for the next photo
        }));
    }
    let mut thumbnails = Vec::new();
    for handle in handles {
        thumbnails.push(handle.await.expect("rendering a thumbnail panicked"));
    }
    thumbnails
    // ANCHOR_END: solution
}

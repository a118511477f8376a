// mistake: takes the permit in the spawning loop and keeps it there, so it is released before the task renders
// expect: must be moved into the task
use std::sync::Arc;

use sim::photos::render_thumbnail;
pub use sim::photos::{Photo, Thumbnail};
use tokio::sync::Semaphore;

pub async fn render_album_limited(photos: Vec<Photo>, limit: usize) -> Vec<Thumbnail> {
    let cards = Arc::new(Semaphore::new(limit));
    let mut handles = Vec::new();
    for photo in photos {
        let _permit = cards.acquire().await.expect("the semaphore is never closed");
        handles.push(tokio::spawn(async move { render_thumbnail(&photo).await }));
    }
    let mut thumbnails = Vec::new();
    for handle in handles {
        thumbnails.push(handle.await.expect("rendering a thumbnail panicked"));
    }
    thumbnails
}

// mistake: `let _ = cards.acquire().await` drops the permit at once, so nothing limits the renders
// expect: drops the permit at once
use std::sync::Arc;

use sim::photos::render_thumbnail;
pub use sim::photos::{Photo, Thumbnail};
use tokio::sync::Semaphore;

pub async fn render_album_limited(photos: Vec<Photo>, limit: usize) -> Vec<Thumbnail> {
    let cards = Arc::new(Semaphore::new(limit));
    let mut handles = Vec::new();
    for photo in photos {
        let cards = cards.clone();
        handles.push(tokio::spawn(async move {
            let _ = cards.acquire().await.expect("the semaphore is never closed");
            render_thumbnail(&photo).await
        }));
    }
    let mut thumbnails = Vec::new();
    for handle in handles {
        thumbnails.push(handle.await.expect("rendering a thumbnail panicked"));
    }
    thumbnails
}

// mistake: renders the photos in batches of `limit`, each batch waiting for its slowest photo, instead of a semaphore
// expect: went in batches that each waited for their slowest photo
use sim::photos::render_thumbnail;
pub use sim::photos::{Photo, Thumbnail};

pub async fn render_album_limited(photos: Vec<Photo>, limit: usize) -> Vec<Thumbnail> {
    let mut thumbnails = Vec::new();
    for batch in photos.chunks(limit) {
        let mut handles = Vec::new();
        for photo in batch {
            let photo = photo.clone();
            handles.push(tokio::spawn(async move { render_thumbnail(&photo).await }));
        }
        for handle in handles {
            thumbnails.push(handle.await.expect("rendering a thumbnail panicked"));
        }
    }
    thumbnails
}

// mistake: keeps a Vec of spawned handles and awaits them in album order instead of using a JoinSet
// expect: they came back in album order
use sim::photos::render_thumbnail;
pub use sim::photos::{Photo, Thumbnail};

pub async fn render_album(photos: Vec<Photo>, mut on_ready: impl FnMut(&Thumbnail)) -> Vec<Thumbnail> {
    let mut handles = Vec::new();
    for photo in photos {
        handles.push(tokio::spawn(async move { render_thumbnail(&photo).await }));
    }
    let mut thumbnails = Vec::new();
    for handle in handles {
        let thumbnail = handle.await.expect("rendering a thumbnail panicked");
        on_ready(&thumbnail);
        thumbnails.push(thumbnail);
    }
    thumbnails
}

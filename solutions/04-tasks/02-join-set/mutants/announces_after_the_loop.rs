// mistake: collects every thumbnail from the JoinSet first and calls on_ready only once all are done
// expect: the thumbnails were announced after waiting for others
use sim::photos::render_thumbnail;
pub use sim::photos::{Photo, Thumbnail};
use tokio::task::JoinSet;

pub async fn render_album(photos: Vec<Photo>, mut on_ready: impl FnMut(&Thumbnail)) -> Vec<Thumbnail> {
    let mut set = JoinSet::new();
    for photo in photos {
        set.spawn(async move { render_thumbnail(&photo).await });
    }
    let mut thumbnails = Vec::new();
    while let Some(result) = set.join_next().await {
        thumbnails.push(result.expect("rendering a thumbnail panicked"));
    }
    for thumbnail in &thumbnails {
        on_ready(thumbnail);
    }
    thumbnails
}

// mistake: renders the photos one after another, then sorts the thumbnails by how long each took
// expect: the thumbnails were rendered one after another
use sim::photos::render_thumbnail;
pub use sim::photos::{Photo, Thumbnail};
use tokio::time::Instant;

pub async fn render_album(photos: Vec<Photo>, mut on_ready: impl FnMut(&Thumbnail)) -> Vec<Thumbnail> {
    let mut rendered = Vec::new();
    for photo in photos {
        let started = Instant::now();
        let thumbnail = render_thumbnail(&photo).await;
        rendered.push((started.elapsed(), thumbnail));
    }
    rendered.sort_by_key(|(took, _)| *took); // the quickest first, as if they had raced
    let mut thumbnails = Vec::new();
    for (_, thumbnail) in rendered {
        on_ready(&thumbnail);
        thumbnails.push(thumbnail);
    }
    thumbnails
}

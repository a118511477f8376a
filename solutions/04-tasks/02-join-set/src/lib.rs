//! Solution to exercise 4.2.

use sim::photos::render_thumbnail;
pub use sim::photos::{Photo, Thumbnail};
use tokio::task::JoinSet;

/// Renders every thumbnail at once; returns them as they finish, announcing each one as it comes.
pub async fn render_album(photos: Vec<Photo>, mut on_ready: impl FnMut(&Thumbnail)) -> Vec<Thumbnail> {
    // ANCHOR: solution
    let mut set = JoinSet::new();
    for photo in photos {
        set.spawn(async move { render_thumbnail(&photo).await });
    }
    let mut thumbnails = Vec::new();
    while let Some(result) = set.join_next().await {
        let thumbnail = result.expect("rendering a thumbnail panicked");
        on_ready(&thumbnail);
        thumbnails.push(thumbnail);
    }
    thumbnails
    // ANCHOR_END: solution
}

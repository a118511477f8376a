// mistake: the spawned task makes the thumbnail with `Thumbnail::of` instead of awaiting `render_thumbnail`
// expect: does not spawn a task that awaits
use sim::photos::save_metadata;
pub use sim::photos::{Photo, Thumbnail};
use tokio::task::JoinHandle;

pub fn start_thumbnail(photo: Photo) -> JoinHandle<Thumbnail> {
    tokio::spawn(async move { Thumbnail::of(&photo) })
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Upload {
    pub url: String,
    pub thumbnail: Thumbnail,
}

pub async fn upload(photo: &Photo) -> Upload {
    let thumbnail = start_thumbnail(photo.clone());
    let url = save_metadata(photo).await;
    let thumbnail = thumbnail.await.expect("rendering the thumbnail panicked");
    Upload { url, thumbnail }
}

// mistake: awaits the thumbnail task's handle straight after spawning it, so the save waits for the rendering
// expect: ran one after the other
pub use sim::photos::{Photo, Thumbnail};
use sim::photos::{render_thumbnail, save_metadata};
use tokio::task::JoinHandle;

pub fn start_thumbnail(photo: Photo) -> JoinHandle<Thumbnail> {
    tokio::spawn(async move { render_thumbnail(&photo).await })
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Upload {
    pub url: String,
    pub thumbnail: Thumbnail,
}

pub async fn upload(photo: &Photo) -> Upload {
    let thumbnail = start_thumbnail(photo.clone()).await.expect("rendering the thumbnail panicked");
    let url = save_metadata(photo).await;
    Upload { url, thumbnail }
}

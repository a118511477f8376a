// mistake: saves the metadata before starting the thumbnail task, so nothing renders during the save
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
    let url = save_metadata(photo).await;
    let thumbnail = start_thumbnail(photo.clone());
    let thumbnail = thumbnail.await.expect("rendering the thumbnail panicked");
    Upload { url, thumbnail }
}

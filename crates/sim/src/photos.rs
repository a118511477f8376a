//! A photo-sharing service (chapter 4): thumbnails, metadata, album exports and backups.
//!
//! The work is proportional to a photo's size, so an album of different photos finishes in a mix of orders:
//!
//! | call                                  | latency                          | journal span               |
//! |---------------------------------------|----------------------------------|----------------------------|
//! | [`render_thumbnail`]`(&photo)`        | 100 ms per megapixel             | `thumbnail(beach.jpg)`     |
//! | [`save_metadata`]`(&photo)`           | 300 ms                           | `save_metadata(beach.jpg)` |
//! | [`build_archive`]`(&album)`           | 500 ms per photo                 | `build_archive(Holidays)`  |
//! | [`email_link`]`(to, &archive)`        | 100 ms                           | `email_link(ada@…)`        |
//! | [`download_original`]`(&photo)`       | 100 ms per megapixel             | `download(beach.jpg)`      |
//! | [`write_to_disk`]`(&original)`        | 50 ms per megapixel              | `write(beach.jpg)`         |
//!
//! A photo of **0 megapixels is corrupt**: [`render_thumbnail`] panics on it after 50 ms of decoding, and
//! [`build_archive`] panics when it reaches it (after the 500 ms of every photo before it, and its own).
//!
//! ```
//! # #[tokio::main(flavor = "current_thread", start_paused = true)]
//! # async fn main() {
//! use sim::photos::{Photo, render_thumbnail};
//! let start = tokio::time::Instant::now();
//! let thumb = render_thumbnail(&Photo::new(7, "beach.jpg", 3)).await;
//! assert_eq!((thumb.photo_id, thumb.name.as_str()), (7, "beach.thumb.jpg"));
//! assert_eq!(start.elapsed(), std::time::Duration::from_millis(300));
//! # }
//! ```

use std::time::Duration;

use crate::journal::{traced, work};

/// How long [`render_thumbnail`] takes per megapixel.
pub const THUMBNAIL_PER_MEGAPIXEL: Duration = Duration::from_millis(100);
/// How long [`render_thumbnail`] decodes a corrupt photo before it panics.
pub const DECODE_LATENCY: Duration = Duration::from_millis(50);
/// How long [`save_metadata`] takes.
pub const METADATA_LATENCY: Duration = Duration::from_millis(300);
/// How long [`build_archive`] spends on each photo.
pub const ARCHIVE_PER_PHOTO: Duration = Duration::from_millis(500);
/// How long [`email_link`] takes.
pub const EMAIL_LATENCY: Duration = Duration::from_millis(100);
/// How long [`download_original`] takes per megapixel.
pub const DOWNLOAD_PER_MEGAPIXEL: Duration = Duration::from_millis(100);
/// How long [`write_to_disk`] takes per megapixel.
pub const WRITE_PER_MEGAPIXEL: Duration = Duration::from_millis(50);
/// The size of an original: one megapixel is stored in this many bytes.
pub const BYTES_PER_MEGAPIXEL: u64 = 1_000_000;

/// An uploaded photo.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Photo {
    pub id: u32,
    /// A file name such as `beach.jpg`.
    pub name: String,
    /// The size of the image; 0 means the file is corrupt.
    pub megapixels: u32,
}

impl Photo {
    pub fn new(id: u32, name: impl Into<String>, megapixels: u32) -> Self {
        Photo { id, name: name.into(), megapixels }
    }

    /// How long [`render_thumbnail`] takes for this photo (for tests and examples).
    pub fn thumbnail_time(&self) -> Duration {
        if self.megapixels == 0 { DECODE_LATENCY } else { THUMBNAIL_PER_MEGAPIXEL * self.megapixels }
    }

    /// How long [`download_original`] takes for this photo.
    pub fn download_time(&self) -> Duration {
        DOWNLOAD_PER_MEGAPIXEL * self.megapixels
    }

    /// How long [`write_to_disk`] takes for this photo's original.
    pub fn write_time(&self) -> Duration {
        WRITE_PER_MEGAPIXEL * self.megapixels
    }
}

/// A small preview of a photo: `beach.jpg` gives `beach.thumb.jpg`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Thumbnail {
    pub photo_id: u32,
    pub name: String,
}

impl Thumbnail {
    /// The thumbnail [`render_thumbnail`] makes for `photo`, known without waiting: for tests and examples.
    pub fn of(photo: &Photo) -> Self {
        let name = match photo.name.rsplit_once('.') {
            Some((stem, ext)) => format!("{stem}.thumb.{ext}"),
            None => format!("{}.thumb", photo.name),
        };
        Thumbnail { photo_id: photo.id, name }
    }
}

/// Renders the thumbnail of `photo`; takes [`THUMBNAIL_PER_MEGAPIXEL`] per megapixel.
///
/// # Panics
/// On a corrupt photo (0 megapixels), after [`DECODE_LATENCY`]: `cannot decode broken.jpg: no image data`.
pub async fn render_thumbnail(photo: &Photo) -> Thumbnail {
    work(format!("thumbnail({})", photo.name), photo.thumbnail_time()).await;
    if photo.megapixels == 0 {
        panic!("cannot decode {}: no image data", photo.name);
    }
    Thumbnail::of(photo)
}

/// Stores the photo's metadata in the database and returns its page, `/photos/<id>`; takes [`METADATA_LATENCY`].
///
/// ```
/// # #[tokio::main(flavor = "current_thread", start_paused = true)]
/// # async fn main() {
/// let url = sim::photos::save_metadata(&sim::photos::Photo::new(7, "beach.jpg", 3)).await;
/// assert_eq!(url, "/photos/7");
/// # }
/// ```
pub async fn save_metadata(photo: &Photo) -> String {
    work(format!("save_metadata({})", photo.name), METADATA_LATENCY).await;
    format!("/photos/{}", photo.id)
}

/// A named collection of photos.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Album {
    pub name: String,
    pub photos: Vec<Photo>,
}

impl Album {
    pub fn new(name: impl Into<String>, photos: Vec<Photo>) -> Self {
        Album { name: name.into(), photos }
    }

    /// How long [`build_archive`] takes for this album when no photo is corrupt.
    pub fn archive_time(&self) -> Duration {
        ARCHIVE_PER_PHOTO * self.photos.len() as u32
    }
}

/// A zip file of an album, ready to download.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Archive {
    /// Where to download it: `https://photos.example/zip/<album>.zip`.
    pub url: String,
    pub photos: usize,
}

impl Archive {
    /// The archive [`build_archive`] makes for `album`, known without waiting: for tests and examples.
    pub fn of(album: &Album) -> Self {
        Archive { url: format!("https://photos.example/zip/{}.zip", album.name), photos: album.photos.len() }
    }
}

/// Packs every photo of `album` into a zip file, one photo after another; takes [`ARCHIVE_PER_PHOTO`] per photo.
///
/// # Panics
/// When it reaches a corrupt photo (0 megapixels), after spending [`ARCHIVE_PER_PHOTO`] on it too.
pub async fn build_archive(album: &Album) -> Archive {
    traced(format!("build_archive({})", album.name), async {
        for photo in &album.photos {
            tokio::time::sleep(ARCHIVE_PER_PHOTO).await;
            if photo.megapixels == 0 {
                panic!("cannot pack {} into {}.zip: no image data", photo.name, album.name);
            }
        }
    })
    .await;
    Archive::of(album)
}

/// Emails the download link of `archive` to `to`; takes [`EMAIL_LATENCY`]. The email is sent when the call
/// completes: a call dropped before then sends nothing (its journal span is marked cancelled).
pub async fn email_link(to: &str, archive: &Archive) {
    let _link = &archive.url; // the simulated mail server keeps nothing
    work(format!("email_link({to})"), EMAIL_LATENCY).await;
}

/// A photo's full-size file, downloaded from the user's phone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Original {
    pub photo_id: u32,
    pub name: String,
    pub megapixels: u32,
    pub bytes: u64,
}

/// Downloads the original of `photo`; takes [`DOWNLOAD_PER_MEGAPIXEL`] per megapixel.
pub async fn download_original(photo: &Photo) -> Original {
    work(format!("download({})", photo.name), photo.download_time()).await;
    Original {
        photo_id: photo.id,
        name: photo.name.clone(),
        megapixels: photo.megapixels,
        bytes: u64::from(photo.megapixels) * BYTES_PER_MEGAPIXEL,
    }
}

/// Writes `original` to the backup disk; takes [`WRITE_PER_MEGAPIXEL`] per megapixel. The disk writes one file
/// at a time: callers must not start a write while another is under way (the journal shows it if they do).
pub async fn write_to_disk(original: &Original) {
    work(format!("write({})", original.name), WRITE_PER_MEGAPIXEL * original.megapixels).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn latencies_match_the_table() {
        crate::journal::reset();
        let photo = Photo::new(1, "a.jpg", 4);
        let album = Album::new("Trip", vec![photo.clone(), Photo::new(2, "b.png", 1)]);
        let start = tokio::time::Instant::now();
        assert_eq!(render_thumbnail(&photo).await, Thumbnail { photo_id: 1, name: "a.thumb.jpg".into() });
        assert_eq!(start.elapsed(), Duration::from_millis(400));
        let archive = build_archive(&album).await;
        assert_eq!(archive.url, "https://photos.example/zip/Trip.zip");
        assert_eq!(start.elapsed(), Duration::from_millis(1400));
        email_link("ada@example.com", &archive).await;
        let original = download_original(&photo).await;
        assert_eq!(original.bytes, 4_000_000);
        write_to_disk(&original).await;
        assert_eq!(start.elapsed(), Duration::from_millis(1400 + 100 + 400 + 200));
        let names: Vec<String> = crate::journal::spans().into_iter().map(|s| s.name).collect();
        assert_eq!(
            names,
            [
                "thumbnail(a.jpg)",
                "build_archive(Trip)",
                "email_link(ada@example.com)",
                "download(a.jpg)",
                "write(a.jpg)"
            ]
        );
    }

    #[tokio::test(start_paused = true)]
    #[should_panic(expected = "cannot decode broken.jpg: no image data")]
    async fn a_corrupt_photo_panics_the_renderer() {
        render_thumbnail(&Photo::new(9, "broken.jpg", 0)).await;
    }

    #[tokio::test(start_paused = true)]
    async fn a_corrupt_photo_panics_the_archiver_when_it_reaches_it() {
        crate::journal::reset();
        let album = Album::new("Bad", vec![Photo::new(1, "a.jpg", 2), Photo::new(2, "broken.jpg", 0)]);
        let err = tokio::spawn(async move { build_archive(&album).await }).await.unwrap_err();
        assert!(err.is_panic());
        let span = &crate::journal::spans()[0];
        assert_eq!(span.end, Some(Duration::from_millis(1000)));
    }
}

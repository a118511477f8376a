//! Solution to exercise 4.5.

pub use sim::photos::{Original, Photo};
use sim::photos::{download_original, write_to_disk};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

/// What a backup did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Backup {
    pub written: Vec<u32>,
    pub bytes: u64,
}

// ANCHOR: writer
/// The disk writer: writes what arrives, one at a time, until every sender is gone.
pub fn spawn_writer(mut originals: mpsc::Receiver<Original>) -> JoinHandle<Backup> {
    tokio::spawn(async move {
        let mut backup = Backup::default();
        while let Some(original) = originals.recv().await {
            write_to_disk(&original).await;
            backup.written.push(original.photo_id);
            backup.bytes += original.bytes;
        }
        backup // `recv()` gave `None`: the channel is closed and empty
    })
}
// ANCHOR_END: writer

// ANCHOR: solution
/// Downloads every original at once and hands each to the single disk writer.
pub async fn back_up(photos: Vec<Photo>) -> Backup {
    let (tx, rx) = mpsc::channel(16);
    let writer = spawn_writer(rx);
    for photo in photos {
        let tx = tx.clone(); // one sender per download task
        tokio::spawn(async move {
            let original = download_original(&photo).await;
            // `send` fails only if the writer is gone; then there is nothing left to do.
            let _ = tx.send(original).await;
        });
    }
    drop(tx); // or the writer would wait for this sender forever
    writer.await.expect("the disk writer panicked")
}
// ANCHOR_END: solution

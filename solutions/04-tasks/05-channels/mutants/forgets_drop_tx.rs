// mistake: forgets drop(tx) in back_up, so a Sender stays alive and the writer waits forever (deadlock)
// expect: a `Sender` is still alive
pub use sim::photos::{Original, Photo};
use sim::photos::{download_original, write_to_disk};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Backup {
    pub written: Vec<u32>,
    pub bytes: u64,
}

pub fn spawn_writer(mut originals: mpsc::Receiver<Original>) -> JoinHandle<Backup> {
    tokio::spawn(async move {
        let mut backup = Backup::default();
        while let Some(original) = originals.recv().await {
            write_to_disk(&original).await;
            backup.written.push(original.photo_id);
            backup.bytes += original.bytes;
        }
        backup
    })
}

pub async fn back_up(photos: Vec<Photo>) -> Backup {
    let (tx, rx) = mpsc::channel(16);
    let writer = spawn_writer(rx);
    for photo in photos {
        let tx = tx.clone();
        tokio::spawn(async move {
            let original = download_original(&photo).await;
            let _ = tx.send(original).await;
        });
    }
    writer.await.expect("the disk writer panicked")
}

//! Exercise 4.5: tasks that talk through a channel.
//!
//! Read: `src/04-tasks/05-channels.md` (chapter 4, "Talking between tasks: channels").
//! Grade: `cargo test` in this folder, or `cargo course check channels`.
//!
//! The photo service lives in `sim::photos`: `download_original(&photo)` takes 100 ms per megapixel and gives an
//! `Original`; `write_to_disk(&original)` takes 50 ms per megapixel, and the backup disk can only do one write at
//! a time.

pub use sim::photos::{Original, Photo};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

/// What a backup did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Backup {
    /// The ids of the photos written, in the order they were written.
    pub written: Vec<u32>,
    /// The total size of what was written.
    pub bytes: u64,
}

/// Spawns the disk writer: a task that receives originals from `originals` and writes each one to disk
/// (`sim::photos::write_to_disk`), one at a time, in the order they arrive. When the channel is closed (every
/// sender is gone) and everything is written, the task ends and its handle gives the `Backup` report.
pub fn spawn_writer(originals: mpsc::Receiver<Original>) -> JoinHandle<Backup> {
    // TODO: `tokio::spawn(async move { ... })` a loop `while let Some(original) = originals.recv().await`
    // (the receiver must be `mut`) that writes the original and adds it to a `Backup`; return the backup after
    // the loop.
    todo!("write what arrives on the channel ({} original(s) waiting in it)", originals.len())
}

/// Backs up `photos`: downloads every original at the same time, one task per photo, and sends each to the disk
/// writer (`spawn_writer`) as soon as it is downloaded. Returns the writer's report once everything is written.
pub async fn back_up(photos: Vec<Photo>) -> Backup {
    // TODO: `let (tx, rx) = mpsc::channel(16);` start the writer with `rx`. For each photo spawn a task that owns
    // a clone of `tx`: it downloads, then `tx.send(original).await`. Then `drop(tx)`: the writer's `recv()` only
    // returns `None` once *every* sender is gone, including this one. Finally await the writer's handle.
    todo!("back up {} photos", photos.len())
}

//! Exercise 4.3: cancel a task that takes too long, and tell a crash from a timeout.
//!
//! Read: `src/04-tasks/03-abort.md` (chapter 4, "Cancelling a task, and tasks that panic").
//! Grade: `cargo test` in this folder, or `cargo course check abort`.
//!
//! The photo service lives in `sim::photos`: `build_archive(&album)` packs an album into a zip file (500 ms per
//! photo; it panics when it reaches a corrupt photo) and `email_link(to, &archive)` emails its link (100 ms).

use std::time::Duration;

pub use sim::photos::{Album, Photo};
use tokio::task::JoinHandle;

/// Starts exporting `album` as a task of its own and returns its handle at once. The task builds the archive,
/// emails its link (`archive.url`) to `to`, then returns the link.
pub fn start_export(album: Album, to: &str) -> JoinHandle<String> {
    // TODO: the task must own everything it uses: make an owned `String` from `to` first, then
    // `tokio::spawn(async move { ... })`: `build_archive(&album).await`, `email_link(&to, &archive).await`,
    // and return `archive.url`.
    todo!("export album {} and email the link to {to}", album.name)
}

/// Why an export gave no link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportError {
    /// It was not done within the deadline. It was cancelled: no email may be sent after the deadline.
    TimedOut,
    /// The export task panicked (a corrupt photo).
    Crashed,
}

/// Exports `album` (as `start_export` does) but waits for it at most `deadline`.
///
/// - Done in time: return `Ok(link)` as soon as it is done.
/// - Still running at the deadline: cancel the task at once, so that it stops where it is and never emails
///   anybody, and return `Err(ExportError::TimedOut)`.
/// - The task panicked: return `Err(ExportError::Crashed)` as soon as it did (do not panic yourself).
pub async fn export_within(album: Album, to: &str, deadline: Duration) -> Result<String, ExportError> {
    // TODO: `let mut export = start_export(album, to);` then `tokio::time::timeout(deadline, &mut export).await`.
    // Inside the time: `Ok(Ok(link))` or `Ok(Err(join_error))` (check `join_error.is_panic()`).
    // Out of time: `Err(_)`: the timeout dropped only a *borrow* of the handle, and even dropping the handle
    // would not stop the task. Call `export.abort()`.
    todo!("export album {} for {to} within {deadline:?}", album.name)
}

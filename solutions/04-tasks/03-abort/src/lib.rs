//! Solution to exercise 4.3.

use std::time::Duration;

pub use sim::photos::{Album, Photo};
use sim::photos::{build_archive, email_link};
use tokio::task::{JoinError, JoinHandle};

// ANCHOR: start
/// Starts the export as its own task: build the archive, email its link, return the link.
pub fn start_export(album: Album, to: &str) -> JoinHandle<String> {
    let to = to.to_string(); // the task must own what it uses
    tokio::spawn(async move {
        let archive = build_archive(&album).await;
        email_link(&to, &archive).await;
        archive.url
    })
}
// ANCHOR_END: start

/// Why an export gave no link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportError {
    TimedOut,
    Crashed,
}

// ANCHOR: solution
/// Waits for the export at most `deadline`; cancels it if it is late.
pub async fn export_within(album: Album, to: &str, deadline: Duration) -> Result<String, ExportError> {
    let mut export = start_export(album, to);
    match tokio::time::timeout(deadline, &mut export).await {
        Ok(finished) => finished.map_err(why),
        Err(_elapsed) => {
            export.abort(); // the task is dropped at the await it is waiting on
            // Awaiting the aborted handle says how it ended: almost always cancelled, but it may have finished
            // (or crashed) in the same instant.
            export.await.map_err(why)
        }
    }
}

fn why(error: JoinError) -> ExportError {
    if error.is_panic() { ExportError::Crashed } else { ExportError::TimedOut }
}
// ANCHOR_END: solution

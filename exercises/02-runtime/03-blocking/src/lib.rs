//! Exercise 2.3: don't block the executor.
//!
//! Read: `src/02-runtime/03-blocking.md` (chapter 2, "Blocking the executor").
//! Grade: `cargo test` in this folder, or `cargo course check blocking` anywhere in the course.
//!
//! The report-export service `sim::exports` works in the background: `start_export(report)` (100 ms) queues an
//! export and gives you an `ExportJob`; `check(&job)` (100 ms) says whether it is `Pending` or `Ready { link }`.
//! Exporting `sales` takes the server 450 ms, `inventory` 750 ms.
//!
//! This exercise ships with working code: it returns the right links. But it was written by someone used to
//! synchronous code, and it blocks the executor every time it waits. Grade it as it is first and read what the
//! tests say, then fix it.

use std::time::Duration;

use sim::exports::{ExportError, ExportStatus, check, start_export};

/// How long to wait between two checks of the same export.
pub const POLL_INTERVAL: Duration = Duration::from_millis(200);

/// Starts exporting `report`, waits until the export is ready and returns its download link.
///
/// It checks once right after starting the export, then waits [`POLL_INTERVAL`] between checks, and returns as soon
/// as a check says `Ready` (without waiting again). An unknown report gives the `ExportError` from `start_export` at
/// once, without any check.
///
/// While it waits, the thread must stay free for other tasks: a program runs many things on the same executor.
pub async fn wait_for_export(report: &str) -> Result<String, ExportError> {
    let job = start_export(report).await?;
    loop {
        match check(&job).await {
            ExportStatus::Ready { link } => return Ok(link),
            // TODO: this wait blocks the whole thread: for 200 ms the executor can run nothing else, and tokio's
            // clock cannot move. Wait on tokio's clock instead: `tokio::time::sleep(POLL_INTERVAL).await`.
            ExportStatus::Pending { .. } => std::thread::sleep(POLL_INTERVAL),
        }
    }
}

//! Blocking the executor: a heartbeat task next to a polite wait and a rude one.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use sim::exports::{ExportError, ExportStatus, check, start_export};

// ANCHOR: heartbeat
/// Counts the beats: one every 100 ms, for as long as it gets to run.
pub async fn heartbeat(beats: Arc<AtomicU32>) {
    loop {
        tokio::time::sleep(Duration::from_millis(100)).await;
        beats.fetch_add(1, Ordering::SeqCst);
    }
}

/// Waits 250 ms on tokio's clock: the task steps aside, and the thread runs other
/// tasks meanwhile.
pub async fn wait_politely() {
    tokio::time::sleep(Duration::from_millis(250)).await;
}

/// Waits 250 ms by putting the whole thread to sleep: nothing else on it runs
/// meanwhile.
pub async fn wait_rudely() {
    std::thread::sleep(Duration::from_millis(250));
}
// ANCHOR_END: heartbeat

// ANCHOR: blocking_poll
/// Starts an export and polls it until it is ready, the way synchronous code would.
/// It gives the right answer...
pub async fn wait_for_export_blocking(report: &str) -> Result<String, ExportError> {
    let job = start_export(report).await?;
    loop {
        match check(&job).await {
            ExportStatus::Ready { link } => return Ok(link),
            // ...but each of these waits freezes the executor, and tokio's clock with
            // it.
            ExportStatus::Pending { .. } => {
                std::thread::sleep(Duration::from_millis(200))
            }
        }
    }
}
// ANCHOR_END: blocking_poll

/// The same poll, waiting on tokio's clock: between two checks the task steps aside,
/// and the clock moves on. (The timeline picture on the page compares the two.)
pub async fn wait_for_export_politely(report: &str) -> Result<String, ExportError> {
    let job = start_export(report).await?;
    loop {
        match check(&job).await {
            ExportStatus::Ready { link } => return Ok(link),
            ExportStatus::Pending { .. } => {
                tokio::time::sleep(Duration::from_millis(200)).await
            }
        }
    }
}

#[cfg(test)]
mod tests;

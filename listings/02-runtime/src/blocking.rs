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
mod tests {
    use super::*;

    // ANCHOR: heartbeat_tests
    #[tokio::test(start_paused = true)]
    async fn a_polite_wait_lets_the_heartbeat_beat() {
        let beats = Arc::new(AtomicU32::new(0));
        let beating = tokio::spawn(heartbeat(beats.clone()));
        let start = tokio::time::Instant::now();
        wait_politely().await;
        assert_eq!(start.elapsed(), Duration::from_millis(250));
        assert_eq!(beats.load(Ordering::SeqCst), 2); // at 100 ms and 200 ms
        beating.abort();
    }

    #[tokio::test(start_paused = true)]
    async fn a_rude_wait_stops_everything() {
        let beats = Arc::new(AtomicU32::new(0));
        let beating = tokio::spawn(heartbeat(beats.clone()));
        let start = tokio::time::Instant::now();
        wait_rudely().await; // really sleeps 250 ms...
        // ...but tokio's clock did not move
        assert_eq!(start.elapsed(), Duration::ZERO);
        assert_eq!(beats.load(Ordering::SeqCst), 0); // and the heartbeat never ran
        beating.abort();
    }
    // ANCHOR_END: heartbeat_tests

    #[tokio::test(start_paused = true)]
    async fn a_polite_poll_spaces_its_checks_on_tokios_clock() {
        sim::journal::reset();
        let start = tokio::time::Instant::now();
        let link = wait_for_export_politely("sales").await;
        assert_eq!(link.as_deref(), Ok("https://exports.example.com/sales.csv"));
        assert_eq!(start.elapsed(), Duration::from_millis(800));
        let checks: Vec<Duration> = sim::journal::spans()
            .iter()
            .filter(|s| s.name.starts_with("check("))
            .map(|s| s.start)
            .collect();
        assert_eq!(checks, [100, 400, 700].map(Duration::from_millis));
        assert!(wait_for_export_politely("payroll").await.is_err());
    }
}

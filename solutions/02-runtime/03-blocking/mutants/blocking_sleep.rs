// mistake: waits between checks with std::thread::sleep, which blocks the executor (the code as shipped)
// expect: std::thread::sleep
use std::time::Duration;

use sim::exports::{ExportError, ExportStatus, check, start_export};

pub const POLL_INTERVAL: Duration = Duration::from_millis(200);

pub async fn wait_for_export(report: &str) -> Result<String, ExportError> {
    let job = start_export(report).await?;
    loop {
        match check(&job).await {
            ExportStatus::Ready { link } => return Ok(link),
            ExportStatus::Pending { .. } => std::thread::sleep(POLL_INTERVAL),
        }
    }
}

// mistake: waits before every check, including the first one
// expect: the first check came 200 ms late
use std::time::Duration;

use sim::exports::{ExportError, ExportStatus, check, start_export};

pub const POLL_INTERVAL: Duration = Duration::from_millis(200);

pub async fn wait_for_export(report: &str) -> Result<String, ExportError> {
    let job = start_export(report).await?;
    loop {
        tokio::time::sleep(POLL_INTERVAL).await;
        if let ExportStatus::Ready { link } = check(&job).await {
            return Ok(link);
        }
    }
}

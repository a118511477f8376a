// mistake: waits after every check, even the one that said the export is ready
// expect: waited once more
use std::time::Duration;

use sim::exports::{ExportError, ExportStatus, check, start_export};

pub const POLL_INTERVAL: Duration = Duration::from_millis(200);

pub async fn wait_for_export(report: &str) -> Result<String, ExportError> {
    let job = start_export(report).await?;
    loop {
        let status = check(&job).await;
        tokio::time::sleep(POLL_INTERVAL).await;
        if let ExportStatus::Ready { link } = status {
            return Ok(link);
        }
    }
}

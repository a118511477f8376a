// mistake: makes the sleep future but never awaits it, so there is no wait between checks
// expect: without `.await`
use std::time::Duration;

use sim::exports::{ExportError, ExportStatus, check, start_export};

pub const POLL_INTERVAL: Duration = Duration::from_millis(200);

pub async fn wait_for_export(report: &str) -> Result<String, ExportError> {
    let job = start_export(report).await?;
    loop {
        match check(&job).await {
            ExportStatus::Ready { link } => return Ok(link),
            ExportStatus::Pending { .. } => {
                #[allow(clippy::let_underscore_future)]
                let _ = tokio::time::sleep(POLL_INTERVAL);
            }
        }
    }
}

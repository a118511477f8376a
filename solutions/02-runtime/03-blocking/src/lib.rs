//! Solution to exercise 2.3.

use std::time::Duration;

use sim::exports::{ExportError, ExportStatus, check, start_export};

/// How long to wait between two checks of the same export.
pub const POLL_INTERVAL: Duration = Duration::from_millis(200);

/// Starts exporting `report`, waits until the export is ready and returns its download link.
// ANCHOR: solution
pub async fn wait_for_export(report: &str) -> Result<String, ExportError> {
    let job = start_export(report).await?;
    loop {
        match check(&job).await {
            ExportStatus::Ready { link } => return Ok(link),
            ExportStatus::Pending { .. } => tokio::time::sleep(POLL_INTERVAL).await,
        }
    }
}
// ANCHOR_END: solution

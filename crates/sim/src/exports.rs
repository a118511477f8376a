//! A report-export service that is polled until an export is ready (chapter 2).
//!
//! Exporting a report takes the server a while, so its API is "start, then ask again later": [`start_export`]
//! queues the export and hands back an [`ExportJob`]; [`check`] says whether that export is ready yet. Each check
//! answers with the state of the export at the moment the answer is sent (the end of the check's latency).
//!
//! | report      | ready this long after `start_export` returns | download link                               |
//! |-------------|----------------------------------------------|---------------------------------------------|
//! | `sales`     | 450 ms                                       | `https://exports.example.com/sales.csv`     |
//! | `inventory` | 750 ms                                       | `https://exports.example.com/inventory.csv` |
//! | `audit`     | 2 s                                          | `https://exports.example.com/audit.csv`     |
//!
//! Any other report name gives [`ExportError::UnknownReport`].
//!
//! | call                     | latency                   | journal span          |
//! |--------------------------|---------------------------|-----------------------|
//! | [`start_export`]`(name)` | [`START_LATENCY`], 100 ms | `start_export(sales)` |
//! | [`check`]`(&job)`        | [`CHECK_LATENCY`], 100 ms | `check(sales)`        |
//!
//! ```
//! # #[tokio::main(flavor = "current_thread", start_paused = true)]
//! # async fn main() {
//! use sim::exports::{ExportStatus, check, start_export};
//! let job = start_export("sales").await.unwrap(); // 0.1 s; the export is ready at 0.55 s
//! assert!(matches!(check(&job).await, ExportStatus::Pending { .. })); // answered at 0.2 s
//! tokio::time::sleep(std::time::Duration::from_millis(300)).await;
//! let status = check(&job).await; // answered at 0.6 s
//! assert_eq!(status, ExportStatus::Ready { link: "https://exports.example.com/sales.csv".to_string() });
//! # }
//! ```

use std::fmt;
use std::time::Duration;

use tokio::time::Instant;

use crate::journal::work;

/// How long [`start_export`] takes to answer.
pub const START_LATENCY: Duration = Duration::from_millis(100);
/// How long one [`check`] takes to answer.
pub const CHECK_LATENCY: Duration = Duration::from_millis(100);

/// How long the server works on an export of `report` (counted from when [`start_export`] returns), or `None` for
/// an unknown report. Known without waiting: for tests and examples.
pub fn export_time(report: &str) -> Option<Duration> {
    match report {
        "sales" => Some(Duration::from_millis(450)),
        "inventory" => Some(Duration::from_millis(750)),
        "audit" => Some(Duration::from_secs(2)),
        _ => None,
    }
}

/// The download link of a finished export of `report`.
pub fn link(report: &str) -> String {
    format!("https://exports.example.com/{report}.csv")
}

/// Why an export could not be started.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExportError {
    /// There is no report with this name.
    UnknownReport(String),
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExportError::UnknownReport(name) => write!(f, "there is no report called {name:?}"),
        }
    }
}

impl std::error::Error for ExportError {}

/// An export the server is working on; ask about it with [`check`].
#[derive(Clone, Debug)]
pub struct ExportJob {
    report: String,
    started: Instant,
    ready_at: Instant,
}

impl ExportJob {
    /// The report being exported.
    pub fn report(&self) -> &str {
        &self.report
    }
}

/// What [`check`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExportStatus {
    /// Still working; `percent` done so far (0 to 99).
    Pending { percent: u8 },
    /// Done: the export can be downloaded from `link`.
    Ready { link: String },
}

/// Starts exporting `report`; takes [`START_LATENCY`]. The export then runs on the server for
/// [`export_time`]`(report)`.
pub async fn start_export(report: &str) -> Result<ExportJob, ExportError> {
    work(format!("start_export({report})"), START_LATENCY).await;
    let took = export_time(report).ok_or_else(|| ExportError::UnknownReport(report.to_string()))?;
    let started = Instant::now();
    Ok(ExportJob { report: report.to_string(), started, ready_at: started + took })
}

/// Asks whether `job` is finished; takes [`CHECK_LATENCY`] and answers with the state at the end of it.
pub async fn check(job: &ExportJob) -> ExportStatus {
    work(format!("check({})", job.report), CHECK_LATENCY).await;
    let now = Instant::now();
    if now >= job.ready_at {
        ExportStatus::Ready { link: link(&job.report) }
    } else {
        let total = job.ready_at - job.started;
        let done = now.saturating_duration_since(job.started);
        let percent = (done.as_millis() * 100 / total.as_millis().max(1)).min(99) as u8;
        ExportStatus::Pending { percent }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal;

    #[tokio::test(start_paused = true)]
    async fn an_export_is_pending_until_its_time_then_ready() {
        journal::reset();
        let job = start_export("inventory").await.unwrap(); // at 0.1 s; ready at 0.85 s
        assert_eq!(check(&job).await, ExportStatus::Pending { percent: 13 }); // 0.2 s: 100 of 750 ms
        tokio::time::sleep(Duration::from_millis(549)).await;
        assert_eq!(check(&job).await, ExportStatus::Pending { percent: 99 }); // 0.849 s
        assert_eq!(check(&job).await, ExportStatus::Ready { link: link("inventory") }); // 0.949 s
        let names: Vec<String> = journal::spans().into_iter().map(|s| s.name).collect();
        assert_eq!(names, ["start_export(inventory)", "check(inventory)", "check(inventory)", "check(inventory)"]);
    }

    #[tokio::test(start_paused = true)]
    async fn an_unknown_report_is_an_error() {
        let start = Instant::now();
        assert_eq!(start_export("payroll").await.unwrap_err(), ExportError::UnknownReport("payroll".to_string()));
        assert_eq!(start.elapsed(), START_LATENCY);
    }
}

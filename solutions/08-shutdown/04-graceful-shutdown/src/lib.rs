//! Exercise 8.4, solved: stop taking jobs on the signal, drain within a deadline, then abort.

use std::time::Duration;

pub use sim::farm::{Job, render};
use tokio::sync::mpsc;
use tokio::task::JoinSet;
pub use tokio_util::sync::CancellationToken;

/// How a shutdown went: jobs that finished, and jobs aborted at the end of the drain.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub finished: usize,
    pub aborted: usize,
}

// ANCHOR: solution
/// Runs each job as its own task until `shutdown`; then drains for at most `drain`.
pub async fn serve(mut jobs: mpsc::Receiver<Job>, shutdown: CancellationToken, drain: Duration) -> Report {
    let mut running = JoinSet::new();
    let mut report = Report::default();
    // 1. Take jobs until the signal (or until no more can come).
    loop {
        tokio::select! {
            biased; // the signal first: once it is given, no new job starts
            () = shutdown.cancelled() => break,
            job = jobs.recv() => match job {
                Some(job) => {
                    running.spawn(async move { render(&job).await });
                }
                None => break,
            },
            // Collect finished jobs as we go, so the set does not grow for ever.
            Some(_) = running.join_next() => report.finished += 1,
        }
    }
    // 2. Drain: let the running jobs finish, but wait at most `drain`.
    let drained = tokio::time::timeout(drain, async {
        while running.join_next().await.is_some() {
            report.finished += 1;
        }
    })
    .await;
    // 3. Force: abort what is still running (and wait until it is gone).
    if drained.is_err() {
        report.aborted = running.len();
        running.shutdown().await;
    }
    report
}
// ANCHOR_END: solution

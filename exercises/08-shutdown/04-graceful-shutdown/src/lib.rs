//! Exercise 8.4: a graceful shutdown. Stop taking work on a signal, let the work in progress finish within a
//! deadline, then force the rest to stop.
//!
//! Read: `src/08-shutdown/04-graceful-shutdown.md` (chapter 8, "Graceful shutdown").
//! Grade: `cargo test` in this folder, or `cargo course check graceful-shutdown`.
//!
//! Jobs arrive on a channel; `sim::farm::render(&job)` renders one (it takes `job.cost`). The shutdown signal (a
//! Ctrl-C, in a real program) is a `CancellationToken` from tokio-util: `shutdown.cancelled().await` waits until
//! someone calls `shutdown.cancel()`. The tests give that signal at a chosen instant of virtual time.

use std::time::Duration;

pub use sim::farm::{Job, render};
use tokio::sync::mpsc;
pub use tokio_util::sync::CancellationToken;

/// How a shutdown went: jobs that finished, and jobs aborted at the end of the drain.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub finished: usize,
    pub aborted: usize,
}

/// A render server.
///
/// 1. Until the shutdown signal, take each job from `jobs` as soon as it arrives and render it **in a task of its
///    own**, so that jobs run side by side.
/// 2. On the signal, stop taking jobs at once (jobs that arrive later are never started), and give the jobs in
///    progress up to `drain` to finish. If they are all done before that, return as soon as the last one is.
/// 3. At the end of the drain, abort the jobs still running (their render stops right there) and return.
///
/// The channel closing (every sender dropped) means that no more jobs can come: treat it like the signal.
/// Return the number of jobs that finished and the number aborted.
pub async fn serve(jobs: mpsc::Receiver<Job>, shutdown: CancellationToken, drain: Duration) -> Report {
    // TODO: a `JoinSet` for the running jobs. A `loop` with `tokio::select!` on `shutdown.cancelled()` (break),
    // `jobs.recv()` (spawn the job into the set; `None`: break) and, to count jobs as they finish,
    // `Some(_) = set.join_next()`. Then the drain: `tokio::time::timeout(drain, ...)` around a loop of
    // `set.join_next()`. If it times out: count `set.len()` as aborted and `set.shutdown().await`.
    // (`recv` needs the receiver mutable: write the parameter as `mut jobs`.)
    todo!(
        "serve the jobs ({} waiting) until the shutdown signal (given: {}), then drain for {drain:?}",
        jobs.len(),
        shutdown.is_cancelled()
    )
}

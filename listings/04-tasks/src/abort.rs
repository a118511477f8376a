//! `abort()`, what a cancelled task sees, and `JoinError` for cancelled and panicked
//! tasks.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::task::JoinHandle;

// ANCHOR: guard
type Log = Arc<Mutex<Vec<&'static str>>>;

/// Writes "cleaned up" into the log when it is dropped, however its owner ends.
struct CleanUp(Log);

impl Drop for CleanUp {
    fn drop(&mut self) {
        self.0.lock().unwrap().push("cleaned up");
    }
}

/// A slow job: 10 s of work, with a guard that cleans up when the job ends, however
/// it ends.
pub fn start_slow_job(log: Log) -> JoinHandle<()> {
    tokio::spawn(async move {
        let _guard = CleanUp(log.clone());
        log.lock().unwrap().push("started");
        // cancelled here: nothing below runs
        tokio::time::sleep(Duration::from_secs(10)).await;
        log.lock().unwrap().push("finished");
    })
}
// ANCHOR_END: guard

// ANCHOR: abort
/// Cancels the slow job after one second and reports how it ended.
pub async fn cancel_after_a_second(log: Log) -> &'static str {
    let job = start_slow_job(log);
    tokio::time::sleep(Duration::from_secs(1)).await;
    // a request: the task is dropped the next time the runtime gets to it
    job.abort();
    match job.await {
        Ok(()) => "finished before it could be cancelled",
        Err(e) if e.is_cancelled() => "cancelled",
        Err(_) => "panicked",
    }
}
// ANCHOR_END: abort

// ANCHOR: deadline
/// Gives the job `deadline` to finish; cancels it if it is not done by then.
pub async fn with_deadline<T>(
    mut job: JoinHandle<T>,
    deadline: Duration,
) -> Option<T> {
    match tokio::time::timeout(deadline, &mut job).await {
        Ok(Ok(value)) => Some(value),
        // it panicked: pass it on
        Ok(Err(join_error)) => std::panic::resume_unwind(join_error.into_panic()),
        Err(_elapsed) => {
            job.abort(); // without this, the job would go on running, detached
            None
        }
    }
}
// ANCHOR_END: deadline

// ANCHOR: panic
/// Runs three jobs; the second panics. The others are not affected, and the panic
/// comes back as a `JoinError`.
pub async fn one_job_panics() -> Vec<String> {
    let jobs = [1, 2, 3].map(|n| {
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(100 * n)).await;
            if n == 2 {
                panic!("job {n} hit a bug");
            }
            n * 10
        })
    });
    let mut report = Vec::new();
    for job in jobs {
        match job.await {
            Ok(value) => report.push(format!("ok: {value}")),
            Err(e) if e.is_panic() => {
                // what `panic!` was given (a `String` here)
                let payload = e.into_panic();
                let message =
                    payload.downcast_ref::<String>().cloned().unwrap_or_default();
                report.push(format!("panicked: {message}"));
            }
            Err(_) => report.push("cancelled".to_string()),
        }
    }
    report
}
// ANCHOR_END: panic

#[cfg(test)]
mod tests {
    use super::*;
    use sim::journal;
    use tokio::time::Instant;

    // ANCHOR: abort_test
    #[tokio::test(start_paused = true)]
    async fn the_cancelled_job_stops_at_its_await_and_cleans_up() {
        let log = Log::default();
        assert_eq!(cancel_after_a_second(log.clone()).await, "cancelled");
        // "finished" never happens; the guard's `drop` still runs.
        assert_eq!(*log.lock().unwrap(), ["started", "cleaned up"]);
    }
    // ANCHOR_END: abort_test

    #[tokio::test(start_paused = true)]
    async fn a_job_in_time_gives_its_value_and_a_late_one_is_cancelled() {
        let start = Instant::now();
        let quick = tokio::spawn(async {
            tokio::time::sleep(Duration::from_secs(1)).await;
            7
        });
        assert_eq!(with_deadline(quick, Duration::from_secs(5)).await, Some(7));
        assert_eq!(start.elapsed(), Duration::from_secs(1));

        let log = Log::default();
        assert_eq!(
            with_deadline(start_slow_job(log.clone()), Duration::from_secs(2)).await,
            None
        );
        tokio::time::sleep(Duration::from_secs(30)).await;
        assert_eq!(*log.lock().unwrap(), ["started", "cleaned up"]);
    }

    // ANCHOR: detached_test
    #[tokio::test(start_paused = true)]
    async fn timing_out_on_a_handle_does_not_stop_the_task() {
        journal::reset();
        let job = tokio::spawn(journal::work("slow job", Duration::from_secs(10)));
        // drops `job` at 2 s
        let gave_up = tokio::time::timeout(Duration::from_secs(2), job).await;
        assert!(gave_up.is_err());
        tokio::time::sleep(Duration::from_secs(30)).await;
        // The task ran to its end anyway: dropping a `JoinHandle` does not cancel
        // anything.
        let span = &journal::spans()[0];
        assert_eq!(
            (span.end, span.cancelled),
            (Some(Duration::from_secs(10)), false)
        );
    }
    // ANCHOR_END: detached_test

    #[tokio::test(start_paused = true)]
    async fn a_panic_comes_back_as_a_join_error() {
        assert_eq!(
            one_job_panics().await,
            ["ok: 10", "panicked: job 2 hit a bug", "ok: 30"]
        );
    }
}

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
        // it panicked: pass the panic on
        Ok(Err(e)) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
        // someone else cancelled it (an `AbortHandle`, the runtime shutting down):
        // there is no panic to pass on (`into_panic()` would itself panic)
        Ok(Err(_cancelled)) => None,
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

// ANCHOR: result_task
/// A job that can fail in an expected way returns a `Result`: a panic is for bugs.
pub async fn export_report(name: &'static str) -> Result<String, String> {
    tokio::time::sleep(Duration::from_millis(100)).await;
    if name.is_empty() {
        return Err("a report needs a name".to_string());
    }
    Ok(format!("/exports/{name}.csv"))
}

/// Runs two exports as tasks and says how each one ended.
pub async fn how_exports_end() -> Vec<String> {
    let mut report = Vec::new();
    for name in ["sales", ""] {
        match tokio::spawn(export_report(name)).await {
            Ok(Ok(link)) => report.push(format!("exported {link}")),
            // the task ran to its end, and reports an error
            Ok(Err(e)) => report.push(format!("failed: {e}")),
            // the task itself panicked or was cancelled
            Err(join_error) => report.push(format!("crashed: {join_error}")),
        }
    }
    report
}
// ANCHOR_END: result_task

#[cfg(test)]
mod tests;

//! A cancelled task stops at its next `.await` (only destructors run), and a
//! panicking task comes back as a `JoinError`. `cargo run -p listings-04-tasks --bin
//! abort`.
// ANCHOR: program
use std::time::{Duration, Instant};

use tokio::task::JoinError;

/// Prints when it is dropped, however its owner ends: a cancelled task's only chance
/// to clean up.
struct CleanUp;

impl Drop for CleanUp {
    fn drop(&mut self) {
        println!("job: cleaned up");
    }
}

async fn slow_job() {
    let _guard = CleanUp;
    println!("job: started");
    // cancelled here: nothing below runs
    tokio::time::sleep(Duration::from_millis(1000)).await;
    println!("job: finished");
}

async fn buggy_job() {
    tokio::time::sleep(Duration::from_millis(100)).await;
    let photo = 7;
    panic!("photo {photo} is corrupt"); // ends this task only
}

/// What awaiting a task's handle says about how the task ended.
fn how_it_ended(result: Result<(), JoinError>) -> String {
    match result {
        Ok(()) => "finished".to_string(),
        Err(e) if e.is_cancelled() => "was cancelled".to_string(),
        // `into_panic` gives what `panic!` was given: a `String` for a formatted
        // message.
        Err(e) => format!(
            "panicked: {}",
            e.into_panic().downcast_ref::<String>().map_or("?", |s| s.as_str())
        ),
    }
}

/// Starts the slow job, cancels it after `delay`, and says how it ended.
async fn cancel_after(delay: Duration) -> String {
    let job = tokio::spawn(slow_job());
    tokio::time::sleep(delay).await;
    // a request: the runtime drops the task's future when it next gets to it
    job.abort();
    how_it_ended(job.await)
}

#[tokio::main]
async fn main() {
    let started = Instant::now();
    let ending = cancel_after(Duration::from_millis(200)).await;
    println!("the slow job {ending}, after {:.1?}", started.elapsed());
    println!("the buggy job {}", how_it_ended(tokio::spawn(buggy_job()).await));
}
// ANCHOR_END: program

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    #[tokio::test(start_paused = true)]
    async fn the_job_is_cancelled_at_its_await() {
        let started = Instant::now();
        assert_eq!(cancel_after(Duration::from_millis(200)).await, "was cancelled");
        assert_eq!(
            started.elapsed(),
            Duration::from_millis(200),
            "awaiting an aborted task should not wait it out"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn aborting_a_job_that_is_done_changes_nothing() {
        assert_eq!(
            cancel_after(Duration::from_millis(1500)).await,
            "finished",
            "abort() after the end does nothing"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_panic_comes_back_as_a_join_error() {
        let started = Instant::now();
        assert_eq!(
            how_it_ended(tokio::spawn(buggy_job()).await),
            "panicked: photo 7 is corrupt"
        );
        assert_eq!(
            started.elapsed(),
            Duration::from_millis(100),
            "the panic should come back as soon as it happens"
        );
    }
}

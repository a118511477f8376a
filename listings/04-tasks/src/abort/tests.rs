//! The tests of `abort.rs`: they check what the book says about its code. In a file of their
//! own so that the book can include them without the indentation of a `mod tests` block.

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

#[tokio::test(start_paused = true)]
async fn a_job_cancelled_by_someone_else_gives_none_not_a_panic() {
    let log = Log::default();
    let job = start_slow_job(log.clone());
    let stopper = job.abort_handle();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_secs(1)).await;
        stopper.abort();
    });
    let start = Instant::now();
    assert_eq!(with_deadline(job, Duration::from_secs(5)).await, None);
    assert_eq!(
        start.elapsed(),
        Duration::from_secs(1),
        "it gave up when the job was"
    );
    assert_eq!(*log.lock().unwrap(), ["started", "cleaned up"]);
}

#[tokio::test(start_paused = true)]
#[should_panic(expected = "a bug in the job")]
async fn a_job_that_panics_passes_its_panic_on() {
    let job = tokio::spawn(async {
        tokio::time::sleep(Duration::from_secs(1)).await;
        panic!("a bug in the job");
    });
    with_deadline(job, Duration::from_secs(5)).await;
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
    assert_eq!((span.end, span.cancelled), (Some(Duration::from_secs(10)), false));
}
// ANCHOR_END: detached_test

#[tokio::test(start_paused = true)]
async fn a_panic_comes_back_as_a_join_error() {
    assert_eq!(
        one_job_panics().await,
        ["ok: 10", "panicked: job 2 hit a bug", "ok: 30"]
    );
}

#[tokio::test(start_paused = true)]
async fn an_expected_failure_is_ok_err_from_the_handle() {
    assert_eq!(
        how_exports_end().await,
        ["exported /exports/sales.csv", "failed: a report needs a name"]
    );
}

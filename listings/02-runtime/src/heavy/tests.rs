//! The tests of `heavy.rs`: they check what the book says about its code. In a file of their
//! own so that the book can include them without the indentation of a `mod tests` block.

use std::sync::mpsc;

use super::*;

#[tokio::test(start_paused = true)]
async fn the_result_comes_back_through_the_handle() {
    assert_eq!(count_primes_in_background(100).await, 25);
    let start = tokio::time::Instant::now();
    assert_eq!(count_primes_in_background(50_000).await, 5133);
    // computation takes no virtual time
    assert_eq!(start.elapsed(), std::time::Duration::ZERO);
}

// ANCHOR: executor_stays_free
#[tokio::test]
async fn the_executor_runs_other_tasks_while_a_blocking_job_runs() {
    let (tx, rx) = mpsc::channel::<u32>();
    // A blocking job that cannot finish until some *async* task sends it a
    // number...
    let job = tokio::task::spawn_blocking(move || rx.recv().unwrap() * 2);
    // ...and an async task that sends it. It can only run if the executor is
    // free.
    tokio::spawn(async move { tx.send(21).unwrap() });
    assert_eq!(job.await.unwrap(), 42);
}
// ANCHOR_END: executor_stays_free

// ANCHOR: panic
#[tokio::test]
async fn a_panic_in_the_job_comes_back_as_an_error() {
    let job = tokio::task::spawn_blocking(|| -> u32 { panic!("corrupt input") });
    let err = job.await.unwrap_err();
    assert!(err.is_panic());
    assert_eq!(*err.into_panic().downcast::<&str>().unwrap(), "corrupt input");
}
// ANCHOR_END: panic

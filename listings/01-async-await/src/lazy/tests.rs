//! The tests of `lazy.rs`: they check what the book says about its code. In a file of their
//! own so that the book can include them without the indentation of a `mod tests` block.

use super::*;

// ANCHOR: lazy_test
#[test]
fn nothing_runs_until_the_future_is_polled() {
    let log = Arc::new(Mutex::new(Vec::new()));
    // Calling the async fn builds a future...
    let mut future = tokio_test::task::spawn(announce(log.clone(), "hello"));
    assert!(log.lock().unwrap().is_empty()); // ...and nothing has run yet.

    // Polling it runs its body (to completion here: it never waits).
    assert!(future.poll().is_ready());
    assert_eq!(*log.lock().unwrap(), ["hello"]);
}
// ANCHOR_END: lazy_test

// ANCHOR: dropped_test
#[test]
fn a_future_dropped_unpolled_never_runs() {
    let log = Arc::new(Mutex::new(Vec::new()));
    let future = announce(log.clone(), "never");
    drop(future);
    assert!(log.lock().unwrap().is_empty());
}
// ANCHOR_END: dropped_test

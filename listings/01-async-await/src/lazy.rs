//! Futures are lazy: calling an `async fn` only builds a future; nothing runs until
//! it is polled.

use std::sync::{Arc, Mutex};

// ANCHOR: announce
/// Writes a line into `log`. As an `async fn`, calling it does not write anything
/// yet.
pub async fn announce(log: Arc<Mutex<Vec<String>>>, line: &str) {
    log.lock().unwrap().push(line.to_string());
}
// ANCHOR_END: announce

#[cfg(test)]
mod tests {
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
}

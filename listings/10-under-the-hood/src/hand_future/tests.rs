use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use tokio_test::task;
use tokio_test::{assert_pending, assert_ready};

use super::{Forgetful, YieldOnce};

// ANCHOR: poll_by_hand
#[test]
fn yield_once_by_hand() {
    let mut fut = task::spawn(YieldOnce::default()); // a mock task around it
    assert_pending!(fut.poll()); // first poll: steps aside...
    assert!(fut.is_woken()); // ...and has already asked to be polled again
    assert_ready!(fut.poll());
}

#[test]
fn forgetful_is_never_woken() {
    let flag = Arc::new(AtomicBool::new(false));
    let mut fut = task::spawn(Forgetful { flag: Arc::clone(&flag) });
    assert_pending!(fut.poll());
    flag.store(true, Ordering::SeqCst); // the condition now holds...
    assert!(!fut.is_woken()); // ...but no executor would ever know
    assert_ready!(fut.poll()); // only a poll it never gets would see it
}
// ANCHOR_END: poll_by_hand

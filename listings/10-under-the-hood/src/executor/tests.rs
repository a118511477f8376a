use std::sync::{Arc, Mutex};

use super::Executor;
use crate::hand_future::YieldOnce;

// ANCHOR: executor_tests
#[test]
fn two_tasks_take_turns() {
    let log = Arc::new(Mutex::new(Vec::new()));
    let executor = Executor::new();
    for name in ["a", "b"] {
        let log = Arc::clone(&log);
        executor.spawn(async move {
            log.lock().unwrap().push(format!("{name} starts"));
            YieldOnce::default().await; // wakes itself: back at the end of the queue
            log.lock().unwrap().push(format!("{name} ends"));
        });
    }
    assert_eq!(executor.run_until_idle(), 4);
    assert_eq!(*log.lock().unwrap(), ["a starts", "b starts", "a ends", "b ends"]);
}

#[test]
fn a_task_woken_from_another_thread_runs_again() {
    let executor = Executor::new();
    let (tx, rx) = tokio::sync::oneshot::channel::<u32>();
    let got = Arc::new(Mutex::new(None));
    let slot = Arc::clone(&got);
    executor.spawn(async move {
        *slot.lock().unwrap() = rx.await.ok();
    });
    assert_eq!(executor.run_until_idle(), 1); // pending: the channel has its waker
    std::thread::spawn(move || tx.send(7).unwrap()).join().unwrap(); // wakes it
    assert_eq!(executor.run_until_idle(), 1); // queued again by the wake-up
    assert_eq!(*got.lock().unwrap(), Some(7));
}
// ANCHOR_END: executor_tests

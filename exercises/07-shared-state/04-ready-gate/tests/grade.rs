//! Graded tests for exercise 7.4, on tokio's paused clock.

use std::sync::Arc;
use std::time::Duration;

use grader::ms;
use grader::sim::journal::{self, traced};
use grader::sim::rates::load_rate_table;
use grader::sim::secs;
use grader::tokio_test::task;
use ready_gate::Gate;
use tokio::time::Instant;

const PAGE: &str = "src/07-shared-state/04-ready-gate.md";

/// Spawns a task that starts waiting at the gate `after` from now, records its wait in the journal as
/// `request N waits`, and returns the virtual time (since `origin`) at which it got through.
fn waiter(gate: &Arc<Gate>, n: usize, after: Duration, origin: Instant) -> tokio::task::JoinHandle<Duration> {
    let gate = Arc::clone(gate);
    tokio::spawn(async move {
        tokio::time::sleep(after).await;
        traced(format!("request {n} waits"), gate.wait()).await;
        origin.elapsed()
    })
}

/// Starts the service: loads the rate table (2 s), then `extra`, then opens the gate.
fn start_loading(gate: &Arc<Gate>, extra: Duration) -> tokio::task::JoinHandle<()> {
    let gate = Arc::clone(gate);
    tokio::spawn(async move {
        load_rate_table().await;
        journal::work("warm up", extra).await;
        gate.open();
    })
}

/// Waits for every waiter (for at most 10 s more) and checks that each got through at `opened_at`.
async fn check_all_woke_at(waiters: Vec<tokio::task::JoinHandle<Duration>>, opened_at: Duration) {
    let count = waiters.len();
    let mut through = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(10);
    for handle in waiters {
        if let Ok(done) = tokio::time::timeout_at(deadline, handle).await {
            through.push(done.expect("a waiting task panicked"));
        }
    }
    let woke = through.len();
    let cause = if woke == 0 {
        "`open` woke none of them. Setting the flag is not enough: the tasks already waiting sleep until they are \
         notified (`self.notify.notify_waiters()`)."
    } else {
        "`open` woke only one waiter. `notify_one` wakes one task (or leaves one permit for the next); \
         `notify_waiters` wakes every task waiting now."
    };
    assert!(
        woke == count,
        "{count} requests were waiting at the gate when it opened at {}, but only {woke} got through (the others \
         were still waiting 10 s later).\n\n  Likely cause: {cause}\n\n  What ran when (virtual time):\n{}\n  \
         Read: {PAGE}",
        secs(opened_at),
        journal::timeline()
    );
    for (n, at) in through.iter().enumerate() {
        assert!(
            *at == opened_at,
            "request {} got through the gate at {}, but the gate opened at {}.\n\n  Likely cause: {}\n\n  What ran \
             when (virtual time):\n{}\n  Read: {PAGE}",
            n + 1,
            secs(*at),
            secs(opened_at),
            if *at > opened_at {
                "`wait` polled the flag with a sleep in a loop, so it notices late. Await \
                 `self.notify.notified()`: the task wakes at the very instant `open` is called."
            } else {
                "`wait` returned before the gate was opened."
            },
            journal::timeline()
        );
    }
}

#[test]
fn the_gate_stays_closed_until_opened() {
    grader::run(async || {
        let gate = Gate::new();
        let mut waiting = task::spawn(gate.wait());
        assert!(
            waiting.poll().is_pending(),
            "`wait()` on a closed gate returned at once: it must wait until `open` is called. Read: {PAGE}"
        );
        tokio::time::sleep(Duration::from_secs(30)).await;
        // nobody opened the gate, so nothing should have woken the waiting task
        let woke_itself = waiting.is_woken();
        assert!(
            waiting.poll().is_pending(),
            "`wait()` on a closed gate returned after 30 s although nobody opened it. Read: {PAGE}"
        );
        assert!(
            !woke_itself,
            "`wait()` on a closed gate was woken during 30 s in which nobody called `open()`: it woke itself up to \
             look at the flag again.\n\n  Likely cause: `wait` polls the flag in a loop, with a `sleep` or a \
             `yield_now()` between two looks (like `while not ready: await asyncio.sleep(..)`). Polling notices the \
             opening late, or keeps the executor busy for nothing. Do not sleep or yield: await \
             `self.notify.notified()` (made before checking the flag), so the task sleeps until `open` wakes it.\n  \
             Read: {PAGE}"
        );
        gate.open();
        assert!(
            waiting.is_woken(),
            "`open()` was called, but it did not wake the task waiting in `wait()` (which had been waiting quietly \
             since it found the gate closed).\n\n  Likely cause: `open` must notify the waiters \
             (`self.notify.notify_waiters()`) after setting the flag, and `wait` must await \
             `self.notify.notified()`.\n  Read: {PAGE}"
        );
        assert!(waiting.poll().is_ready(), "after `open()`, the waiting `wait()` should be ready. Read: {PAGE}");
        gate.open(); // opening twice is harmless
        assert!(gate.is_open(), "the gate should stay open. Read: {PAGE}");
    });
}

#[test]
fn every_waiting_request_goes_through_when_the_gate_opens() {
    grader::run(async || {
        let origin = Instant::now();
        let gate = Arc::new(Gate::new());
        let loading = start_loading(&gate, ms(3));
        let waiters =
            vec![waiter(&gate, 1, ms(0), origin), waiter(&gate, 2, ms(5), origin), waiter(&gate, 3, ms(1234), origin)];
        check_all_woke_at(waiters, ms(2003)).await;
        loading.await.expect("the loading task panicked");
    });
}

#[test]
fn a_request_after_opening_goes_through_at_once() {
    grader::run(async || {
        let gate = Gate::new();
        assert!(!gate.is_open(), "a new gate should be closed: `is_open()` said true. Read: {PAGE}");
        gate.open();
        assert!(gate.is_open(), "after `open()`, `is_open()` should be true; it said false. Read: {PAGE}");
        let start = Instant::now();
        let passed = tokio::time::timeout(Duration::from_secs(10), gate.wait()).await;
        assert!(
            passed.is_ok(),
            "a request that came when the gate was already open was still waiting 10 s later.\n\n  Likely cause: \
             `notify_waiters` wakes only the tasks waiting at that moment; it leaves nothing for later ones. `wait` \
             must check the flag (`is_open`) and return at once if the gate is open.\n  Read: {PAGE}"
        );
        grader::took("waiting at an open gate", start.elapsed()).expected(ms(0)).read(PAGE).check();
    });
}

#[test]
fn a_crowd_goes_through_together() {
    grader::run(async || {
        let origin = Instant::now();
        let gate = Arc::new(Gate::new());
        let loading = start_loading(&gate, ms(0));
        let waiters: Vec<_> = (0..50).map(|n| waiter(&gate, n + 1, ms(40 * n as u64), origin)).collect();
        check_all_woke_at(waiters, ms(2000)).await;
        loading.await.expect("the loading task panicked");
        gate.open(); // again: nothing changes
        let (_, took) = grader::timed(gate.wait()).await;
        grader::took("waiting at the gate once it is open", took).expected(ms(0)).read(PAGE).check();
    });
}

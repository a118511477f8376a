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

#[test]
fn an_open_right_after_the_flag_is_read_is_not_lost() {
    grader::run(async || {
        use std::cell::Cell;
        use std::rc::Rc;
        let page = grader::Page::new(PAGE);
        let gate = Rc::new(Gate::new());
        // the first time `wait` reads the flag, `open` runs right then (as it could on another thread)
        let opened_inside = Rc::new(Cell::new(false));
        let (opener, opened) = (Rc::clone(&gate), Rc::clone(&opened_inside));
        let hook = grader::sim::sync::interleave(move |point| {
            if point == grader::sim::sync::Point::Loaded && !opened.get() {
                opened.set(true);
                opener.open();
            }
        });
        let mut waiting = task::spawn(gate.wait());
        let first = waiting.poll();
        drop(hook);
        if !opened_inside.get() {
            gate.open(); // `wait` never read the flag: open it now, the other tests say what is wrong
        }
        if first.is_ready() {
            return;
        }
        let woken = waiting.is_woken();
        tokio::time::sleep(Duration::from_secs(10)).await;
        let through = waiting.poll().is_ready();
        if opened_inside.get() && !woken && !through {
            page.failure(
                "`wait()` read the flag (closed), and right then, before it went on, `open()` ran (as it could on \
                 another thread). The waiting task was never woken: 10 s later it was still waiting at an open gate.",
            )
            .cause(
                "a lost wake-up: `wait` checked the flag first and made `self.notify.notified()` after. The \
                 `notify_waiters` of an `open` between the two wakes only the `Notified` futures that exist at that \
                 moment, and this one did not exist yet. Make the `notified()` future before checking the flag: it \
                 receives every `notify_waiters` from the moment it is made, even before it is awaited.",
            )
            .fail();
        }
        page.failure(format!(
            "`wait()` found the gate closed, and the gate was opened {}: `wait()` should be woken by that `open` \
             and return; {}.",
            if opened_inside.get() { "right after it read the flag" } else { "while it waited" },
            if through { "it returned only after polling again later" } else { "it was still waiting 10 s later" }
        ))
        .cause(if through {
            "`wait` looked at the flag again on its own (a sleep or `yield_now` in a loop) instead of being woken \
             by `open`. Await `self.notify.notified()`."
        } else {
            "`open` must wake the waiting tasks (`self.notify.notify_waiters()`), and `wait` must await \
             `self.notify.notified()` made before it checks the flag."
        })
        .unless(woken && through);
    });
}

#[test]
fn a_request_that_comes_just_before_the_flag_is_set_is_woken() {
    grader::run(async || {
        use std::cell::RefCell;
        use std::future::Future;
        use std::pin::Pin;
        use std::rc::Rc;
        type Waiting = task::Spawn<Pin<Box<dyn Future<Output = ()>>>>;
        let page = grader::Page::new(PAGE);
        let gate = Rc::new(Gate::new());
        let mut waiting_since_before: Waiting = {
            let gate = Rc::clone(&gate);
            task::spawn(Box::pin(async move { gate.wait().await }))
        };
        page.failure("`wait()` on a closed gate returned at once: it must wait until `open` is called.")
            .unless(waiting_since_before.poll().is_pending());
        // the first time `open` is about to set the flag, a new request comes and starts waiting right then
        let late: Rc<RefCell<Option<Waiting>>> = Rc::default();
        let (g, slot) = (Rc::clone(&gate), Rc::clone(&late));
        let hook = grader::sim::sync::interleave(move |point| {
            if point == grader::sim::sync::Point::Storing && slot.borrow().is_none() {
                let g = Rc::clone(&g);
                let mut waiting: Waiting = task::spawn(Box::pin(async move { g.wait().await }));
                let _ = waiting.poll();
                *slot.borrow_mut() = Some(waiting);
            }
        });
        gate.open();
        drop(hook);
        let Some(mut late) = late.take() else {
            page.failure("`open()` never set the flag: `is_open()` and later `wait()`s depend on it.")
                .cause("`open` must set the flag the exercise gives: `self.open.store(true, Ordering::SeqCst)`.")
                .fail();
        };
        let early_woken = waiting_since_before.is_woken();
        let late_woken = late.is_woken() || late.poll().is_ready();
        if late_woken {
            return;
        }
        tokio::time::sleep(Duration::from_secs(10)).await;
        let late_through = late.poll().is_ready();
        page.failure(format!(
            "a request came and started waiting just before `open()` set the flag (as it could on another thread): \
             it found the gate closed, so `open()` must wake it, but it was not woken by `open`{}.",
            if late_through { " (it got through later, on its own)" } else { ", and was still waiting 10 s later" }
        ))
        .cause(if late_through {
            "`wait` looks at the flag again on its own (a sleep or `yield_now` in a loop) instead of being woken by \
             `open`. Await `self.notify.notified()`, made before checking the flag."
        } else if early_woken {
            "notified before the flag was stored: `open` called `notify_waiters` first and set the flag after. The \
             request that came in between saw the flag still down, began waiting, and the wake-up had already \
             gone by. Set the flag first, then `notify_waiters()`."
        } else {
            "neither this request nor one waiting since before `open` was woken: `open` must wake the waiting \
             tasks (`self.notify.notify_waiters()` after setting the flag), and `wait` must await \
             `self.notify.notified()`."
        })
        .fail();
    });
}

//! Graded tests for exercise 2.1.
//!
//! `run_by_hand` and `run_with_attribute` build a runtime and block on it, which is not allowed on a thread that is
//! already running a runtime (the grader runs every test body on one). So each test calls them from a plain thread
//! of its own and waits for it. The programs the tests hand them pause their runtime's clock first thing, so their
//! sleeps take virtual time, as everywhere in this course.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use grader::{known, ms, secs};
use tokio_main::{run_by_hand, run_with_attribute};

const PAGE: grader::Page = grader::Page::new("src/02-runtime/01-tokio-main.md");

/// Runs `f` on a new plain thread (outside any runtime) and waits for it. Waiting blocks the grader's thread, which
/// has nothing else to do meanwhile; the grader's watchdog still catches a call that never returns. A panic in `f`
/// fails the test with an explanation of what `what` did wrong.
fn call<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let message = match grader::on_plain_thread(format!("calling {what}"), f) {
        Ok(value) => return value,
        Err(message) => message,
    };
    // The table knows what each runtime panic means; only this test knows whether an earlier program paused the
    // clock, which tells a runtime kept between calls from one built paused.
    let cause = if known::STARTS_PAUSED.matches(&message) && paused_before(what) {
        known::RUNTIME_KEPT.cause
    } else {
        known::cause(
            &message,
            "the program the test gave it panicked inside your runtime; check that you run that future, unchanged, \
             with the runtime's `block_on`.",
        )
    };
    PAGE.failure(format!("{what} panicked: {message}")).cause(cause).fail()
}

/// The program, with its runtime's clock paused first, so that its timers take virtual time. `what` ran it.
async fn paused<F: Future>(what: &'static str, program: F) -> F::Output {
    tokio::time::pause();
    PAUSED_BEFORE.lock().unwrap_or_else(|p| p.into_inner()).push(what);
    program.await
}

/// The functions on whose runtime a program has paused the clock. A clock found already paused by a later program
/// was paused by an earlier one (the runtime outlived its call); found paused by the first, it started paused.
static PAUSED_BEFORE: std::sync::Mutex<Vec<&str>> = std::sync::Mutex::new(Vec::new());

fn paused_before(what: &str) -> bool {
    PAUSED_BEFORE.lock().unwrap_or_else(|p| p.into_inner()).contains(&what)
}

#[test]
fn both_return_what_main_returns() {
    grader::run(async || {
        let answers = call("run_by_hand", || run_by_hand(async { 6 * 7 }));
        PAGE.failure("run_by_hand(async { 6 * 7 }) should return 42, what its future returned.")
            .unless_eq(&answers, &42);
        let name = call("run_by_hand", || {
            run_by_hand(paused("run_by_hand", async { sim::accounts::find_user(2).await.map(|user| user.name) }))
        });
        PAGE.failure("run_by_hand should return the output of the future it runs (here, user 2's name).")
            .unless_eq(&name.as_deref(), &Some("Grace"));
        let answers = call("run_with_attribute", || run_with_attribute(async { 6 * 7 }));
        PAGE.failure(
            "run_with_attribute(async { 6 * 7 }) should return 42. With `#[tokio::main]` on it, the function's \
             body is `main.await`.",
        )
        .unless_eq(&answers, &42);
    });
}

#[test]
fn timers_work_on_the_runtime() {
    grader::run(async || {
        for (what, run) in [("run_by_hand", run_by_hand as fn(_) -> _), ("run_with_attribute", run_with_attribute)] {
            // The program sleeps 2 s (virtual) and reports how long that took on its runtime's clock.
            let ((), took) =
                call(what, move || run(paused(what, async { grader::timed(tokio::time::sleep(secs(2))).await })));
            // Pausing a clock that is already running leaves it a fraction of a millisecond off the timer grid, so
            // the sleep can end up to 1 ms late: hence the tolerance.
            PAGE.took(format!("a program that sleeps 2 s, run by {what}"), took)
                .expected(secs(2))
                .within(ms(1))
                .check();
        }
    });
}

#[test]
fn the_runtime_is_gone_when_the_call_returns() {
    grader::run(async || {
        for (what, run) in [("run_by_hand", run_by_hand as fn(_) -> _), ("run_with_attribute", run_with_attribute)] {
            // The program starts a background task that would sleep for an hour, and returns at once. A runtime
            // that is dropped when the call returns drops that task with it (as `asyncio.run` cancels the tasks
            // still pending when `main` returns).
            let dropped = Arc::new(AtomicBool::new(false));
            let finished = Arc::new(AtomicBool::new(false));
            let (flag, done) = (DropFlag(dropped.clone()), finished.clone());
            let returned = call(what, move || {
                run(async move {
                    tokio::spawn(async move {
                        let _flag = flag;
                        tokio::time::sleep(secs(3600)).await;
                        done.store(true, Ordering::SeqCst);
                    });
                    tokio::task::yield_now().await; // let the task start and reach its sleep
                    "main is done"
                })
            });
            PAGE.failure(format!("{what} should return what the program returned."))
                .unless_eq(&returned, &"main is done");
            PAGE.failure(format!(
                "when {what} returned, a task the program had spawned (it sleeps for an hour) was still alive.\n\n  \
                 Expected: the runtime is built for the call and dropped when the call returns, which drops every \
                 task still running on it, the way a program's tasks end when its `main` returns."
            ))
            .cause(
                "the runtime outlives the call (kept in a `static`, or leaked). Build a new one in each call and let \
                 it drop at the end.",
            )
            .unless(dropped.load(Ordering::SeqCst) && !finished.load(Ordering::SeqCst));
        }
    });
}

/// Sets its flag when dropped.
struct DropFlag(Arc<AtomicBool>);

impl Drop for DropFlag {
    fn drop(&mut self) {
        self.0.store(true, Ordering::SeqCst);
    }
}

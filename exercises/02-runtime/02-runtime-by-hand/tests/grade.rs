//! Graded tests for exercise 2.2.
//!
//! Your code blocks on a runtime, which is not allowed on a thread that is already running one (the grader runs
//! every test body on one). So each test calls it from a plain thread of its own and waits for it. The directory
//! tests give `BlockingDirectory::new` a runtime whose clock is paused, and read the time from that runtime's clock:
//! its 300 ms lookups take 300 ms of virtual time and no real time.

use std::time::Duration;

use grader::{known, ms, secs};
use runtime_by_hand::{BlockingDirectory, build_runtime};
use tokio::runtime::{Builder, Handle, Runtime, RuntimeFlavor};

const PAGE: grader::Page = grader::Page::new("src/02-runtime/02-runtime-by-hand.md");

/// Calls your blocking code `f` on a plain thread of its own (outside any runtime, through `grader::on_plain_thread`)
/// and waits for it. Waiting blocks the grader's thread, which has nothing else to do meanwhile; the grader's watchdog
/// still catches a call that never returns. A panic in `f` fails the test with an explanation.
fn call_blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    // Waited for with a real-time bound below the grader's watchdog, so that a call that never returns is explained
    // here. (The verdict does not depend on real time: such a call fails either way.)
    let (done, finished) = std::sync::mpsc::channel::<()>();
    let runner = std::thread::spawn(move || {
        let result = grader::on_plain_thread("your blocking code", f);
        let _ = done.send(());
        result
    });
    if let Err(std::sync::mpsc::RecvTimeoutError::Timeout) = finished.recv_timeout(Duration::from_secs(2)) {
        PAGE.failure(
            "your blocking code had not returned after 2 s of real time, and the lookups' timers never fired.",
        )
        .cause(
            "the work was given to the runtime through a `Handle` (`self.runtime.handle().block_on(..)` \
             or `Handle::current()`). On a current-thread runtime only `Runtime::block_on` drives the runtime's \
             timers; a handle's `block_on` waits for a driver that nobody runs. Use `self.runtime.block_on(..)`.",
        )
        .fail();
    }
    let result = runner.join().unwrap_or_else(|payload| std::panic::resume_unwind(payload));
    let message = match result {
        Ok(value) => return value,
        Err(message) => message,
    };
    let cause = match known::find(&message) {
        Some(&known::NO_REACTOR) => format!("{} Here: `self.runtime.block_on(...)`.", known::NO_REACTOR.cause),
        Some(known) => known.cause.to_string(),
        None => "see the message above.".to_string(),
    };
    PAGE.failure(format!("a panic while the test ran your code: {message}")).cause(cause).fail()
}

/// A runtime like `build_runtime`'s, but with its clock paused: what the tests give `BlockingDirectory::new`.
fn paused_runtime() -> Runtime {
    Builder::new_current_thread().enable_time().start_paused(true).build().expect("build a paused runtime")
}

/// The current time on `handle`'s runtime clock.
fn clock(handle: &Handle) -> tokio::time::Instant {
    let _inside = handle.enter();
    tokio::time::Instant::now()
}

/// Runs the blocking `call` and measures how much virtual time passed on `handle`'s runtime clock meanwhile (unlike
/// `grader::timed`, which awaits a future and reads the test's own clock).
fn time_on<T>(handle: &Handle, call: impl FnOnce() -> T) -> (T, Duration) {
    let start = clock(handle);
    let out = call();
    (out, clock(handle) - start)
}

const NOT_ON_THE_GIVEN_RUNTIME: &str = "no time passed on the runtime given to `BlockingDirectory::new`: the lookup \
     did not run on it. Use that runtime, `self.runtime.block_on(...)`, rather than building another one: a runtime built \
     inside the method has a clock of its own.";

#[test]
fn build_runtime_gives_a_current_thread_runtime_with_timers() {
    grader::run(async || {
        let (flavor, took) = call_blocking(|| {
            let runtime = build_runtime().expect("build_runtime() returned an error");
            let flavor = runtime.handle().runtime_flavor();
            // Pause the runtime's clock (this panics if it is already paused), then sleep 1 s on it.
            let took = runtime.block_on(async {
                tokio::time::pause();
                grader::timed(tokio::time::sleep(secs(1))).await.1
            });
            (flavor, took)
        });
        PAGE.failure("build_runtime() should build a current-thread runtime (`Builder::new_current_thread()`).")
            .unless_eq(&flavor, &RuntimeFlavor::CurrentThread);
        // Pausing a running clock leaves it a fraction of a millisecond off the timer grid: the sleep may end 1 ms
        // late.
        PAGE.took("a 1 s sleep on the runtime from build_runtime()", took).expected(secs(1)).within(ms(1)).check();
    });
}

#[test]
fn user_name_blocks_until_the_lookup_is_done() {
    grader::run(async || {
        let results = call_blocking(|| {
            let runtime = paused_runtime();
            let handle = runtime.handle().clone();
            let directory = BlockingDirectory::new(runtime);
            [1, 3, 99].map(|id| (id, time_on(&handle, || directory.user_name(id))))
        });
        for (id, (name, took)) in results {
            let expected = match id {
                1 => Some("Ada"),
                3 => Some("Linus"),
                _ => None,
            };
            PAGE.failure(format!(
                "user_name({id}) should be {expected:?}: the `name` of what `sim::accounts::find_user({id})` finds."
            ))
            .unless_eq(&name.as_deref(), &expected);
            PAGE.took(format!("user_name({id})"), took)
                .expected(sim::accounts::USER_LATENCY)
                .when(Duration::ZERO, NOT_ON_THE_GIVEN_RUNTIME)
                .check();
        }
    });
}

#[test]
fn profile_looks_up_the_user_then_the_team() {
    grader::run(async || {
        let results = call_blocking(|| {
            let runtime = paused_runtime();
            let handle = runtime.handle().clone();
            let directory = BlockingDirectory::new(runtime);
            [2, 1, 42, 4].map(|id| (id, time_on(&handle, || directory.profile(id))))
        });
        for (id, (line, took)) in results {
            let (expected, expected_time) = match id {
                2 => (Some("Grace (Runtime)"), ms(500)),
                1 => (Some("Ada (Compilers)"), ms(500)),
                4 => (None, ms(500)),
                _ => (None, ms(300)),
            };
            if id == 4 {
                PAGE.failure(format!(
                    "user 4 (Barbara) exists but her team 30 does not (`find_team(30)` gives `None`), so profile(4) \
                     should be `None`; it returned {line:?}."
                ))
                .cause(
                    "the team lookup's `None` was replaced by a default (`unwrap_or_default()`, `unwrap_or(..)`) \
                     instead of ending the lookup: put `?` after `find_team(user.team_id).await` too.",
                )
                .section("Exercise: a blocking directory client")
                .unless(line.is_none());
            }
            PAGE.failure(format!(
                "profile({id}) should be {expected:?}: the user's name, then their team's name in parentheses (or \
                 None for an unknown user)."
            ))
            .unless_eq(&line.as_deref(), &expected);
            let what = match (id, expected) {
                (_, Some(_)) => format!("profile({id}) (a user lookup, then a team lookup)"),
                (4, None) => format!("profile({id}) for a user whose team is gone (a user lookup, then a team lookup)"),
                (_, None) => format!("profile({id}) for an unknown user (a user lookup, and nothing after it)"),
            };
            PAGE.took(what, took)
                .expected(expected_time)
                .when(Duration::ZERO, NOT_ON_THE_GIVEN_RUNTIME)
                .when(
                    ms(500),
                    "the team was looked up although the user was not found. Return `None` as soon as `find_user` \
                     gives `None` (`?` does that).",
                )
                .check();
        }
    });
}

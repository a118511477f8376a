//! Graded tests for exercise 10.2, on tokio's paused clock. The state machine is polled by hand (tokio-test's
//! mock task) while the clock is moved with `tokio::time::advance`, so each test sees exactly when it is woken.

use std::time::Duration;

use grader::tokio_test::task::{self, Spawn};
use grader::{ms, secs};
use state_machine::TwoSteps;

const PAGE: grader::Page = grader::Page::new("src/10-under-the-hood/02-state-machine.md");

const SELF_WAKE: &str = "it woke itself: after the first sleep ended, `poll` moved to the second state and \
    called `cx.waker().wake_by_ref()` (or returned after waking) instead of polling the new sleep in the same call. \
    That costs a wasted round through the executor; `continue` the loop so the second sleep is polled at once.";

/// Polls the machine at the current instant, which must be `Pending`, and checks that it did not wake itself.
fn still_pending(machine: &mut Spawn<TwoSteps>, at: &str, busy_cause: &str) {
    PAGE.failure(format!("`TwoSteps::new(2 s, 3 s)` should be `Pending` when polled at {at}, but it was ready."))
        .cause("it did not wait for both sleeps: each state returns `Pending` while its sleep is `Pending`.")
        .unless(machine.poll().is_pending());
    PAGE.failure(format!("right after the poll at {at}, with no timer due, the task should not be woken, but it was."))
        .cause(busy_cause)
        .unless(!machine.is_woken());
}

/// Moves the clock to 1 ms before `at` (nothing may wake the task), then to `at` (the task must be woken).
async fn woken_exactly_at(machine: &mut Spawn<TwoSteps>, from: Duration, at: Duration, which: &str) {
    tokio::time::advance(at - from - ms(1)).await;
    PAGE.failure(format!(
        "`TwoSteps::new(2 s, 3 s)` should not be woken before {} s, but it was woken by {:.3} s.",
        at.as_secs(),
        (at - ms(1)).as_secs_f64()
    ))
    .cause("a sleep shorter than asked, or a task that wakes itself.")
    .unless(!machine.is_woken());
    tokio::time::advance(ms(1)).await;
    PAGE.failure(format!(
        "`TwoSteps::new(2 s, 3 s)` should be woken at exactly {} s, when the {which} sleep ends; it was not \
         woken, so an executor would never poll it again.",
        at.as_secs()
    ))
    .cause(format!(
        "a missing wake-up: `poll` returned `Poll::Pending` without polling the {which} sleep in that same call \
         (polling the `Sleep` is what registers the task's waker with tokio's timer). After moving to a new state, \
         go on (`continue` the loop) and poll its sleep before returning."
    ))
    .unless(machine.is_woken());
}

#[test]
fn woken_exactly_when_each_sleep_ends() {
    grader::run(async || {
        let mut machine = task::spawn(TwoSteps::new(secs(2), secs(3)));
        still_pending(
            &mut machine,
            "0 s",
            "a task that wakes itself before returning `Pending` is polled again at once, in a busy loop.",
        );
        woken_exactly_at(&mut machine, secs(0), secs(2), "first").await;
        still_pending(&mut machine, "2 s (the first sleep has ended)", SELF_WAKE);
        woken_exactly_at(&mut machine, secs(2), secs(5), "second").await;
        let output = machine.poll();
        PAGE.failure("at 5 s, once both sleeps have ended, `TwoSteps::new(2 s, 3 s)` should be ready with 5 s.")
            .cause("the `Second` state returns `Poll::Ready(total)` when its sleep is ready.")
            .unless_eq(&output, &std::task::Poll::Ready(secs(5)));
    });
}

#[test]
fn nothing_starts_before_the_first_poll() {
    grader::run(async || {
        let machine = TwoSteps::new(secs(2), secs(3));
        tokio::time::sleep(secs(10)).await; // made at 0 s, first polled at 10 s
        let mut machine = task::spawn(machine);
        let early = "it started its timer when it was created: `new` made the first `Sleep`, so the wait counted \
                     from `new`, not from the first poll. Like an `async fn`, `new` only stores the durations \
                     (`Start`), and the first poll creates the sleep.";
        for (advance, at) in [(secs(0), "10 s"), (secs(2), "12 s"), (ms(2999), "14.999 s")] {
            tokio::time::advance(advance).await;
            PAGE.failure(format!(
                "`TwoSteps::new(2 s, 3 s)`, made at 0 s and first polled at 10 s, should be pending at {at} (it \
                 is ready 5 s after its first poll, at 15 s)."
            ))
            .cause(early)
            .unless(machine.poll().is_pending());
        }
        tokio::time::advance(ms(1)).await;
        let output = machine.poll();
        PAGE.failure("`TwoSteps::new(2 s, 3 s)`, first polled at 10 s, should be ready with 5 s at 15 s.")
            .unless_eq(&output, &std::task::Poll::Ready(secs(5)));
    });
}

#[test]
fn same_total_as_the_async_fn() {
    grader::run(async || {
        let (output, took) = grader::timed(TwoSteps::new(ms(1500), ms(500))).await;
        PAGE.failure("`TwoSteps::new(1.5 s, 0.5 s).await` should give the total, 2 s.").unless_eq(&output, &secs(2));
        PAGE.took("`TwoSteps::new(1.5 s, 0.5 s).await`", took)
            .expected(secs(2))
            .when(ms(1500), "the second sleep was skipped.")
            .when(ms(500), "the first sleep was skipped.")
            .check();
        let (output, took) = grader::timed(TwoSteps::new(secs(0), secs(0))).await;
        PAGE.failure("`TwoSteps::new(0 s, 0 s).await` should give 0 s, at once.").unless_eq(&output, &secs(0));
        PAGE.took("`TwoSteps::new(0 s, 0 s).await`", took).expected(secs(0)).check();
    });
}

#[test]
fn polled_after_completion_panics() {
    grader::run(async || {
        let mut machine = task::spawn(TwoSteps::new(secs(1), secs(1)));
        let _ = machine.poll();
        tokio::time::advance(secs(1)).await;
        let _ = machine.poll();
        tokio::time::advance(secs(1)).await;
        let output = machine.poll();
        PAGE.failure("`TwoSteps::new(1 s, 1 s)` should be ready with 2 s at 2 s.")
            .unless_eq(&output, &std::task::Poll::Ready(secs(2)));
        let again = grader::catch(|| machine.poll());
        let cause = "it was polled after completion and did not panic: after returning `Poll::Ready`, the state \
                     must become `Done`, and polling `Done` panics with \"`TwoSteps` polled after completion\" \
                     (a caller that polls again has a bug, and should hear about it at once).";
        match again {
            Err(message) => PAGE
                .failure(format!(
                    "polled again after it returned its value, `TwoSteps` should panic with \"`TwoSteps` polled \
                     after completion\"; it panicked with {message:?}."
                ))
                .cause(cause)
                .unless(message.contains("polled after completion")),
            Ok(poll) => PAGE
                .failure(format!(
                    "polled again after it returned its value, `TwoSteps` should panic; it returned {poll:?}."
                ))
                .cause(cause)
                .fail(),
        }
    });
}

//! Graded tests for exercise 10.1, on tokio's paused clock. The signal is polled by hand (tokio-test's mock task
//! and wakers that count their wake-ups), so each test sees exactly when it is polled and when it is woken.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll, Wake, Waker};

use grader::secs;
use grader::tokio_test::task;
use signal_future::{Signal, signal};

const PAGE: grader::Page = grader::Page::new("src/10-under-the-hood/01-signal-future.md");

const MISSING_WAKE: &str = "a missing wake-up: `poll` returned `Poll::Pending` without storing \
    `cx.waker().clone()` in the shared state (or `fire` did not call `.wake()` on the stored waker), so nothing \
    ever tells the executor to poll the signal again and the task sleeps forever.";

const BUSY_WAKE: &str = "a busy self-wake: `poll` called `cx.waker().wake_by_ref()` (or `wake()`) before returning \
    `Poll::Pending`. The executor then polls again at once, and again, in a busy loop that burns a core while \
    nothing changes. Store the waker instead, and let `fire` wake it.";

/// A waker that counts its wake-ups.
#[derive(Default)]
struct Counter(AtomicUsize);

impl Wake for Counter {
    fn wake(self: Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

impl Counter {
    fn wakes(&self) -> usize {
        self.0.load(Ordering::SeqCst)
    }
}

#[test]
fn pending_until_fired_then_woken() {
    grader::run(async || {
        let (trigger, signal) = signal();
        let mut waiting = task::spawn(signal);
        PAGE.failure("a signal that was never fired should be `Poll::Pending` when polled.")
            .cause("`poll` returned `Poll::Ready(())` without checking the `fired` flag.")
            .unless(waiting.poll().is_pending());
        PAGE.failure("right after a `Pending` poll, with nothing fired, the task should not be woken.")
            .cause(BUSY_WAKE)
            .unless(!waiting.is_woken());
        trigger.fire();
        PAGE.failure(
            "after `fire()`, the task that polled the pending signal should have been woken (`is_woken()`), \
             but it was not.",
        )
        .cause(MISSING_WAKE)
        .unless(waiting.is_woken());
        PAGE.failure("once fired and woken, the signal should be `Poll::Ready(())` when polled again.")
            .cause("`poll` must check `fired` and return `Poll::Ready(())` when it is set.")
            .unless(waiting.poll().is_ready());
        PAGE.failure("a fired signal should stay ready: polled once more, it was pending.")
            .cause("`poll` must return `Poll::Ready(())` every time once `fired` is set; do not clear the flag.")
            .unless(waiting.poll().is_ready());
    });
}

#[test]
fn does_not_wake_itself() {
    grader::run(async || {
        let (trigger, signal) = signal();
        let mut waiting = task::spawn(signal);
        for poll in 1..=3 {
            PAGE.failure(format!("poll number {poll} of a signal that was never fired should be `Pending`."))
                .cause("`poll` returned `Poll::Ready(())` without checking the `fired` flag.")
                .unless(waiting.poll().is_pending());
            PAGE.failure(format!(
                "after poll number {poll}, with nothing fired, the task had been woken already: the executor \
                 would poll the signal again straight away, for nothing."
            ))
            .cause(BUSY_WAKE)
            .unless(!waiting.is_woken());
        }
        trigger.fire();
        PAGE.failure("after `fire()`, the task that polled the pending signal (three times) should be woken.")
            .cause(MISSING_WAKE)
            .unless(waiting.is_woken());
    });
}

#[test]
fn wakes_the_task_that_polled_last() {
    grader::run(async || {
        let (trigger, mut signal) = signal();
        let first = Arc::new(Counter::default());
        let second = Arc::new(Counter::default());
        let first_waker = Waker::from(Arc::clone(&first));
        let second_waker = Waker::from(Arc::clone(&second));
        // Polled twice by the first task, then by the second (as when a future moves into another task).
        for waker in [&first_waker, &first_waker, &second_waker] {
            let poll = poll_with(&mut signal, waker);
            PAGE.failure("a signal that was never fired should be `Poll::Pending` when polled.")
                .cause("`poll` returned `Poll::Ready(())` without checking the `fired` flag.")
                .unless(poll.is_pending());
        }
        PAGE.failure("polling a pending signal should not wake anyone.")
            .cause(BUSY_WAKE)
            .unless(first.wakes() == 0 && second.wakes() == 0);
        trigger.fire();
        trigger.fire();
        PAGE.failure(format!(
            "the signal was polled by task A, then by task B; after `fire()` (twice) task B should have been \
             woken once and task A not at all, but A was woken {} time(s) and B {} time(s).",
            first.wakes(),
            second.wakes()
        ))
        .cause(if second.wakes() == 0 && first.wakes() > 0 {
            "it woke the old waker: `poll` kept the first waker it stored. When the stored waker does not \
             `will_wake(cx.waker())`, replace it with `cx.waker().clone()`: the task that polled last is the one \
             waiting now."
        } else if second.wakes() > 1 {
            "the stored waker was woken more than once: `fire` should `take()` it out of the shared state, so a \
             second `fire` finds nothing to wake."
        } else {
            MISSING_WAKE
        })
        .unless(first.wakes() == 0 && second.wakes() == 1);
    });
}

#[test]
fn fired_from_another_thread() {
    grader::run(async || {
        let (trigger, signal) = signal();
        let mut waiting = task::spawn(signal);
        PAGE.failure("a signal that was never fired should be `Poll::Pending` when polled.")
            .cause("`poll` returned `Poll::Ready(())` without checking the `fired` flag.")
            .unless(waiting.poll().is_pending());
        let fired = grader::on_plain_thread("firing the signal", move || trigger.fire());
        if let Err(panic) = fired {
            PAGE.failure(format!("`fire()` on another OS thread panicked: {panic}")).fail();
        }
        PAGE.failure("after `fire()` on another OS thread, the task that polled the signal should be woken.")
            .cause(MISSING_WAKE)
            .unless(waiting.is_woken());
        PAGE.failure("once fired, the signal should be `Poll::Ready(())`.").unless(waiting.poll().is_ready());
    });
}

#[test]
fn fired_by_another_task_after_two_seconds() {
    grader::run(async || {
        let (trigger, signal) = signal();
        tokio::spawn(async move {
            tokio::time::sleep(secs(2)).await;
            trigger.fire();
        });
        let waited = tokio::time::timeout(secs(60), grader::timed(signal)).await;
        let Ok(((), took)) = waited else {
            PAGE.failure(
                "`signal.await`, fired by another task after 2 s, should return at 2 s; it was still waiting \
                 at 60 s.",
            )
            .cause(MISSING_WAKE)
            .fail()
        };
        PAGE.took("`signal.await`, fired by another task after 2 s", took).expected(secs(2)).check();
    });
}

/// Polls the signal once, by hand, with the given waker.
fn poll_with(signal: &mut Signal, waker: &Waker) -> Poll<()> {
    std::pin::Pin::new(signal).poll(&mut Context::from_waker(waker))
}

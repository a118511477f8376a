//! Graded tests for exercise 10.4, on tokio's paused clock. `deadline` is polled by hand (tokio-test's mock task)
//! over a probe future that counts its polls and says when it is dropped.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use deadline::{TimedOut, deadline};
use grader::tokio_test::task;
use grader::{ms, secs};
use tokio::time::Sleep;

const PAGE: grader::Page = grader::Page::new("src/10-under-the-hood/04-deadline.md");

/// Work that is ready with `value` after `delay`, and records when it is dropped.
struct Work {
    sleep: Pin<Box<Sleep>>,
    value: char,
    dropped: Arc<AtomicBool>,
    polls: Arc<AtomicUsize>,
}

struct Probe {
    dropped: Arc<AtomicBool>,
    polls: Arc<AtomicUsize>,
}

impl Probe {
    fn dropped(&self) -> bool {
        self.dropped.load(Ordering::SeqCst)
    }
    fn polls(&self) -> usize {
        self.polls.load(Ordering::SeqCst)
    }
}

fn work(delay: Duration, value: char) -> (Work, Probe) {
    let dropped = Arc::new(AtomicBool::new(false));
    let polls = Arc::new(AtomicUsize::new(0));
    let probe = Probe { dropped: Arc::clone(&dropped), polls: Arc::clone(&polls) };
    (Work { sleep: Box::pin(tokio::time::sleep(delay)), value, dropped, polls }, probe)
}

impl Future for Work {
    type Output = char;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<char> {
        self.polls.fetch_add(1, Ordering::SeqCst);
        let value = self.value;
        self.sleep.as_mut().poll(cx).map(|()| value)
    }
}

impl Drop for Work {
    fn drop(&mut self) {
        self.dropped.store(true, Ordering::SeqCst);
    }
}

#[test]
fn ready_in_time_gives_the_output() {
    grader::run(async || {
        let (job, probe) = work(secs(2), 'w');
        let (output, took) = grader::timed(deadline(job, secs(5))).await;
        PAGE.failure("`deadline(work that takes 2 s, 5 s).await` should be `Ok('w')`.")
            .cause("the work was ready in time: return `Ok(output)` when polling it gives `Ready(output)`.")
            .unless_eq(&output, &Ok('w'));
        PAGE.took("`deadline(work that takes 2 s, 5 s).await`", took)
            .expected(secs(2))
            .when(
                secs(5),
                "it waited for the timer even though the work was done: return as soon as the work is ready.",
            )
            .check();
        PAGE.failure(format!(
            "the work should have been polled twice (at 0 s and 2 s); it was polled {} times.",
            probe.polls()
        ))
        .cause("poll the work once per poll of `Deadline`; do not wake yourself.")
        .unless(probe.polls() == 2);
        // An `async` block is `!Unpin`: `Deadline` must hold it pinned.
        let quick = async {
            tokio::time::sleep(ms(1500)).await;
            "done"
        };
        let (output, took) = grader::timed(deadline(quick, secs(2))).await;
        PAGE.failure("`deadline` of an `async` block that takes 1.5 s, limit 2 s, should be `Ok(\"done\")`.")
            .unless_eq(&output, &Ok("done"));
        PAGE.took("`deadline(async block of 1.5 s, 2 s).await`", took).expected(ms(1500)).check();
    });
}

#[test]
fn times_out_exactly_at_the_deadline() {
    grader::run(async || {
        let (job, probe) = work(secs(10), 'w');
        let mut limited = task::spawn(deadline(job, secs(3)));
        PAGE.failure("`deadline(work that takes 10 s, 3 s)` should be pending at 0 s.")
            .unless(limited.poll().is_pending());
        PAGE.failure("right after a pending poll, with no timer due, the task should not be woken.")
            .cause(
                "a busy self-wake: do not call `cx.waker().wake_by_ref()`; the work and the sleep register the waker.",
            )
            .unless(!limited.is_woken());
        tokio::time::advance(ms(2999)).await;
        PAGE.failure(
            "`deadline(work that takes 10 s, 3 s)` should not be woken before 3 s, but it was woken by 2.999 s.",
        )
        .unless(!limited.is_woken());
        PAGE.failure("`deadline(work that takes 10 s, 3 s)` should still be pending at 2.999 s.")
            .cause("the deadline is `limit` after `deadline(..)` was called, not earlier.")
            .unless(limited.poll().is_pending());
        tokio::time::advance(ms(1)).await;
        PAGE.failure(
            "at 3 s, the deadline, the task should be woken by the timer; it was not, so an executor would never \
             poll it again and the timeout would never fire.",
        )
        .cause(
            "a missing wake-up: the sleep was never polled (checking `is_elapsed()` or the clock registers \
             nothing). Poll it with `this.sleep.poll(cx)` whenever the work is pending: that registers the \
             waker with tokio's timer.",
        )
        .unless(limited.is_woken());
        let output = limited.poll();
        PAGE.failure("at 3 s, `deadline(work that takes 10 s, 3 s)` should be ready with `Err(TimedOut)`.")
            .unless_eq(&output, &Poll::Ready(Err::<char, _>(TimedOut)));
        PAGE.failure(format!(
            "the work should have been polled 3 times (0 s, 2.999 s, 3 s); it was polled {} times.",
            probe.polls()
        ))
        .cause(if probe.polls() < 3 {
            "it polled the timer first: at 3 s the timer was ready and `poll` returned `Err(TimedOut)` without \
             polling the work. Poll the work first on every poll (work that is ready at the deadline wins), and the \
             timer only when the work is pending."
        } else {
            "the work was polled more than once per poll of `Deadline`: poll it exactly once each time."
        })
        .unless(probe.polls() == 3);
    });
}

#[test]
fn the_work_is_polled_first() {
    grader::run(async || {
        let (job, probe) = work(secs(3), 'w');
        let mut limited = task::spawn(deadline(job, secs(3)));
        let _ = limited.poll();
        tokio::time::advance(secs(3)).await;
        let output = limited.poll();
        PAGE.failure(
            "the work and the deadline are both due at 3 s: polled at 3 s, `deadline(work that takes 3 s, 3 s)` \
             should give the work's output, `Ok('w')`.",
        )
        .cause(if probe.polls() < 2 {
            "it polled the timer first, and gave up without polling the work at 3 s: poll the work first, and \
             the sleep only when the work is still pending."
        } else {
            "it polled the timer first: when both are ready in the same poll, the work wins (it finished in time \
             for this poll). Poll the work first, and the sleep only when the work is still pending."
        })
        .unless_eq(&output, &Poll::Ready(Ok('w')));
    });
}

#[test]
fn the_loser_is_dropped_at_once() {
    grader::run(async || {
        let (job, probe) = work(secs(10), 'w');
        let mut limited = task::spawn(deadline(job, secs(1)));
        let _ = limited.poll();
        tokio::time::advance(secs(1)).await;
        let output = limited.poll();
        PAGE.failure("at 1 s, `deadline(work that takes 10 s, 1 s)` should be ready with `Err(TimedOut)`.")
            .unless_eq(&output, &Poll::Ready(Err::<char, _>(TimedOut)));
        PAGE.failure(
            "when `Deadline` returned `Err(TimedOut)`, the work should have been dropped already (the loser of \
             the race is dropped at once: it may hold a connection, a lock, a buffer); it was still alive.",
        )
        .cause(
            "it dropped the loser late: only when the caller drops the whole `Deadline`. Set the pinned \
             `Option` to `None` (`this.inner.set(None)`) before returning `Err(TimedOut)`.",
        )
        .unless(probe.dropped());
        drop(limited);
        PAGE.failure("once `Deadline` itself is dropped, the work must be dropped too.").unless(probe.dropped());
    });
}

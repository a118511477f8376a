//! Graded tests for exercise 10.3, on tokio's paused clock. `join` is polled by hand (tokio-test's mock task) over
//! probe futures that count their polls and panic if they are polled again after returning `Ready`.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use grader::tokio_test::task::{self, Spawn};
use grader::{ms, secs};
use join_two::{Join, join};
use tokio::time::Sleep;

const PAGE: grader::Page = grader::Page::new("src/10-under-the-hood/03-join-two.md");

const REPOLLED: &str = "polled a finished future again";

/// A future that is ready with `value` after `delay`, counts its polls, and panics if polled after it returned
/// `Ready` (as many futures do).
struct Probe<T> {
    name: &'static str,
    sleep: Pin<Box<Sleep>>,
    value: Option<T>,
    polls: Arc<AtomicUsize>,
}

/// A probe and a handle on its poll count.
fn probe<T: Unpin>(name: &'static str, delay: Duration, value: T) -> (Probe<T>, Arc<AtomicUsize>) {
    let polls = Arc::new(AtomicUsize::new(0));
    let sleep = Box::pin(tokio::time::sleep(delay));
    (Probe { name, sleep, value: Some(value), polls: Arc::clone(&polls) }, polls)
}

impl<T: Unpin> Future for Probe<T> {
    type Output = T;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        self.polls.fetch_add(1, Ordering::SeqCst);
        if self.value.is_none() {
            panic!("future `{}` was polled again after it returned Ready", self.name);
        }
        match self.sleep.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(self.value.take().expect("checked above")),
            Poll::Pending => Poll::Pending,
        }
    }
}

fn count(polls: &AtomicUsize) -> usize {
    polls.load(Ordering::SeqCst)
}

/// Polls the join once; a probe's panic (a finished future polled again) becomes an explanation.
fn poll_join<A, B>(joined: &mut Spawn<Join<A, B>>, at: &str) -> Poll<(A::Output, B::Output)>
where
    A: Future,
    B: Future,
{
    match grader::catch(|| joined.poll()) {
        Ok(poll) => poll,
        Err(message) if message.contains("polled again after it returned Ready") => PAGE
            .failure(format!("at {at}, `join` {REPOLLED}: {message}."))
            .cause(
                "once a future has returned `Poll::Ready`, it must never be polled again (many futures panic, \
                 like this one; others misbehave). Keep its output in `a_out`/`b_out` and poll it only while \
                 that is `None`.",
            )
            .fail(),
        Err(message) => PAGE.failure(format!("at {at}, polling `join` panicked: {message}")).fail(),
    }
}

#[test]
fn polls_both_on_every_wake() {
    grader::run(async || {
        let (a, a_polls) = probe("a", secs(2), "a");
        let (b, b_polls) = probe("b", secs(3), 3);
        let mut joined = task::spawn(join(a, b));
        PAGE.failure("`join(a, b)` should be pending at 0 s (a takes 2 s, b 3 s).")
            .unless(poll_join(&mut joined, "0 s").is_pending());
        PAGE.failure(format!(
            "the first poll of `join(a, b)` should poll both `a` and `b` once; it polled `a` {} time(s) and `b` {} \
             time(s).",
            count(&a_polls),
            count(&b_polls)
        ))
        .cause(
            "it ran them one after the other: `poll` returned `Pending` as soon as `a` was pending, so `b` did \
             not even start. Poll `a`, then poll `b` whatever `a` said, and return `Pending` only after both.",
        )
        .unless(count(&a_polls) == 1 && count(&b_polls) == 1);
        PAGE.failure("right after a pending poll, with no timer due, the task should not be woken.")
            .cause("a busy self-wake: do not call `cx.waker().wake_by_ref()`; the pending futures have registered the waker.")
            .unless(!joined.is_woken());
        tokio::time::advance(secs(2)).await;
        PAGE.failure("at 2 s, when `a` is ready, the task should be woken.")
            .cause("a missing wake-up: some future returned `Pending` and was not polled again before `Join` returned `Pending`.")
            .unless(joined.is_woken());
        PAGE.failure("`join(a, b)` should still be pending at 2 s (b takes 3 s).")
            .unless(poll_join(&mut joined, "2 s").is_pending());
        PAGE.failure(format!(
            "at 2 s, after two polls of `join`, `a` should have been polled 2 times and `b` 2 times; they were \
             polled {} and {} times.",
            count(&a_polls),
            count(&b_polls)
        ))
        .cause(
            "both unfinished futures are polled on every poll of `join`: neither knows which one the wake-up \
             was for. If `b` was not polled, it ran one after the other.",
        )
        .unless(count(&a_polls) == 2 && count(&b_polls) == 2);
        tokio::time::advance(secs(1)).await;
        PAGE.failure("at 3 s, when `b` is ready, the task should be woken.")
            .cause("a missing wake-up: `b` must be polled on each poll of `join` until it is ready.")
            .unless(joined.is_woken());
        let output = poll_join(&mut joined, "3 s");
        PAGE.failure("at 3 s, once both are ready, `join(a, b)` should be ready with both outputs, in order.")
            .unless_eq(&output, &Poll::Ready(("a", 3)));
    });
}

#[test]
fn ready_when_the_slower_one_is() {
    grader::run(async || {
        let (a, _) = probe("a", secs(3), 'a');
        let (b, _) = probe("b", secs(1), 'b');
        let (output, took) = grader::timed(join(a, b)).await;
        PAGE.failure("`join(a (3 s), b (1 s)).await` should give (a's output, b's output).")
            .unless_eq(&output, &('a', 'b'));
        PAGE.took("`join(a (3 s), b (1 s)).await`", took)
            .expected(secs(3))
            .when(secs(4), "it ran them one after the other: poll both on every poll.")
            .check();
        // `async` blocks are `!Unpin`: `Join` must hold them pinned, not require `Unpin`.
        let first = async {
            tokio::time::sleep(ms(1500)).await;
            1
        };
        let second = async {
            tokio::time::sleep(ms(500)).await;
            "two"
        };
        let (output, took) = grader::timed(join(first, second)).await;
        PAGE.failure("`join` of two `async` blocks (1.5 s and 0.5 s) should give both outputs.")
            .unless_eq(&output, &(1, "two"));
        PAGE.took("`join` of two `async` blocks (1.5 s and 0.5 s)", took)
            .expected(ms(1500))
            .when(secs(2), "it ran them one after the other: poll both on every poll.")
            .check();
        let mut both_ready = task::spawn(join(async { 1 }, async { 2 }));
        PAGE.failure("`join` of two futures that are ready at once should be ready at its first poll.")
            .unless_eq(&poll_join(&mut both_ready, "0 s"), &Poll::Ready((1, 2)));
    });
}

#[test]
fn never_polls_a_finished_future() {
    grader::run(async || {
        let (a, a_polls) = probe("a", secs(1), String::from("first"));
        let (b, b_polls) = probe("b", secs(3), String::from("second"));
        let mut joined = task::spawn(join(a, b));
        let _ = poll_join(&mut joined, "0 s");
        tokio::time::advance(secs(1)).await;
        PAGE.failure("`join(a (1 s), b (3 s))` should be pending at 1 s.")
            .unless(poll_join(&mut joined, "1 s").is_pending());
        // Spurious polls (no wake-up): allowed, and must change nothing.
        for _ in 0..3 {
            PAGE.failure("`join(a (1 s), b (3 s))` should be pending at 1 s, however often it is polled.")
                .unless(poll_join(&mut joined, "1 s (a spurious poll)").is_pending());
        }
        tokio::time::advance(secs(2)).await;
        let output = poll_join(&mut joined, "3 s");
        PAGE.failure(
            "at 3 s, `join(a, b)` should be ready with both outputs; `a`'s (ready since 1 s) must have been kept \
             through the polls in between.",
        )
        .cause("keep each output in its `Option` until both are ready; do not poll `a` again to get it.")
        .unless_eq(&output, &Poll::Ready((String::from("first"), String::from("second"))));
        PAGE.failure(format!(
            "`a` should have been polled exactly twice (at 0 s and when it was ready, at 1 s); it was polled {} \
             times. (`b`: {} times.)",
            count(&a_polls),
            count(&b_polls)
        ))
        .cause(format!("it {REPOLLED}."))
        .unless(count(&a_polls) == 2);
    });
}

#[test]
fn polled_after_completion_panics() {
    grader::run(async || {
        let (a, _) = probe("a", secs(1), 1);
        let (b, _) = probe("b", secs(1), 2);
        let mut joined = task::spawn(join(a, b));
        let _ = poll_join(&mut joined, "0 s");
        tokio::time::advance(secs(1)).await;
        PAGE.failure("`join(a (1 s), b (1 s))` should be ready at 1 s.")
            .unless_eq(&poll_join(&mut joined, "1 s"), &Poll::Ready((1, 2)));
        let cause = "`Join` was polled after completion and did not say so: remember that it returned `Ready` \
                     (`finished`), and panic with \"`Join` polled after completion\" if it is polled again. \
                     Polling its futures again instead would poll finished futures.";
        match grader::catch(|| joined.poll()) {
            Err(message) => PAGE
                .failure(format!(
                    "polled again after it returned its outputs, `Join` should panic with \"`Join` polled after \
                     completion\"; it panicked with {message:?}."
                ))
                .cause(cause)
                .unless(message.contains("`Join` polled after completion")),
            Ok(poll) => PAGE
                .failure(format!(
                    "polled again after it returned its outputs, `Join` should panic; it returned {poll:?}."
                ))
                .cause(cause)
                .fail(),
        }
    });
}

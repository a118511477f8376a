//! Graded tests for exercise 1.3, on tokio's paused clock.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use grader::tokio_test::task;
use grader::{ms, secs};
use lazy_futures::deferred_count;

const PAGE: grader::Page = grader::Page::new("src/01-async-await/03-lazy-futures.md");

fn count(counter: &AtomicUsize) -> usize {
    counter.load(Ordering::SeqCst)
}

#[test]
fn nothing_happens_until_the_future_is_awaited() {
    grader::run(async || {
        let counter = Arc::new(AtomicUsize::new(0));
        let future = deferred_count(counter.clone(), ms(100));
        tokio::time::sleep(secs(10)).await;
        PAGE.failure(
            "the counter changed when the future was created, before anyone awaited it.\n\n  Futures are lazy: \
             the work must happen inside the `async move` block, which runs only when the future is awaited.",
        )
        .unless_eq(&count(&counter), &0);
        let returned = future.await;
        PAGE.failure("awaiting the future should count once and return the new count (1)")
            .unless_eq(&(returned, count(&counter)), &(1, 1));
    });
}

#[test]
fn the_delay_starts_when_the_future_is_awaited() {
    grader::run(async || {
        let counter = Arc::new(AtomicUsize::new(0));
        let future = deferred_count(counter.clone(), secs(2));
        // The future sits unused for 5 s; its 2 s wait must start only now, when it is awaited.
        tokio::time::sleep(secs(5)).await;
        let (returned, took) = grader::timed(future).await;
        grader::took("awaiting a future made 5 s earlier with a 2 s delay", took)
            .expected(secs(2))
            .when(
                Duration::ZERO,
                "the deadline was fixed when the future was *created*, not when it was awaited: \
                 `tokio::time::sleep(delay)` reads the clock when it is called, so calling it outside the `async \
                 move` block (`let sleep = tokio::time::sleep(delay); async move { sleep.await; .. }`) starts the \
                 wait at once, and by the time anyone awaits the future its 2 s are long over. Call \
                 `tokio::time::sleep(delay)` inside the block.",
            )
            .read(format!("{PAGE}, section \"Async blocks and `move`\""))
            .check();
        PAGE.failure("awaiting the future should count once and return 1")
            .unless_eq(&(returned, count(&counter)), &(1, 1));
    });
}

#[test]
fn it_counts_only_after_the_delay() {
    grader::run(async || {
        let counter = Arc::new(AtomicUsize::new(0));
        let mut future = task::spawn(deferred_count(counter.clone(), secs(2)));
        PAGE.failure("the future should wait 2 s before it is ready.").unless(future.poll().is_pending());
        tokio::time::advance(ms(1999)).await;
        PAGE.failure("at 1.999 s the future should still be waiting for its 2 s delay")
            .unless(future.poll().is_pending());
        PAGE.failure("the counter should change only after the delay, not before it.").unless_eq(&count(&counter), &0);
        tokio::time::advance(ms(1)).await;
        match future.poll() {
            std::task::Poll::Ready(n) => {
                PAGE.failure("after 2 s: count once, return 1").unless_eq(&(n, count(&counter)), &(1, 1))
            }
            std::task::Poll::Pending => {
                PAGE.failure("at 2.000 s the future should be ready: it waits longer than `delay`").fail()
            }
        }
    });
}

#[test]
fn each_awaited_future_counts_once_and_a_dropped_one_never() {
    grader::run(async || {
        let counter = Arc::new(AtomicUsize::new(10));
        let first = deferred_count(counter.clone(), ms(10));
        let second = deferred_count(counter.clone(), ms(10));
        let never_awaited = deferred_count(counter.clone(), ms(10));
        PAGE.failure("the first future awaited should return 10 + 1 = 11 (the new count).")
            .unless_eq(&second.await, &11);
        PAGE.failure("the next one awaited should return 12").unless_eq(&first.await, &12);
        drop(never_awaited);
        tokio::time::sleep(secs(1)).await;
        PAGE.failure("a future that is dropped without being awaited must not count").unless_eq(&count(&counter), &12);
    });
}

#[test]
fn the_future_can_run_as_its_own_task() {
    grader::run(async || {
        let counter = Arc::new(AtomicUsize::new(0));
        let handle = tokio::spawn(deferred_count(counter.clone(), secs(1)));
        let returned = handle.await.expect("the task should not panic");
        PAGE.failure("run as a task, the future should count once and return 1.")
            .unless_eq(&(returned, count(&counter)), &(1, 1));
    });
}

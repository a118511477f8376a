//! The tests of `spawn.rs`: they check what the book says about its code. In a file of their
//! own so that the book can include them without the indentation of a `mod tests` block.

use super::*;
use crate::test_util::names;
use sim::journal;

// ANCHOR: breakfast_test
#[tokio::test(start_paused = true)]
async fn the_coffee_brews_while_the_toast_is_made() {
    journal::reset();
    let start = tokio::time::Instant::now();
    assert_eq!(breakfast().await, "toast and coffee");
    assert_eq!(start.elapsed(), Duration::from_secs(3)); // not 2 + 3
    let coffee = &journal::spans()[1];
    assert_eq!(
        (coffee.name.as_str(), coffee.end),
        ("brew coffee", Some(Duration::from_secs(2)))
    );
}
// ANCHOR_END: breakfast_test

// ANCHOR: future_vs_task
#[tokio::test(start_paused = true)]
async fn a_future_waits_to_be_awaited_a_task_does_not() {
    journal::reset();
    let future = work("a future nobody awaits", Duration::from_secs(1));
    let handle = tokio::spawn(work("a task nobody awaits", Duration::from_secs(1)));
    drop(handle); // dropping the handle lets the task go on alone ("detached")
    tokio::time::sleep(Duration::from_secs(5)).await;
    // Only the task ran, to its end. The future never started.
    assert_eq!(names(), ["a task nobody awaits"]);
    assert_eq!(journal::spans()[0].end, Some(Duration::from_secs(1)));
    drop(future);
}
// ANCHOR_END: future_vs_task

// ANCHOR: when_it_starts
#[tokio::test] // the current-thread runtime: one thread runs every task
async fn a_spawned_task_starts_when_the_spawner_lets_go_of_the_thread() {
    let log = Arc::new(Mutex::new(Vec::new()));
    let task_log = Arc::clone(&log);
    let handle = tokio::spawn(async move { task_log.lock().unwrap().push("task") });
    log.lock().unwrap().push("spawner, still running");
    tokio::task::yield_now().await; // the spawner steps aside: now the task runs
    log.lock().unwrap().push("spawner, back");
    handle.await.unwrap();
    assert_eq!(
        *log.lock().unwrap(),
        ["spawner, still running", "task", "spawner, back"]
    );
}
// ANCHOR_END: when_it_starts

#[tokio::test(start_paused = true)]
async fn a_plain_function_can_start_a_task() {
    journal::reset();
    let handle = start_brewing();
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert!(handle.is_finished());
    assert_eq!(handle.await.unwrap(), "coffee");
    assert_eq!(journal::spans()[0].end, Some(Duration::from_secs(2)));
}

#[tokio::test]
async fn the_wrapper_spawns_like_tokio() {
    assert_eq!(spawn_like_tokio(async { 6 * 7 }).await.unwrap(), 42);
}

#[tokio::test(start_paused = true)]
async fn the_writers_share_one_log() {
    assert_eq!(three_writers().await, ["writer 3", "writer 2", "writer 1"]);
}

/// The rule the page states, both ways: an `Rc` moved away (into `Rc::try_unwrap`, or
/// `drop`) before the `.await` without ever being borrowed is not held there, so the
/// task is `Send` and this compiles. Borrow it first (`*visits`, `visits.len()`) and
/// it would not: chapter 5's `thread_rng_dropped_before_await` listing shows the error.
#[tokio::test(start_paused = true)]
async fn an_rc_moved_away_unborrowed_before_the_await_can_be_spawned() {
    let task = tokio::spawn(async {
        let visits = std::rc::Rc::new(42);
        let count = std::rc::Rc::try_unwrap(visits).unwrap(); // a move, not a borrow
        let unused = std::rc::Rc::new("log");
        drop(unused); // never borrowed: gone for the compiler too
        tokio::time::sleep(Duration::from_secs(1)).await;
        count
    });
    assert_eq!(task.await.unwrap(), 42);
}

//! `tokio::spawn` and `JoinHandle`: a task runs on its own, whether or not anybody
//! awaits it.

use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use sim::journal::work;
use tokio::task::JoinHandle;

// ANCHOR: breakfast
/// Brews the coffee in a task of its own while this function makes the toast.
pub async fn breakfast() -> String {
    let coffee: JoinHandle<&str> = tokio::spawn(async {
        work("brew coffee", Duration::from_secs(2)).await;
        "coffee"
    });
    // The task is running now. This function goes on with its own work meanwhile.
    work("make toast", Duration::from_secs(3)).await;
    // The coffee was ready at 2 s; awaiting its handle gives the task's result.
    let coffee = coffee.await.expect("the coffee task panicked");
    format!("toast and {coffee}")
}
// ANCHOR_END: breakfast

// ANCHOR: start_only
/// A plain function (not `async`) can start a task: spawning waits for nothing.
pub fn start_brewing() -> JoinHandle<&'static str> {
    tokio::spawn(async {
        work("brew coffee", Duration::from_secs(2)).await;
        "coffee"
    })
}
// ANCHOR_END: start_only

// ANCHOR: bounds
/// A wrapper with exactly the bounds `tokio::spawn` puts on what it accepts.
pub fn spawn_like_tokio<F>(future: F) -> JoinHandle<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    tokio::spawn(future)
}
// ANCHOR_END: bounds

// ANCHOR: shared_log
/// Three tasks write into one log. Each task needs its own handle to the log (`Arc`),
/// moved into it.
pub async fn three_writers() -> Vec<String> {
    let log = Arc::new(Mutex::new(Vec::new()));
    let mut handles = Vec::new();
    for n in 1..=3u64 {
        let log = Arc::clone(&log); // this task's own reference to the shared log
        handles.push(tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(100 * (4 - n))).await;
            log.lock().unwrap().push(format!("writer {n}"));
        }));
    }
    for handle in handles {
        handle.await.expect("a writer panicked");
    }
    log.lock().unwrap().clone()
}
// ANCHOR_END: shared_log

#[cfg(test)]
mod tests {
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
        let handle =
            tokio::spawn(work("a task nobody awaits", Duration::from_secs(1)));
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
        let handle =
            tokio::spawn(async move { task_log.lock().unwrap().push("task") });
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
}

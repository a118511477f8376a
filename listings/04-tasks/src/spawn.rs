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
mod tests;

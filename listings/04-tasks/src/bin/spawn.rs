//! A spawned task runs on its own: the coffee brews while the toast is made.
//! `cargo run -p listings-04-tasks --bin spawn`.
// ANCHOR: program
use std::time::{Duration, Instant};

async fn brew_coffee() -> &'static str {
    tokio::time::sleep(Duration::from_millis(200)).await;
    println!("the coffee is ready");
    "coffee"
}

async fn make_toast() -> &'static str {
    tokio::time::sleep(Duration::from_millis(300)).await;
    println!("the toast is ready");
    "toast"
}

/// Brews the coffee in a task of its own while this function makes the toast.
async fn breakfast() -> String {
    // returns at once: the task is on its way
    let coffee = tokio::spawn(brew_coffee());
    let toast = make_toast().await; // the coffee brews meanwhile
    // The coffee was ready long ago; awaiting the handle gives the task's result (or
    // a `JoinError`).
    let coffee = coffee.await.expect("the coffee task panicked");
    format!("{toast} and {coffee}")
}

#[tokio::main]
async fn main() {
    let started = Instant::now();
    let meal = breakfast().await;
    println!("{meal}, after {:.1?}", started.elapsed());
}
// ANCHOR_END: program

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    #[tokio::test(start_paused = true)]
    async fn the_coffee_brews_while_the_toast_is_made() {
        let started = Instant::now();
        assert_eq!(breakfast().await, "toast and coffee");
        assert_eq!(
            started.elapsed(),
            Duration::from_millis(300),
            "the coffee and the toast should overlap (not 500 ms)"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn the_task_finishes_without_anybody_awaiting_it() {
        let started = Instant::now();
        let coffee = tokio::spawn(brew_coffee());
        tokio::time::sleep(Duration::from_millis(300)).await; // the toast, say
        assert!(
            coffee.is_finished(),
            "the coffee task should have run on its own meanwhile"
        );
        assert_eq!(coffee.await.unwrap(), "coffee");
        assert_eq!(
            started.elapsed(),
            Duration::from_millis(300),
            "its result should have been waiting in the handle"
        );
    }
}

//! Tasks 3 and 4: a plain function that starts a task, and where the `.await`s go.

use std::time::Duration;

use tokio::task::JoinHandle;

use crate::traps::wait;

// ANCHOR: plain_fn
/// Not `async`: it starts the download as a task and returns at once, with the
/// handle.
pub fn start_fetch(path: &'static str) -> JoinHandle<String> {
    tokio::spawn(sim::archive::fetch(path))
}
// ANCHOR_END: plain_fn

// ANCHOR: in_turn
/// Task 3's shape: starts a wait of `delay` (recorded in the journal) as a task, and
/// returns its handle at once.
pub fn start_wait(delay: Duration) -> JoinHandle<Duration> {
    tokio::spawn(wait(delay))
}

/// Spawns a task and awaits it before spawning the next: tasks, but one at a time.
pub async fn wait_in_turn(delays: &[Duration]) -> Vec<Duration> {
    let mut done = Vec::new();
    for &delay in delays {
        done.push(start_wait(delay).await.expect("the wait task panicked"));
    }
    done
}
// ANCHOR_END: in_turn

// ANCHOR: all_first
/// Spawns every task first: they all run from this moment. Awaiting the handles
/// afterwards only collects the results, in the order the tasks were started.
pub async fn wait_all_first(delays: &[Duration]) -> Vec<Duration> {
    let handles: Vec<JoinHandle<Duration>> =
        delays.iter().map(|&delay| start_wait(delay)).collect();
    let mut done = Vec::new();
    for handle in handles {
        // the first handle is awaited first, however long its task takes
        done.push(handle.await.expect("the wait task panicked"));
    }
    done
}
// ANCHOR_END: all_first

#[cfg(test)]
mod tests {
    use sim::archive::FETCH_LATENCY;
    use tokio::time::Instant;

    use super::*;

    #[tokio::test(start_paused = true)]
    async fn a_started_task_runs_without_being_awaited() {
        let handle = start_fetch("/about");
        tokio::time::sleep(FETCH_LATENCY + Duration::from_millis(1)).await;
        assert!(
            handle.is_finished(),
            "nobody awaited the handle, and the task is done anyway"
        );
        assert_eq!(handle.await.unwrap(), "<html>/about</html>");
    }

    #[test]
    #[should_panic(expected = "there is no reactor running")]
    fn starting_a_task_outside_a_runtime_panics() {
        drop(start_fetch("/"));
    }

    #[tokio::test(start_paused = true)]
    async fn in_turn_takes_the_sum_and_all_first_the_longest_in_start_order() {
        let delays = [300, 100, 200].map(Duration::from_millis);
        let start = Instant::now();
        assert_eq!(wait_in_turn(&delays).await, delays);
        assert_eq!(start.elapsed(), Duration::from_millis(600));
        let start = Instant::now();
        // the trap: the delays come back in the order started, not finished
        assert_eq!(wait_all_first(&delays).await, delays);
        assert_eq!(start.elapsed(), Duration::from_millis(300));
    }
}

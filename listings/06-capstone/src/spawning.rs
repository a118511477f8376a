//! Tasks 3 and 4: a plain function that starts a task, and where the `.await`s go.

use tokio::task::JoinHandle;

// ANCHOR: plain_fn
/// Not `async`: it starts the download as a task and returns at once, with the
/// handle.
pub fn start_fetch(path: &'static str) -> JoinHandle<String> {
    tokio::spawn(sim::archive::fetch(path))
}
// ANCHOR_END: plain_fn

// ANCHOR: in_turn
/// Spawns a task and awaits it before spawning the next: tasks, but one at a time.
pub async fn fetch_in_turn(paths: &[&'static str]) -> Vec<String> {
    let mut pages = Vec::new();
    for &path in paths {
        pages.push(start_fetch(path).await.expect("the fetch task panicked"));
    }
    pages
}
// ANCHOR_END: in_turn

// ANCHOR: all_first
/// Spawns every task first: they all run from this moment. Awaiting the handles
/// afterwards only collects results.
pub async fn fetch_all_first(paths: &[&'static str]) -> Vec<String> {
    let handles: Vec<JoinHandle<String>> =
        paths.iter().map(|&path| start_fetch(path)).collect();
    let mut pages = Vec::new();
    for handle in handles {
        // in the order started
        pages.push(handle.await.expect("the fetch task panicked"));
    }
    pages
}
// ANCHOR_END: all_first

#[cfg(test)]
mod tests {
    use std::time::Duration;

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
    async fn in_turn_takes_one_latency_per_page_and_all_first_takes_one() {
        let paths = ["/", "/about", "/blog"];
        let start = Instant::now();
        fetch_in_turn(&paths).await;
        assert_eq!(start.elapsed(), FETCH_LATENCY * 3);
        let start = Instant::now();
        let pages = fetch_all_first(&paths).await;
        assert_eq!(start.elapsed(), FETCH_LATENCY);
        assert_eq!(
            pages,
            ["<html>/</html>", "<html>/about</html>", "<html>/blog</html>"]
        );
    }
}

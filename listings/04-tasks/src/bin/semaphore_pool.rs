//! At most K tasks at a time with a `Semaphore`: five downloads, two at once.
//! `cargo run -p listings-04-tasks --bin semaphore_pool`.
// ANCHOR: program
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use std::time::{Duration, Instant};

use tokio::sync::Semaphore;

/// How many downloads are running right now, and the most that ever ran at once.
static RUNNING: AtomicUsize = AtomicUsize::new(0);
static MOST: AtomicUsize = AtomicUsize::new(0);

async fn download(_file: u32) {
    MOST.fetch_max(RUNNING.fetch_add(1, SeqCst) + 1, SeqCst);
    tokio::time::sleep(Duration::from_millis(100)).await;
    RUNNING.fetch_sub(1, SeqCst);
}

/// Downloads every file in its own task, but at most `limit` at a time.
async fn download_all(files: Vec<u32>, limit: usize) {
    let slots = Arc::new(Semaphore::new(limit));
    let mut handles = Vec::new();
    for file in files {
        // each task owns a reference to the one semaphore
        let slots = Arc::clone(&slots);
        handles.push(tokio::spawn(async move {
            let _permit = slots.acquire().await.expect("the semaphore was closed");
            download(file).await;
        })); // the task ends, `_permit` is dropped, and the next waiting task gets it
    }
    for handle in handles {
        handle.await.expect("a download panicked");
    }
}

#[tokio::main]
async fn main() {
    let started = Instant::now();
    download_all(vec![1, 2, 3, 4, 5], 2).await;
    println!(
        "5 downloads, at most {} at once, in {:.1?}",
        MOST.load(SeqCst),
        started.elapsed()
    );
}
// ANCHOR_END: program

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    // The only test that uses the counters, so no other test can disturb them.
    #[tokio::test(start_paused = true)]
    async fn five_downloads_two_at_a_time() {
        let started = Instant::now();
        download_all(vec![1, 2, 3, 4, 5], 2).await;
        assert_eq!(
            MOST.load(SeqCst),
            2,
            "never more than two downloads at once, and two whenever possible"
        );
        assert_eq!(
            started.elapsed(),
            Duration::from_millis(300),
            "2 + 2 + 1 downloads of 100 ms"
        );
    }
}

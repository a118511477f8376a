//! Bounding concurrency with `tokio::sync::Semaphore`.

use std::sync::Arc;
use std::time::Duration;

use sim::journal::work;
use tokio::sync::Semaphore;

/// Downloads `file`; each one takes a second.
pub async fn download(file: u32) -> u32 {
    work(format!("download file {file}"), Duration::from_secs(1)).await;
    file
}

// ANCHOR: limited
/// Downloads every file in its own task, but at most `limit` at a time.
pub async fn download_all(files: Vec<u32>, limit: usize) -> Vec<u32> {
    let slots = Arc::new(Semaphore::new(limit));
    let mut handles = Vec::new();
    for file in files {
        let slots = Arc::clone(&slots);
        handles.push(tokio::spawn(async move {
            let _permit = slots.acquire().await.expect("the semaphore was closed");
            download(file).await
            // the permit is dropped when the task's future ends, and the next waiting
            // task gets it
        }));
    }
    let mut done = Vec::new();
    for handle in handles {
        done.push(handle.await.expect("a download panicked"));
    }
    done
}
// ANCHOR_END: limited

// ANCHOR: owned
/// The same limit, with the permit taken *before* spawning: the loop itself waits for
/// a free slot, so at most `limit` tasks even exist at once. `acquire_owned` gives a
/// permit that can be moved into the task.
pub async fn download_all_owned(files: Vec<u32>, limit: usize) -> Vec<u32> {
    let slots = Arc::new(Semaphore::new(limit));
    let mut handles = Vec::new();
    for file in files {
        let permit = Arc::clone(&slots)
            .acquire_owned()
            .await
            .expect("the semaphore was closed");
        handles.push(tokio::spawn(async move {
            let done = download(file).await;
            // given back here (dropping it at the end of the task would do the same)
            drop(permit);
            done
        }));
    }
    let mut done = Vec::new();
    for handle in handles {
        done.push(handle.await.expect("a download panicked"));
    }
    done
}
// ANCHOR_END: owned

// ANCHOR: underscore
/// A bug: `let _ = ...` does not bind the permit, so it is dropped on the spot and
/// limits nothing.
pub async fn download_all_unlimited(files: Vec<u32>, limit: usize) -> Vec<u32> {
    let slots = Arc::new(Semaphore::new(limit));
    let mut handles = Vec::new();
    for file in files {
        let slots = Arc::clone(&slots);
        handles.push(tokio::spawn(async move {
            // released at once!
            let _ = slots.acquire().await.expect("the semaphore was closed");
            download(file).await
        }));
    }
    let mut done = Vec::new();
    for handle in handles {
        done.push(handle.await.expect("a download panicked"));
    }
    done
}
// ANCHOR_END: underscore

#[cfg(test)]
mod tests;

//! The follow-up project: a generator as a task feeding a channel, and the same as a
//! `Stream`.

use std::time::Duration;

use futures::{Stream, StreamExt};
use tokio::sync::mpsc::{self, Receiver};

// ANCHOR: channel
/// Counts down from `from` to 1, one number every `every`: a task sends them into a
/// channel.
pub fn countdown(from: u32, every: Duration) -> Receiver<u32> {
    let (tx, rx) = mpsc::channel(1);
    tokio::spawn(async move {
        for n in (1..=from).rev() {
            tokio::time::sleep(every).await;
            if tx.send(n).await.is_err() {
                return; // the Receiver is gone: stop
            }
        }
    }); // the task ends, `tx` is dropped, the channel closes
    rx
}

/// Reads until the channel closes: the `async for` of Python.
pub async fn read_all(mut rx: Receiver<u32>) -> Vec<u32> {
    let mut seen = Vec::new();
    while let Some(n) = rx.recv().await {
        seen.push(n);
    }
    seen
}
// ANCHOR_END: channel

// ANCHOR: stream
/// The same countdown as a `Stream`: nothing runs until someone asks for the next
/// number.
pub fn countdown_stream(from: u32, every: Duration) -> impl Stream<Item = u32> {
    futures::stream::iter((1..=from).rev()).then(move |n| async move {
        tokio::time::sleep(every).await;
        n
    })
}

/// Collecting a stream is one call.
pub async fn read_all_stream(from: u32, every: Duration) -> Vec<u32> {
    countdown_stream(from, every).collect().await
}
// ANCHOR_END: stream

#[cfg(test)]
mod tests {
    use std::pin::pin;

    use tokio::time::{Instant, sleep};

    use super::*;

    const SEC: Duration = Duration::from_secs(1);

    #[tokio::test(start_paused = true)]
    async fn both_versions_count_down_one_per_second() {
        let start = Instant::now();
        assert_eq!(read_all(countdown(3, SEC)).await, [3, 2, 1]);
        assert_eq!(start.elapsed(), SEC * 3);
        let start = Instant::now();
        assert_eq!(read_all_stream(3, SEC).await, [3, 2, 1]);
        assert_eq!(start.elapsed(), SEC * 3);
    }

    /// The page's claim: the channel's task runs ahead of a slow reader (by the
    /// channel's capacity plus the value it is trying to send), while the stream
    /// waits to be asked.
    #[tokio::test(start_paused = true)]
    async fn the_task_runs_ahead_and_the_stream_waits() {
        let start = Instant::now();
        let mut rx = countdown(5, SEC);
        sleep(SEC * 5).await; // a reader busy with something else for 5 s
        let mut seen = Vec::new();
        while let Some(n) = rx.recv().await {
            seen.push((n, start.elapsed().as_secs()));
        }
        // 5 and 4 were ready (one in the channel, one waiting to be sent); 3 came 1 s
        // after the reader came back.
        assert_eq!(seen, [(5, 5), (4, 5), (3, 6), (2, 7), (1, 8)]);

        let start = Instant::now();
        let mut stream = pin!(countdown_stream(5, SEC));
        sleep(SEC * 5).await;
        let mut seen = Vec::new();
        while let Some(n) = stream.next().await {
            seen.push((n, start.elapsed().as_secs()));
        }
        // Nothing happened during the 5 s: the first number took its second after the
        // reader asked.
        assert_eq!(seen, [(5, 6), (4, 7), (3, 8), (2, 9), (1, 10)]);
    }
}

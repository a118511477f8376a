//! A `select!` loop that loses frames, and one that does not: `cargo run -p
//! listings-08-shutdown --bin cancel_safe`.

// ANCHOR: program
use std::collections::VecDeque;
use std::time::Duration;

use tokio::sync::mpsc;

struct Frames {
    queue: VecDeque<u32>,
}

impl Frames {
    fn new() -> Self {
        Frames { queue: (1..=6).collect() }
    }

    /// NOT cancel-safe: takes the frame first, then decodes it for 200 ms.
    async fn next(&mut self) -> Option<u32> {
        let frame = self.queue.pop_front()?;
        tokio::time::sleep(Duration::from_millis(200)).await; // dropped here: lost
        Some(frame)
    }
}

/// Ticks at 350, 700, 1050 ms, … (not at once, as `interval` would).
fn ticker() -> tokio::time::Interval {
    let period = Duration::from_millis(350);
    tokio::time::interval_at(tokio::time::Instant::now() + period, period)
}

/// A tick every 350 ms races a `next()` made anew on every turn.
async fn lossy(mut frames: Frames) -> Vec<u32> {
    let mut ticks = ticker();
    let mut got = Vec::new();
    loop {
        tokio::select! {
            biased;
            _ = ticks.tick() => {} // drops the `next()` below if it is decoding
            frame = frames.next() => match frame {
                Some(frame) => got.push(frame),
                None => return got,
            },
        }
    }
}

/// The same loop, but a task reads the frames and the loop takes them from a
/// channel: `recv()` is cancel-safe.
async fn safe(mut frames: Frames) -> Vec<u32> {
    let (tx, mut rx) = mpsc::channel(8);
    tokio::spawn(async move {
        while let Some(frame) = frames.next().await {
            let _ = tx.send(frame).await;
        }
    });
    let mut ticks = ticker();
    let mut got = Vec::new();
    loop {
        tokio::select! {
            biased;
            _ = ticks.tick() => {}
            frame = rx.recv() => match frame {
                Some(frame) => got.push(frame),
                None => return got,
            },
        }
    }
}

#[tokio::main]
async fn main() {
    println!("lossy loop got {:?}", lossy(Frames::new()).await);
    println!("safe loop got  {:?}", safe(Frames::new()).await);
}
// ANCHOR_END: program

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn the_lossy_loop_drops_the_frames_decoding_at_a_tick() {
        assert_eq!(lossy(Frames::new()).await, [1, 3, 5]);
        assert_eq!(safe(Frames::new()).await, [1, 2, 3, 4, 5, 6]);
    }
}

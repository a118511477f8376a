//! Which `select!` branches lose data when they lose the race.

use std::time::Duration;

use sim::farm::Feed;
use tokio::sync::mpsc;
use tokio::time::{Instant, interval_at};

// ANCHOR: lossy
/// WRONG: `feed.next()` is made inside the `select!`. When the tick wins while a
/// frame is being decoded, that frame is dropped with its future.
pub async fn lossy(feed: Feed, every: Duration) -> Vec<u32> {
    let mut ticks = interval_at(Instant::now() + every, every);
    let mut got = Vec::new();
    loop {
        tokio::select! {
            frame = feed.next() => match frame {
                Some(id) => got.push(id),
                None => return got,
            },
            _ = ticks.tick() => {} // a store would go here
        }
    }
}
// ANCHOR_END: lossy

// ANCHOR: kept
/// Right: the `next()` future lives across turns; a new one is made only after the
/// last one gave its frame.
pub async fn kept(feed: Feed, every: Duration) -> Vec<u32> {
    let mut ticks = interval_at(Instant::now() + every, every);
    let mut got = Vec::new();
    let next = feed.next();
    tokio::pin!(next);
    loop {
        tokio::select! {
            frame = &mut next => match frame {
                Some(id) => {
                    got.push(id);
                    next.set(feed.next()); // the old one is done: replace it
                }
                None => return got,
            },
            _ = ticks.tick() => {}
        }
    }
}
// ANCHOR_END: kept

// ANCHOR: reader_task
/// Also right: a task of its own reads the feed to the end (nothing ever cancels
/// it), and the loop receives from a channel, whose `recv()` is cancel-safe.
pub async fn through_a_channel(feed: Feed, every: Duration) -> Vec<u32> {
    let (tx, mut frames) = mpsc::channel(16);
    tokio::spawn(async move {
        while let Some(id) = feed.next().await {
            if tx.send(id).await.is_err() {
                break;
            }
        }
    });
    let mut ticks = interval_at(Instant::now() + every, every);
    let mut got = Vec::new();
    loop {
        tokio::select! {
            frame = frames.recv() => match frame {
                Some(id) => got.push(id),
                None => return got,
            },
            _ = ticks.tick() => {}
        }
    }
}
// ANCHOR_END: reader_task

/// The chapter's five frames: frame 3 is decoding at the 1 s tick, frame 5 at the 3 s
/// tick.
pub fn five_frames() -> Feed {
    let ms = Duration::from_millis;
    Feed::new(vec![
        (ms(100), 1),
        (ms(500), 2),
        (ms(950), 3),
        (ms(1400), 4),
        (ms(2950), 5),
    ])
}

#[cfg(test)]
mod tests;

//! Talking between tasks: `mpsc` (many senders, one receiver) and `oneshot` (one
//! value, once).

use std::time::Duration;

use tokio::sync::{mpsc, oneshot};

// ANCHOR: mpsc
/// Three sensor tasks send readings to one receiver, which stops when every sender is
/// gone.
pub async fn collect_readings() -> Vec<String> {
    let (tx, mut rx) = mpsc::channel::<String>(8); // at most 8 messages waiting
    for sensor in ["kitchen", "garage", "attic"] {
        let tx = tx.clone(); // each task owns a sender
        tokio::spawn(async move {
            for reading in 1..=2 {
                tokio::time::sleep(Duration::from_secs(1)).await;
                // `send` waits if the channel is full; it fails only if the receiver
                // is gone.
                if tx.send(format!("{sensor} #{reading}")).await.is_err() {
                    return;
                }
            }
        }); // the task ends, its sender is dropped
    }
    drop(tx); // the last sender not owned by a task

    let mut readings = Vec::new();
    while let Some(reading) = rx.recv().await {
        readings.push(reading);
    }
    readings // `recv()` gave `None`: every sender is gone and the channel is empty
}
// ANCHOR_END: mpsc

// ANCHOR: actor
/// What the counter task can be asked to do. A question carries the `oneshot` sender
/// for its answer.
pub enum Command {
    Add(u64),
    Total { reply: oneshot::Sender<u64> },
}

/// A task that owns a counter; other tasks talk to it only through the channel.
pub fn spawn_counter() -> mpsc::Sender<Command> {
    let (tx, mut rx) = mpsc::channel(16);
    tokio::spawn(async move {
        let mut total = 0;
        while let Some(command) = rx.recv().await {
            match command {
                Command::Add(n) => total += n,
                Command::Total { reply } => {
                    // fails only if the asker stopped waiting
                    let _ = reply.send(total);
                }
            }
        }
    });
    tx
}

/// Asks the counter task for its total and waits for the answer.
pub async fn total(counter: &mpsc::Sender<Command>) -> Option<u64> {
    let (reply, answer) = oneshot::channel();
    counter.send(Command::Total { reply }).await.ok()?;
    answer.await.ok() // `Err` if the counter task dropped `reply` without answering
}
// ANCHOR_END: actor

#[cfg(test)]
mod tests;

//! Tasks talk through an `mpsc` channel; the receiver stops when every sender is
//! gone. `cargo run -p listings-04-tasks --bin channels`.
// ANCHOR: program
use std::time::{Duration, Instant};

use tokio::sync::mpsc;

/// Three sensor tasks each send a reading; the receiver takes them as they come until
/// every sender is gone.
async fn collect_readings() -> Vec<&'static str> {
    let started = Instant::now();
    let (tx, mut rx) = mpsc::channel(8); // at most 8 readings waiting
    for (sensor, millis) in [("kitchen", 100), ("garage", 200), ("attic", 300)] {
        let tx = tx.clone(); // each task owns a sender
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(millis)).await;
            tx.send(sensor).await.expect("the receiver is gone");
        }); // the task ends and drops its sender
    }
    drop(tx); // the last sender that no task owns

    let mut readings = Vec::new();
    while let Some(sensor) = rx.recv().await {
        println!("a reading from the {sensor}, after {:.1?}", started.elapsed());
        readings.push(sensor);
    }
    readings // `recv()` gave `None`: every sender is gone and the channel is empty
}

#[tokio::main]
async fn main() {
    let started = Instant::now();
    let readings = collect_readings().await;
    println!(
        "the channel closed: {} readings in {:.1?}",
        readings.len(),
        started.elapsed()
    );
}
// ANCHOR_END: program

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    #[tokio::test(start_paused = true)]
    async fn the_receiver_stops_when_the_last_sender_is_gone() {
        let started = Instant::now();
        let readings =
            tokio::time::timeout(Duration::from_secs(60), collect_readings())
                .await
                .expect("recv() never gave None: a sender is still alive");
        assert_eq!(
            readings,
            ["kitchen", "garage", "attic"],
            "in the order they were sent"
        );
        assert_eq!(
            started.elapsed(),
            Duration::from_millis(300),
            "it should stop as soon as the last sensor is done"
        );
    }
}

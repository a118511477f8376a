//! The tests of `channels.rs`: they check what the book says about its code. In a file of their
//! own so that the book can include them without the indentation of a `mod tests` block.

use super::*;
use tokio::time::Instant;

#[tokio::test(start_paused = true)]
async fn the_receiver_gets_every_reading_then_none() {
    let start = Instant::now();
    let readings = collect_readings().await;
    assert_eq!(readings.len(), 6);
    assert_eq!(readings[..3], ["kitchen #1", "garage #1", "attic #1"]);
    assert_eq!(start.elapsed(), Duration::from_secs(2));
}

// ANCHOR: never_ends
#[tokio::test(start_paused = true)]
async fn a_live_sender_keeps_the_receiver_waiting_forever() {
    let (tx, mut rx) = mpsc::channel::<u32>(8);
    let worker_tx = tx.clone();
    tokio::spawn(async move {
        worker_tx.send(1).await.unwrap();
    }); // the worker's sender is dropped here, but `tx` is still alive
    assert_eq!(rx.recv().await, Some(1));
    // Nothing will ever be sent again, yet `recv` cannot know: `tx` could still
    // send.
    let waited = tokio::time::timeout(Duration::from_secs(3600), rx.recv()).await;
    assert!(waited.is_err(), "an hour later, still waiting");
    drop(tx);
    assert_eq!(rx.recv().await, None); // now the channel is closed
}
// ANCHOR_END: never_ends

#[tokio::test(start_paused = true)]
async fn the_counter_answers_through_a_oneshot() {
    let counter = spawn_counter();
    for n in [5, 10, 20] {
        counter.send(Command::Add(n)).await.unwrap();
    }
    assert_eq!(total(&counter).await, Some(35));
}

// ANCHOR: oneshot
#[tokio::test]
async fn a_oneshot_carries_one_value_from_one_task_to_another() {
    let (tx, rx) = oneshot::channel::<&str>();
    tokio::spawn(async move {
        tx.send("done").unwrap(); // `send` is not async: it never waits
    });
    assert_eq!(rx.await, Ok("done"));

    let (tx, rx) = oneshot::channel::<&str>();
    drop(tx); // dropped without sending
    assert!(rx.await.is_err());
}
// ANCHOR_END: oneshot

// ANCHOR: backpressure
#[tokio::test(start_paused = true)]
async fn a_full_channel_makes_the_sender_wait() {
    let (tx, mut rx) = mpsc::channel::<u32>(2);
    let start = Instant::now();
    let consumer = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_secs(5)).await; // a slow start
        while rx.recv().await.is_some() {}
    });
    tx.send(1).await.unwrap();
    tx.send(2).await.unwrap(); // the channel holds 2: both fit
    tx.send(3).await.unwrap(); // full: this waits until the consumer takes one
    assert_eq!(start.elapsed(), Duration::from_secs(5));
    drop(tx);
    consumer.await.unwrap();
}
// ANCHOR_END: backpressure

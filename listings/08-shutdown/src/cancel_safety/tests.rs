//! The tests of `cancel_safety.rs`: they check what the book says about its code.
//! In a file of their own so that the book can include them without the
//! indentation of a `mod tests` block.

use super::*;

// ANCHOR: loses_data
#[tokio::test(start_paused = true)]
async fn a_next_made_in_the_select_loses_the_frames_it_was_decoding() {
    let got = lossy(five_frames(), Duration::from_secs(1)).await;
    assert_eq!(got, [1, 2, 4]); // 3 and 5 were taken, then dropped
}
// ANCHOR_END: loses_data

#[tokio::test(start_paused = true)]
async fn a_kept_future_or_a_reader_task_loses_nothing() {
    assert_eq!(kept(five_frames(), Duration::from_secs(1)).await, [1, 2, 3, 4, 5]);
    let got = through_a_channel(five_frames(), Duration::from_secs(1)).await;
    assert_eq!(got, [1, 2, 3, 4, 5]);
}

// ANCHOR: recv_is_safe
#[tokio::test(start_paused = true)]
async fn a_recv_that_loses_the_race_loses_no_message() {
    let (tx, mut rx) = mpsc::channel(8);
    let mut got = Vec::new();
    for n in 1..=3 {
        tx.send(n).await.unwrap();
        tokio::select! {
            biased; // the timer wins whenever both are ready
            _ = tokio::time::sleep(Duration::ZERO) => {} // `recv()` dropped
            Some(n) = rx.recv() => got.push(n),
        }
    }
    while let Ok(n) = rx.try_recv() {
        got.push(n);
    }
    assert_eq!(got, [1, 2, 3]); // each dropped `recv()` left its message queued
}
// ANCHOR_END: recv_is_safe

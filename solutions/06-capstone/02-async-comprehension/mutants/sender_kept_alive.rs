// mistake: after its last number the task waits for the reader to leave (tx.closed()), so its Sender stays alive and the channel never closes
// expect: the channel never closed after the tenth number
use std::time::Duration;

use tokio::sync::mpsc::{self, Receiver};
use tokio::time::Instant;

pub const COUNT: usize = 10;
pub const INTERVAL: Duration = Duration::from_secs(1);

pub fn async_generator() -> Receiver<f64> {
    let (tx, rx) = mpsc::channel(1);
    tokio::spawn(async move {
        for _ in 0..COUNT {
            tokio::time::sleep(INTERVAL).await;
            let number = rand::random_range(0.0..=10.0);
            if tx.send(number).await.is_err() {
                return;
            }
        }
        tx.closed().await;
    });
    rx
}

pub async fn async_comprehension() -> Vec<f64> {
    let mut numbers = async_generator();
    let mut collected = Vec::with_capacity(COUNT);
    while let Some(n) = numbers.recv().await {
        collected.push(n);
    }
    collected
}

pub async fn measure_runtime() -> Duration {
    let start = Instant::now();
    tokio::join!(async_comprehension(), async_comprehension(), async_comprehension(), async_comprehension());
    start.elapsed()
}

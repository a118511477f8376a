//! A runnable program for the page (std and tokio only, so it runs in the playground).

use std::time::{Duration, Instant};

#[tokio::main]
async fn main() {
    let start = Instant::now();
    tokio::time::sleep(Duration::from_millis(100)).await;
    println!("waited {:?}", start.elapsed());
}

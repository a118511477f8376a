// ANCHOR: all
use std::time::Duration;

use rand::RngExt;

async fn pause_then_fetch() {
    let mut rng = rand::rng();
    let pause = rng.random_range(Duration::ZERO..=Duration::from_secs(1));
    // `rng` is never used again, but it is only dropped at the closing brace
    tokio::time::sleep(pause).await;
    println!("fetching");
}

#[tokio::main]
async fn main() {
    tokio::spawn(pause_then_fetch()).await.unwrap();
}
// ANCHOR_END: all

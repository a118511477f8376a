// ANCHOR: all
use std::time::Duration;

use rand::RngExt;

async fn pause_then_fetch() {
    let mut rng = rand::rng();
    let pause = rng.random_range(Duration::ZERO..=Duration::from_secs(1));
    // gone before the `.await`, but borrowed on the line above: still counted as held
    drop(rng);
    tokio::time::sleep(pause).await;
    println!("fetching");
}

#[tokio::main]
async fn main() {
    tokio::spawn(pause_then_fetch()).await.unwrap();
}
// ANCHOR_END: all

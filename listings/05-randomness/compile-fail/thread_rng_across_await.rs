// ANCHOR: all
use std::time::Duration;

use rand::RngExt;

/// Waits a random pause (up to 1 s) before each page, like a polite crawler.
async fn crawl(paths: Vec<String>) {
    // a handle to this thread's generator: it must stay on this thread
    let mut rng = rand::rng();
    for path in paths {
        let pause = rng.random_range(Duration::ZERO..=Duration::from_secs(1));
        // `rng` is still alive here, stored inside the future
        tokio::time::sleep(pause).await;
        println!("fetching {path}");
    }
}

#[tokio::main]
async fn main() {
    let crawler = tokio::spawn(crawl(vec!["/".into(), "/about".into()]));
    crawler.await.unwrap();
}
// ANCHOR_END: all

//! The smallest complete async program of chapter 1: `cargo run -p
//! listings-01-async-await --bin hello`. It uses only std and tokio, so the book runs
//! it in the Rust playground as it is.

// ANCHOR: program
use std::time::Duration;

// ANCHOR: async_fn
/// Pretends to download a page: waits 200 ms, then returns its text.
async fn download(url: &str) -> String {
    tokio::time::sleep(Duration::from_millis(200)).await;
    format!("<html>{url}</html>")
}

/// Downloads a page and measures it. It can await `download` because it is itself
/// `async`.
async fn page_length(url: &str) -> usize {
    let body = download(url).await;
    body.len()
}
// ANCHOR_END: async_fn

#[tokio::main]
async fn main() {
    let length = page_length("/home").await;
    println!("the page has {length} bytes");
}
// ANCHOR_END: program

// ANCHOR: paused_test
#[tokio::test(start_paused = true)]
async fn page_length_waits_for_the_download() {
    let start = tokio::time::Instant::now();
    assert_eq!(page_length("/home").await, "<html>/home</html>".len());
    // virtual time: exact
    assert_eq!(start.elapsed(), Duration::from_millis(200));
}
// ANCHOR_END: paused_test

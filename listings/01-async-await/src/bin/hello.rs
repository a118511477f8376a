//! The smallest complete async program of chapter 1: `cargo run -p listings-01-async-await --bin hello`.

// ANCHOR: main
use listings_01_async_await::hello::page_length;

#[tokio::main]
async fn main() {
    let length = page_length("/home").await;
    println!("the page has {length} bytes");
}
// ANCHOR_END: main

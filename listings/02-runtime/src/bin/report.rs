//! `cargo run -p listings-02-runtime --bin report`: the chapter's program, with
//! `#[tokio::main]`.

// ANCHOR: main
use listings_02_runtime::app::profile_line;

#[tokio::main]
async fn main() {
    match profile_line(1).await {
        Some(line) => println!("{line}"),
        None => println!("no such user"),
    }
}
// ANCHOR_END: main

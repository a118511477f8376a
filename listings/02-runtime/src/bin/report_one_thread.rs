//! `cargo run -p listings-02-runtime --bin report_one_thread`: a current-thread
//! runtime, and a `main` that can fail.

use listings_02_runtime::app::profile_line;

// ANCHOR: main
#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), String> {
    let line = profile_line(1).await.ok_or("user 1 not found")?;
    println!("{line}");
    Ok(())
}
// ANCHOR_END: main

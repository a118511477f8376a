//! `cargo run -p listings-02-runtime --bin report_expanded`: the same program, with
//! the attribute written out.

use listings_02_runtime::app::profile_line;

// ANCHOR: main
fn main() {
    let body = async {
        match profile_line(1).await {
            Some(line) => println!("{line}"),
            None => println!("no such user"),
        }
    };
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("Failed building the Runtime")
        .block_on(body)
}
// ANCHOR_END: main

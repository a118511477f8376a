// ANCHOR: all
async fn fetch() -> u32 {
    42
}

fn main() {
    let n = fetch().await; // `main` is not async
    println!("{n}");
}
// ANCHOR_END: all

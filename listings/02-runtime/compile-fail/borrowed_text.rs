// ANCHOR: all
async fn count_words(text: &str) -> usize {
    let job = tokio::task::spawn_blocking(|| text.split_whitespace().count());
    job.await.unwrap()
}
// ANCHOR_END: all

fn main() {
    let _ = count_words("the closure must own what it uses");
}

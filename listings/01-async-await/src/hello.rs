//! Your first `async fn` and `.await`.

use std::time::Duration;

// ANCHOR: async_fn
/// Pretends to download a page: waits 200 ms, then returns its text.
pub async fn download(url: &str) -> String {
    tokio::time::sleep(Duration::from_millis(200)).await;
    format!("<html>{url}</html>")
}

/// Downloads a page and measures it. It can await `download` because it is itself `async`.
pub async fn page_length(url: &str) -> usize {
    let body = download(url).await;
    body.len()
}
// ANCHOR_END: async_fn

#[cfg(test)]
mod tests {
    use super::*;

    // ANCHOR: paused_test
    #[tokio::test(start_paused = true)]
    async fn page_length_waits_for_the_download() {
        let start = tokio::time::Instant::now();
        assert_eq!(page_length("/home").await, "<html>/home</html>".len());
        assert_eq!(start.elapsed(), Duration::from_millis(200)); // virtual time: exact
    }
    // ANCHOR_END: paused_test
}

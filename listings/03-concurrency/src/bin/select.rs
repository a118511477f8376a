//! `select!` keeps the first answer and drops the slower request: `cargo run -p
//! listings-03-concurrency --bin select`. It uses only std and tokio, so the book
//! runs it in the Rust playground as it is.

// ANCHOR: program
use std::time::{Duration, Instant};

/// Pretends to fetch a page from one of the servers: waits `ms`, then returns its
/// text.
async fn fetch_page(url: &str, ms: u64) -> String {
    tokio::time::sleep(Duration::from_millis(ms)).await;
    format!("<html>{url}</html>")
}

/// Asks the origin and the mirror at once and keeps the first answer. The other
/// request is dropped, unfinished.
async fn first_answer(
    url: &str,
    origin_ms: u64,
    mirror_ms: u64,
) -> (&'static str, String) {
    tokio::select! {
        page = fetch_page(url, origin_ms) => ("origin", page),
        page = fetch_page(url, mirror_ms) => ("mirror", page),
    }
}

#[tokio::main]
async fn main() {
    // Latencies of the origin and the mirror: each server is faster for one of the
    // pages.
    for (url, origin_ms, mirror_ms) in [("/home", 300, 120), ("/about", 100, 400)] {
        let started = Instant::now();
        let (server, page) = first_answer(url, origin_ms, mirror_ms).await;
        println!("{page} from the {server} in {:.1?}", started.elapsed());
    }
}
// ANCHOR_END: program

#[cfg(test)]
mod tests {
    use tokio::time::Instant;

    use super::*;

    #[tokio::test(start_paused = true)]
    async fn the_faster_server_wins_and_nobody_waits_for_the_other() {
        let started = Instant::now();
        assert_eq!(
            first_answer("/home", 300, 120).await,
            ("mirror", "<html>/home</html>".to_string())
        );
        assert_eq!(
            started.elapsed(),
            Duration::from_millis(120),
            "the mirror's time, not the origin's 300 ms"
        );

        let started = Instant::now();
        assert_eq!(
            first_answer("/about", 100, 400).await,
            ("origin", "<html>/about</html>".to_string())
        );
        assert_eq!(
            started.elapsed(),
            Duration::from_millis(100),
            "the origin's time, not the mirror's 400 ms"
        );
    }
}

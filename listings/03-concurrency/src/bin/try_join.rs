//! `try_join!` returns the first error at once; `join!` waits for everything: `cargo
//! run -p listings-03-concurrency --bin try_join`. It uses only std and tokio, so the
//! book runs it in the Rust playground as it is.

// ANCHOR: program
use std::time::{Duration, Instant};

/// Pretends to fetch a page: waits `ms`, then returns its text, or a 404 for `/nope`.
async fn fetch_page(url: &str, ms: u64) -> Result<String, String> {
    tokio::time::sleep(Duration::from_millis(ms)).await;
    println!("  {url} answered"); // a dropped (cancelled) fetch never gets here
    if url == "/nope" {
        Err(format!("404 Not Found: {url}"))
    } else {
        Ok(format!("<html>{url}</html>"))
    }
}

async fn join_then_check() -> Result<(String, String), String> {
    let (blog, missing) =
        tokio::join!(fetch_page("/blog", 500), fetch_page("/nope", 100));
    Ok((blog?, missing?))
}

async fn fail_fast() -> Result<(String, String), String> {
    tokio::try_join!(fetch_page("/blog", 500), fetch_page("/nope", 100))
}

#[tokio::main]
async fn main() {
    let started = Instant::now();
    let result = join_then_check().await;
    println!("join! then ?: {result:?} after {:.1?}", started.elapsed());

    let started = Instant::now();
    let result = fail_fast().await;
    println!("try_join!:    {result:?} after {:.1?}", started.elapsed());
}
// ANCHOR_END: program

#[cfg(test)]
mod tests {
    use tokio::time::Instant;

    use super::*;

    const NOT_FOUND: &str = "404 Not Found: /nope";

    #[tokio::test(start_paused = true)]
    async fn join_waits_for_the_blog_before_anyone_looks_at_the_error() {
        let started = Instant::now();
        assert_eq!(join_then_check().await, Err(NOT_FOUND.to_string()));
        assert_eq!(
            started.elapsed(),
            Duration::from_millis(500),
            "join! waits for the slow blog too"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn try_join_returns_the_first_error_at_once() {
        let started = Instant::now();
        assert_eq!(fail_fast().await, Err(NOT_FOUND.to_string()));
        assert_eq!(
            started.elapsed(),
            Duration::from_millis(100),
            "try_join! returns when /nope fails"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn try_join_gives_every_output_when_all_succeed() {
        let started = Instant::now();
        let both =
            tokio::try_join!(fetch_page("/blog", 500), fetch_page("/menu", 200));
        assert_eq!(
            both,
            Ok(("<html>/blog</html>".to_string(), "<html>/menu</html>".to_string()))
        );
        assert_eq!(
            started.elapsed(),
            Duration::from_millis(500),
            "with no error, it waits for the slowest"
        );
    }
}

//! `join!` against one `.await` after another: `cargo run -p listings-03-concurrency
//! --bin join`. It uses only std and tokio, so the book runs it in the Rust
//! playground as it is.

// ANCHOR: program
use std::time::{Duration, Instant};

/// Pretends to fetch a page from the café's website: waits `ms`, then returns its
/// text.
async fn fetch_page(url: &str, ms: u64) -> String {
    tokio::time::sleep(Duration::from_millis(ms)).await;
    format!("<html>{url}</html>")
}

async fn one_by_one() -> (String, String) {
    let home = fetch_page("/home", 300).await;
    // not even started until the home page is in
    let menu = fetch_page("/menu", 200).await;
    (home, menu)
}

async fn together() -> (String, String) {
    // Both requests leave at once; the outputs come back in the order written, not
    // the order they finished.
    tokio::join!(fetch_page("/home", 300), fetch_page("/menu", 200))
}

#[tokio::main]
async fn main() {
    let started = Instant::now();
    let (home, menu) = one_by_one().await;
    println!("one by one: {home} {menu} in {:.1?}", started.elapsed());

    let started = Instant::now();
    let (home, menu) = together().await;
    println!("together:   {home} {menu} in {:.1?}", started.elapsed());
}
// ANCHOR_END: program

#[cfg(test)]
mod tests {
    use tokio::time::Instant;

    use super::*;

    const PAGES: (&str, &str) = ("<html>/home</html>", "<html>/menu</html>");

    #[tokio::test(start_paused = true)]
    async fn one_by_one_adds_the_waits_up() {
        let started = Instant::now();
        let (home, menu) = one_by_one().await;
        assert_eq!((home.as_str(), menu.as_str()), PAGES, "the pages, home first");
        assert_eq!(
            started.elapsed(),
            Duration::from_millis(500),
            "one after the other: 300 + 200 ms"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn join_takes_as_long_as_the_slowest_and_keeps_the_order() {
        let started = Instant::now();
        let (home, menu) = together().await;
        assert_eq!(
            (home.as_str(), menu.as_str()),
            PAGES,
            "the order written, although the menu is in first"
        );
        assert_eq!(
            started.elapsed(),
            Duration::from_millis(300),
            "together: the slower page, 300 ms"
        );
    }
}

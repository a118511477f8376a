//! `timeout` puts a deadline on a future, and drops it where it stands when the
//! deadline comes: `cargo run -p listings-03-concurrency --bin timeout`. It uses only
//! std and tokio, so the book runs it in the Rust playground as it is.

// ANCHOR: program
use std::time::{Duration, Instant};

use tokio::time::{error::Elapsed, sleep, timeout};

/// Pretends to fetch a page: waits `ms`, then returns its text.
async fn fetch_page(url: &str, ms: u64) -> String {
    sleep(Duration::from_millis(ms)).await;
    format!("<html>{url}</html>")
}

/// The page if it arrives within 300 ms, as soon as it arrives; otherwise
/// `Err(Elapsed)` at 300 ms.
async fn fetch_within_300ms(url: &str, ms: u64) -> Result<String, Elapsed> {
    timeout(Duration::from_millis(300), fetch_page(url, ms)).await
}

/// Moves money in two steps, and logs each one. A deadline at 150 ms stops it between
/// them.
async fn impatient_transfer() -> Vec<&'static str> {
    let mut log = Vec::new();
    let transfer = async {
        sleep(Duration::from_millis(100)).await;
        log.push("debited Ada");
        sleep(Duration::from_millis(100)).await; // the deadline drops the future here
        log.push("credited Grace");
    };
    let _ = timeout(Duration::from_millis(150), transfer).await;
    log
}

#[tokio::main]
async fn main() {
    for (url, ms) in [("/menu", 200), ("/archive", 2000)] {
        let started = Instant::now();
        let answer = fetch_within_300ms(url, ms).await;
        println!("{url}: {answer:?} after {:.1?}", started.elapsed());
    }
    println!("transfer: {:?}", impatient_transfer().await);
}
// ANCHOR_END: program

#[cfg(test)]
mod tests {
    use tokio::time::Instant;

    use super::*;

    #[tokio::test(start_paused = true)]
    async fn an_answer_in_time_comes_back_at_once() {
        let started = Instant::now();
        assert_eq!(
            fetch_within_300ms("/menu", 200).await,
            Ok("<html>/menu</html>".to_string())
        );
        assert_eq!(
            started.elapsed(),
            Duration::from_millis(200),
            "a deadline is a maximum, not a wait"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_late_answer_is_given_up_at_the_deadline() {
        let started = Instant::now();
        assert!(
            fetch_within_300ms("/archive", 2000).await.is_err(),
            "the archive takes 2 s: it must time out"
        );
        assert_eq!(
            started.elapsed(),
            Duration::from_millis(300),
            "the timeout must fire at 300 ms, not later"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn the_transfer_stops_halfway() {
        let started = Instant::now();
        assert_eq!(
            impatient_transfer().await,
            ["debited Ada"],
            "only the step before the deadline happened"
        );
        assert_eq!(
            started.elapsed(),
            Duration::from_millis(150),
            "dropped at the deadline"
        );
    }
}

//! `tokio::time::timeout`: a race against the clock.

use std::time::Duration;

use sim::journal::work;
use sim::web::{FetchError, Page, fetch_page};

// ANCHOR: timeout
/// The archive page, if the origin serves it within `limit`.
pub async fn archive_within(limit: Duration) -> Result<Page, FetchError> {
    match tokio::time::timeout(limit, fetch_page("/archive")).await {
        // the fetch finished in time: its own `Ok(page)` or `Err(..)`
        Ok(answer) => answer,
        // the fetch was dropped
        Err(_elapsed) => Err(FetchError::TimedOut("/archive".to_string())),
    }
}
// ANCHOR_END: timeout

// ANCHOR: by_hand
/// The same, written as a race against a sleep.
pub async fn archive_within_by_hand(limit: Duration) -> Result<Page, FetchError> {
    tokio::select! {
        answer = fetch_page("/archive") => answer,
        _ = tokio::time::sleep(limit) => {
            Err(FetchError::TimedOut("/archive".to_string()))
        }
    }
}
// ANCHOR_END: by_hand

// ANCHOR: half_done
/// Moves money in two steps. Dropped between them, it has taken the money and not
/// delivered it.
pub async fn transfer(log: &mut Vec<&'static str>) {
    work("debit Ada", Duration::from_millis(100)).await;
    log.push("debited Ada");
    work("credit Grace", Duration::from_millis(100)).await;
    log.push("credited Grace");
}

pub async fn impatient_transfer() -> Vec<&'static str> {
    let mut log = Vec::new();
    let _ =
        tokio::time::timeout(Duration::from_millis(150), transfer(&mut log)).await;
    log // ["debited Ada"]: the credit step was cancelled halfway
}
// ANCHOR_END: half_done

#[cfg(test)]
mod tests {
    use sim::journal;
    use tokio::time::Instant;

    use super::*;

    const fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    async fn check<F: Future<Output = Result<Page, FetchError>>>(
        f: impl Fn(Duration) -> F,
    ) {
        journal::reset();
        let start = Instant::now();
        assert_eq!(f(ms(500)).await, Err(FetchError::TimedOut("/archive".into())));
        assert_eq!(start.elapsed(), ms(500));
        let span = &journal::spans()[0];
        assert_eq!((span.end, span.cancelled), (Some(ms(500)), true));

        let start = Instant::now();
        assert_eq!(f(Duration::from_secs(3)).await.unwrap().url, "/archive");
        assert_eq!(
            start.elapsed(),
            Duration::from_secs(2),
            "an answer in time comes back at once"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn in_time_or_timed_out() {
        check(archive_within).await;
        check(archive_within_by_hand).await;
    }

    #[tokio::test(start_paused = true)]
    async fn a_timeout_can_stop_work_halfway() {
        journal::reset();
        assert_eq!(impatient_transfer().await, ["debited Ada"]);
        let credit = &journal::spans()[1];
        assert_eq!(
            (credit.name.as_str(), credit.end, credit.cancelled),
            ("credit Grace", Some(ms(150)), true)
        );
    }
}

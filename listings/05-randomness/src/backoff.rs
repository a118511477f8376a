//! Why retries need jitter: a herd of clients that all failed at the same moment.

use std::time::Duration;

use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use tokio::time::Instant;

// ANCHOR: herd
/// `clients` clients all fail at the same moment and retry after `wait`: either
/// exactly 1 s, or a random time up to 1 s ("full jitter"). Returns the moment each
/// retry reaches the server.
pub async fn herd(clients: u64, jitter: bool) -> Vec<Duration> {
    let start = Instant::now();
    let mut handles = Vec::new();
    for client in 0..clients {
        let mut rng = StdRng::seed_from_u64(client);
        handles.push(tokio::spawn(async move {
            let ceiling = Duration::from_secs(1);
            let wait = if jitter {
                rng.random_range(Duration::ZERO..=ceiling)
            } else {
                ceiling
            };
            tokio::time::sleep(wait).await;
            start.elapsed() // the retry arrives now
        }));
    }
    let mut arrivals = Vec::new();
    for handle in handles {
        arrivals.push(handle.await.expect("a client panicked"));
    }
    arrivals
}
// ANCHOR_END: herd

/// The largest number of retries that reach the server in the same 100 ms window.
pub fn busiest_100ms(arrivals: &[Duration]) -> usize {
    let mut per_window = std::collections::HashMap::new();
    for a in arrivals {
        *per_window.entry(a.as_millis() / 100).or_insert(0) += 1;
    }
    per_window.into_values().max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn without_jitter_the_whole_herd_comes_back_at_once() {
        let arrivals = herd(100, false).await;
        assert!(arrivals.iter().all(|&a| a == Duration::from_secs(1)));
        assert_eq!(busiest_100ms(&arrivals), 100);
    }

    #[tokio::test(start_paused = true)]
    async fn with_full_jitter_the_retries_spread_out() {
        let arrivals = herd(100, true).await;
        assert!(arrivals.iter().all(|&a| a <= Duration::from_millis(1001)));
        // 100 retries over ten 100 ms windows: 10 each on average. The seeds are
        // fixed, so this is deterministic (for a given version of rand); the page
        // quotes the bound.
        let busiest = busiest_100ms(&arrivals);
        assert!(busiest <= 20, "the busiest 100 ms window got {busiest} retries");
        let windows = arrivals
            .iter()
            .map(|a| a.as_millis() / 100)
            .collect::<std::collections::HashSet<_>>();
        assert!(
            windows.len() >= 10,
            "the retries should reach every 100 ms window of the second"
        );
    }

    #[test]
    fn doubling_overflows_unless_it_saturates() {
        // `2u32.pow(32)` panics in a debug build...
        assert_eq!(2u32.checked_pow(32), None);
        assert_eq!(2u32.wrapping_pow(32), 0); // ...and wraps to 0 in a release build
        assert_eq!(2u32.saturating_pow(32), u32::MAX);
        let base = Duration::from_secs(3600);
        assert_eq!(
            base.checked_mul(u32::MAX),
            Some(Duration::from_secs(3600 * u32::MAX as u64))
        );
        let huge = Duration::from_secs(u64::MAX / 2);
        assert_eq!(huge.checked_mul(4), None);
        assert_eq!(huge.saturating_mul(4), Duration::MAX);
        let capped = huge.saturating_mul(4).min(Duration::from_secs(60));
        assert_eq!(capped, Duration::from_secs(60));
    }

    #[test]
    #[should_panic(expected = "overflow")]
    fn multiplying_a_duration_past_its_range_panics() {
        let huge = Duration::from_secs(u64::MAX / 2);
        let _ = huge * 4;
    }
}
